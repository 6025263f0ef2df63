//! Every anti-spam rule of the comment form, and bad input: each gets a clear
//! code (or an Arabic page), never a 500, and the database stays writable.

use crate::common;
use crate::kit::comments as kit;

use common::*;
use khabar_comments::policy::Moderation;
use khabar_store::CommentStore;
use kit::*;
use serde_json::{Value, json};

fn new_article(title: &str, status: khabar_core::ArticleStatus) -> khabar_core::NewArticle {
    khabar_core::NewArticle {
        slug: khabar_arabic::slugify(title, 80),
        title: title.into(),
        lead: String::new(),
        body: "نص".into(),
        section: None,
        tags: vec![],
        author: None,
        source: None,
        status,
        published_at: (status == khabar_core::ArticleStatus::Published).then(jiff::Timestamp::now),
        cover: None,
    }
}

fn err(code: &str) -> Value {
    json!({ "error": code })
}

#[tokio::test]
async fn the_honeypot_stores_nothing_and_tells_the_bot_nothing() {
    let s = site(|_| {}).await;
    let t = token(&s, s.article).await;
    let (status, v) = post_json(
        &s,
        s.article,
        &json!({"token": t, "name": "bot", "body": "cheap pills", "website": "http://spam.example"}),
    )
    .await;
    assert_eq!((status, v["status"].as_str()), (202, Some("pending")));
    assert_eq!(comment_total(&s).await, 0);
}

#[tokio::test]
async fn the_time_token_is_signed_timed_and_single_use() {
    // Too fast: the default three seconds.
    let s = site(|c| c.min_seconds = 3).await;
    let t = token(&s, s.article).await;
    let body = json!({"token": t, "name": "سريع", "body": "أسرع من البشر"});
    assert_eq!(
        post_json(&s, s.article, &body).await,
        (400, err("too_fast"))
    );

    let s = site(|_| {}).await;
    // Missing, forged, for another article.
    let no_token = json!({"name": "علي", "body": "نص"});
    assert_eq!(
        post_json(&s, s.article, &no_token).await,
        (403, err("token_invalid"))
    );
    let forged = json!({"token": "1700000000.abcd.00ff", "name": "علي", "body": "نص"});
    assert_eq!(
        post_json(&s, s.article, &forged).await,
        (403, err("token_invalid"))
    );
    let other = token(&s, s.article).await;
    let list = api_articles(&s.server, "limit=2").await;
    let second = list["items"][1]["id"].as_i64().unwrap();
    let moved = json!({"token": other, "name": "علي", "body": "نص"});
    assert_eq!(
        post_json(&s, second, &moved).await,
        (403, err("token_invalid"))
    );

    // Too old: a token signed with the site's own secret, 25 hours ago.
    let secret = s.store.comment_secret(&[0; 32]).await.unwrap();
    let old = khabar_comments::token::sign(
        &secret,
        s.article,
        jiff::Timestamp::now().as_second() - 25 * 3600,
        b"old",
    );
    let stale = json!({"token": old, "name": "علي", "body": "نص"});
    assert_eq!(
        post_json(&s, s.article, &stale).await,
        (400, err("token_expired"))
    );

    // Single use.
    let t = token(&s, s.article).await;
    let first = json!({"token": t, "name": "علي", "body": "الأول"});
    assert_eq!(post_json(&s, s.article, &first).await.0, 202);
    let again = json!({"token": t, "name": "علي", "body": "الثاني"});
    assert_eq!(
        post_json(&s, s.article, &again).await,
        (403, err("token_used"))
    );
    assert_eq!(comment_total(&s).await, 1);
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after() {
    let s = site(|c| {
        c.rate.min_interval_secs = 15;
        c.rate.per_hour = 20;
    })
    .await;
    // A refused comment does not count: the reader may correct it at once.
    assert_eq!(comment(&s, "", "", "بلا اسم").await.0, 422);
    assert_eq!(comment(&s, "علي", "", "الأول").await.0, 202);
    let t = token(&s, s.article).await;
    let res = client()
        .post(
            s.server
                .url(&format!("/api/v1/articles/{}/comments", s.article)),
        )
        .json(&json!({"token": t, "name": "علي", "body": "الثاني"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15).contains(&wait), "{wait}");
    assert_eq!(res.json::<Value>().await.unwrap(), err("rate_limited"));

    // Without JavaScript: the Arabic error page, with the same header.
    let t = page_token(&s).await;
    let res = post_form(&s, &[("token", &t), ("name", "علي"), ("body", "الثالث")]).await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    let html = res.text().await.unwrap();
    assert!(html.contains("أرسلت تعليقات كثيرة في وقت قصير"), "{html}");

    // The hourly window, from a flood of distinct visitors on one network.
    let s = site(|c| c.rate.per_hour = 3).await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let t = token(&s, s.article).await;
        let res = client()
            .post(
                s.server
                    .url(&format!("/api/v1/articles/{}/comments", s.article)),
            )
            .header("user-agent", format!("bot {i}"))
            .json(&json!({"token": t, "name": "بوت", "body": format!("رسالة {i}")}))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, [202, 202, 202, 429, 429]);
    assert_eq!(comment_total(&s).await, 3);
}

#[tokio::test]
async fn links_hold_comments() {
    let s = site(|c| c.moderation = Moderation::None).await;
    comment(
        &s,
        "علي",
        "ali@example.com",
        "رابطان https://a.example و www.b.example",
    )
    .await;
    assert_eq!(newest(&s).await, ("pending".into(), Some("links".into())));
    comment(
        &s,
        "منى",
        "mona@example.com",
        "مصدر: https://a.example/report",
    )
    .await;
    assert_eq!(
        newest(&s).await,
        ("pending".into(), Some("first_time_link".into()))
    );
    // Once known, one link is fine.
    comment(&s, "منى", "mona@example.com", "تعليق بلا رابط").await;
    approve(&s, &[newest_id(&s).await]).await;
    let (status, _) = comment(&s, "منى", "mona@example.com", "مصدر آخر: https://c.example").await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn duplicates_from_one_commenter_are_refused() {
    let s = site(|_| {}).await;
    assert_eq!(
        comment(&s, "علي", "ali@example.com", "مقال رائع").await.0,
        202
    );
    // Same words, other harakat and spacing, on the same or another article.
    assert_eq!(
        comment(&s, "علي", "ali@example.com", "مقالٌ   رائعٌ").await,
        (409, err("duplicate"))
    );
    // Another commenter may say the same.
    assert_eq!(
        comment(&s, "منى", "mona@example.com", "مقال رائع").await.0,
        202
    );
}

#[tokio::test]
async fn word_lists_match_normalised_arabic() {
    let s = site(|c| c.moderation = Moderation::None).await;
    s.store.put_word("قمار", "قمار", "spam").await.unwrap();
    s.store
        .put_word("ربح سريع", "ربح سريع", "hold")
        .await
        .unwrap();
    comment(&s, "بوت", "", "أفضل موقع للقِمار").await;
    assert_eq!(newest(&s).await, ("spam".into(), Some("word_list".into())));
    comment(&s, "بوت", "", "طريقة رِبح سريع ومضمون").await;
    assert_eq!(
        newest(&s).await,
        ("pending".into(), Some("word_list".into()))
    );
    assert_eq!(
        comment(&s, "قارئ", "", "مقال عن الربح والخسارة").await.0,
        201
    );
}

#[tokio::test]
async fn the_spam_filter_learns_from_moderators_and_only_holds() {
    use khabar_store::comments::ModerationAction;
    // first_time: every first comment waits, so moderators decide on each.
    let s = site(|c| c.moderation = Moderation::FirstTime).await;
    let spam = [
        "اربح المال بسرعة من الكازينو اضغط الآن",
        "كازينو مجاني اربح الآن جوائز نقدية",
        "اربح جوائز الكازينو مجانا اليوم",
        "قروض سريعة اربح المال الآن",
        "الكازينو الأفضل اربح المال اليوم",
    ];
    let ham = [
        "مقال مفيد شكرا للكاتب على التحليل",
        "أختلف مع الكاتب في قراءة الميزانية",
        "شكرا على التغطية الدقيقة للأحداث",
        "متى تبدأ المرحلة الثانية من خطة النقل",
        "تحليل ممتاز للوضع الاقتصادي في المنطقة",
    ];
    let (mut spam_ids, mut ham_ids) = (Vec::new(), Vec::new());
    for (i, body) in spam.iter().enumerate() {
        comment(
            &s,
            &format!("بوت {i}"),
            &format!("bot{i}@example.com"),
            body,
        )
        .await;
        spam_ids.push(khabar_core::CommentId(newest_id(&s).await));
    }
    for (i, body) in ham.iter().enumerate() {
        comment(&s, &format!("قارئ {i}"), &format!("r{i}@example.com"), body).await;
        ham_ids.push(khabar_core::CommentId(newest_id(&s).await));
    }
    let now = jiff::Timestamp::now();
    // Before training, the filter says nothing: a known commenter is published.
    s.store
        .moderate(&ham_ids, ModerationAction::Approve, now)
        .await
        .unwrap();
    s.store
        .moderate(&spam_ids, ModerationAction::Spam, now)
        .await
        .unwrap();
    // A known commenter writing like the spam is held, not dropped.
    let (status, v) = comment(&s, "قارئ", "r0@example.com", "اربح المال من الكازينو الآن").await;
    assert_eq!((status, v["status"].as_str()), (202, Some("pending")));
    assert_eq!(newest(&s).await, ("pending".into(), Some("bayes".into())));
    let (status, _) = comment(&s, "قارئ", "r1@example.com", "شكرا للكاتب على هذا التحليل").await;
    assert_eq!(status, 201);
    // Un-learning: a spam verdict reversed moves the counts, never doubles them.
    s.store
        .moderate(&spam_ids, ModerationAction::Approve, now)
        .await
        .unwrap();
    let counts = s.store.bayes_counts(&["كازينو".to_string()]).await.unwrap();
    assert_eq!((counts.spam_docs, counts.ham_docs), (0, 10));
    assert!(
        counts.tokens.values().all(|(spam, _)| *spam == 0),
        "{counts:?}"
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let s = site(|_| {}).await;
    let url = s
        .server
        .url(&format!("/api/v1/articles/{}/comments", s.article));
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("origin", "null"),
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
    ] {
        let t = token(&s, s.article).await;
        let res = client()
            .post(&url)
            .header(name, value)
            .json(&json!({"token": t, "name": "علي", "body": "نص"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{name}: {value}");
    }
    let t = token(&s, s.article).await;
    let res = client()
        .post(&url)
        .header("origin", &s.server.base)
        .header("sec-fetch-site", "same-origin")
        .json(&json!({"token": t, "name": "علي", "body": "نص"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
}

#[tokio::test]
async fn bad_input_gets_a_code_never_a_500() {
    let s = site(|_| {}).await;
    let too_long = "ب".repeat(3_001);
    let zalgo = format!("a{}", "\u{0301}".repeat(10_000));
    let long_name = "ع".repeat(61);
    let cases: Vec<(&str, &str, String, Value)> = vec![
        ("empty name", "", "نص".into(), err("name_required")),
        (
            "blank name",
            " \u{202E} ",
            "نص".into(),
            err("name_required"),
        ),
        ("long name", &long_name, "نص".into(), err("name_too_long")),
        ("empty body", "علي", "   ".into(), err("body_required")),
        ("long body", "علي", too_long, err("body_too_long")),
        (
            "combining marks",
            "علي",
            format!("b{}", "\u{0651}".repeat(5)),
            err("too_many_combining_marks"),
        ),
        (
            "bell",
            "علي",
            "نص\u{0007}".into(),
            err("control_characters"),
        ),
        ("zalgo", "علي", zalgo, err("body_too_long")),
    ];
    for (what, name, body, want) in cases {
        let t = token(&s, s.article).await;
        let got = post_json(
            &s,
            s.article,
            &json!({"token": t, "name": name, "body": body}),
        )
        .await;
        assert_eq!(got, (422, want), "{what}");
    }
    // The form tells the reader in Arabic and keeps what they wrote (escaped).
    let t = page_token(&s).await;
    let typed = "</textarea><script>alert(1)</script> تعليق طويل كتبته بعناية";
    let res = post_form(
        &s,
        &[
            ("token", &t),
            ("name", ""),
            ("email", "a\"@b.example"),
            ("body", typed),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let doc = scraper::Html::parse_document(&res.text().await.unwrap());
    assert_eq!(text(&doc, ".comment-message"), "اكتب اسمك قبل الإرسال.");
    assert_eq!(text(&doc, "#comment-body"), typed);
    assert_eq!(
        attr(&doc, "#comment-email", "value").as_deref(),
        Some("a\"@b.example")
    );
    assert_eq!(count(&doc, "script:not([src]):not([type])"), 0);
    // With a fresh token the reader can fix the name and send again.
    let fresh = attr(&doc, "input[name=token]", "value").unwrap();
    assert_ne!(fresh, t);
    let res = post_form(&s, &[("token", &fresh), ("name", "علي"), ("body", typed)]).await;
    assert_eq!(res.status(), 303);
    // Unknown codes in the URL are not echoed.
    let doc = page(&s.server, &format!("{}?comment=<b>hi</b>", s.path), 200).await;
    assert_eq!(count(&doc, ".comment-message"), 0);

    // A megabyte, a lone surrogate, not JSON, a draft, no article.
    let url = s
        .server
        .url(&format!("/api/v1/articles/{}/comments", s.article));
    let big = json!({"token": "x", "name": "علي", "body": "ب".repeat(1 << 20)});
    let res = client().post(&url).json(&big).send().await.unwrap();
    assert_eq!(res.status(), 413);
    let res = client()
        .post(&url)
        .header("content-type", "application/json")
        .body(r#"{"token":"x","name":"\ud800","body":"x"}"#)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    let res = client()
        .post(&url)
        .header("content-type", "application/json")
        .body("not json")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    let form_url = s.server.url(&format!("/article/{}/comments", s.article));
    let res = client()
        .post(&form_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("token=x&name=%ED%A0%80&body=%ED%A0%80")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        403,
        "the page again, with «the form has expired»"
    );
    assert!(res.text().await.unwrap().contains("انتهت صلاحية النموذج"));
    for path in [
        "/api/v1/articles/999999/comments",
        "/api/v1/articles/abc/comments",
    ] {
        let res = client()
            .post(s.server.url(path))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
    let res = client()
        .post(s.server.url("/article/999999/comments"))
        .form(&[("name", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(comment_total(&s).await, 1, "only the corrected comment");
}

#[tokio::test]
async fn drafts_take_no_comments() {
    use khabar_store::Store;
    let s = site(|_| {}).await;
    let draft = new_article("مسودة", khabar_core::ArticleStatus::Draft);
    let id = s
        .store
        .create_article(&draft, jiff::Timestamp::now())
        .await
        .unwrap();
    let (status, v) = post_json(&s, id.0, &json!({"token": "x", "name": "a", "body": "b"})).await;
    assert_eq!((status, v), (404, err("article_not_found")));
}

#[tokio::test]
async fn a_flood_leaves_the_database_writable() {
    use khabar_store::Store;
    let s = site(|c| c.rate.per_hour = 5).await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let url = s
            .server
            .url(&format!("/api/v1/articles/{}/comments", s.article));
        let t = token(&s, s.article).await;
        tasks.push(tokio::spawn(async move {
            client()
                .post(url)
                .header("user-agent", format!("flood {i}"))
                .json(&json!({"token": t, "name": "بوت", "body": format!("إعلان {i}")}))
                .send()
                .await
                .map(|r| r.status().as_u16())
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap().unwrap());
    }
    assert!(codes.iter().all(|c| *c == 202 || *c == 429), "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 202).count(), 5);
    let article = new_article("خبر عاجل", khabar_core::ArticleStatus::Published);
    s.store
        .create_article(&article, jiff::Timestamp::now())
        .await
        .expect("editors can write");
}

/// One comment through the API as sent by a client behind (or pretending
/// to be behind) a proxy: `forwarded` goes in `X-Forwarded-For`.
async fn comment_via(s: &Site, forwarded: &str, body: &str) -> u16 {
    let t = token(s, s.article).await;
    client()
        .post(
            s.server
                .url(&format!("/api/v1/articles/{}/comments", s.article)),
        )
        .header("x-forwarded-for", forwarded)
        .json(&json!({"token": t, "name": "قارئ", "body": body}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_spoofed_forwarded_for_changes_nothing_without_a_trusted_proxy() {
    let s = site(|c| c.rate.min_interval_secs = 60).await;
    assert_eq!(comment_via(&s, "203.0.113.5", "الأول").await, 202);
    // Another address in the header, the same peer: still held back.
    assert_eq!(comment_via(&s, "198.51.100.7", "الثاني").await, 429);
    assert_eq!(
        comment_via(&s, "192.0.2.1, 198.51.100.7", "الثالث").await,
        429
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_reader_has_their_own_limit() {
    let s = site_with(|c| {
        c.stats.trusted_proxies = vec![khabar_web::stats::parse_proxy("127.0.0.1").unwrap()];
        if let Some(comments) = c.comments.as_mut() {
            comments.rate.min_interval_secs = 60;
        }
    })
    .await;
    // Two readers on two networks, through the same proxy.
    assert_eq!(comment_via(&s, "203.0.113.5", "الأول").await, 202);
    assert_eq!(comment_via(&s, "198.51.100.7", "الثاني").await, 202);
    // The first again: limited, however it dresses up its header (the proxy
    // appends the real address on the right).
    assert_eq!(comment_via(&s, "203.0.113.5", "الثالث").await, 429);
    assert_eq!(
        comment_via(&s, "192.0.2.1, 203.0.113.5", "الرابع").await,
        429
    );
    // A neighbour on the first reader's /24 shares its network's limit.
    assert_eq!(comment_via(&s, "203.0.113.99", "الخامس").await, 429);
}
