//! Newsroom security through real HTTP: sign-in throttling and its generic
//! message, session expiry and sign-out, the form token and the same-origin
//! checks (against the configured public origin behind a proxy).

use crate::common;
use crate::kit::newsroom as kit;

use common::*;
use jiff::{Timestamp, ToSpan};
use khabar_core::{ArticleStatus, Role};
use khabar_store::Session;
use kit::*;

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

/// A form posted from `origin` to a server whose `Host` is its own address.
async fn post_from(
    b: &Browser,
    server: &TestServer,
    path: &str,
    origin: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    b.client
        .post(server.url(path))
        .header("cookie", b.cookie.clone().unwrap())
        .header("origin", origin)
        .header("sec-fetch-site", "same-origin")
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn behind_a_proxy_the_origin_is_checked_against_the_configured_base_url() {
    // The proxy serves https://news.example.com and passes requests on with
    // its own Host header (the server's address): the browser's Origin is
    // the public one.
    let server = TestServer::start_with(false, |c| {
        c.base_url = Some("https://news.example.com".into());
    })
    .await;
    let admin = add_user(&server, "admin@example.com", "admin", Role::Admin).await;
    let id = create_owned(&server, &article("خبر", ArticleStatus::Draft, None), admin).await;
    let path = format!("/newsroom/articles/{id}");
    let mut b = Browser::new();
    b.login(&server, "admin@example.com", PASSWORD).await;
    let csrf = b.csrf(&server, &path).await;
    let res = post_from(
        &b,
        &server,
        &path,
        "https://news.example.com",
        &editor_form(&csrf, "1", "من الموقع العام", "draft"),
    )
    .await;
    assert_eq!(
        res.status(),
        303,
        "the public origin, whatever the Host header"
    );
    // The Host header proves nothing once a public origin is configured.
    for origin in [
        server.base.as_str(),
        "https://evil.example",
        "http://news.example.com",
        "null",
    ] {
        let res = post_from(
            &b,
            &server,
            &path,
            origin,
            &editor_form(&csrf, "2", "من مكان آخر", "draft"),
        )
        .await;
        assert_eq!(res.status(), 403, "Origin {origin}");
    }
}

#[tokio::test]
async fn without_a_base_url_the_origin_must_match_the_host() {
    let server = TestServer::start().await;
    let admin = add_user(&server, "admin@example.com", "admin", Role::Admin).await;
    let id = create_owned(&server, &article("خبر", ArticleStatus::Draft, None), admin).await;
    let path = format!("/newsroom/articles/{id}");
    let mut b = Browser::new();
    b.login(&server, "admin@example.com", PASSWORD).await;
    let csrf = b.csrf(&server, &path).await;
    let res = post_from(
        &b,
        &server,
        &path,
        "https://news.example.com",
        &editor_form(&csrf, "1", "من موقع آخر", "draft"),
    )
    .await;
    assert_eq!(res.status(), 403, "an origin that is not this host");
    let res = post_from(
        &b,
        &server,
        &path,
        &server.base,
        &editor_form(&csrf, "1", "من هنا", "draft"),
    )
    .await;
    assert_eq!(res.status(), 303, "this host");
}
