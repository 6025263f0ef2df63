//! The newsroom's statistics pages over a real server: who may read them,
//! that the numbers on the page and in the CSV are what the beacons counted,
//! range validation, the per-article page, and the header's visitor badge.

use crate::common;

use common::*;
use khabar_core::{ArticleStatus, NewArticle, Role};
use khabar_store::Store;
use khabar_store_sqlite::SqliteStore;
use scraper::Html;
use std::time::Duration;

fn chrome_ua(n: usize) -> String {
    format!(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.{n}.0 Safari/537.36"
    )
}

async fn beacon(server: &TestServer, ua: &str, id: i64, referrer: &str) {
    let status = client()
        .post(server.url("/api/v1/hits"))
        .header("user-agent", ua)
        .header("content-type", "text/plain;charset=UTF-8")
        .body(serde_json::json!({"article_id": id, "referrer": referrer}).to_string())
        .send()
        .await
        .expect("beacon")
        .status();
    assert_eq!(status, 204);
}

fn published(title: &str, slug: &str) -> NewArticle {
    NewArticle {
        slug: slug.into(),
        title: title.into(),
        lead: String::new(),
        body: "نص المقال.".into(),
        section: Some(khabar_core::NewTaxonomy {
            name: "قسم الاختبار".into(),
            slug: "qism-al-ikhtibar".into(),
        }),
        tags: Vec::new(),
        author: None,
        source: None,
        status: ArticleStatus::Published,
        published_at: Some(jiff::Timestamp::now() - jiff::SignedDuration::from_secs(60)),
        cover: None,
    }
}

/// Creates a published article in the server's database.
async fn add_article(server: &TestServer, a: &NewArticle) -> i64 {
    assert_eq!(get(server, "/healthz").await.status(), 200);
    let store = SqliteStore::open(&server.database_url).await.expect("open");
    let id = store
        .create_article(a, jiff::Timestamp::now())
        .await
        .expect("article");
    id.0
}

async fn doc_of(res: reqwest::Response) -> Html {
    Html::parse_document(&res.text().await.expect("body"))
}

/// Signs in a new account of `role`.
async fn signed_in(server: &TestServer, email: &str, role: Role) -> Browser {
    add_user(server, email, "حساب", role).await;
    let mut b = Browser::new();
    b.login(server, email, PASSWORD).await;
    b
}

async fn stats_page(b: &Browser, server: &TestServer, path: &str) -> Html {
    let res = b.get(server, path).await;
    assert_eq!(res.status(), 200, "GET {path}");
    assert_eq!(res.headers()["cache-control"], "no-store");
    doc_of(res).await
}

/// `(name, views)` of a ranked table on the page.
fn rows(doc: &Html, table: &str) -> Vec<(String, String)> {
    doc.select(&sel(&format!("#{table} tbody tr")))
        .map(|tr| {
            let cells: Vec<String> = tr
                .select(&sel("td"))
                .map(|td| td.text().collect::<String>().trim().to_string())
                .collect();
            (cells[0].clone(), cells[1].clone())
        })
        .collect()
}

#[tokio::test]
async fn stats_pages_follow_the_permission_matrix() {
    let server = TestServer::start_demo().await;
    let id = api_articles(&server, "limit=1").await["items"][0]["id"]
        .as_i64()
        .expect("id");
    let article_path = format!("/newsroom/stats/articles/{id}");
    let paths = [
        "/newsroom/stats",
        "/newsroom/stats?range=30",
        "/newsroom/stats/export.csv?range=today",
        article_path.as_str(),
    ];
    // Signed out: to the sign-in page, coming back here afterwards.
    for path in paths {
        let res = get(&server, path).await;
        assert_eq!(res.status(), 303, "{path}");
        let to = res.headers()["location"].to_str().unwrap_or("").to_string();
        assert!(
            to.starts_with("/newsroom/login?next=%2Fnewsroom%2Fstats"),
            "{to}"
        );
    }
    for (email, role, allowed) in [
        ("admin@example.com", Role::Admin, true),
        ("editor@example.com", Role::Editor, true),
        ("author@example.com", Role::Author, false),
        ("mod@example.com", Role::Moderator, false),
    ] {
        let b = signed_in(&server, email, role).await;
        for path in paths {
            let status = b.get(&server, path).await.status();
            assert_eq!(status, if allowed { 200 } else { 403 }, "{role:?} {path}");
        }
        if role != Role::Moderator {
            // The header links the statistics only for those who may read them.
            let doc = doc_of(b.get(&server, "/newsroom/").await).await;
            assert_eq!(
                count(&doc, "nav.nr-nav a[href='/newsroom/stats']"),
                usize::from(allowed),
                "{role:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_page_and_the_csv_show_what_the_beacons_counted() {
    let server = TestServer::start_with(true, |c| c.flush_interval = Duration::from_secs(60)).await;
    let a = add_article(
        &server,
        &published("موازنة المدينة للعام المقبل", "muwazana"),
    )
    .await;
    // A title a spreadsheet would run as a formula, with a comma in it.
    let formula = "=HYPERLINK(\"http://evil.example\",\"اضغط\"), ثم";
    let b = add_article(&server, &published(formula, "formula")).await;
    beacon(&server, &chrome_ua(1), a, "https://www.google.com/").await;
    beacon(&server, &chrome_ua(2), a, "https://www.facebook.com/").await;
    beacon(&server, &chrome_ua(3), a, "").await;
    beacon(&server, &chrome_ua(4), b, "").await;
    beacon(
        &server,
        &chrome_ua(5),
        b,
        "https://news.example.org/page?x=1",
    )
    .await;
    beacon(&server, &chrome_ua(1), a, "").await; // a reload: not a view
    beacon(
        &server,
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        a,
        "",
    )
    .await;
    beacon(&server, "curl/8.5.0", b, "").await;
    let editor = signed_in(&server, "editor@example.com", Role::Editor).await;
    // Reading now is from memory: at once, before any flush.
    let doc = stats_page(&editor, &server, "/newsroom/stats?range=today").await;
    assert_eq!(text(&doc, "#card-reading-now .st-value"), "5 زوار");
    assert_eq!(
        text(&doc, "#card-views .st-value"),
        "لا مشاهدات",
        "nothing flushed yet"
    );

    // The graceful stop flushes; the same database, the same session.
    let url = server.database_url.clone();
    let dir = server.stop().await;
    let mut config = khabar_testkit::test_config(&dir);
    config.database_url = url;
    let server = TestServer::start_in(dir, config, false).await;

    let doc = stats_page(&editor, &server, "/newsroom/stats?range=today").await;
    assert_eq!(attr(&doc, "html", "dir").as_deref(), Some("rtl"));
    assert_eq!(text(&doc, "#card-views .st-value"), "5 مشاهدات");
    assert_eq!(text(&doc, "#card-visitors .st-value"), "5 زوار");
    assert_eq!(text(&doc, "#card-filtered .st-value"), "2");
    let top = rows(&doc, "top-articles");
    assert_eq!(
        top[0],
        ("موازنة المدينة للعام المقبل".to_string(), "3".to_string())
    );
    assert_eq!(top[1].1, "2");
    assert_eq!(
        attr(&doc, "#top-articles tbody a", "href").as_deref(),
        Some(format!("/newsroom/stats/articles/{a}?range=today").as_str())
    );
    assert_eq!(
        rows(&doc, "top-sections"),
        vec![("قسم الاختبار".into(), "5".into())]
    );
    let mut groups = rows(&doc, "referrer-group");
    groups.sort();
    assert_eq!(
        groups,
        vec![
            ("الشبكات الاجتماعية".into(), "1".into()),
            ("مباشرة".into(), "2".into()),
            ("محركات البحث".into(), "1".into()),
            ("مواقع أخرى".into(), "1".into()),
        ]
    );
    let sites = rows(&doc, "referrer-site");
    assert!(
        sites.contains(&("news.example.org".into(), "1".into())),
        "{sites:?}"
    );
    assert_eq!(rows(&doc, "browser"), vec![("Chrome".into(), "5".into())]);
    assert_eq!(rows(&doc, "device"), vec![("حاسوب".into(), "5".into())]);
    assert_eq!(
        rows(&doc, "filtered"),
        vec![("زواحف ومحركات فهرسة".into(), "2".into())]
    );
    // Today's line in the day-by-day table, and one bar in each drawing.
    assert_eq!(count(&doc, "#days tbody tr"), 1);
    assert_eq!(text(&doc, "#days tbody td:nth-child(2)"), "5");
    assert_eq!(count(&doc, ".st-chart svg"), 2);
    assert_eq!(count(&doc, ".st-chart svg rect.views"), 2);

    // The CSV of the same range.
    let csv_href = attr(&doc, "#export-csv", "href").expect("a CSV link");
    let res = editor.get(&server, &csv_href).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap_or("")
        .to_string();
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Asia/Riyadh").expect("zone"))
        .date();
    assert_eq!(
        disposition,
        format!("attachment; filename=\"khabar-stats-{today}-{today}.csv\"")
    );
    let body = res.text().await.expect("csv");
    let body = body
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    let lines: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(lines[0], "table,name,date,views,visitors");
    assert!(
        lines.contains(&format!("day,,{today},5,5").as_str()),
        "{body}"
    );
    assert!(
        lines.contains(&"article,موازنة المدينة للعام المقبل,,3,"),
        "{body}"
    );
    assert!(
        lines
            .contains(&"article,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"اضغط\"\"), ثم\",,2,"),
        "the formula is defused and quoted: {body}"
    );
    assert!(lines.contains(&"filtered,crawler,,2,"), "{body}");
    assert!(lines.contains(&"referrer_group,direct,,2,"), "{body}");
}

#[tokio::test]
async fn custom_ranges_are_validated_next_to_the_fields() {
    let server = TestServer::start().await;
    let editor = signed_in(&server, "editor@example.com", Role::Editor).await;
    let cases: &[(&str, &str, &str, &str)] = &[
        ("", "", "e-from", "اكتب التاريخ."),
        ("2026-13-01", "2026-11-30", "e-from", "تاريخ غير صحيح"),
        ("yesterday", "2026-11-30", "e-from", "تاريخ غير صحيح"),
        (
            "2026-11-30",
            "2026-11-01",
            "e-to",
            "تاريخ النهاية قبل تاريخ البداية.",
        ),
        (
            "2022-01-01",
            "2026-11-30",
            "e-to",
            "المدة أطول من سنتين؛ اختر مدة أقصر.",
        ),
        ("2026-11-01", "2999-01-01", "e-to", "هذا اليوم لم يأتِ بعد."),
    ];
    for &(from, to, field, message) in cases {
        let path = format!(
            "/newsroom/stats?range=custom&from={}&to={}",
            percent_encoding::utf8_percent_encode(from, percent_encoding::NON_ALPHANUMERIC),
            percent_encoding::utf8_percent_encode(to, percent_encoding::NON_ALPHANUMERIC),
        );
        let res = editor.get(&server, &path).await;
        assert_eq!(res.status(), 400, "{from} {to}");
        assert_eq!(res.headers()["cache-control"], "no-store");
        let doc = doc_of(res).await;
        let got = text(&doc, &format!("#{field}"));
        assert!(got.starts_with(message), "{from}..{to}: {got}");
        assert_eq!(text(&doc, "[role=alert]"), "صحّح المدة ثم اعرضها من جديد.");
        // What the editor typed is still in the inputs.
        assert_eq!(attr(&doc, "#st-from", "value").as_deref(), Some(from));
        assert_eq!(attr(&doc, "#st-to", "value").as_deref(), Some(to));
        assert_eq!(count(&doc, ".st-cards"), 0, "no report for a refused range");
    }
    // The example in the message is a real date: the field is a text input
    // (a date input would have emptied "yesterday").
    let doc = doc_of(
        editor
            .get(
                &server,
                "/newsroom/stats?range=custom&from=yesterday&to=2026-11-30",
            )
            .await,
    )
    .await;
    assert_eq!(attr(&doc, "#st-from", "type").as_deref(), Some("text"));
    assert_eq!(attr(&doc, "#st-to", "type").as_deref(), Some("date"));
    // A good range, typed with Arabic-Indic digits.
    let res = editor
        .get(
            &server,
            "/newsroom/stats?range=custom&from=%D9%A2%D9%A0%D9%A2%D9%A6-%D9%A1%D9%A1-%D9%A0%D9%A1&to=2026-11-30",
        )
        .await;
    assert_eq!(res.status(), 200);
    let doc = doc_of(res).await;
    assert_eq!(text(&doc, "#range-label"), "1 نوفمبر 2026 – 30 نوفمبر 2026");
    assert_eq!(count(&doc, ".st-chart-wide rect.views"), 30);
    assert_eq!(count(&doc, "#days tbody tr"), 30);
    assert_eq!(
        attr(&doc, "#export-csv", "href").as_deref(),
        Some("/newsroom/stats/export.csv?range=custom&from=2026-11-01&to=2026-11-30")
    );
    // The English option, and a refused CSV range is a 4xx, not a file.
    let doc = doc_of(
        editor
            .get(
                &server,
                "/newsroom/stats?range=custom&from=2026-11-30&to=2026-11-01&lang=en",
            )
            .await,
    )
    .await;
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("en"));
    assert_eq!(
        text(&doc, "#e-to"),
        "The end date is before the start date."
    );
    let res = editor
        .get(
            &server,
            "/newsroom/stats/export.csv?range=custom&from=x&to=y",
        )
        .await;
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn the_article_page_shows_its_days_and_referrers_in_the_sites_digits() {
    let server = TestServer::start_with(true, |c| {
        c.locale.digits = khabar_i18n::DigitStyle::ArabicIndic;
        c.flush_interval = Duration::from_secs(60);
    })
    .await;
    let a = add_article(&server, &published("افتتاح جسر المدينة", "jisr")).await;
    for n in 0..12 {
        let referrer = if n % 3 == 0 { "https://t.co/abc" } else { "" };
        beacon(&server, &chrome_ua(n), a, referrer).await;
    }
    let url = server.database_url.clone();
    let dir = server.stop().await;
    let mut config = khabar_testkit::test_config(&dir);
    config.database_url = url;
    config.locale.digits = khabar_i18n::DigitStyle::ArabicIndic;
    let server = TestServer::start_in(dir, config, false).await;
    let admin = signed_in(&server, "admin@example.com", Role::Admin).await;

    let doc = stats_page(
        &admin,
        &server,
        &format!("/newsroom/stats/articles/{a}?range=7"),
    )
    .await;
    assert_eq!(text(&doc, "h1"), "افتتاح جسر المدينة");
    assert_eq!(text(&doc, "#card-views .st-value"), "١٢ مشاهدة");
    assert_eq!(text(&doc, "#card-all-time .st-value"), "١٢ مشاهدة");
    let mut groups = rows(&doc, "referrer-group");
    groups.sort();
    assert_eq!(
        groups,
        vec![
            ("الشبكات الاجتماعية".into(), "٤".into()),
            ("مباشرة".into(), "٨".into())
        ]
    );
    assert_eq!(rows(&doc, "referrer-site"), vec![("x".into(), "٤".into())]);
    // Seven days, one bar each, no visitors line (visitors are per site).
    assert_eq!(count(&doc, ".st-chart-wide rect.views"), 7);
    assert_eq!(count(&doc, ".st-chart polyline"), 0);
    let chart = doc
        .select(&sel(".st-chart-wide svg"))
        .next()
        .map(|e| e.html())
        .unwrap_or_default();
    assert!(
        chart.contains(">١٢<") || chart.contains(": ١٢<"),
        "digits in the chart: {chart}"
    );
    assert!(!chart.contains(">12<"));
    assert_eq!(
        attr(&doc, ".st-links a[href^='/newsroom/articles/']", "href").as_deref(),
        Some(format!("/newsroom/articles/{a}").as_str())
    );
    // The site's page lists it, with the same number.
    let doc = stats_page(&admin, &server, "/newsroom/stats?range=7").await;
    assert_eq!(rows(&doc, "top-articles")[0].1, "١٢");
    // Unknown articles are a 404, whatever the id looks like.
    for bad in ["999999", "0", "abc", "-1", "99999999999999999999"] {
        let res = admin
            .get(&server, &format!("/newsroom/stats/articles/{bad}"))
            .await;
        assert_eq!(res.status(), 404, "{bad}");
    }
    // A draft has a page too (no views yet, no public link).
    let draft = add_article(
        &server,
        &NewArticle {
            status: ArticleStatus::Draft,
            published_at: None,
            ..published("مسودة", "draft-stats")
        },
    )
    .await;
    let doc = stats_page(
        &admin,
        &server,
        &format!("/newsroom/stats/articles/{draft}"),
    )
    .await;
    assert_eq!(text(&doc, "#card-views .st-value"), "لا مشاهدات");
    assert_eq!(count(&doc, "#no-sources"), 1);
    assert_eq!(count(&doc, ".st-links a"), 1, "only the editor link");
}

#[tokio::test]
async fn the_visitor_badge_is_in_the_header_only_when_switched_on() {
    let off = TestServer::start_demo().await;
    let res = get(&off, "/").await;
    let cache_off = res.headers()["cache-control"].clone();
    let doc = doc_of(res).await;
    assert_eq!(count(&doc, "#visitor-badge"), 0);
    assert_eq!(count(&doc, "script[src*='badge']"), 0);

    let on = TestServer::start_with(true, |c| {
        c.stats.visitor_badge = true;
        c.flush_interval = Duration::from_secs(60);
    })
    .await;
    let res = get(&on, "/").await;
    // The badge does not make pages uncacheable: its numbers come later.
    assert_eq!(res.headers()["cache-control"], cache_off);
    let doc = doc_of(res).await;
    assert_eq!(count(&doc, "header #visitor-badge[hidden]"), 1);
    assert_eq!(text(&doc, "#visitor-badge .vb-title"), "زوار الموقع");
    assert_eq!(count(&doc, "#visitor-badge [data-badge]"), 3);
    let js = attr(&doc, "script[src*='badge']", "src").expect("the badge script");
    let script = get(&on, &js).await;
    assert_eq!(script.status(), 200);
    assert!(
        script
            .text()
            .await
            .expect("js")
            .contains("/api/v1/stats/visitors")
    );
    let id = api_articles(&on, "limit=1").await["items"][0]["id"]
        .as_i64()
        .expect("id");
    for n in 0..11 {
        beacon(&on, &chrome_ua(n), id, "").await;
    }
    let json: serde_json::Value = get(&on, "/api/v1/stats/visitors")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(json["online"], 11);
    assert_eq!(json["labels"]["online"], "11 زائرًا");
    assert_eq!(json["labels"]["today"], "لا زوار", "not flushed yet");
}
