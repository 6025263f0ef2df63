//! Helpers for the newsroom tests: articles made directly in the database,
//! the editor's form as a browser posts it, pages read with a session,
//! uploads.

#![allow(dead_code)]

use crate::common::*;
use jiff::Timestamp;
use khabar_core::{ArticleStatus, NewArticle, UserId};

pub fn article(title: &str, status: ArticleStatus, at: Option<Timestamp>) -> NewArticle {
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

pub async fn create_owned(server: &TestServer, a: &NewArticle, owner: UserId) -> i64 {
    create_owned_at(server, a, owner, Timestamp::now()).await
}

/// As [`create_owned`], written at `at` (an article filed some time ago).
pub async fn create_owned_at(
    server: &TestServer,
    a: &NewArticle,
    owner: UserId,
    at: Timestamp,
) -> i64 {
    let backend = khabar_app::open_backend(&server.database_url)
        .await
        .expect("open");
    let id = backend
        .editorial
        .as_ref()
        .expect("SQLite has the editorial store")
        .create_owned(a, owner, at)
        .await
        .expect("create");
    backend.store.close().await;
    id.0
}

pub fn editor_form<'a>(
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

pub async fn body_of(res: reqwest::Response) -> scraper::Html {
    scraper::Html::parse_document(&res.text().await.expect("body"))
}

pub async fn page_with(b: &Browser, server: &TestServer, path: &str) -> scraper::Html {
    let res = b.get(server, path).await;
    assert_eq!(res.status(), 200, "GET {path}");
    assert_eq!(res.headers()["cache-control"], "no-store", "GET {path}");
    body_of(res).await
}

/// Uploads `bytes` as the editor's script does (multipart `csrf` + `file`).
pub async fn upload(
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

/// The form token of `b`'s session, read from the database: for accounts
/// that have no newsroom page to read it from (moderators, before their
/// queue exists), so a refusal is the role's and not the token's.
pub async fn session_csrf(server: &TestServer, b: &Browser) -> String {
    let cookie = b.cookie.clone().expect("signed in");
    let token = cookie.split_once('=').expect("name=value").1.to_string();
    let backend = khabar_app::open_backend(&server.database_url)
        .await
        .expect("open");
    let session = backend
        .accounts
        .as_ref()
        .expect("SQLite has accounts")
        .session(&khabar_web::newsroom::token_hash(&token))
        .await
        .expect("read")
        .expect("a live session");
    backend.store.close().await;
    session.csrf_token
}

/// A signed-in browser for a new account of `role`.
pub async fn signed_in(
    server: &TestServer,
    email: &str,
    name: &str,
    role: khabar_core::Role,
) -> Browser {
    add_user(server, email, name, role).await;
    let mut b = Browser::new();
    b.login(server, email, PASSWORD).await;
    b
}

/// The names in the reading site's section navigation, in order.
pub fn nav_names(doc: &scraper::Html) -> Vec<String> {
    doc.select(&sel(".site-nav li a"))
        .skip(1)
        .map(|a| a.text().collect::<String>().trim().to_string())
        .collect()
}

/// Returns true if and only if `text` has Arabic letters (a message in Arabic).
pub fn is_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}
