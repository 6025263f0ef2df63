//! Helpers for the comment tests: a demo site with comments tuned for tests
//! (no 3-second wait, generous rate limits unless a test sets them), a second
//! connection to its database for moderating, and posting through the form
//! and the JSON API.

#![allow(dead_code)]

use crate::common::*;
use khabar_store_sqlite::SqliteStore;
use khabar_web::comments::CommentSettings;
use khabar_web::comments::limiter::RateLimits;
use serde_json::{Value, json};

pub struct Site {
    pub server: TestServer,
    /// The same database, as the CLI or the newsroom would open it.
    pub store: SqliteStore,
    /// A published demo article.
    pub article: i64,
    /// Its canonical path.
    pub path: String,
}

pub fn test_settings() -> CommentSettings {
    CommentSettings {
        min_seconds: 0,
        rate: RateLimits {
            min_interval_secs: 0,
            per_hour: 10_000,
        },
        ..CommentSettings::default()
    }
}

pub async fn site(adjust: impl FnOnce(&mut CommentSettings)) -> Site {
    let mut settings = test_settings();
    adjust(&mut settings);
    site_with(move |c| c.comments = Some(settings)).await
}

/// A demo site whose whole configuration the test adjusts (comments start
/// from [`test_settings`]).
pub async fn site_with(adjust: impl FnOnce(&mut khabar_app::config::Config)) -> Site {
    let server = TestServer::start_with(true, move |c| {
        c.comments = Some(test_settings());
        adjust(c);
    })
    .await;
    let list = api_articles(&server, "limit=1").await;
    let item = &list["items"][0];
    let article = item["id"].as_i64().expect("id");
    let path = path_of(&server, item["url"].as_str().expect("url"));
    let store = SqliteStore::open(&server.database_url)
        .await
        .expect("second connection");
    Site {
        server,
        store,
        article,
        path,
    }
}

/// A fresh form token from the JSON API.
pub async fn token(site: &Site, article: i64) -> String {
    let res = get(
        &site.server,
        &format!("/api/v1/articles/{article}/comments"),
    )
    .await;
    assert_eq!(res.status(), 200);
    let v: Value = res.json().await.expect("json");
    v["token"].as_str().expect("comments are open").to_string()
}

/// POSTs `body` as JSON to the comment API; returns status and JSON.
pub async fn post_json(site: &Site, article: i64, body: &Value) -> (u16, Value) {
    let res = client()
        .post(
            site.server
                .url(&format!("/api/v1/articles/{article}/comments")),
        )
        .json(body)
        .send()
        .await
        .expect("POST");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// A complete comment through the API with a fresh token.
pub async fn comment(site: &Site, name: &str, email: &str, body: &str) -> (u16, Value) {
    let t = token(site, site.article).await;
    post_json(
        site,
        site.article,
        &json!({"token": t, "name": name, "email": email, "body": body}),
    )
    .await
}

/// A reply through the API.
pub async fn reply(site: &Site, parent: i64, name: &str, body: &str) -> (u16, Value) {
    let t = token(site, site.article).await;
    post_json(
        site,
        site.article,
        &json!({"token": t, "name": name, "body": body, "parent_id": parent}),
    )
    .await
}

/// The form without JavaScript: fields as `application/x-www-form-urlencoded`.
pub async fn post_form(site: &Site, fields: &[(&str, &str)]) -> reqwest::Response {
    client()
        .post(
            site.server
                .url(&format!("/article/{}/comments", site.article)),
        )
        .form(fields)
        .send()
        .await
        .expect("POST form")
}

/// The token in the form of the article page.
pub async fn page_token(site: &Site) -> String {
    let doc = page(&site.server, &site.path, 200).await;
    attr(&doc, "form[data-comment-form] input[name=token]", "value").expect("form token")
}

/// The status of the newest comment in the database, with its hold reason.
pub async fn newest(site: &Site) -> (String, Option<String>) {
    use khabar_store::CommentStore;
    let page = site
        .store
        .list_comments(&khabar_store::comments::CommentQuery {
            status: None,
            article_id: None,
            search: None,
            window: khabar_core::Window {
                limit: 1,
                offset: 0,
            },
        })
        .await
        .expect("list");
    let c = page.items.first().expect("a comment");
    (c.status.as_str().to_string(), c.hold_reason.clone())
}

pub async fn comment_total(site: &Site) -> u64 {
    use khabar_store::CommentStore;
    site.store
        .list_comments(&khabar_store::comments::CommentQuery {
            status: None,
            article_id: None,
            search: None,
            window: khabar_core::Window {
                limit: 1,
                offset: 0,
            },
        })
        .await
        .expect("list")
        .total
}

pub async fn approve(site: &Site, ids: &[i64]) {
    use khabar_store::CommentStore;
    let ids: Vec<khabar_core::CommentId> =
        ids.iter().copied().map(khabar_core::CommentId).collect();
    site.store
        .moderate(
            &ids,
            khabar_store::comments::ModerationAction::Approve,
            jiff::Timestamp::now(),
        )
        .await
        .expect("approve");
}

/// The id of the newest comment.
pub async fn newest_id(site: &Site) -> i64 {
    use khabar_store::CommentStore;
    site.store
        .list_comments(&khabar_store::comments::CommentQuery {
            status: None,
            article_id: None,
            search: None,
            window: khabar_core::Window {
                limit: 1,
                offset: 0,
            },
        })
        .await
        .expect("list")
        .items[0]
        .id
        .0
}
