//! The newsroom's comment moderation queue over real HTTP: who may open it,
//! each decision one by one and in bulk, the audit log, CSRF, staff replies,
//! the word lists, closing an article's comments, and hostile text in the
//! queue itself.

use crate::common;
use crate::kit::comments as kit;

use common::*;
use khabar_core::Role;
use kit::*;
use scraper::Html;

/// A signed-in newsroom browser for a fresh account of `role`.
async fn staff(s: &Site, email: &str, name: &str, role: Role) -> Browser {
    add_user(&s.server, email, name, role).await;
    let mut b = Browser::new();
    b.login(&s.server, email, PASSWORD).await;
    b
}

async fn html(res: reqwest::Response) -> Html {
    Html::parse_document(&res.text().await.expect("body"))
}

/// A queue page as `b` sees it; asserts 200 and no-store.
async fn queue(s: &Site, b: &Browser, path: &str) -> Html {
    let res = b.get(&s.server, path).await;
    assert_eq!(res.status(), 200, "GET {path}");
    assert_eq!(res.headers()["cache-control"], "no-store", "GET {path}");
    html(res).await
}

/// Three held comments (first-time commenters), newest last; their ids.
async fn three_held(s: &Site) -> Vec<i64> {
    let mut ids = Vec::new();
    for (name, body) in [
        ("هالة", "تغطية ممتازة للحدث."),
        ("منى", "أين مصدر هذه الأرقام؟"),
        ("علي", "أتفق مع الكاتب تمامًا."),
    ] {
        let (status, v) = comment(s, name, "", body).await;
        assert_eq!(status, 202, "{v}");
        ids.push(v["id"].as_i64().expect("a held comment has an id"));
    }
    ids
}

fn row_ids(doc: &Html) -> Vec<i64> {
    doc.select(&sel(".nr-cm"))
        .filter_map(|e| e.value().attr("id"))
        .filter_map(|id| id.strip_prefix("c-")?.parse().ok())
        .collect()
}

/// The audit log's (action, target) pairs, newest first.
async fn audit_lines(s: &Site, admin: &Browser) -> Vec<(String, String)> {
    let doc = queue(s, admin, "/newsroom/audit").await;
    doc.select(&sel(".nr-table tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr
                .select(&sel("td"))
                .map(|td| td.text().collect::<String>())
                .collect();
            (cells[2].clone(), cells[3].clone())
        })
        .collect()
}

#[tokio::test]
async fn only_moderating_roles_open_the_queue() {
    let s = site(|_| {}).await;
    let cases = [
        ("a@example.com", Role::Admin, 200),
        ("e@example.com", Role::Editor, 200),
        ("m@example.com", Role::Moderator, 200),
        ("w@example.com", Role::Author, 403),
    ];
    for (email, role, want) in cases {
        let b = staff(&s, email, "حساب", role).await;
        for path in ["/newsroom/comments", "/newsroom/comments/words"] {
            let res = b.get(&s.server, path).await;
            assert_eq!(res.status().as_u16(), want, "{role:?} GET {path}");
        }
        let doc = html(b.get(&s.server, "/newsroom/comments").await).await;
        let link = count(&doc, ".nr-nav a[href='/newsroom/comments']");
        assert_eq!(link, usize::from(want == 200), "{role:?}: header link");
    }
    // An author cannot decide either, even with a valid form token.
    let author = {
        let mut b = Browser::new();
        b.login(&s.server, "w@example.com", PASSWORD).await;
        b
    };
    let csrf = author.csrf(&s.server, "/newsroom/").await;
    let res = author
        .post(
            &s.server,
            "/newsroom/comments/moderate",
            &[("csrf", &csrf), ("one", "approve:1")],
        )
        .await;
    assert_eq!(res.status(), 403);
    // Signed out: to the sign-in page, and back to the queue after it.
    let res = get(&s.server, "/newsroom/comments").await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .contains("next=%2Fnewsroom%2Fcomments")
    );
    // A moderator has no article table: signing in lands on the queue.
    let res = client()
        .post(s.server.url("/newsroom/login"))
        .form(&[("email", "m@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/newsroom/comments");
}

#[tokio::test]
async fn decisions_one_by_one_and_in_bulk_change_status_page_and_audit_log() {
    let s = site(|_| {}).await;
    let ids = three_held(&s).await;
    let admin = staff(&s, "a@example.com", "رئيسة التحرير", Role::Admin).await;
    let doc = queue(&s, &admin, "/newsroom/comments").await;
    // Pending first, newest first, with the plural in the tab.
    assert_eq!(row_ids(&doc), [ids[2], ids[1], ids[0]]);
    assert_eq!(
        text(&doc, ".nr-tab-current"),
        "بانتظار المراجعة (3 تعليقات)"
    );
    assert_eq!(text(&doc, ".nr-cm-reason"), "سياسة الإشراف");
    assert_eq!(
        attr(&doc, ".nr-cm-author", "dir").as_deref(),
        Some("auto"),
        "names are isolated"
    );
    let csrf = attr(&doc, "input[name=csrf]", "value").unwrap();

    // One comment, by its row's button.
    let approve = format!("approve:{}", ids[0]);
    let res = admin
        .post(
            &s.server,
            "/newsroom/comments/moderate",
            &[("csrf", &csrf), ("status", "pending"), ("one", &approve)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(back, "/newsroom/comments?status=pending&done=approve&n=1");
    let doc = queue(&s, &admin, &back).await;
    assert_eq!(text(&doc, ".nr-notice"), "نُشر تعليق واحد.");
    assert_eq!(row_ids(&doc), [ids[2], ids[1]]);
    let article = page(&s.server, &s.path, 200).await;
    assert_eq!(text(&article, ".comment-body"), "تغطية ممتازة للحدث.");

    // The two others, ticked, as spam; then one of them removed.
    let (a, b) = (ids[1].to_string(), ids[2].to_string());
    let res = admin
        .post(
            &s.server,
            "/newsroom/comments/moderate",
            &[("csrf", &csrf), ("id", &a), ("id", &b), ("action", "spam")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let doc = queue(&s, &admin, res.headers()["location"].to_str().unwrap()).await;
    assert_eq!(text(&doc, ".nr-notice"), "نُقل تعليقان إلى المزعجة.");
    assert!(row_ids(&doc).is_empty(), "nothing pending");
    let doc = queue(&s, &admin, "/newsroom/comments?status=spam").await;
    assert_eq!(row_ids(&doc), [ids[2], ids[1]]);
    let remove = format!("remove:{}", ids[1]);
    admin
        .post(
            &s.server,
            "/newsroom/comments/moderate",
            &[("csrf", &csrf), ("status", "spam"), ("one", &remove)],
        )
        .await;
    let doc = queue(&s, &admin, "/newsroom/comments?status=removed").await;
    assert_eq!(row_ids(&doc), [ids[1]]);
    assert_eq!(text(&doc, ".nr-cm-status-removed"), "أزاله فريق التحرير");
    assert_eq!(
        text(&doc, ".nr-cm-body"),
        "أين مصدر هذه الأرقام؟",
        "a removed comment keeps its text for staff"
    );
    let tabs: Vec<String> = doc
        .select(&sel(".nr-tab"))
        .map(|t| t.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(
        tabs,
        [
            "بانتظار المراجعة (لا تعليقات)",
            "المنشورة (تعليق واحد)",
            "المزعجة (تعليق واحد)",
            "أزالها فريق التحرير (تعليق واحد)",
            "حذفها أصحابها (لا تعليقات)",
        ]
    );

    // Each decision is a line of the audit log, naming its comment.
    let log = audit_lines(&s, &admin).await;
    for (action, id) in [
        ("comment_approve", ids[0]),
        ("comment_spam", ids[1]),
        ("comment_spam", ids[2]),
        ("comment_remove", ids[1]),
    ] {
        let line = (action.to_string(), format!("comment:{id}"));
        assert!(log.contains(&line), "{line:?} in {log:?}");
    }

    // Nothing ticked: the queue again with a message, nothing changes.
    let res = admin
        .post(
            &s.server,
            "/newsroom/comments/moderate",
            &[("csrf", &csrf), ("status", "spam"), ("action", "approve")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let doc = html(res).await;
    assert!(text(&doc, ".nr-error").starts_with("لم تختر أي تعليق"));
    assert_eq!(row_ids(&doc), [ids[2]]);
    // Made-up actions and ids are refused.
    for form in [
        [("csrf", csrf.as_str()), ("one", "publish:1")],
        [("csrf", csrf.as_str()), ("one", "approve:abc")],
    ] {
        let res = admin
            .post(&s.server, "/newsroom/comments/moderate", &form)
            .await;
        assert_eq!(res.status(), 400, "{form:?}");
    }
}

#[tokio::test]
async fn decisions_need_the_form_token_and_the_same_origin() {
    let s = site(|_| {}).await;
    let ids = three_held(&s).await;
    let m = staff(&s, "m@example.com", "مشرف", Role::Moderator).await;
    let csrf = m.csrf(&s.server, "/newsroom/comments").await;
    let one = format!("approve:{}", ids[0]);
    for token in ["", "0000", &"a".repeat(64)] {
        let res = m
            .post(
                &s.server,
                "/newsroom/comments/moderate",
                &[("csrf", token), ("one", &one)],
            )
            .await;
        assert_eq!(res.status(), 403, "token {token:?}");
    }
    let res = m
        .client
        .post(s.server.url("/newsroom/comments/moderate"))
        .header("cookie", m.cookie.clone().unwrap())
        .header("origin", "https://evil.example")
        .form(&[("csrf", csrf.as_str()), ("one", one.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "another site's page");
    let reply = format!("/newsroom/comments/{}/reply", ids[0]);
    let res = m
        .post(&s.server, &reply, &[("csrf", "x"), ("body", "رد")])
        .await;
    assert_eq!(res.status(), 403, "a reply without the token");
    assert_eq!(newest(&s).await.0, "pending", "nothing changed");
    let doc = queue(&s, &m, "/newsroom/comments").await;
    assert_eq!(row_ids(&doc).len(), 3);
}

#[tokio::test]
async fn a_moderator_reply_is_published_at_once_with_a_staff_badge() {
    let s = site(|_| {}).await;
    let ids = three_held(&s).await;
    approve(&s, &ids[..1]).await;
    let m = staff(&s, "m@example.com", "سلمى من فريق التحرير", Role::Moderator).await;
    let doc = queue(&s, &m, "/newsroom/comments?status=approved").await;
    assert_eq!(count(&doc, "details.nr-cm-reply"), 1);
    let csrf = attr(&doc, "input[name=csrf]", "value").unwrap();
    let path = format!("/newsroom/comments/{}/reply", ids[0]);

    // Refused: empty, too long — the queue again, the text kept by its comment.
    let long = "ب".repeat(3_001);
    for (body, status, message) in [
        ("   ", 422, "اكتب نص الرد قبل نشره."),
        (long.as_str(), 422, "التعليق أطول من المسموح به"),
    ] {
        let res = m
            .post(
                &s.server,
                &path,
                &[("csrf", &csrf), ("status", "approved"), ("body", body)],
            )
            .await;
        assert_eq!(res.status().as_u16(), status);
        let doc = html(res).await;
        let sel_err = format!("#reply-error-{}", ids[0]);
        assert!(
            text(&doc, &sel_err).starts_with(message),
            "{}",
            text(&doc, &sel_err)
        );
        let typed = format!("#reply-{}", ids[0]);
        assert_eq!(
            doc.select(&sel(&typed))
                .next()
                .unwrap()
                .text()
                .collect::<String>(),
            body,
            "what the moderator typed is kept"
        );
        assert_eq!(
            attr(&doc, "details.nr-cm-reply", "open").as_deref(),
            Some("")
        );
    }
    // A comment that is not published cannot be answered.
    let pending = format!("/newsroom/comments/{}/reply", ids[1]);
    let res = m
        .post(&s.server, &pending, &[("csrf", &csrf), ("body", "رد")])
        .await;
    assert_eq!(res.status(), 409);

    let res = m
        .post(
            &s.server,
            &path,
            &[
                ("csrf", &csrf),
                ("status", "approved"),
                ("body", "شكرًا لك، صحّحنا الرقم في الفقرة الثانية."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let doc = page(&s.server, &s.path, 200).await;
    let reply = doc
        .select(&sel(".comment-replies .comment"))
        .next()
        .expect("the reply under the comment");
    let reply_html = Html::parse_fragment(&reply.html());
    assert_eq!(text(&reply_html, ".comment-author"), "سلمى من فريق التحرير");
    assert_eq!(text(&reply_html, ".comment-badge"), "من فريق التحرير");
    assert_eq!(count(&reply_html, ".comment-staff"), 1);
    assert_eq!(text(&doc, ".comments-count"), "(تعليقان)");
    // The API says so too, and a reply to the reply joins the same thread.
    let api: serde_json::Value = get(
        &s.server,
        &format!("/api/v1/articles/{}/comments", s.article),
    )
    .await
    .json()
    .await
    .unwrap();
    let staff_reply = &api["items"][0]["replies"][0];
    assert_eq!(staff_reply["is_staff"], true);
    let again = format!("/newsroom/comments/{}/reply", staff_reply["id"]);
    let res = m
        .post(
            &s.server,
            &again,
            &[("csrf", &csrf), ("body", "وأضيف توضيحًا.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let doc = page(&s.server, &s.path, 200).await;
    assert_eq!(count(&doc, ".comment-list > li"), 1, "two levels at most");
    assert_eq!(count(&doc, ".comment-replies .comment-staff"), 2);
    let admin = staff(&s, "a@example.com", "مديرة", Role::Admin).await;
    let log = audit_lines(&s, &admin).await;
    assert_eq!(
        log.iter().filter(|(a, _)| a == "comment_reply").count(),
        2,
        "{log:?}"
    );
}

#[tokio::test]
async fn word_lists_are_kept_on_their_page_and_hold_comments() {
    let s = site(|_| {}).await;
    let m = staff(&s, "m@example.com", "مشرف", Role::Moderator).await;
    let csrf = m.csrf(&s.server, "/newsroom/comments/words").await;
    // Refused: nothing to match, too long, unknown action; the text is kept.
    let long = "ك".repeat(101);
    for (phrase, action, field) in [
        ("  ،؛!  ", "hold", "#e-phrase"),
        (long.as_str(), "hold", "#e-phrase"),
        ("ربح سريع", "delete", "#e-action"),
    ] {
        let res = m
            .post(
                &s.server,
                "/newsroom/comments/words",
                &[("csrf", &csrf), ("phrase", phrase), ("action", action)],
            )
            .await;
        assert_eq!(res.status(), 422, "{phrase}");
        let doc = html(res).await;
        assert!(!text(&doc, field).is_empty(), "a message at {field}");
        assert_eq!(attr(&doc, "#w-phrase", "value").as_deref(), Some(phrase));
    }
    for (phrase, action) in [("القِمار", "spam"), ("ربح سريع", "hold")] {
        let res = m
            .post(
                &s.server,
                "/newsroom/comments/words",
                &[("csrf", &csrf), ("phrase", phrase), ("action", action)],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let doc = queue(&s, &m, "/newsroom/comments/words?done=added").await;
    assert_eq!(text(&doc, ".nr-notice"), "حُفظت العبارة.");
    assert_eq!(count(&doc, ".nr-cm-words tbody tr"), 2);
    // The lists work on the next comment.
    comment(&s, "زائر", "", "موقع للقمار والرهان").await;
    assert_eq!(newest(&s).await, ("spam".into(), Some("word_list".into())));
    let res = m
        .post(
            &s.server,
            "/newsroom/comments/words/remove",
            &[("csrf", &csrf), ("phrase", "القِمار")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = m
        .post(
            &s.server,
            "/newsroom/comments/words/remove",
            &[("csrf", &csrf), ("phrase", "غير موجودة")],
        )
        .await;
    assert_eq!(res.status(), 404);
    let doc = queue(&s, &m, "/newsroom/comments/words").await;
    assert_eq!(text(&doc, ".nr-cm-words tbody td"), "ربح سريع");
}

#[tokio::test]
async fn an_article_s_comments_close_and_open_from_the_queue() {
    let s = site(|_| {}).await;
    let ids = three_held(&s).await;
    let e = staff(&s, "e@example.com", "محرر", Role::Editor).await;
    let doc = queue(&s, &e, "/newsroom/comments").await;
    let filter = attr(&doc, ".nr-cm-on a + a", "href").unwrap();
    let doc = queue(&s, &e, &filter).await;
    assert_eq!(text(&doc, ".nr-cm-article strong"), "باب التعليق مفتوح");
    assert_eq!(row_ids(&doc).len(), ids.len());
    let csrf = attr(&doc, "input[name=csrf]", "value").unwrap();
    let action = attr(&doc, ".nr-cm-article form", "action").unwrap();
    let res = e
        .post(&s.server, &action, &[("csrf", &csrf), ("closed", "1")])
        .await;
    assert_eq!(res.status(), 303);
    let doc = queue(&s, &e, res.headers()["location"].to_str().unwrap()).await;
    assert_eq!(text(&doc, ".nr-cm-article strong"), "باب التعليق مغلق");
    assert_eq!(text(&doc, ".nr-notice"), "أُغلق باب التعليق على هذا المقال.");
    let article = page(&s.server, &s.path, 200).await;
    assert_eq!(count(&article, "form[data-comment-form]"), 0);
    let res = e
        .post(&s.server, &action, &[("csrf", &csrf), ("closed", "0")])
        .await;
    assert_eq!(res.status(), 303);
    let article = page(&s.server, &s.path, 200).await;
    assert_eq!(count(&article, "form[data-comment-form]"), 1);
    let res = e
        .post(
            &s.server,
            "/newsroom/comments/articles/999999/closed",
            &[("csrf", &csrf), ("closed", "1")],
        )
        .await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn hostile_text_is_escaped_in_the_queue() {
    let s = site(|_| {}).await;
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg/onload=alert(1)>",
        "</textarea><script>alert(1)</script>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "https://example.com/\"onmouseover=\"alert(1)",
    ];
    for (i, p) in payloads.iter().enumerate() {
        let (status, v) = comment(&s, &format!("{p}{i}"), "", &format!("{p} #{i}")).await;
        assert_eq!(status, 202, "{v}");
    }
    approve(&s, &[newest_id(&s).await]).await;
    let m = staff(&s, "m@example.com", "مشرف", Role::Moderator).await;
    for tab in ["pending", "approved"] {
        let doc = queue(&s, &m, &format!("/newsroom/comments?status={tab}")).await;
        for bad in [
            "main script",
            "main img",
            "main svg",
            "main [onerror]",
            "main [onload]",
            "main [onmouseover]",
            "main a[href^='javascript']",
        ] {
            assert_eq!(count(&doc, bad), 0, "{tab}: {bad}");
        }
        let names: Vec<String> = doc
            .select(&sel(".nr-cm-author"))
            .map(|e| e.text().collect())
            .collect();
        assert!(!names.is_empty());
        assert!(
            names
                .iter()
                .all(|n| payloads.iter().any(|p| n.starts_with(p))),
            "{names:?}"
        );
        // A reply form still holds exactly what the moderator would type.
        for t in doc.select(&sel("textarea")) {
            assert_eq!(t.text().collect::<String>(), "");
        }
    }
}

#[tokio::test]
async fn the_header_counts_pending_comments() {
    let s = site(|_| {}).await;
    three_held(&s).await;
    let m = staff(&s, "m@example.com", "مشرف", Role::Moderator).await;
    // The queue reads the counts; every page after it shows them.
    queue(&s, &m, "/newsroom/comments").await;
    let doc = queue(&s, &m, "/newsroom/comments/words").await;
    assert_eq!(text(&doc, ".nr-badge [aria-hidden]"), "3");
    assert_eq!(text(&doc, ".nr-badge .nr-sr"), "3 تعليقات بانتظار المراجعة");
    assert_eq!(
        count(&doc, ".nr-nav a[href='/newsroom/']"),
        0,
        "no article table for moderators"
    );
}
