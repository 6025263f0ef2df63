//! Bad input on the web: every case gets a clear 4xx — an Arabic HTML page, or
//! JSON under /api — never a 500 or a panic.

use crate::common;

use common::*;

async fn assert_arabic_error_page(server: &TestServer, path: &str, status: u16) {
    let doc = page(server, path, status).await;
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("ar"), "{path}");
    assert_eq!(attr(&doc, "html", "dir").as_deref(), Some("rtl"), "{path}");
    assert_eq!(count(&doc, "h1"), 1, "{path}");
    let h1 = text(&doc, "h1");
    assert!(
        h1.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "{path}: Arabic heading, got {h1:?}"
    );
}

#[tokio::test]
async fn unknown_and_malformed_pages_get_arabic_error_pages() {
    let server = TestServer::start_demo().await;
    let section = {
        let doc = page(&server, "/", 200).await;
        attr(&doc, ".section-block .block-title a", "href").expect("a section")
    };
    let not_found = [
        "/nothing-here".to_string(),
        "/article/999999/x".into(),
        "/article/999999".into(),
        "/article/abc/x".into(),
        "/article/-1/x".into(),
        "/article/99999999999999999999999999/x".into(),
        "/section/لا-يوجد".into(),
        "/tag/nothing".into(),
        "/author/nobody".into(),
        format!("{section}?page=999999"),
        "/static/..%2f..%2fetc%2fpasswd".into(),
        "/static/../Cargo.toml".into(),
        "/static/css/site.css".into(),
    ];
    for path in &not_found {
        assert_arabic_error_page(&server, path, 404).await;
    }
    let bad_request = [
        format!("{section}?page=abc"),
        format!("{section}?page=0"),
        format!("{section}?page=-3"),
        format!("{section}?page=99999999999999999999999"),
        format!("{section}?page=%FF"),
        "/article/1/%FF%FE".into(),
        "/section/%C3%28".into(),
    ];
    for path in &bad_request {
        assert_arabic_error_page(&server, path, 400).await;
    }
}

#[tokio::test]
async fn oversized_and_wrong_method_requests_are_refused_politely() {
    let server = TestServer::start_demo().await;
    let big = vec![b'x'; 1024 * 1024];
    let res = client()
        .post(server.url("/"))
        .body(big.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert!(res.text().await.unwrap().contains("lang=\"ar\""));
    let res = client()
        .post(server.url("/"))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    let res = client()
        .post(server.url("/api/v1/articles"))
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["error"], "payload_too_large");
}

#[tokio::test]
async fn api_errors_are_json_codes() {
    let server = TestServer::start_demo().await;
    for (path, status, code) in [
        ("/api/v1/articles/999999", 404, "article_not_found"),
        ("/api/v1/articles/abc", 404, "article_not_found"),
        ("/api/v1/articles?limit=abc", 400, "invalid_limit"),
        ("/api/v1/articles?limit=0", 400, "invalid_limit"),
        ("/api/v1/articles?offset=-1", 400, "invalid_offset"),
        (
            "/api/v1/articles?offset=99999999999999999999999",
            400,
            "invalid_offset",
        ),
        ("/api/v1/articles?section=nothing", 404, "section_not_found"),
        ("/api/v1/articles?limit=%FF", 400, "invalid_limit"),
        ("/api/v1/nothing", 404, "not_found"),
    ] {
        let res = get(&server, path).await;
        assert_eq!(res.status().as_u16(), status, "{path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{path}"
        );
        let json: serde_json::Value = res.json().await.unwrap();
        assert_eq!(json["error"], code, "{path}");
    }
}
