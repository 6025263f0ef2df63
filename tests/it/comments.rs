//! Comments end to end: the reader's flows (with and without JavaScript),
//! each moderation policy, threads and counts, and escaping of hostile text
//! everywhere a comment appears.

use crate::common;
use crate::kit::comments as kit;

use common::*;
use khabar_comments::policy::Moderation;
use kit::*;
use serde_json::{Value, json};

#[tokio::test]
async fn a_reader_comments_a_moderator_approves_and_it_appears() {
    let site = site(|_| {}).await;
    // Without JavaScript: the form posts and redirects with a message.
    let token = page_token(&site).await;
    let res = post_form(
        &site,
        &[
            ("token", &token),
            ("name", "هالة منصور"),
            ("email", "hala@example.com"),
            ("body", "تغطية ممتازة، شكرًا للكاتب."),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.contains("?comment=held&delete=") && location.ends_with("#comments"),
        "{location}"
    );
    let doc = page(&site.server, &location.replace("#comments", ""), 200).await;
    assert_eq!(
        text(&doc, ".comment-message"),
        "وصل تعليقك، وسيظهر بعد أن يراجعه فريق التحرير."
    );
    assert_eq!(count(&doc, ".comment"), 0, "held comments are not shown");
    assert_eq!(text(&doc, ".comments-count"), "(لا تعليقات)");

    let id = newest_id(&site).await;
    approve(&site, &[id]).await;
    let doc = page(&site.server, &site.path, 200).await;
    assert_eq!(count(&doc, ".comment"), 1);
    assert_eq!(text(&doc, ".comment-author"), "هالة منصور");
    assert_eq!(text(&doc, ".comment-body"), "تغطية ممتازة، شكرًا للكاتب.");
    assert_eq!(attr(&doc, ".comment-body", "dir").as_deref(), Some("auto"));
    assert_eq!(text(&doc, ".comments-count"), "(تعليق واحد)");
    assert_eq!(text(&doc, ".comment time"), "الآن");

    // The same commenter (same email) is now known: published directly.
    let (status, v) = comment(&site, "هالة", "Hala@Example.com ", "وأضيف: الخطة طموحة.").await;
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["status"], "approved");
    assert!(v["html"].as_str().unwrap().contains("وأضيف: الخطة طموحة."));
    let api = get(
        &site.server,
        &format!("/api/v1/articles/{}/comments", site.article),
    )
    .await;
    let api: Value = api.json().await.unwrap();
    assert_eq!(api["count"], 2);
    assert_eq!(api["count_text"], "تعليقان");
    assert!(
        api.to_string().find("email").is_none(),
        "emails never leave the server"
    );
}

#[tokio::test]
async fn each_moderation_policy() {
    // all: even a known commenter waits.
    let s = site(|c| c.moderation = Moderation::All).await;
    assert_eq!(
        comment(&s, "علي", "ali@example.com", "أول تعليق").await.0,
        202
    );
    approve(&s, &[newest_id(&s).await]).await;
    let (status, v) = comment(&s, "علي", "ali@example.com", "ثاني تعليق").await;
    assert_eq!((status, v["status"].as_str()), (202, Some("pending")));
    assert_eq!(newest(&s).await, ("pending".into(), Some("policy".into())));

    // first_time: the first waits, later ones are published.
    let s = site(|c| c.moderation = Moderation::FirstTime).await;
    assert_eq!(
        comment(&s, "علي", "ali@example.com", "أول تعليق").await.0,
        202
    );
    assert_eq!(
        comment(&s, "علي", "ali@example.com", "تعليق آخر قبل الموافقة")
            .await
            .0,
        202
    );
    approve(&s, &[newest_id(&s).await]).await;
    assert_eq!(
        comment(&s, "علي", "ali@example.com", "ثاني تعليق").await.0,
        201
    );
    // Without an email, a commenter has no reputation to build on.
    assert_eq!(comment(&s, "زائر", "", "بلا بريد").await.0, 202);

    // none: published at once.
    let s = site(|c| c.moderation = Moderation::None).await;
    let (status, v) = comment(&s, "سارة", "", "نُشر فورًا").await;
    assert_eq!((status, v["status"].as_str()), (201, Some("approved")));
}

#[tokio::test]
async fn threads_are_two_levels_and_counts_use_arabic_plurals() {
    let s = site(|c| c.moderation = Moderation::None).await;
    let (_, first) = comment(&s, "أحمد", "", "سؤال: متى تبدأ المرحلة الثانية؟").await;
    let first = first["id"].as_i64().unwrap();
    let (status, r1) = reply(&s, first, "منى", "في الربيع المقبل.").await;
    assert_eq!(status, 201, "{r1}");
    assert_eq!(r1["parent_id"], first);
    // A reply to a reply joins the thread of the first comment.
    let (_, r2) = reply(&s, r1["id"].as_i64().unwrap(), "أحمد", "شكرًا.").await;
    assert_eq!(r2["parent_id"], first);
    // Replies only to approved comments of the same article.
    assert_eq!(
        reply(&s, 999_999, "x", "y").await,
        (422, json!({"error": "parent_invalid"}))
    );

    let doc = page(&s.server, &s.path, 200).await;
    assert_eq!(count(&doc, ".comment-list > li"), 1);
    assert_eq!(count(&doc, ".comment-replies .comment"), 2);
    assert_eq!(text(&doc, ".comments-count"), "(3 تعليقات)");
    // The reply link pre-fills the thread in the no-JavaScript form.
    let reply_url = attr(&doc, ".comment-reply", "href").unwrap();
    let doc = page(&s.server, reply_url.split('#').next().unwrap(), 200).await;
    assert_eq!(
        attr(&doc, "input[name=parent]", "value"),
        Some(first.to_string())
    );
    assert_eq!(
        text(&doc, ".comment-replying").split(' ').next(),
        Some("ردًا")
    );

    for i in 0..8 {
        comment(&s, "قارئ", "", &format!("تعليق رقم {i}")).await;
    }
    let doc = page(&s.server, &s.path, 200).await;
    assert_eq!(text(&doc, ".comments-count"), "(11 تعليقًا)");
}

/// Hostile text in names and bodies, shown on the page, in the JSON, in the
/// inline HTML for the script and in the moderation CLI output.
#[tokio::test]
async fn xss_payloads_never_become_markup() {
    let s = site(|c| c.moderation = Moderation::None).await;
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "javascript:alert(1)",
        "https://example.com/\"onmouseover=\"alert(1)",
        "https://example.com/'><script>alert(1)</script>",
        "<iframe src=\"data:text/html,<script>alert(1)</script>\">",
        "</textarea><script>alert(1)</script>",
        "--><script>alert(1)</script><!--",
        "</script><script>alert(1)</script>",
        "<style>*{display:none}</style>",
    ];
    for (i, p) in payloads.iter().enumerate() {
        let (status, v) = comment(&s, &format!("{p} {i}"), "", &format!("{p} #{i}")).await;
        assert_eq!(status, 201, "{p}: {v}");
        let html = v["html"].as_str().unwrap();
        assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<svg"));
    }
    let doc = page(&s.server, &s.path, 200).await;
    assert_eq!(count(&doc, ".comment"), payloads.len());
    for bad in [
        ".comments script:not([src]):not([type='application/json'])",
        ".comments img",
        ".comments svg",
        ".comments iframe",
        ".comments style",
        ".comments a[href^='javascript']",
        ".comments [onerror]",
        ".comments [onload]",
        ".comments [onmouseover]",
    ] {
        assert_eq!(count(&doc, bad), 0, "{bad}");
    }
    for a in doc.select(&sel(".comment-body a")) {
        let href = a.value().attr("href").unwrap();
        assert!(href.starts_with("https://"), "{href}");
        assert_eq!(a.value().attr("rel"), Some("nofollow ugc noopener"));
    }
    // The names are text, exactly as typed.
    let names: Vec<String> = doc
        .select(&sel(".comment-author"))
        .map(|e| e.text().collect())
        .collect();
    assert!(
        names.contains(&"<script>alert(1)</script> 0".to_string()),
        "{names:?}"
    );
    // One script of ours, one JSON block: nothing else.
    assert_eq!(count(&doc, ".comments script"), 2);
}

#[tokio::test]
async fn bidi_controls_are_stripped_from_names() {
    let s = site(|c| c.moderation = Moderation::None).await;
    let (status, _) = comment(&s, "\u{202E}علي\u{202C}\u{2066}", "", "نص").await;
    assert_eq!(status, 201);
    let doc = page(&s.server, &s.path, 200).await;
    assert_eq!(text(&doc, ".comment-author"), "علي");
}

#[tokio::test]
async fn comments_close_per_article_and_after_some_days() {
    use khabar_store::CommentStore;
    let s = site(|_| {}).await;
    s.store
        .set_comments_closed(khabar_core::ArticleId(s.article), true)
        .await
        .unwrap();
    let doc = page(&s.server, &s.path, 200).await;
    assert_eq!(count(&doc, "form[data-comment-form]"), 0);
    assert_eq!(
        text(&doc, ".comments-closed"),
        "أُغلق باب التعليق على هذا المقال."
    );
    let api: Value = get(
        &s.server,
        &format!("/api/v1/articles/{}/comments", s.article),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        (api["open"].as_bool(), api["token"].is_null()),
        (Some(false), true)
    );

    // The demo articles are days old: a one-day window has closed on them.
    let s = site(|c| c.close_after_days = 1).await;
    let doc = page(&s.server, &s.path, 200).await;
    assert_eq!(count(&doc, "form[data-comment-form]"), 0);
}

#[tokio::test]
async fn the_page_works_without_comments() {
    let server = TestServer::start_with(true, |c| c.comments = None).await;
    let list = api_articles(&server, "limit=1").await;
    let path = path_of(&server, list["items"][0]["url"].as_str().unwrap());
    let doc = page(&server, &path, 200).await;
    assert_eq!(count(&doc, "#comments"), 0);
    let res = get(&server, "/api/v1/articles/1/comments").await;
    assert_eq!(res.status(), 404);
}

/// A tiny HTTP listener on port 0 that hands over each request body.
async fn webhook_listener() -> (String, tokio::sync::mpsc::Receiver<Value>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            let body = loop {
                let n = stream.read(&mut chunk).await.unwrap_or(0);
                if n == 0 {
                    break None;
                }
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf).to_string();
                if let Some((head, body)) = text.split_once("\r\n\r\n") {
                    let len: usize = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse().unwrap_or(0))
                        })
                        .unwrap_or(0);
                    if body.len() >= len {
                        break Some(body.to_string());
                    }
                }
            };
            let _ = stream
                .write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n")
                .await;
            if let Some(body) = body {
                let _ = tx
                    .send(serde_json::from_str(&body).unwrap_or(Value::Null))
                    .await;
            }
        }
    });
    (url, rx)
}

#[tokio::test]
async fn held_comments_reach_the_webhook_in_one_batch() {
    let s = site(|_| {}).await;
    for (name, body) in [
        ("Eve\u{2028}Bcc: victim@example.com", "الأول"),
        ("منى", "الثاني"),
        ("علي", "الثالث"),
    ] {
        assert_eq!(comment(&s, name, "", body).await.0, 202);
    }
    let dir = s.server.stop().await;
    let (url, mut received) = webhook_listener().await;
    let mut config = khabar_testkit::test_config(&dir);
    config.comments = Some(test_settings());
    config.comment_notify = Some(khabar_app::config::CommentNotify {
        batch: std::time::Duration::ZERO,
        webhook_url: Some(url),
        smtp: None,
    });
    let server = TestServer::start_in(dir, config, false).await;
    let digest = tokio::time::timeout(std::time::Duration::from_secs(30), received.recv())
        .await
        .expect("a digest within the deadline")
        .expect("a body");
    assert_eq!(digest["event"], "comments_held");
    assert_eq!(digest["subject"], "خبر: 3 تعليقات بانتظار المراجعة");
    let comments = digest["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 3);
    assert_eq!(comments[0]["author"], "Eve Bcc: victim@example.com");
    // Each comment is reported once: after a restart nothing is sent again.
    let dir = server.stop().await;
    let (url, mut again) = webhook_listener().await;
    let mut config = khabar_testkit::test_config(&dir);
    config.comments = Some(test_settings());
    config.comment_notify = Some(khabar_app::config::CommentNotify {
        batch: std::time::Duration::ZERO,
        webhook_url: Some(url),
        smtp: None,
    });
    let server = TestServer::start_in(dir, config, false).await;
    // A new held comment arrives alone in the next digest.
    let path = s.path.clone();
    let doc = page(&server, &path, 200).await;
    let t = attr(&doc, "input[name=token]", "value").unwrap();
    let res = client()
        .post(server.url(&format!("/api/v1/articles/{}/comments", s.article)))
        .json(&json!({"token": t, "name": "سارة", "body": "الرابع"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let digest = tokio::time::timeout(std::time::Duration::from_secs(30), again.recv())
        .await
        .expect("a digest within the deadline")
        .expect("a body");
    let comments = digest["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 1, "{digest}");
    assert_eq!(comments[0]["excerpt"], "الرابع");
}

#[test]
fn the_cli_lists_and_moderates() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (db, id) = rt.block_on(async {
        let s = site(|_| {}).await;
        comment(&s, "هالة", "", "بانتظار المراجعة").await;
        let id = newest_id(&s).await;
        let dir = s.server.stop().await;
        (dir, id)
    });
    let url = format!("sqlite://{}/khabar.db", db.path().display());
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
            .args(args)
            .args(["--database", &url])
            .env_remove("KHABAR_CONFIG")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (ok, out, _) = run(&["comments", "list", "--status", "pending"]);
    assert!(
        ok && out.contains("بانتظار المراجعة") && out.contains("pending"),
        "{out}"
    );
    let (ok, out, _) = run(&["comments", "approve", &id.to_string()]);
    assert!(ok && out.contains("1 comment(s) approved"), "{out}");
    let (ok, out, _) = run(&["comments", "list", "--status", "pending"]);
    assert!(ok && out.is_empty(), "{out}");
    let (ok, _, err) = run(&["comments", "spam", "999999"]);
    assert!(!ok && err.contains("999999"), "{err}");
    let (ok, _, err) = run(&["comments", "list", "--status", "hidden"]);
    assert!(!ok && err.contains("--status"), "{err}");
    let (ok, out, _) = run(&[
        "comments",
        "words",
        "--spam",
        "القِمار",
        "--hold",
        "ربح سريع",
    ]);
    assert!(
        ok && out.contains("spam\tالقِمار") && out.contains("hold\tربح سريع"),
        "{out}"
    );
    let (ok, _, err) = run(&["comments", "close", "1"]);
    assert!(ok, "{err}");

    // Each change is in the audit log, as the newsroom would write it, from
    // the address `cli`; the failed ones are not.
    let log = rt.block_on(async {
        let backend = khabar_app::open_backend(&url).await.unwrap();
        backend.accounts.unwrap().audit_log(50).await.unwrap()
    });
    let lines: Vec<(&str, &str, &str)> = log
        .iter()
        .map(|e| (e.action.as_str(), e.target.as_str(), e.address.as_str()))
        .collect();
    let approved = format!("comment:{id}");
    for want in [
        ("comment_approve", approved.as_str(), "cli"),
        ("comment_word_add", "spam:القِمار", "cli"),
        ("comment_word_add", "hold:ربح سريع", "cli"),
        ("comments_close", "article:1", "cli"),
    ] {
        assert!(lines.contains(&want), "{want:?} in {lines:?}");
    }
    assert!(
        !lines.iter().any(|l| l.0 == "comment_spam"),
        "nothing was marked as spam: {lines:?}"
    );
}
