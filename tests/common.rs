//! Shared helpers for the end-to-end tests: an HTTP client that does not follow
//! redirects (so tests see the 301s) and HTML parsing.

#![allow(dead_code)]

pub use khabar_testkit::TestServer;
use scraper::{Html, Selector};

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

pub async fn get(server: &TestServer, path: &str) -> reqwest::Response {
    client()
        .get(server.url(path))
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// GET a page and parse it; panics unless the status is `status`.
pub async fn page(server: &TestServer, path: &str, status: u16) -> Html {
    let res = get(server, path).await;
    assert_eq!(res.status().as_u16(), status, "GET {path}");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(ct.starts_with("text/html"), "GET {path}: content-type {ct}");
    Html::parse_document(&res.text().await.expect("body"))
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e}"))
}

pub fn count(doc: &Html, s: &str) -> usize {
    doc.select(&sel(s)).count()
}

pub fn text(doc: &Html, s: &str) -> String {
    doc.select(&sel(s))
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
        .trim()
        .to_string()
}

pub fn attr(doc: &Html, s: &str, a: &str) -> Option<String> {
    doc.select(&sel(s))
        .next()
        .and_then(|e| e.value().attr(a))
        .map(str::to_string)
}

/// The API's article list, to find demo articles by title.
pub async fn api_articles(server: &TestServer, query: &str) -> serde_json::Value {
    let res = get(server, &format!("/api/v1/articles?{query}")).await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("json")
}

/// The path (without origin) of an absolute URL returned by the API.
pub fn path_of(server: &TestServer, url: &str) -> String {
    url.strip_prefix(&server.base)
        .unwrap_or_else(|| panic!("{url} is not on {}", server.base))
        .to_string()
}
