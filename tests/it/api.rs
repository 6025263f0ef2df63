//! The read-only JSON API that the rest of the product and its tests rely on.

use crate::common;

use common::*;

#[tokio::test]
async fn list_articles_pages_and_filters() {
    let server = TestServer::start_demo().await;
    let all = api_articles(&server, "").await;
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 30, "{total} demo articles");
    assert_eq!(all["items"].as_array().unwrap().len(), 20, "default limit");
    let item = &all["items"][0];
    for key in ["id", "title", "url", "section", "published_at", "lead"] {
        assert!(!item[key].is_null(), "{key} in {item}");
    }
    // Newest first.
    let dates: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["published_at"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);

    // limit/offset walk the same list.
    let page2 = api_articles(&server, "limit=5&offset=5").await;
    assert_eq!(page2["items"][0]["id"], all["items"][5]["id"]);
    assert_eq!(page2["total"], all["total"]);
    // Arabic-Indic digits work as numbers.
    let arabic = api_articles(&server, "limit=٥&offset=٥").await;
    assert_eq!(arabic["items"][0]["id"], all["items"][5]["id"]);
    // Limits above the maximum are capped.
    let capped = api_articles(&server, "limit=100000").await;
    assert!(capped["items"].as_array().unwrap().len() as u64 == total.min(100));

    // Section filter.
    let slug = item["section"]["slug"].as_str().unwrap();
    let encoded: String = slug.bytes().map(|b| format!("%{b:02X}")).collect();
    let section = api_articles(&server, &format!("section={encoded}")).await;
    let n = section["total"].as_u64().unwrap();
    assert!(n >= 1 && n < total);
    for i in section["items"].as_array().unwrap() {
        assert_eq!(i["section"]["slug"], slug);
    }
}

#[tokio::test]
async fn get_article_returns_the_full_article() {
    let server = TestServer::start_demo().await;
    let all = api_articles(&server, "limit=100").await;
    let mut seen_source = false;
    for item in all["items"].as_array().unwrap() {
        let id = item["id"].as_i64().unwrap();
        let res = get(&server, &format!("/api/v1/articles/{id}")).await;
        assert_eq!(res.status(), 200);
        let full: serde_json::Value = res.json().await.unwrap();
        assert_eq!(full["id"], id);
        assert_eq!(full["url"], item["url"]);
        let body = full["body_html"].as_str().unwrap();
        assert!(body.contains("<p>") && body.contains("<h2 id="), "{body}");
        assert!(!body.contains("<script"));
        if full["source_url"].is_string() {
            seen_source = true;
            assert!(full["source_name"].is_string());
            assert!(full["source_url"].as_str().unwrap().starts_with("https://"));
        } else {
            assert!(full["source_name"].is_null());
        }
    }
    assert!(seen_source);
}
