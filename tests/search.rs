//! Search end to end: the `/search` page, the JSON API, «اقرأ أيضا» on the
//! article page, the index following new articles, bad input, the CLI.

mod common;

use common::{TestServer, attr, count, get, page, sel, text};
use jiff::{SignedDuration, Timestamp};
use khabar_core::{ArticleStatus, NewArticle, NewTaxonomy};
use std::process::Command;

async fn ready_demo() -> TestServer {
    let server = TestServer::start_demo().await;
    server.search.catch_up().await.expect("index the demo");
    server
}

async fn api(server: &TestServer, query: &str) -> serde_json::Value {
    let res = get(server, &format!("/api/v1/search?{query}")).await;
    assert_eq!(res.status().as_u16(), 200, "{query}");
    res.json().await.expect("json")
}

fn q(text: &str) -> String {
    percent(text)
}

fn percent(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test]
async fn a_different_hamza_or_a_clitic_finds_the_article_with_highlights() {
    let server = ready_demo().await;
    // The demo has «أحمد» (with hamza); the reader types «احمد».
    let doc = page(&server, &format!("/search?q={}", q("احمد")), 200).await;
    assert!(count(&doc, ".search-result") >= 1);
    let marks: Vec<String> = doc
        .select(&sel(".search-result mark"))
        .map(|m| m.text().collect())
        .collect();
    assert!(
        marks.iter().any(|m| m == "أحمد"),
        "the word as written is marked: {marks:?}"
    );

    // «بالمدارس» finds «المدارس» and marks it.
    let doc = page(&server, &format!("/search?q={}", q("بالمدارس")), 200).await;
    let marks: Vec<String> = doc
        .select(&sel(".search-result mark"))
        .map(|m| m.text().collect())
        .collect();
    assert!(marks.iter().any(|m| m == "المدارس"), "{marks:?}");
    let total = api(&server, &format!("q={}", q("بالمدارس"))).await["total"]
        .as_u64()
        .expect("total");
    assert!(text(&doc, ".listing-count").contains(&total.to_string()));
}

#[tokio::test]
async fn the_api_answers_items_and_total() {
    let server = ready_demo().await;
    let json = api(&server, &format!("q={}&limit=2", q("المدارس"))).await;
    let items = json["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert!(json["total"].as_u64().expect("total") > 2);
    for item in items {
        assert!(item["id"].is_i64());
        assert!(item["title"].is_string());
        assert!(item["url"].as_str().expect("url").starts_with(&server.base));
        assert!(
            item["snippet_html"]
                .as_str()
                .expect("snippet")
                .contains("<mark>")
        );
    }
    let next = api(&server, &format!("q={}&limit=2&offset=2", q("المدارس"))).await;
    assert_ne!(next["items"][0]["id"], items[0]["id"], "offset pages on");
}

#[tokio::test]
async fn bad_queries_never_fail() {
    let server = ready_demo().await;
    // 10,000 characters (Latin, so the URL stays under the header limit).
    let long = "word+".repeat(2_000);
    let cases = [
        long.as_str(),
        "%21%21%21%3F%3F",
        "%D9%8E%D9%8F%D9%90",
        "%22%D8%A7%D9%84%D8%B5%D9%8A%D9%86",
        "title%3A%D8%A7%D9%84%D8%B5%D9%8A%D9%86",
        "*",
        "%D8%A7%D9%84%D8%B5%D9%8A%D9%86~2",
        "%D9%A2%D9%A0%D9%A2%D9%A6",
        "%FF%FE%80",
        "((%20AND%20OR%20NOT",
    ];
    for case in cases {
        for path in [
            format!("/search?q={case}"),
            format!("/api/v1/search?q={case}"),
        ] {
            let status = get(&server, &path).await.status().as_u16();
            let shown: String = path.chars().take(80).collect();
            assert_eq!(status, 200, "{shown}");
        }
        let status = get(&server, &format!("/search?q={case}&page=999999"))
            .await
            .status()
            .as_u16();
        let shown: String = case.chars().take(80).collect();
        assert_eq!(status, 200, "deep page of {shown}");
    }
    for (path, status) in [
        ("/api/v1/search?q=x&offset=99999999999999999999999", 400),
        ("/api/v1/search?q=x&offset=5000000", 200),
        ("/api/v1/search?q=x&limit=0", 400),
        ("/api/v1/search?q=x&limit=abc", 400),
        ("/search?q=x&section=nowhere", 400),
        ("/search?q=x&from=yesterday", 400),
        ("/search?q=x&page=0", 400),
    ] {
        let res = get(&server, path).await;
        assert_eq!(res.status().as_u16(), status, "{path}");
    }
    let json = api(&server, "q=x&offset=5000000").await;
    assert_eq!(json["items"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn friendly_messages_for_empty_and_unmatched_queries() {
    let server = ready_demo().await;
    let doc = page(&server, "/search", 200).await;
    assert!(
        text(&doc, ".search-message").contains("اكتب كلمة"),
        "{}",
        text(&doc, ".search-message")
    );
    let doc = page(&server, "/search?q=%21%21", 200).await;
    assert!(text(&doc, ".search-message").contains("لم نجد في عبارتك"));
    let doc = page(&server, &format!("/search?q={}", q("زرافةمفقودة")), 200).await;
    assert!(text(&doc, ".search-message").contains("لم نعثر على نتائج"));
    assert_eq!(count(&doc, ".search-result"), 0);
    // The header search box is on every page.
    let home = page(&server, "/", 200).await;
    assert_eq!(
        attr(&home, ".site-search", "action").as_deref(),
        Some("/search")
    );
}

#[tokio::test]
async fn filters_narrow_the_results() {
    let server = ready_demo().await;
    let all = api(&server, &format!("q={}&limit=50", q("المدارس"))).await["total"]
        .as_u64()
        .expect("total");
    let doc = page(
        &server,
        &format!("/search?q={}&section={}", q("المدارس"), q("صحة")),
        200,
    )
    .await;
    let in_section = count(&doc, ".search-result") as u64;
    assert!(in_section >= 1 && in_section < all, "{in_section} of {all}");
    let doc = page(
        &server,
        &format!("/search?q={}&to=2000-01-01", q("المدارس")),
        200,
    )
    .await;
    assert_eq!(count(&doc, ".search-result"), 0, "nothing before 2000");
}

#[tokio::test]
async fn articles_show_read_also_mid_body_and_related_at_the_end() {
    let server = ready_demo().await;
    let res = get(&server, "/article/5").await;
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let doc = page(&server, &location, 200).await;
    assert_eq!(count(&doc, ".article-body .read-also"), 1);
    let link = attr(&doc, ".read-also a", "href").expect("link");
    assert!(
        link.starts_with("/article/") && !link.starts_with("/article/5/"),
        "{link}"
    );
    assert!(count(&doc, ".related li") >= 3, "related block");
    // Never inside a quote or a list, never directly before a sub-heading.
    assert_eq!(count(&doc, "blockquote .read-also, li .read-also"), 0);
    assert_eq!(count(&doc, ".read-also + h2, .read-also + h3"), 0);
    assert_eq!(
        count(&doc, ".article-body > p + .read-also"),
        1,
        "after a paragraph"
    );
}

fn article(title: &str, body: &str) -> NewArticle {
    NewArticle {
        slug: khabar_arabic::slugify(title, 80),
        title: title.into(),
        lead: String::new(),
        body: body.into(),
        section: Some(NewTaxonomy {
            name: "اقتصاد".into(),
            slug: "اقتصاد".into(),
        }),
        tags: Vec::new(),
        author: None,
        source: None,
        status: ArticleStatus::Published,
        published_at: Some(Timestamp::now() - SignedDuration::from_mins(5)),
        cover: None,
    }
}

#[tokio::test]
async fn an_article_written_by_another_process_becomes_searchable() {
    let server = ready_demo().await;
    let needle = "بالكسكسي";
    assert_eq!(api(&server, &format!("q={}", q(needle))).await["total"], 0);
    let store = khabar_app::open_store(&server.database_url)
        .await
        .expect("store");
    let id = store
        .create_article(
            &article(
                "مهرجان الكسكسي يجمع الطهاة",
                "احتفت المدينة بالكسكسي في مهرجانها السنوي.",
            ),
            Timestamp::now(),
        )
        .await
        .expect("create");
    store.close().await;
    server.search.catch_up().await.expect("catch up");
    let json = api(&server, &format!("q={}", q("كسكسي"))).await;
    assert_eq!(json["total"], 1);
    assert_eq!(json["items"][0]["id"], id.0);
}

fn khabar(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .env_remove("KHABAR_CONFIG")
        .output()
        .expect("run khabar")
}

#[tokio::test]
async fn index_rebuild_and_duplicates_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}/k.db", dir.path().display());
    let store = khabar_app::open_store(&url).await.expect("store");
    let body = "أعلنت وزارة النقل اليوم عن خطة لتوسيع شبكة القطارات بين المدن الكبرى خلال خمسة أعوام، وتشمل الخطة محطات جديدة وخطوطا سريعة.";
    store
        .create_article(&article("خطة لتوسيع شبكة القطارات", body), Timestamp::now())
        .await
        .expect("a");
    store
        .create_article(
            &article(
                "خطة لتوسيع شبكة القطارات بين المدن",
                &body.replace("أعلنت", "وأعلنت").replace("اليوم", ""),
            ),
            Timestamp::now(),
        )
        .await
        .expect("b");
    store
        .create_article(
            &article("مهرجان للسينما", "يفتتح المهرجان دورته بعرض عشرة أفلام."),
            Timestamp::now(),
        )
        .await
        .expect("c");
    store.close().await;

    let out = khabar(&["index", "rebuild", "--database", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("search-index/meta.json").is_file());
    let out = khabar(&["index", "duplicates", "--database", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\t1\t") && stdout.contains("\t2\t"),
        "{stdout}"
    );
    assert!(!stdout.contains("\t3\t"), "{stdout}");
}
