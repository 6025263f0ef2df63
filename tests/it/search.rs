//! Search end to end: the `/search` page, the JSON API, «اقرأ أيضا» on the
//! article page, the index following new articles, bad input, the CLI.

use crate::common;

use common::{Browser, PASSWORD, TestServer, add_user, attr, count, get, page, sel, text};
use jiff::{SignedDuration, Timestamp};
use khabar_core::Role;
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

/// Every field of the editor form on `path`, as the browser would post it.
async fn editor_fields(b: &Browser, server: &TestServer, path: &str) -> Vec<(String, String)> {
    let res = b.get(server, path).await;
    assert_eq!(res.status(), 200, "GET {path}");
    let doc = scraper::Html::parse_document(&res.text().await.expect("body"));
    let mut out = Vec::new();
    for el in doc.select(&sel(
        "#editor input[name], #editor textarea[name], #editor select[name]",
    )) {
        let name = el.value().attr("name").unwrap_or("").to_string();
        let value = match el.value().name() {
            "textarea" => el.text().collect(),
            "select" => el
                .select(&sel("option[selected]"))
                .next()
                .and_then(|o| o.value().attr("value"))
                .unwrap_or("")
                .to_string(),
            _ => el.value().attr("value").unwrap_or("").to_string(),
        };
        out.push((name, value));
    }
    out
}

fn with(fields: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        fields.iter().filter(|(k, _)| k != name).cloned().collect();
    out.push((name.into(), value.into()));
    out
}

async fn post(
    b: &Browser,
    server: &TestServer,
    path: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    b.post(server, path, &pairs).await
}

#[tokio::test]
async fn pinned_links_come_first_and_bad_pins_are_refused_in_arabic() {
    let server = ready_demo().await;
    add_user(&server, "editor@example.com", "محررة", Role::Editor).await;
    let mut b = Browser::new();
    b.login(&server, "editor@example.com", PASSWORD).await;
    let editor = "/newsroom/articles/5";
    let fields = editor_fields(&b, &server, editor).await;

    // Itself, a missing article, words, a repeat, and one line too many.
    let typed = "5\n999999\nمقال عن المطر\n30\n30";
    let res = post(&b, &server, editor, &with(&fields, "pins", typed)).await;
    assert_eq!(res.status(), 422);
    let doc = scraper::Html::parse_document(&res.text().await.expect("body"));
    let message = text(&doc, "#e-pins").replace(['\u{2068}', '\u{2069}'], "");
    for part in [
        "يمكن تثبيت 3 مقالات على الأكثر",
        "لا يمكن أن يشير المقال إلى نفسه",
        "لا يوجد مقال بالرقم 999999",
        "«مقال عن المطر» ليس رقم مقال",
        "المقال رقم 30 مذكور أكثر من مرة",
    ] {
        assert!(message.contains(part), "{part:?} in {message:?}");
    }
    assert_eq!(text(&doc, "#f-pins"), typed, "what was typed is kept");

    // A draft pinned first waits; an address and an id are read.
    let store = khabar_app::open_store(&server.database_url)
        .await
        .expect("store");
    let mut draft = article("مسودة تحليل عن الفائدة", "نص لم يُنشر بعد.");
    draft.status = ArticleStatus::Draft;
    draft.published_at = None;
    let draft_id = store
        .create_article(&draft, Timestamp::now())
        .await
        .expect("draft");
    store.close().await;
    let pins = format!("{draft_id}\n{}/article/30/x\n31", server.base);
    let res = post(&b, &server, editor, &with(&fields, "pins", &pins)).await;
    assert_eq!(res.status(), 303, "valid pins are saved");
    let res = get(&server, "/article/5").await;
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let doc = page(&server, &location, 200).await;
    let inline = attr(&doc, ".read-also a", "href").expect("inline link");
    assert!(
        inline.starts_with("/article/30/"),
        "the first public pin: {inline}"
    );
    let related: Vec<String> = doc
        .select(&sel(".related li a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        related[0].starts_with("/article/30/") && related[1].starts_with("/article/31/"),
        "{related:?}"
    );
    assert!(
        !related
            .iter()
            .any(|u| u.starts_with(&format!("/article/{draft_id}/")))
    );
    assert!(
        related.len() > 2,
        "computed links follow the pins: {related:?}"
    );

    // The editor shows the pins with the draft's status, one address a line.
    let res = b.get(&server, editor).await;
    let doc = scraper::Html::parse_document(&res.text().await.expect("body"));
    assert_eq!(text(&doc, "#f-pins").lines().count(), 3);
    assert!(text(&doc, ".nr-pinned").contains("لن يظهر للقراء حتى يُنشر"));
}

async fn duplicate_site() -> (TestServer, i64, i64) {
    let server = TestServer::start().await;
    assert_eq!(get(&server, "/healthz").await.status(), 200);
    let store = khabar_app::open_store(&server.database_url)
        .await
        .expect("store");
    let body = "أعلنت وزارة النقل اليوم عن خطة لتوسيع شبكة القطارات بين المدن الكبرى خلال خمسة أعوام، وتشمل الخطة محطات جديدة وخطوطا سريعة تربط الموانئ بالمناطق الصناعية.";
    let a = store
        .create_article(&article("خطة لتوسيع شبكة القطارات", body), Timestamp::now())
        .await
        .expect("a");
    let b = store
        .create_article(
            &article(
                "وزارة النقل توسع شبكة القطارات",
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
    server.search.catch_up().await.expect("index");
    (server, a.0, b.0)
}

#[tokio::test]
async fn the_duplicates_page_is_for_editors_and_remembers_dismissals() {
    let (server, a, b) = duplicate_site().await;
    for (email, role) in [
        ("author@example.com", Role::Author),
        ("mod@example.com", Role::Moderator),
    ] {
        add_user(&server, email, "x", role).await;
        let mut other = Browser::new();
        other.login(&server, email, PASSWORD).await;
        assert_eq!(
            other.get(&server, "/newsroom/duplicates").await.status(),
            403,
            "{email}"
        );
    }
    assert_eq!(
        get(&server, "/newsroom/duplicates").await.status(),
        303,
        "sign in first"
    );

    add_user(&server, "editor@example.com", "محرر", Role::Editor).await;
    let mut editor = Browser::new();
    editor.login(&server, "editor@example.com", PASSWORD).await;
    let res = editor.get(&server, "/newsroom/duplicates").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let doc = scraper::Html::parse_document(&res.text().await.expect("body"));
    assert_eq!(
        count(&doc, ".nr-duplicates tbody tr"),
        1,
        "one pair, the film festival in none"
    );
    assert!(
        text(&doc, "h1").contains("زوج واحد"),
        "{}",
        text(&doc, "h1")
    );
    assert!(text(&doc, ".nr-duplicates tbody").contains("تشابه"));
    let links: Vec<String> = doc
        .select(&sel(".nr-duplicates tbody a"))
        .filter_map(|l| l.value().attr("href").map(str::to_string))
        .collect();
    for id in [a, b] {
        assert!(
            links.contains(&format!("/newsroom/articles/{id}")),
            "{links:?}"
        );
        assert!(
            links
                .iter()
                .any(|l| l.starts_with(&format!("/article/{id}/"))),
            "{links:?}"
        );
    }
    assert!(
        text(&doc, ".nr-nav").contains("المقالات المكررة"),
        "linked from the header"
    );

    // Saving the copy shows a warning naming the other one.
    let res = editor
        .get(&server, &format!("/newsroom/articles/{b}"))
        .await;
    let doc = scraper::Html::parse_document(&res.text().await.expect("body"));
    assert!(text(&doc, "#duplicate-warning").contains("خطة لتوسيع شبكة القطارات"));

    // Not a duplicate: needs the form token, then the pair is gone for good.
    let csrf = editor.csrf(&server, "/newsroom/duplicates").await;
    let (sa, sb) = (a.to_string(), b.to_string());
    let res = editor
        .post(
            &server,
            "/newsroom/duplicates/dismiss",
            &[("csrf", "nope"), ("first", &sa), ("second", &sb)],
        )
        .await;
    assert_eq!(res.status(), 403);
    let res = editor
        .post(
            &server,
            "/newsroom/duplicates/dismiss",
            &[("csrf", &csrf), ("first", &sb), ("second", &sa)],
        )
        .await;
    assert_eq!(res.status(), 303);
    server.search.catch_up_fully().await.expect("catch up");
    let res = editor
        .get(&server, "/newsroom/duplicates?dismissed=1")
        .await;
    let doc = scraper::Html::parse_document(&res.text().await.expect("body"));
    assert_eq!(count(&doc, ".nr-duplicates tbody tr"), 0);
    assert!(text(&doc, ".nr-notice").contains("لن يظهر فيها مجددًا"));
    let res = editor
        .get(&server, &format!("/newsroom/articles/{b}"))
        .await;
    let doc = scraper::Html::parse_document(&res.text().await.expect("body"));
    assert_eq!(count(&doc, "#duplicate-warning"), 0);
    let res = editor
        .post(
            &server,
            "/newsroom/duplicates/dismiss",
            &[("csrf", &csrf), ("first", &sa), ("second", "x")],
        )
        .await;
    assert_eq!(res.status(), 400);
}
