//! Readers deleting their own comments: the secret key given at submission
//! (JSON for `comments.js`, a link after a post without JavaScript), wrong
//! keys refused with nothing deleted, and how threads read once a comment
//! is gone — deleted by its writer or removed by staff, never confused.

use crate::common;
use crate::kit::comments as kit;

use common::*;
use khabar_comments::policy::Moderation;
use kit::*;
use serde_json::{Value, json};

/// POSTs a deletion to the JSON API; returns status and JSON.
async fn delete_json(s: &Site, id: i64, key: &str, origin: Option<&str>) -> (u16, Value) {
    let mut req = client()
        .post(s.server.url(&format!(
            "/api/v1/articles/{}/comments/{id}/delete",
            s.article
        )))
        .json(&json!({ "key": key }));
    if let Some(o) = origin {
        req = req.header("origin", o);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn status_of(s: &Site, id: i64) -> String {
    use khabar_store::CommentStore;
    s.store
        .comment(khabar_core::CommentId(id))
        .await
        .unwrap()
        .unwrap()
        .status
        .as_str()
        .to_string()
}

#[tokio::test]
async fn writers_delete_their_own_comments_with_their_key_and_no_other() {
    use khabar_store::CommentStore;
    let s = site(|c| c.moderation = Moderation::None).await;
    let (status, mine) = comment(&s, "هالة", "", "تعليق سأندم عليه").await;
    assert_eq!(status, 201, "{mine}");
    let id = mine["id"].as_i64().unwrap();
    let key = mine["delete_key"].as_str().unwrap().to_string();
    assert!(key.starts_with(&format!("{id}.")), "{key}");
    let (_, other) = comment(&s, "منى", "", "تعليق آخر").await;
    let other_key = other["delete_key"].as_str().unwrap();
    let other_id = other["id"].as_i64().unwrap();

    // Wrong keys: 403, and nothing is deleted.
    let bare = key.split_once('.').unwrap().1;
    let wrong = format!("{id}.{}", "0".repeat(64));
    let moved = format!("{other_id}.{bare}");
    for bad in ["", "0", wrong.as_str(), other_key, moved.as_str()] {
        assert_eq!(
            delete_json(&s, id, bad, None).await,
            (403, json!({"error": "delete_key_invalid"})),
            "key {bad:?}"
        );
    }
    // From another site's page, even with the key.
    let (status, _) = delete_json(&s, id, &key, Some("https://evil.example")).await;
    assert_eq!(status, 403);
    assert_eq!(status_of(&s, id).await, "approved");
    // Unknown comments, and comments of another article, are not found.
    assert_eq!(delete_json(&s, 999_999, &key, None).await.0, 404);

    // The right key, alone or as `ID.KEY`.
    let (status, v) = delete_json(&s, id, bare, None).await;
    assert_eq!(
        (status, v["status"].as_str()),
        (200, Some("deleted")),
        "{v}"
    );
    assert_eq!(v["message"], "حُذف تعليقك.");
    assert_eq!(
        delete_json(&s, id, &key, None).await.0,
        200,
        "twice is fine"
    );
    let kept = s
        .store
        .comment(khabar_core::CommentId(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (kept.status.as_str(), kept.body.as_str()),
        ("deleted", "تعليق سأندم عليه"),
        "deleted, not erased"
    );
    let doc = page(&s.server, &s.path, 200).await;
    assert_eq!(count(&doc, ".comment"), 1);
    assert_eq!(text(&doc, ".comments-count"), "(تعليق واحد)");

    // A comment staff removed stays removed.
    s.store
        .moderate(
            &[khabar_core::CommentId(other_id)],
            khabar_store::comments::ModerationAction::Remove,
            jiff::Timestamp::now(),
        )
        .await
        .unwrap();
    assert_eq!(
        delete_json(&s, other_id, other_key, None).await,
        (409, json!({"error": "comment_not_deletable"}))
    );
    assert_eq!(status_of(&s, other_id).await, "removed");
}

#[tokio::test]
async fn replies_outlive_a_deleted_or_removed_comment_and_read_which_it_was() {
    use khabar_store::CommentStore;
    let s = site(|c| c.moderation = Moderation::None).await;
    let (_, deleted) = comment(&s, "هالة", "", "سأحذف هذا").await;
    let (_, removed) = comment(&s, "مسيء", "", "سيزيله المشرف").await;
    for (top, body) in [(&deleted, "رد يبقى"), (&removed, "رد آخر يبقى")] {
        let (status, _) = reply(&s, top["id"].as_i64().unwrap(), "علي", body).await;
        assert_eq!(status, 201);
    }
    let (status, _) = delete_json(
        &s,
        deleted["id"].as_i64().unwrap(),
        deleted["delete_key"].as_str().unwrap(),
        None,
    )
    .await;
    assert_eq!(status, 200);
    s.store
        .moderate(
            &[khabar_core::CommentId(removed["id"].as_i64().unwrap())],
            khabar_store::comments::ModerationAction::Remove,
            jiff::Timestamp::now(),
        )
        .await
        .unwrap();
    let doc = page(&s.server, &s.path, 200).await;
    assert_eq!(count(&doc, ".comment-list > li"), 2, "both threads stay");
    assert_eq!(
        count(&doc, ".comment-replies .comment"),
        2,
        "with their replies"
    );
    assert_eq!(text(&doc, ".comment-deleted"), "حذف صاحب التعليق تعليقه.");
    assert_eq!(
        text(&doc, ".comment-removed"),
        "أزال فريق التحرير هذا التعليق."
    );
    let html = doc.html();
    for gone in ["سأحذف هذا", "سيزيله المشرف", "مسيء"] {
        assert!(!html.contains(gone), "{gone} is not shown");
    }
    assert_eq!(
        text(&doc, ".comments-count"),
        "(تعليقان)",
        "placeholders do not count"
    );
    let api: Value = get(
        &s.server,
        &format!("/api/v1/articles/{}/comments", s.article),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(api["count"], 2);
    let statuses: Vec<&str> = api["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["deleted", "removed"]);
    assert_eq!(api["items"][0]["author"], "");
    assert_eq!(api["items"][0]["body"], "");
    assert_eq!(api["items"][0]["replies"][0]["body"], "رد يبقى");
}

#[tokio::test]
async fn without_javascript_the_deletion_link_comes_with_the_message() {
    let s = site(|c| c.moderation = Moderation::None).await;
    let token = page_token(&s).await;
    let res = post_form(
        &s,
        &[("token", &token), ("name", "علي"), ("body", "بلا جافاسكربت")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let link = location
        .split("delete=")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .expect("the deletion key in the address")
        .to_string();
    let doc = page(&s.server, location.split('#').next().unwrap(), 200).await;
    assert_eq!(text(&doc, ".comment-message"), "نُشر تعليقك. شكرًا لمشاركتك.");
    let offer_link = attr(&doc, ".comment-delete-link a", "href").unwrap();
    assert!(
        offer_link.starts_with(&s.server.base) && offer_link.contains(&link),
        "{offer_link}"
    );
    let action = attr(&doc, "form[data-delete-offer]", "action").unwrap();
    let key = attr(&doc, "form[data-delete-offer] input[name=key]", "value").unwrap();

    // A wrong key: the page again with the message, nothing deleted.
    let res = client()
        .post(s.server.url(&action))
        .form(&[("key", "f".repeat(64))])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let doc = scraper::Html::parse_document(&res.text().await.unwrap());
    assert_eq!(
        text(&doc, ".comment-message"),
        "رابط الحذف لا يخص هذا التعليق، فلم يُحذف شيء."
    );
    assert_eq!(count(&doc, ".comment"), 1);

    let res = client()
        .post(s.server.url(&action))
        .form(&[("key", key.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert!(back.ends_with("?comment=deleted#comments"), "{back}");
    let doc = page(&s.server, back.split('#').next().unwrap(), 200).await;
    assert_eq!(text(&doc, ".comment-message"), "حُذف تعليقك.");
    assert_eq!(count(&doc, ".comment"), 0);
    // The kept link offers nothing once the comment is gone.
    let again = format!("{}?delete={link}", s.path);
    assert_eq!(
        count(&page(&s.server, &again, 200).await, "[data-delete-offer]"),
        0
    );
    // Made-up links offer nothing either.
    for junk in [
        "1.abc",
        "<script>",
        "99999.0000000000000000000000000000000000000000000000000000000000000000",
    ] {
        let url = format!("{}?delete={}", s.path, urlencode(junk));
        assert_eq!(
            count(&page(&s.server, &url, 200).await, "[data-delete-offer]"),
            0,
            "{junk}"
        );
    }
}

#[tokio::test]
async fn a_held_comment_can_be_deleted_before_anyone_reviews_it() {
    let s = site(|_| {}).await;
    let token = page_token(&s).await;
    let res = post_form(&s, &[("token", &token), ("name", "منى"), ("body", "تسرعت")]).await;
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("comment=held&delete="), "{location}");
    let doc = page(&s.server, location.split('#').next().unwrap(), 200).await;
    assert_eq!(
        text(&doc, ".comment-delete-offer p"),
        "تعليقك بانتظار المراجعة، ويمكنك حذفه متى شئت."
    );
    let action = attr(&doc, "form[data-delete-offer]", "action").unwrap();
    let key = attr(&doc, "form[data-delete-offer] input[name=key]", "value").unwrap();
    let res = client()
        .post(s.server.url(&action))
        .form(&[("key", key.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(newest(&s).await.0, "deleted");
}

fn urlencode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
