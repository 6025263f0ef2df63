//! The reading site end to end: a real server over a fresh SQLite file with the
//! demo content, checked through real HTTP and an HTML parser.

use crate::common;

use common::*;

#[tokio::test]
async fn home_page_is_arabic_rtl_with_one_h1_and_sections() {
    let server = TestServer::start_demo().await;
    let doc = page(&server, "/", 200).await;
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("ar"));
    assert_eq!(attr(&doc, "html", "dir").as_deref(), Some("rtl"));
    assert_eq!(count(&doc, "h1"), 1);
    assert_eq!(count(&doc, ".lead-story"), 1, "a lead story");
    assert!(count(&doc, ".section-block") >= 5, "latest per section");
    assert!(
        count(&doc, ".site-nav a") >= 6,
        "home + sections in the navigation"
    );
    // Every stylesheet and font is a hashed, embedded asset.
    let css = attr(&doc, "link[rel=stylesheet]", "href").expect("stylesheet");
    let res = get(&server, &css).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
}

#[tokio::test]
async fn article_page_has_the_whole_anatomy() {
    let server = TestServer::start_demo().await;
    // A demo article with a source: find it through the API.
    let list = api_articles(&server, "limit=100").await;
    let mut with_source = None;
    for item in list["items"].as_array().expect("items") {
        let id = item["id"].as_i64().expect("id");
        let full: serde_json::Value = get(&server, &format!("/api/v1/articles/{id}"))
            .await
            .json()
            .await
            .expect("json");
        if full["source_url"].is_string() {
            with_source = Some(full);
            break;
        }
    }
    let article = with_source.expect("a demo article with a source");
    let path = path_of(&server, article["url"].as_str().unwrap());
    let doc = page(&server, &path, 200).await;

    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("ar"));
    assert_eq!(attr(&doc, "html", "dir").as_deref(), Some("rtl"));
    assert_eq!(count(&doc, "h1"), 1, "exactly one h1");
    assert_eq!(text(&doc, "h1"), article["title"].as_str().unwrap());
    assert!(
        text(&doc, "title").starts_with(article["title"].as_str().unwrap()),
        "<title> starts with the headline"
    );
    // Breadcrumb: home › section.
    assert_eq!(count(&doc, ".breadcrumb li"), 2);
    assert_eq!(
        text(&doc, ".breadcrumb li:last-child a"),
        article["section"]["name"].as_str().unwrap()
    );
    // Sub-headings with stable anchors.
    let h2 = doc.select(&sel(".article-body h2")).collect::<Vec<_>>();
    assert!(!h2.is_empty(), "sub-headings");
    for h in &h2 {
        assert!(h.value().attr("id").is_some_and(|id| !id.is_empty()));
    }
    assert!(count(&doc, ".article-body p") >= 4);
    // Author and an Arabic date.
    assert!(count(&doc, ".byline a[rel=author]") == 1);
    let date = text(&doc, ".dateline time");
    assert!(
        [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر"
        ]
        .iter()
        .any(|m| date.contains(m)),
        "Arabic month name in {date:?}"
    );
    // «المصدر: <a>name</a>» linking to the source URL.
    let source = text(&doc, ".source");
    assert!(source.starts_with("المصدر"), "{source}");
    assert_eq!(
        attr(&doc, ".source a", "href").as_deref(),
        article["source_url"].as_str()
    );
    assert_eq!(
        text(&doc, ".source a"),
        article["source_name"].as_str().unwrap()
    );
    // Tags link to tag pages that list this article.
    let tag_href = attr(&doc, ".tags a", "href").expect("a tag");
    let tag_page = page(&server, &tag_href, 200).await;
    assert!(
        tag_page
            .select(&sel(".list .card-title a"))
            .any(|a| a.value().attr("href") == Some(path.as_str()))
    );
    // Canonical link and structured data.
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").as_deref(),
        article["url"].as_str()
    );
    assert_eq!(count(&doc, "script[type='application/ld+json']"), 1);
}

#[tokio::test]
async fn outdated_missing_or_arabic_digit_urls_redirect_to_the_canonical_one() {
    let server = TestServer::start_demo().await;
    let list = api_articles(&server, "limit=1").await;
    let item = &list["items"][0];
    let id = item["id"].as_i64().unwrap();
    let canonical = path_of(&server, item["url"].as_str().unwrap());
    let arabic_id: String = id
        .to_string()
        .chars()
        .map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap())
        .collect();
    for path in [
        format!("/article/{id}"),
        format!("/article/{id}/old-slug"),
        format!("/article/{arabic_id}/x"),
        format!("/article/{arabic_id}"),
        format!("/article/00{id}/x"),
    ] {
        let res = get(&server, &path).await;
        assert_eq!(res.status(), 301, "{path}");
        assert_eq!(
            res.headers()["location"].to_str().unwrap(),
            canonical,
            "{path}"
        );
    }
    // The canonical URL itself does not redirect and is percent-encoded Arabic.
    assert!(canonical.contains("%D8"), "{canonical}");
    assert_eq!(get(&server, &canonical).await.status(), 200);
}

#[tokio::test]
async fn section_pages_paginate() {
    let server = TestServer::start_with(true, |c| c.per_page = 3).await;
    let doc = page(&server, "/", 200).await;
    let section = attr(&doc, ".section-block .block-title a", "href").expect("a section");
    let first = page(&server, &section, 200).await;
    assert_eq!(count(&first, ".list .card"), 3);
    assert_eq!(count(&first, "h1"), 1);
    assert!(
        text(&first, ".listing-count").contains("مقالات"),
        "{}",
        text(&first, ".listing-count")
    );
    let next = attr(&first, "a[rel=next]", "href").expect("next page link");
    let second = page(&server, &next, 200).await;
    assert!(count(&second, ".list .card") >= 1);
    assert!(attr(&second, "a[rel=prev]", "href").is_some());
    // Arabic-Indic page numbers are understood.
    let arabic = page(&server, &format!("{section}?page=٢"), 200).await;
    assert_eq!(
        text(&arabic, ".list .card-title"),
        text(&second, ".list .card-title")
    );
}

#[tokio::test]
async fn author_pages_list_their_articles() {
    let server = TestServer::start_demo().await;
    let doc = page(&server, "/", 200).await;
    let author = attr(&doc, ".card-meta a", "href").expect("an author link");
    let listing = page(&server, &author, 200).await;
    assert_eq!(count(&listing, "h1"), 1);
    assert!(count(&listing, ".list .card") >= 1);
}

#[tokio::test]
async fn an_empty_site_still_serves_a_home_page() {
    let server = TestServer::start().await;
    let doc = page(&server, "/", 200).await;
    assert_eq!(count(&doc, ".empty-site"), 1);
}

#[tokio::test]
async fn healthz_answers() {
    let server = TestServer::start().await;
    let res = get(&server, "/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn pages_are_compressed_when_asked() {
    let server = TestServer::start_demo().await;
    for encoding in ["gzip", "br"] {
        let res = client()
            .get(server.url("/"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-encoding"], encoding);
    }
}

#[tokio::test]
async fn digits_and_month_names_follow_the_site_settings() {
    use khabar_i18n::{DigitStyle, MonthNames};
    let server = TestServer::start_with(true, |c| {
        c.locale.digits = DigitStyle::ArabicIndic;
        c.locale.months = MonthNames::Levant;
        c.locale.show_hijri = true;
        c.per_page = 3;
    })
    .await;
    let list = api_articles(&server, "limit=40").await;
    let oldest = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["published_at"].as_str().unwrap().starts_with("2026-10"))
        .expect("an October article");
    let doc = page(
        &server,
        &path_of(&server, oldest["url"].as_str().unwrap()),
        200,
    )
    .await;
    let date = text(&doc, ".dateline time");
    assert!(date.contains("تشرين الأول"), "Levant month name in {date:?}");
    assert!(date.contains("٢٠٢٦"), "Arabic-Indic digits in {date:?}");
    assert!(!date.chars().any(|c| c.is_ascii_digit()), "{date:?}");
    assert!(text(&doc, ".hijri").contains("هـ"), "Hijri date shown");
    // Counts on listings use the plural forms and the digit style.
    let home = page(&server, "/", 200).await;
    let section = attr(&home, ".section-block .block-title a", "href").unwrap();
    let listing = page(&server, &section, 200).await;
    let count = text(&listing, ".listing-count");
    assert!(
        ["مقالات", "مقالًا", "مقال"].iter().any(|w| count.contains(w)),
        "{count:?}"
    );
    assert!(!count.chars().any(|c| c.is_ascii_digit()), "{count:?}");
    assert!(text(&listing, ".page-label").contains('١'));
}

#[tokio::test]
async fn rendered_pages_are_kept_briefly_but_not_for_visitors_with_cookies() {
    use khabar_store::Store;
    let server = TestServer::start_with(true, |c| {
        c.page_cache = std::time::Duration::from_secs(60);
    })
    .await;
    let before = get(&server, "/").await.text().await.unwrap();
    // Another process (the CLI, another server) publishes a story.
    let store = khabar_store_sqlite::SqliteStore::open(&server.database_url)
        .await
        .unwrap();
    let now = jiff::Timestamp::now();
    let title = "خبر عاجل يصل من خارج هذا الخادم";
    store
        .create_article(
            &khabar_core::NewArticle {
                slug: "خبر-عاجل".into(),
                title: title.into(),
                lead: "مقدمة".into(),
                body: "نص.".into(),
                section: None,
                tags: vec![],
                author: None,
                source: None,
                status: khabar_core::ArticleStatus::Published,
                published_at: Some(now),
                cover: None,
            },
            now,
        )
        .await
        .unwrap();
    store.close().await;
    // Anonymous readers get the kept page until it expires…
    let cached = get(&server, "/").await.text().await.unwrap();
    assert_eq!(cached, before);
    assert!(!cached.contains(title));
    // …a visitor with a cookie always gets a fresh render.
    let fresh = client()
        .get(server.url("/"))
        .header("cookie", "x=1")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(fresh.contains(title));
    // Error pages are never kept.
    assert_eq!(get(&server, "/article/999999/x").await.status(), 404);
}
