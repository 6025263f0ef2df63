//! The newsroom through real HTTP: sign-in, sessions, CSRF, the permission
//! matrix, the editor's validation and conflicts, revisions, the scheduler.

mod common;

use common::*;
use jiff::{Timestamp, ToSpan};
use khabar_core::{ArticleStatus, NewArticle, Role, UserId};
use khabar_store::Session;
use std::time::Duration;

fn article(title: &str, status: ArticleStatus, at: Option<Timestamp>) -> NewArticle {
    NewArticle {
        slug: khabar_arabic::slugify(title, 80),
        title: title.into(),
        lead: "مقدمة".into(),
        body: "فقرة أولى.".into(),
        section: None,
        tags: vec![],
        author: None,
        source: None,
        status,
        published_at: at,
        cover: None,
    }
}

async fn create_owned(server: &TestServer, a: &NewArticle, owner: UserId) -> i64 {
    let backend = khabar_app::open_backend(&server.database_url)
        .await
        .expect("open");
    let id = backend
        .editorial
        .as_ref()
        .expect("SQLite has the editorial store")
        .create_owned(a, owner, Timestamp::now())
        .await
        .expect("create");
    backend.store.close().await;
    id.0
}

fn editor_form<'a>(
    csrf: &'a str,
    revision: &'a str,
    title: &'a str,
    status: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("revision", revision),
        ("title", title),
        ("lead", "مقدمة الخبر"),
        (
            "body",
            "فقرة أولى عن Apple في 2026.\n\n## عنوان فرعي\n\nفقرة ثانية.",
        ),
        ("section", "محليات"),
        ("tags", "النقل، المدينة"),
        ("author", "هالة منصور"),
        ("source_name", "صحيفة الساحل"),
        ("source_url", "https://alsahel.example.com/x"),
        ("status", status),
        ("publish_at", ""),
        ("slug", ""),
    ]
}

async fn body_of(res: reqwest::Response) -> scraper::Html {
    scraper::Html::parse_document(&res.text().await.expect("body"))
}

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

async fn page_with(b: &Browser, server: &TestServer, path: &str) -> scraper::Html {
    let res = b.get(server, path).await;
    assert_eq!(res.status(), 200, "GET {path}");
    assert_eq!(res.headers()["cache-control"], "no-store", "GET {path}");
    body_of(res).await
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
async fn login_is_throttled_with_one_generic_message() {
    let server = TestServer::start().await;
    add_user(&server, "hala@example.com", "هالة", Role::Editor).await;
    let b = Browser::new();
    let attempt = |email: &'static str, password: &'static str| {
        let b = &b;
        let server = &server;
        async move {
            let res = b
                .post(
                    server,
                    "/newsroom/login",
                    &[("email", email), ("password", password)],
                )
                .await;
            let status = res.status().as_u16();
            let doc = body_of(res).await;
            (
                status,
                text(&doc, "#login-error"),
                attr(&doc, "#email", "value"),
            )
        }
    };
    let (status, wrong_password, kept) = attempt("hala@example.com", "not her password").await;
    assert_eq!(status, 401);
    assert_eq!(
        kept.as_deref(),
        Some("hala@example.com"),
        "the e-mail is kept"
    );
    let (status, unknown, _) = attempt("nobody@example.com", "not her password").await;
    assert_eq!(status, 401);
    assert_eq!(wrong_password, unknown, "no account enumeration");
    assert!(!wrong_password.is_empty());
    for _ in 0..4 {
        attempt("hala@example.com", "still wrong").await;
    }
    // Five failures: even the right password waits now.
    let (status, throttled, _) = attempt("hala@example.com", PASSWORD).await;
    assert_eq!(status, 429);
    assert_ne!(throttled, wrong_password);
    // Another account from the same address is not locked out yet.
    add_user(&server, "omar@example.com", "عمر", Role::Editor).await;
    let (status, _, _) = attempt("omar@example.com", PASSWORD).await;
    assert_eq!(status, 303);
}

#[tokio::test]
async fn sessions_expire_and_logout_ends_them_on_the_server() {
    let server = TestServer::start().await;
    let id = add_user(&server, "hala@example.com", "هالة", Role::Editor).await;
    let mut b = Browser::new();
    b.login(&server, "hala@example.com", PASSWORD).await;
    assert_eq!(b.get(&server, "/newsroom/").await.status(), 200);
    let csrf = b.csrf(&server, "/newsroom/").await;
    // A second browser, to be signed out by "log out other sessions".
    let mut other = Browser::new();
    other.login(&server, "hala@example.com", PASSWORD).await;
    assert_ne!(other.cookie, b.cookie, "a new token at every sign-in");
    let res = b
        .post(&server, "/newsroom/sessions/end-others", &[("csrf", &csrf)])
        .await;
    assert_eq!(res.status(), 303);
    let res = other.get(&server, "/newsroom/").await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .contains("expired=1")
    );
    assert_eq!(b.get(&server, "/newsroom/").await.status(), 200);

    // Logout ends the session on the server: the old cookie is worthless.
    let old = b.cookie.clone();
    let res = b
        .post(&server, "/newsroom/logout", &[("csrf", &csrf)])
        .await;
    assert_eq!(res.status(), 303);
    b.cookie = old;
    assert_eq!(b.get(&server, "/newsroom/").await.status(), 303);

    // Idle and absolute expiry, with sessions written as if made long ago.
    let backend = khabar_app::open_backend(&server.database_url)
        .await
        .unwrap();
    let now = Timestamp::now();
    for (token, created, seen) in [
        ("idle-token", now - 1.hours(), now - 5.hours()),
        ("old-token", now - 25.hours(), now - 1.minutes()),
        ("fresh-token", now - 1.hours(), now - 1.minutes()),
    ] {
        backend
            .accounts
            .as_ref()
            .expect("SQLite has accounts")
            .create_session(&Session {
                token_hash: khabar_web::newsroom::token_hash(token),
                user_id: id,
                csrf_token: "x".into(),
                created_at: created,
                last_seen_at: seen,
            })
            .await
            .unwrap();
    }
    for (token, status) in [
        ("idle-token", 303),
        ("old-token", 303),
        ("fresh-token", 200),
    ] {
        let b = Browser {
            client: client(),
            cookie: Some(format!("khabar_session={token}")),
        };
        assert_eq!(
            b.get(&server, "/newsroom/").await.status(),
            status,
            "{token}"
        );
    }
    backend.store.close().await;
}

#[tokio::test]
async fn state_changing_requests_need_the_form_token_and_the_same_origin() {
    let server = TestServer::start().await;
    let admin = add_user(&server, "admin@example.com", "admin", Role::Admin).await;
    let id = create_owned(&server, &article("خبر", ArticleStatus::Draft, None), admin).await;
    let path = format!("/newsroom/articles/{id}");
    let mut b = Browser::new();
    b.login(&server, "admin@example.com", PASSWORD).await;
    let csrf = b.csrf(&server, &path).await;
    // No token, a stale token.
    for token in ["", "0000", &"a".repeat(64)] {
        let res = b
            .post(&server, &path, &editor_form(token, "1", "بلا رمز", "draft"))
            .await;
        assert_eq!(res.status(), 403, "token {token:?}");
    }
    // Another site's page posting in the user's browser.
    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let res = b
            .client
            .post(server.url(&path))
            .header("cookie", b.cookie.clone().unwrap())
            .header(header, value)
            .form(&editor_form(&csrf, "1", "عبر المواقع", "draft"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{header}: {value}");
    }
    let res = client()
        .post(server.url("/newsroom/login"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", "admin@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "login CSRF");
    // The right token from the right origin works.
    let origin = server.base.clone();
    let res = b
        .client
        .post(server.url(&path))
        .header("cookie", b.cookie.clone().unwrap())
        .header("origin", origin)
        .header("sec-fetch-site", "same-origin")
        .form(&editor_form(&csrf, "1", "بالرمز", "draft"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
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
async fn the_scheduler_publishes_with_no_requests_and_catches_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = khabar_testkit::test_config(&dir);
    config.newsroom.scheduler_interval = Duration::from_secs(1);
    // Before the server starts: an article that fell due while it was down.
    let backend = khabar_app::open_backend(&config.database_url)
        .await
        .unwrap();
    let owner = backend
        .accounts
        .as_ref()
        .expect("SQLite has accounts")
        .create_user(
            &khabar_core::NewUser {
                email: "a@example.com".into(),
                name: "أمل".into(),
                role: Role::Admin,
                password_hash: "x".into(),
            },
            Timestamp::now(),
        )
        .await
        .unwrap();
    let now = Timestamp::now();
    let missed = backend
        .editorial
        .as_ref()
        .expect("SQLite has the editorial store")
        .create_owned(
            &article("فات موعده", ArticleStatus::Scheduled, Some(now - 1.hours())),
            owner,
            now,
        )
        .await
        .unwrap();
    let soon = backend
        .editorial
        .as_ref()
        .expect("SQLite has the editorial store")
        .create_owned(
            &article(
                "بعد ثانيتين",
                ArticleStatus::Scheduled,
                Some(now + 2.seconds()),
            ),
            owner,
            now,
        )
        .await
        .unwrap();
    let server = TestServer::start_in(dir, config, false).await;
    // Nobody visits the site: only the store is watched.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let a = backend.store.article(missed).await.unwrap().unwrap();
        let b = backend.store.article(soon).await.unwrap().unwrap();
        if a.status == ArticleStatus::Published && b.status == ArticleStatus::Published {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not published: {:?} {:?}",
            a.status,
            b.status
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Published once: a second run finds nothing to do.
    assert!(
        backend
            .editorial
            .as_ref()
            .expect("SQLite has the editorial store")
            .publish_due(Timestamp::now())
            .await
            .unwrap()
            .is_empty()
    );
    let meta = backend
        .editorial
        .as_ref()
        .expect("SQLite has the editorial store")
        .editorial_meta(soon)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(meta.revision, 2);
    let doc = page(&server, "/", 200).await;
    assert!(doc.html().contains("بعد ثانيتين"));
    backend.store.close().await;
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

async fn upload(
    b: &Browser,
    server: &TestServer,
    csrf: &str,
    bytes: Vec<u8>,
    name: &str,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    b.client
        .post(server.url("/newsroom/media"))
        .header("cookie", b.cookie.clone().unwrap())
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn uploads_are_checked_resized_and_served_with_srcset() {
    let server = TestServer::start().await;
    add_user(&server, "a@example.com", "أمل", Role::Admin).await;
    add_user(&server, "m@example.com", "مشرف", Role::Moderator).await;
    let mut b = Browser::new();
    b.login(&server, "a@example.com", PASSWORD).await;
    let csrf = b.csrf(&server, "/newsroom/articles/new").await;

    // Refused by content, whatever the name says.
    for (bytes, name, code) in [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
            "a.png",
            "media_svg",
        ),
        (
            b"MZ\x90\x00 not an image".to_vec(),
            "photo.jpg",
            "media_not_an_image",
        ),
        (
            b"\x89PNG\r\n\x1a\n broken".to_vec(),
            "photo.png",
            "media_broken",
        ),
    ] {
        let res = upload(&b, &server, &csrf, bytes, name).await;
        assert_eq!(res.status(), 422, "{name}");
        let j: serde_json::Value = res.json().await.unwrap();
        assert_eq!(j["error"], code, "{name}");
    }
    let res = upload(&b, &server, "wrong", vec![1, 2, 3], "x.png").await;
    assert_eq!(res.status(), 403, "upload without the form token");
    let mut m = Browser::new();
    m.login(&server, "m@example.com", PASSWORD).await;
    let res = upload(&m, &server, &csrf, vec![1], "x.png").await;
    assert_eq!(res.status(), 403, "moderators cannot upload");
    let res = upload(&b, &server, &csrf, vec![0; 21 * 1024 * 1024], "big.png").await;
    assert_eq!(res.status(), 413);

    // A good image: variants at 480 and 960 and its own 1200, WebP and PNG.
    let mut png = Vec::new();
    image::RgbImage::from_pixel(1200, 600, image::Rgb([20, 90, 200]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let res = upload(&b, &server, &csrf, png, "../../etc/passwd").await;
    assert_eq!(res.status(), 200);
    let j: serde_json::Value = res.json().await.unwrap();
    let url = j["url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with("/media/") && url.ends_with("-1200.png"),
        "{url}"
    );
    for variant in [url.clone(), url.replace("-1200.png", "-480.webp")] {
        let res = get(&server, &variant).await;
        assert_eq!(res.status(), 200, "{variant}");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert!(
            res.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
    }
    assert_eq!(
        get(&server, "/media/2026/11/..%2f..%2fkhabar.db")
            .await
            .status(),
        404
    );

    // Used as a cover, the site offers the sizes with srcset.
    let mut form = editor_form(&csrf, "0", "خبر بصورة", "published");
    form.push(("cover_url", &url));
    form.push(("cover_alt", "صورة زرقاء"));
    form.push(("cover_credit", "تصوير: أمل"));
    let res = b.post(&server, "/newsroom/articles/new", &form).await;
    assert_eq!(res.status(), 303);
    let doc = page(&server, "/", 200).await;
    let link = attr(&doc, "a[href^='/article/']", "href").expect("the article on the home page");
    let doc = page(&server, &link, 200).await;
    let srcset =
        attr(&doc, ".article-cover source[type='image/webp']", "srcset").expect("webp srcset");
    assert!(
        srcset.contains("-480.webp 480w") && srcset.contains("-1200.webp 1200w"),
        "{srcset}"
    );
    assert_eq!(
        attr(&doc, ".article-cover img", "alt").as_deref(),
        Some("صورة زرقاء")
    );
}
