//! The newsroom through real HTTP: the permission matrix, the editor's
//! validation and conflicts, revisions, the CLI. Sign-in, sessions and CSRF
//! are in `newsroom_security.rs`; the other newsroom_*.rs files hold the
//! rest.

use crate::common;
use crate::kit::newsroom as kit;

use common::*;
use jiff::{Timestamp, ToSpan};
use khabar_core::{ArticleStatus, Role};
use kit::*;

#[tokio::test]
async fn an_admin_writes_and_publishes_and_a_reader_sees_it() {
    let server = TestServer::start().await;
    add_user(&server, "admin@example.com", "مديرة", Role::Admin).await;
    let mut b = Browser::new();
    b.login(&server, "admin@example.com", PASSWORD).await;
    let csrf = b.csrf(&server, "/newsroom/articles/new").await;
    let res = b
        .post(
            &server,
            "/newsroom/articles/new",
            &editor_form(&csrf, "0", "مجلس المدينة يقر خطة النقل", "published"),
        )
        .await;
    assert_eq!(res.status(), 303);
    let editor = res.headers()["location"].to_str().unwrap().to_string();
    let doc = page_with(&b, &server, &editor).await;
    let public = attr(&doc, ".nr-editor-side a[href^='/article/']", "href").expect("public link");
    let doc = page(&server, &public, 200).await;
    assert_eq!(text(&doc, "h1"), "مجلس المدينة يقر خطة النقل");
    assert!(text(&doc, ".source").contains("صحيفة الساحل"));
    assert_eq!(count(&doc, ".article-body h2"), 1);
    // The slug came from the title by the Arabic slug rules.
    let decoded = percent_encoding::percent_decode_str(&public).decode_utf8_lossy();
    assert!(
        decoded.ends_with("/مجلس-المدينة-يقر-خطة-النقل"),
        "{decoded}"
    );
}

#[tokio::test]
async fn permission_matrix_over_http() {
    let server = TestServer::start().await;
    let admin = add_user(&server, "admin@example.com", "admin", Role::Admin).await;
    add_user(&server, "editor@example.com", "editor", Role::Editor).await;
    let author = add_user(&server, "author@example.com", "author", Role::Author).await;
    add_user(&server, "author2@example.com", "author two", Role::Author).await;
    add_user(&server, "mod@example.com", "moderator", Role::Moderator).await;
    let own = create_owned(
        &server,
        &article("مسودة الكاتب", ArticleStatus::Draft, None),
        author,
    )
    .await;
    let other = create_owned(
        &server,
        &article("مسودة المديرة", ArticleStatus::Draft, None),
        admin,
    )
    .await;
    let own_path = format!("/newsroom/articles/{own}");
    let other_path = format!("/newsroom/articles/{other}");

    // (account, path, expected status of GET)
    let cases: &[(&str, &str, u16)] = &[
        ("admin@example.com", "/newsroom/", 200),
        ("admin@example.com", &own_path, 200),
        ("admin@example.com", "/newsroom/audit", 200),
        ("editor@example.com", "/newsroom/", 200),
        ("editor@example.com", &own_path, 200),
        ("editor@example.com", &other_path, 200),
        ("editor@example.com", "/newsroom/audit", 403),
        ("author@example.com", "/newsroom/", 200),
        ("author@example.com", "/newsroom/articles/new", 200),
        ("author@example.com", &own_path, 200),
        ("author@example.com", &other_path, 404),
        (
            "author@example.com",
            &format!("{other_path}/revisions"),
            404,
        ),
        ("author@example.com", "/newsroom/audit", 403),
        ("author2@example.com", &own_path, 404),
        ("mod@example.com", "/newsroom/", 403),
        ("mod@example.com", "/newsroom/articles/new", 403),
        ("mod@example.com", &own_path, 403),
        ("mod@example.com", "/newsroom/audit", 403),
    ];
    for (email, path, status) in cases {
        let mut b = Browser::new();
        b.login(&server, email, PASSWORD).await;
        let res = b.get(&server, path).await;
        assert_eq!(res.status().as_u16(), *status, "{email} GET {path}");
    }

    // Saving: an author cannot save someone else's article by changing the id,
    // nor publish their own; an editor can save anyone's.
    let mut author_b = Browser::new();
    author_b
        .login(&server, "author@example.com", PASSWORD)
        .await;
    let csrf = author_b.csrf(&server, &own_path).await;
    let res = author_b
        .post(
            &server,
            &other_path,
            &editor_form(&csrf, "1", "استيلاء", "draft"),
        )
        .await;
    assert_eq!(res.status(), 404, "author saves another's article");
    let res = author_b
        .post(
            &server,
            &own_path,
            &editor_form(&csrf, "1", "نشر ذاتي", "published"),
        )
        .await;
    assert_eq!(res.status(), 422, "author publishes");
    let doc = body_of(res).await;
    assert!(
        !text(&doc, "#e-status").is_empty(),
        "a message next to the status"
    );
    let res = author_b
        .post(
            &server,
            &own_path,
            &editor_form(&csrf, "1", "مسودة معدلة", "draft"),
        )
        .await;
    assert_eq!(res.status(), 303, "author saves own draft");

    let mut editor_b = Browser::new();
    editor_b
        .login(&server, "editor@example.com", PASSWORD)
        .await;
    let csrf = editor_b.csrf(&server, &other_path).await;
    let res = editor_b
        .post(
            &server,
            &other_path,
            &editor_form(&csrf, "1", "تحرير المحرر", "published"),
        )
        .await;
    assert_eq!(res.status(), 303, "editor publishes another's article");

    let mut mod_b = Browser::new();
    mod_b.login(&server, "mod@example.com", PASSWORD).await;
    let res = mod_b
        .post(
            &server,
            &own_path,
            &editor_form(&csrf, "2", "مشرف", "draft"),
        )
        .await;
    assert_eq!(res.status(), 403, "moderator saves an article");
}

#[tokio::test]
async fn a_save_over_a_newer_version_is_a_conflict_and_revisions_restore() {
    let server = TestServer::start().await;
    let admin = add_user(&server, "a@example.com", "أمل", Role::Admin).await;
    add_user(&server, "b@example.com", "بشير", Role::Editor).await;
    let id = create_owned(
        &server,
        &article("العنوان الأول", ArticleStatus::Draft, None),
        admin,
    )
    .await;
    let path = format!("/newsroom/articles/{id}");
    let mut a = Browser::new();
    a.login(&server, "a@example.com", PASSWORD).await;
    let mut b = Browser::new();
    b.login(&server, "b@example.com", PASSWORD).await;
    let csrf_a = a.csrf(&server, &path).await;
    let csrf_b = b.csrf(&server, &path).await;
    // Both opened revision 1; B saves first.
    let res = b
        .post(
            &server,
            &path,
            &editor_form(&csrf_b, "1", "عنوان بشير", "draft"),
        )
        .await;
    assert_eq!(res.status(), 303);
    let mut mine = editor_form(&csrf_a, "1", "عنوان أمل", "draft");
    mine.retain(|(k, _)| *k != "body");
    mine.push(("body", "نص أمل الجديد."));
    let res = a.post(&server, &path, &mine).await;
    assert_eq!(res.status(), 409);
    let doc = body_of(res).await;
    assert_eq!(
        text(&doc, ".nr-their-title"),
        "عنوان بشير",
        "their version shown"
    );
    assert_eq!(
        attr(&doc, "#f-title", "value").as_deref(),
        Some("عنوان أمل"),
        "mine kept"
    );
    assert!(text(&doc, ".nr-diff").contains("نص أمل الجديد."));
    assert_eq!(
        attr(&doc, "input[name=revision]", "value").as_deref(),
        Some("2")
    );
    // Nothing was overwritten.
    let doc = page_with(&a, &server, &path).await;
    assert_eq!(
        attr(&doc, "#f-title", "value").as_deref(),
        Some("عنوان بشير")
    );

    // Revisions: 1 (created) and 2 (B's save); restore 1.
    let doc = page_with(&a, &server, &format!("{path}/revisions")).await;
    assert_eq!(count(&doc, ".nr-revision"), 2);
    let res = a
        .post(
            &server,
            &format!("{path}/revisions/1/restore"),
            &[("csrf", &csrf_a)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let doc = page_with(&a, &server, &path).await;
    assert_eq!(
        attr(&doc, "#f-title", "value").as_deref(),
        Some("العنوان الأول")
    );
    assert_eq!(
        attr(&doc, "input[name=revision]", "value").as_deref(),
        Some("3")
    );
}

#[tokio::test]
async fn bad_input_gets_messages_next_to_fields_and_keeps_the_text() {
    let server = TestServer::start().await;
    let admin = add_user(&server, "a@example.com", "أمل", Role::Admin).await;
    create_owned(
        &server,
        &article("عنوان مأخوذ", ArticleStatus::Draft, None),
        admin,
    )
    .await;
    let mut b = Browser::new();
    b.login(&server, "a@example.com", PASSWORD).await;
    let csrf = b.csrf(&server, "/newsroom/articles/new").await;
    // 100,000 letters: far past the 200-letter limit, inside the form limit.
    let huge = "ع".repeat(100_000);
    let past = (Timestamp::now() - 2.hours())
        .to_zoned(jiff::tz::TimeZone::get("Asia/Riyadh").unwrap())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string();
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (editor_form(&csrf, "0", &huge, "draft"), "#e-title"),
        (editor_form(&csrf, "0", "", "draft"), "#e-title"),
        (
            {
                let mut f = editor_form(&csrf, "0", "خبر", "draft");
                f.push(("slug", "عنوان-مأخوذ"));
                f.retain(|(k, v)| *k != "slug" || !v.is_empty());
                f
            },
            "#e-slug",
        ),
        (
            {
                let mut f = editor_form(&csrf, "0", "خبر مجدول", "scheduled");
                f.retain(|(k, _)| *k != "publish_at");
                f.push(("publish_at", &past));
                f
            },
            "#e-publish_at",
        ),
        (
            {
                let mut f = editor_form(&csrf, "0", "خبر مجدول", "scheduled");
                f.retain(|(k, _)| *k != "publish_at");
                f.push(("publish_at", "2099-01-01T10:00"));
                f
            },
            "#e-publish_at",
        ),
        (
            {
                let mut f = editor_form(&csrf, "0", "خبر", "draft");
                f.retain(|(k, _)| *k != "source_url");
                f.push(("source_url", "javascript:alert(1)"));
                f
            },
            "#e-source_url",
        ),
    ];
    for (form, error) in cases {
        let res = b.post(&server, "/newsroom/articles/new", &form).await;
        assert_eq!(res.status(), 422, "{error}");
        let doc = body_of(res).await;
        let message = text(&doc, error);
        assert!(
            message
                .chars()
                .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "{error}: Arabic message, got {message:?}"
        );
        assert_eq!(text(&doc, "#f-lead"), "مقدمة الخبر", "{error}: lead kept");
    }
    // A request past the form limit is refused whole, with a page, never a 500.
    let too_big = "ع".repeat(3_000_000);
    let res = b
        .post(
            &server,
            "/newsroom/articles/new",
            &editor_form(&csrf, "0", &too_big, "draft"),
        )
        .await;
    assert_eq!(res.status(), 413);
}

#[tokio::test]
async fn the_cli_creates_the_first_admin() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/k.db", dir.path().display());
    let run = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
            .args(args)
            .env_remove("KHABAR_DATABASE_URL")
            .env("RUST_LOG", "warn")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let add = |email: &str, role: &str, pw: &str| {
        run(
            &[
                "user",
                "add",
                "--database",
                &url,
                "--email",
                email,
                "--name",
                "هالة",
                "--role",
                role,
                "--password-stdin",
            ],
            &format!("{pw}\n"),
        )
    };
    let out = add("Hala@Example.com", "admin", "correct horse battery");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (email, role, pw, why) in [
        (
            "hala@example.com",
            "admin",
            "another good one",
            "already exists",
        ),
        ("b@example.com", "root", "another good one", "is not one of"),
        ("b@example.com", "editor", "password1", "common passwords"),
        ("b@example.com", "editor", "short", "shorter than 8"),
    ] {
        let out = add(email, role, pw);
        assert!(!out.status.success(), "{email} {role}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(why), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let out = run(&["user", "list", "--database", &url], "");
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(list.contains("hala@example.com\tadmin\tactive"), "{list}");
    let out = run(
        &[
            "user",
            "disable",
            "--database",
            &url,
            "--email",
            "hala@example.com",
        ],
        "",
    );
    assert!(out.status.success());
    let out = run(&["user", "list", "--database", &url], "");
    assert!(String::from_utf8_lossy(&out.stdout).contains("disabled"));
    let out = run(
        &[
            "user",
            "passwd",
            "--database",
            &url,
            "--email",
            "hala@example.com",
            "--password-stdin",
        ],
        "a brand new passphrase\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
