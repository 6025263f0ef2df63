//! What follows a section or tag when it is renamed, re-slugged, merged or
//! deleted with its articles moved: the search index re-reads the articles
//! it touched (their «updated» date staying what it was), and the old
//! addresses lead to the new ones.

use crate::common;
use crate::kit::newsroom as kit;

use common::*;
use jiff::{SignedDuration, Timestamp};
use khabar_core::{ArticleStatus, NewTaxonomy, Role};
use kit::*;

fn tax(name: &str) -> NewTaxonomy {
    NewTaxonomy {
        name: name.into(),
        slug: khabar_arabic::slugify(name, 60),
    }
}

/// An article written and published two days ago in `section` with
/// `tags`: outside the index's look-back window, and with no «updated»
/// line, so any bump would show.
async fn filed_earlier(
    server: &TestServer,
    owner: khabar_core::UserId,
    title: &str,
    section: &str,
    tags: &[&str],
) -> i64 {
    let two_days_ago = Timestamp::now() - SignedDuration::from_hours(48);
    let mut a = article(title, ArticleStatus::Published, Some(two_days_ago));
    a.section = Some(tax(section));
    a.tags = tags.iter().map(|t| tax(t)).collect();
    create_owned_at(server, &a, owner, two_days_ago).await
}

/// The ids the search API finds for `words`.
async fn found(server: &TestServer, words: &str) -> Vec<i64> {
    let q: String = words.bytes().map(|b| format!("%{b:02X}")).collect();
    let res = get(server, &format!("/api/v1/search?q={q}")).await;
    assert_eq!(res.status(), 200, "search {words}");
    let json: serde_json::Value = res.json().await.expect("json");
    json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}

/// The article's `updated_at` as the API gives it.
async fn updated_at(server: &TestServer, id: i64) -> String {
    let res = get(server, &format!("/api/v1/articles/{id}")).await;
    assert_eq!(res.status(), 200);
    let json: serde_json::Value = res.json().await.expect("json");
    json["updated_at"].as_str().expect("updated_at").to_string()
}

/// The id in the first edit link of a list page, for the row named `name`.
fn row_id(doc: &scraper::Html, kind: &str, name: &str) -> i64 {
    doc.select(&sel(&format!("a[href^='/newsroom/{kind}/']")))
        .find(|a| a.text().collect::<String>().trim() == name)
        .and_then(|a| a.value().attr("href"))
        .and_then(|h| h.rsplit('/').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{name} is listed"))
}

#[tokio::test]
async fn renaming_a_section_or_tag_reindexes_its_articles_without_an_updated_date() {
    let server = TestServer::start().await;
    let owner = add_user(&server, "owner@example.com", "مالك", Role::Editor).await;
    let b = signed_in(&server, "editor@example.com", "محرر", Role::Editor).await;
    let ferry = filed_earlier(&server, owner, "خط العبارة يعود", "محليات", &["النقل"]).await;
    let bridge = filed_earlier(&server, owner, "جسر الميناء يفتح", "محليات", &["الطرق"]).await;
    let before = [
        updated_at(&server, ferry).await,
        updated_at(&server, bridge).await,
    ];
    let canonical = get(&server, &format!("/article/{bridge}")).await.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    let doc = page(&server, &canonical, 200).await;
    assert_eq!(
        count(&doc, "span.updated"),
        0,
        "not updated since publication"
    );
    // Indexed long ago, as it were: a rebuild now, then only changes.
    server.search.rebuild(|_, _| {}).await.expect("index");
    assert_eq!(found(&server, "محليات").await.len(), 2);
    assert!(found(&server, "بلدية").await.is_empty());
    assert!(found(&server, "المواصلات").await.is_empty());

    let csrf = b.csrf(&server, "/newsroom/sections").await;
    let section = row_id(
        &page_with(&b, &server, "/newsroom/sections").await,
        "sections",
        "محليات",
    );
    let tags = page_with(&b, &server, "/newsroom/tags").await;
    let (transport, roads) = (
        row_id(&tags, "tags", "النقل"),
        row_id(&tags, "tags", "الطرق"),
    );
    for (path, name) in [
        (format!("/newsroom/sections/{section}"), "شؤون بلدية"),
        (format!("/newsroom/tags/{transport}"), "المواصلات"),
    ] {
        let res = b
            .post(
                &server,
                &path,
                &[("csrf", &csrf), ("name", name), ("slug", "")],
            )
            .await;
        assert_eq!(res.status(), 303, "{path}");
    }
    // (The server's own poll may run first; either way the index follows.)
    server.search.catch_up().await.expect("catch up");
    let mut by_section = found(&server, "بلدية").await;
    by_section.sort_unstable();
    assert_eq!(by_section, [ferry, bridge], "found by the new section name");
    assert_eq!(found(&server, "المواصلات").await, [ferry], "by the new tag");
    assert!(found(&server, "محليات").await.is_empty(), "old name gone");

    // A merge touches the merged tag's articles the same way.
    let res = b
        .post(
            &server,
            &format!("/newsroom/tags/{roads}/merge"),
            &[("csrf", &csrf), ("into", "المواصلات")],
        )
        .await;
    assert_eq!(res.status(), 303);
    server.search.catch_up().await.expect("catch up");
    let mut by_tag = found(&server, "المواصلات").await;
    by_tag.sort_unstable();
    assert_eq!(
        by_tag,
        [ferry, bridge],
        "the merged article carries the tag"
    );

    // Readers see no update: the API's and the page's dates are unchanged.
    let after = [
        updated_at(&server, ferry).await,
        updated_at(&server, bridge).await,
    ];
    assert_eq!(after, before, "updated_at kept");
    let doc = page(&server, &canonical, 200).await;
    assert_eq!(count(&doc, "span.updated"), 0, "still no «updated» line");
}

/// Where `path` answers a 301 to (panics on anything else).
async fn moved_to(server: &TestServer, path: &str) -> String {
    let res = get(server, path).await;
    assert_eq!(res.status(), 301, "GET {path}");
    res.headers()["location"].to_str().unwrap().to_string()
}

/// Posts an editor's form and expects the newsroom's 303.
async fn posted(b: &Browser, server: &TestServer, path: &str, form: &[(&str, &str)]) {
    let res = b.post(server, path, form).await;
    assert_eq!(res.status(), 303, "POST {path}");
}

#[tokio::test]
async fn old_section_and_tag_addresses_move_for_good_until_a_new_item_takes_them() {
    use khabar_web::urls::{section as section_url, tag as tag_url};
    let server = TestServer::start().await;
    let owner = add_user(&server, "owner@example.com", "مالك", Role::Editor).await;
    let b = signed_in(&server, "editor@example.com", "محرر", Role::Editor).await;
    filed_earlier(&server, owner, "خط العبارة يعود", "محليات", &["النقل"]).await;
    filed_earlier(&server, owner, "جسر الميناء يفتح", "اقتصاد", &["المواصلات"]).await;
    let csrf = b.csrf(&server, "/newsroom/sections").await;
    let sections = page_with(&b, &server, "/newsroom/sections").await;
    let (local, economy) = (
        row_id(&sections, "sections", "محليات"),
        row_id(&sections, "sections", "اقتصاد"),
    );
    let old = section_url("محليات");
    let edit = format!("/newsroom/sections/{local}");
    let form = |name: &'static str, slug: &'static str| {
        vec![("csrf", csrf.as_str()), ("name", name), ("slug", slug)]
    };

    // A new slug: the old address answers 301, page number kept.
    posted(&b, &server, &edit, &form("شؤون محلية", "local")).await;
    assert_eq!(moved_to(&server, &old).await, "/section/local");
    assert_eq!(
        moved_to(&server, &format!("{old}?page=2")).await,
        "/section/local?page=2"
    );
    assert_eq!(get(&server, "/section/local").await.status(), 200);
    // Another: every old address leads to the current one in one hop.
    posted(&b, &server, &edit, &form("شؤون محلية", "city")).await;
    assert_eq!(moved_to(&server, &old).await, "/section/city");
    assert_eq!(moved_to(&server, "/section/local").await, "/section/city");
    // Taken back: the slug answers again, the one given up moves.
    posted(&b, &server, &edit, &form("شؤون محلية", "local")).await;
    assert_eq!(get(&server, "/section/local").await.status(), 200);
    assert_eq!(moved_to(&server, "/section/city").await, "/section/local");

    // A new section with an old slug wins over the redirect.
    posted(&b, &server, "/newsroom/sections", &form("محليات", "")).await;
    let doc = page(&server, &old, 200).await;
    assert_eq!(text(&doc, "h1"), "محليات");
    assert_eq!(moved_to(&server, "/section/city").await, "/section/local");
    // Deleted with its articles moved: its addresses lead where they went.
    posted(
        &b,
        &server,
        &format!("{edit}/delete"),
        &[("csrf", &csrf), ("move_to", &economy.to_string())],
    )
    .await;
    let economy_url = section_url("اقتصاد");
    assert_eq!(moved_to(&server, "/section/local").await, economy_url);
    assert_eq!(moved_to(&server, "/section/city").await, economy_url);
    // Deleted outright (no articles): its addresses are gone.
    let newer = row_id(
        &page_with(&b, &server, "/newsroom/sections").await,
        "sections",
        "محليات",
    );
    let edit = format!("/newsroom/sections/{newer}");
    posted(&b, &server, &edit, &form("محليات", "gone")).await;
    assert_eq!(moved_to(&server, &old).await, "/section/gone");
    posted(&b, &server, &format!("{edit}/delete"), &[("csrf", &csrf)]).await;
    for path in [old.as_str(), "/section/gone"] {
        assert_eq!(get(&server, path).await.status(), 404, "{path}");
    }

    // Tags: a new slug, then a merge into another tag.
    let tags = page_with(&b, &server, "/newsroom/tags").await;
    let transport = row_id(&tags, "tags", "النقل");
    posted(
        &b,
        &server,
        &format!("/newsroom/tags/{transport}"),
        &form("النقل", "transport"),
    )
    .await;
    assert_eq!(moved_to(&server, &tag_url("النقل")).await, "/tag/transport");
    posted(
        &b,
        &server,
        &format!("/newsroom/tags/{transport}/merge"),
        &[("csrf", &csrf), ("into", "المواصلات")],
    )
    .await;
    let into = tag_url("المواصلات");
    assert_eq!(moved_to(&server, "/tag/transport").await, into);
    assert_eq!(moved_to(&server, &tag_url("النقل")).await, into);
    assert_eq!(get(&server, &into).await.status(), 200);
}
