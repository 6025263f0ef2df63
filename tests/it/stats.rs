//! View counting end to end: beacons through real HTTP into the real SQLite
//! file, read back after a graceful stop (which performs the final flush).

use crate::common;

use common::*;
use khabar_store::StatsStore;
use khabar_store::stats::DayRange;
use khabar_store_sqlite::SqliteStore;
use std::time::Duration;

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";

/// A distinct browser: same engine, a different build number.
fn browser(n: usize) -> String {
    format!(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.{n}.0 Safari/537.36"
    )
}

async fn beacon(server: &TestServer, ua: &str, body: &str) -> u16 {
    client()
        .post(server.url("/api/v1/hits"))
        .header("user-agent", ua)
        .header("content-type", "text/plain;charset=UTF-8")
        .body(body.to_string())
        .send()
        .await
        .expect("beacon")
        .status()
        .as_u16()
}

async fn hit(server: &TestServer, ua: &str, id: i64) -> u16 {
    beacon(
        server,
        ua,
        &format!(r#"{{"article_id": {id}, "referrer": ""}}"#),
    )
    .await
}

/// The id of the newest demo article.
async fn first_article(server: &TestServer) -> i64 {
    api_articles(server, "limit=1").await["items"][0]["id"]
        .as_i64()
        .expect("an article id")
}

async fn views_json(server: &TestServer, id: i64) -> serde_json::Value {
    let res = get(server, &format!("/api/v1/articles/{id}/views")).await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("json")
}

/// Stops the server (graceful: the final flush runs) and opens its database.
async fn stop_and_open(server: TestServer) -> (SqliteStore, tempfile::TempDir) {
    let url = server.database_url.clone();
    let dir = server.stop().await;
    (SqliteStore::open(&url).await.expect("reopen"), dir)
}

fn all_days() -> DayRange {
    DayRange {
        first: 0,
        last: 100_000,
    }
}

#[tokio::test]
async fn concurrent_distinct_visitors_count_exactly_and_reloads_do_not() {
    let server = TestServer::start_demo().await;
    let id = first_article(&server).await;
    let n = 200;
    let mut tasks = Vec::new();
    for v in 0..n {
        let url = server.url("/api/v1/hits");
        tasks.push(tokio::spawn(async move {
            client()
                .post(url)
                .header("user-agent", browser(v))
                .body(format!(r#"{{"article_id": {id}}}"#))
                .send()
                .await
                .expect("beacon")
                .status()
                .as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.expect("task"), 204);
    }
    // One reader reloading a hundred times.
    for _ in 0..100 {
        assert_eq!(hit(&server, FIREFOX, id).await, 204);
    }
    let (store, _dir) = stop_and_open(server).await;
    assert_eq!(
        store
            .article_views(khabar_core::ArticleId(id))
            .await
            .unwrap(),
        n as u64 + 1
    );
    let report = store.report(all_days(), 10).await.unwrap();
    assert_eq!(report.views, n as u64 + 1);
    assert_eq!(report.visitor_days, n as u64 + 1);
    assert_eq!(report.top_articles[0].views, n as u64 + 1);
    let devices = report
        .dimensions
        .iter()
        .find(|(d, _)| d == "device")
        .expect("devices");
    assert_eq!(devices.1[0].name, "desktop");
}

#[tokio::test]
async fn bots_prefetches_and_opt_outs_are_answered_but_not_counted() {
    let server = TestServer::start_demo().await;
    let id = first_article(&server).await;
    for ua in [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "",
    ] {
        assert_eq!(hit(&server, ua, id).await, 204, "{ua}");
    }
    let body = format!(r#"{{"article_id": {id}}}"#);
    for (name, value) in [
        ("sec-purpose", "prefetch"),
        ("purpose", "prefetch"),
        ("dnt", "1"),
        ("sec-gpc", "1"),
    ] {
        let status = client()
            .post(server.url("/api/v1/hits"))
            .header("user-agent", FIREFOX)
            .header(name, value)
            .body(body.clone())
            .send()
            .await
            .expect("beacon")
            .status();
        assert_eq!(status, 204, "{name}");
    }
    let (store, _dir) = stop_and_open(server).await;
    assert_eq!(
        store
            .article_views(khabar_core::ArticleId(id))
            .await
            .unwrap(),
        0
    );
    let report = store.report(all_days(), 10).await.unwrap();
    assert_eq!(report.views, 0);
    let filtered: std::collections::HashMap<_, _> = report
        .filtered
        .iter()
        .map(|r| (r.name.as_str(), r.views))
        .collect();
    // Googlebot, facebookexternalhit and curl (an HTTP library).
    assert_eq!(filtered.get("crawler"), Some(&3), "{filtered:?}");
    assert_eq!(filtered.get("headless"), Some(&1));
    assert_eq!(filtered.get("empty_agent"), Some(&1));
    assert_eq!(filtered.get("prefetch"), Some(&2));
    assert_eq!(filtered.get("opt_out"), Some(&2));
    assert_eq!(filtered.values().sum::<u64>(), 9, "{filtered:?}");
}

#[tokio::test]
async fn drafts_and_unknown_ids_are_never_counted_and_leave_no_rows() {
    let server = TestServer::start_demo().await;
    // Once the server answers, its migrations and demo content are done.
    first_article(&server).await;
    let writer = SqliteStore::open(&server.database_url).await.expect("open");
    let draft = khabar_core::NewArticle {
        slug: "مسودة".into(),
        title: "مسودة لم تنشر".into(),
        lead: String::new(),
        body: "نص.".into(),
        section: None,
        tags: Vec::new(),
        author: None,
        source: None,
        status: khabar_core::ArticleStatus::Draft,
        published_at: None,
        cover: None,
    };
    let draft_id = khabar_store::Store::create_article(&writer, &draft, jiff::Timestamp::now())
        .await
        .expect("created");
    for id in [draft_id.0, 999_999, 0, -5, i64::MAX] {
        assert_eq!(hit(&server, FIREFOX, id).await, 204, "{id}");
        assert_eq!(hit(&server, "Googlebot/2.1", id).await, 204, "{id}");
    }
    let res = get(&server, &format!("/api/v1/articles/{}/views", draft_id.0)).await;
    assert_eq!(res.status(), 404);
    let (store, _dir) = stop_and_open(server).await;
    assert_eq!(store.article_views(draft_id).await.unwrap(), 0);
    let report = store.report(all_days(), 10).await.unwrap();
    assert_eq!(report.views, 0);
    assert!(report.filtered.is_empty(), "{:?}", report.filtered);
    assert!(report.days.iter().all(|d| d.views == 0));
}

#[tokio::test]
async fn a_graceful_stop_during_load_loses_nothing() {
    // A flush interval longer than the test: only the final flush writes.
    let server = TestServer::start_with(true, |c| c.flush_interval = Duration::from_secs(60)).await;
    let id = first_article(&server).await;
    let n = 150;
    for v in 0..n {
        assert_eq!(hit(&server, &browser(v), id).await, 204);
    }
    let config_url = server.database_url.clone();
    let dir = server.stop().await;
    // Restart over the same database: the count survived.
    let mut config = khabar_testkit::test_config(&dir);
    config.database_url = config_url;
    let server = TestServer::start_in(dir, config, false).await;
    let json = views_json(&server, id).await;
    assert_eq!(json["views"], n);
    let api: serde_json::Value = get(&server, &format!("/api/v1/articles/{id}"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(api["views"], n);
}

#[tokio::test]
async fn the_page_shows_arabic_plural_forms_as_views_arrive() {
    let server = TestServer::start_demo().await;
    let id = first_article(&server).await;
    let path = path_of(
        &server,
        get(&server, &format!("/api/v1/articles/{id}"))
            .await
            .json::<serde_json::Value>()
            .await
            .expect("json")["url"]
            .as_str()
            .expect("url"),
    );
    let expected = [
        (0, "لا مشاهدات"),
        (1, "مشاهدة واحدة"),
        (2, "مشاهدتان"),
        (3, "3 مشاهدات"),
        (10, "10 مشاهدات"),
        (11, "11 مشاهدة"),
        (100, "100 مشاهدة"),
        (103, "103 مشاهدات"),
    ];
    let mut sent = 0;
    for (n, label) in expected {
        while sent < n {
            assert_eq!(hit(&server, &browser(sent), id).await, 204);
            sent += 1;
        }
        let doc = page(&server, &path, 200).await;
        assert_eq!(
            text(&doc, &format!("[data-views-for='{id}']")),
            label,
            "n = {n}"
        );
        assert_eq!(views_json(&server, id).await["label"], label, "n = {n}");
    }
    let doc = page(&server, &path, 200).await;
    assert!(
        attr(&doc, "script[src*='views']", "src").is_some(),
        "beacon script"
    );
    let res = get(&server, &format!("/api/v1/articles/{id}/views")).await;
    let cache = res.headers()["cache-control"]
        .to_str()
        .unwrap_or("")
        .to_string();
    assert!(cache.contains("max-age=5"), "{cache}");
}

#[tokio::test]
async fn arabic_indic_digits_in_the_count() {
    let server = TestServer::start_with(true, |c| {
        c.locale.digits = khabar_i18n::DigitStyle::ArabicIndic;
    })
    .await;
    let id = first_article(&server).await;
    for v in 0..12 {
        hit(&server, &browser(v), id).await;
    }
    assert_eq!(views_json(&server, id).await["label"], "١٢ مشاهدة");
}

#[tokio::test]
async fn most_read_appears_on_the_home_page_after_a_flush() {
    let server =
        TestServer::start_with(true, |c| c.flush_interval = Duration::from_millis(100)).await;
    let items = api_articles(&server, "limit=3").await;
    let target = items["items"][2]["id"].as_i64().expect("id");
    let title = items["items"][2]["title"]
        .as_str()
        .expect("title")
        .to_string();
    for v in 0..5 {
        hit(&server, &browser(v), target).await;
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let doc = page(&server, "/", 200).await;
        if text(&doc, "#most-read-today li a") == title {
            assert_eq!(text(&doc, "#most-read-week li a"), title);
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "most read never showed the article"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn bad_hits_get_4xx_or_a_silent_non_count_never_a_500() {
    let server = TestServer::start_demo().await;
    let id = first_article(&server).await;
    for (body, status) in [
        ("{garbage", 400),
        ("", 400),
        ("null", 400),
        ("[]", 400),
        (r#"{"article_id": "abc"}"#, 400),
        (r#"{"article_id": 1.5}"#, 400),
        (r#"{"article_id": 99999999999999999999999}"#, 400),
        (r#"{"referrer": "x"}"#, 400),
        (r#"{"article_id": 1, "referrer": "\ud800"}"#, 400),
        (r#"{"article_id": 1, "referrer": 5}"#, 400),
    ] {
        assert_eq!(beacon(&server, FIREFOX, body).await, status, "{body}");
    }
    let huge = format!(
        r#"{{"article_id": {id}, "referrer": "{}"}}"#,
        "a".repeat(100_000)
    );
    let status = beacon(&server, FIREFOX, &huge).await;
    assert_eq!(status, 413);
    for q in ["", "?article_id=abc", "?article_id=-1", "?article_id=%FF"] {
        let res = get(&server, &format!("/api/v1/hits{q}")).await;
        assert_eq!(res.status(), 400, "{q}");
    }
    // The pixel counts like the beacon, and answers with an image.
    let res = client()
        .get(server.url(&format!("/api/v1/hits?article_id={id}")))
        .header("user-agent", FIREFOX)
        .send()
        .await
        .expect("pixel");
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/gif");
    assert_eq!(res.headers()["cache-control"], "no-store");
    // A spoofed X-Forwarded-For without a trusted proxy changes nothing:
    // still the same visitor (already counted by the pixel).
    for spoof in ["1.1.1.1", "2.2.2.2", "3.3.3.3, 4.4.4.4"] {
        let status = client()
            .post(server.url("/api/v1/hits"))
            .header("user-agent", FIREFOX)
            .header("x-forwarded-for", spoof)
            .body(format!(r#"{{"article_id": {id}}}"#))
            .send()
            .await
            .expect("beacon")
            .status();
        assert_eq!(status, 204);
    }
    assert_eq!(views_json(&server, id).await["views"], 1);
    for raw in ["abc", "-1", "99999999999999999999"] {
        let res = get(&server, &format!("/api/v1/articles/{raw}/views")).await;
        assert_eq!(res.status(), 404, "{raw}");
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_forwarded_readers_are_distinct() {
    let server = TestServer::start_with(true, |c| {
        c.stats.trusted_proxies =
            vec![khabar_web::stats::parse_proxy("127.0.0.1/32").expect("net")];
    })
    .await;
    let id = first_article(&server).await;
    for (xff, _) in [
        ("203.0.113.1", 1),
        ("203.0.113.2", 2),
        ("6.6.6.6, 203.0.113.2", 2),
    ] {
        client()
            .post(server.url("/api/v1/hits"))
            .header("user-agent", FIREFOX)
            .header("x-forwarded-for", xff)
            .body(format!(r#"{{"article_id": {id}}}"#))
            .send()
            .await
            .expect("beacon");
    }
    // The third reader spoofed a left-most address but is 203.0.113.2 again.
    assert_eq!(views_json(&server, id).await["views"], 2);
}

#[tokio::test]
async fn the_visitor_badge_is_off_by_default_and_counts_when_on() {
    let server = TestServer::start_demo().await;
    assert_eq!(get(&server, "/api/v1/stats/visitors").await.status(), 404);
    let server = TestServer::start_with(true, |c| {
        c.stats.visitor_badge = true;
        c.flush_interval = Duration::from_millis(100);
    })
    .await;
    let id = first_article(&server).await;
    for v in 0..3 {
        hit(&server, &browser(v), id).await;
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let json: serde_json::Value = get(&server, "/api/v1/stats/visitors")
            .await
            .json()
            .await
            .expect("json");
        if json["visitors_today"] == 3 {
            assert_eq!(json["views_total"], 3);
            assert_eq!(json["online"], 3);
            assert_eq!(json["label"], "3 زوار");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{json}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn published_article(slug: &str) -> khabar_core::NewArticle {
    khabar_core::NewArticle {
        slug: slug.into(),
        title: "مقال منشور".into(),
        lead: String::new(),
        body: "نص.".into(),
        section: None,
        tags: Vec::new(),
        author: None,
        source: None,
        status: khabar_core::ArticleStatus::Published,
        published_at: Some(jiff::Timestamp::now() - jiff::SignedDuration::from_secs(3600)),
        cover: None,
    }
}

/// Views of one article in the hour starting `hour` of stats day `day`.
fn views_at(id: i64, hour: i64, day: i32, views: u64) -> khabar_stats::Batch {
    let mut b = khabar_stats::Batch::default();
    b.article_hours.insert((id, hour), views);
    b.article_days.insert((id, day), views);
    b.site_days.insert(day, views);
    b
}

#[tokio::test]
async fn retention_prunes_hourly_buckets_on_a_timer_and_keeps_the_daily_rollups() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/khabar.db", dir.path().display());
    let store = SqliteStore::open(&url).await.unwrap();
    let now = jiff::Timestamp::now();
    let id = khabar_store::Store::create_article(&store, &published_article("retention"), now)
        .await
        .unwrap()
        .0;
    let hour = |secs_ago: i64| (now.as_second() - secs_ago).div_euclid(3600) * 3600;
    let day =
        |secs_ago: i64| i32::try_from((now.as_second() - secs_ago).div_euclid(86_400)).unwrap();
    let ten_days = 10 * 86_400;
    store
        .flush(&views_at(id, hour(ten_days), day(ten_days), 5))
        .await
        .unwrap();
    store
        .flush(&views_at(id, hour(3600), day(3600), 2))
        .await
        .unwrap();
    let id = khabar_core::ArticleId(id);
    assert_eq!(store.most_read(0, 10, now).await.unwrap(), vec![(id, 7)]);
    khabar_store::Store::close(&store).await;

    // A server keeping two days of hourly buckets prunes as it starts, and
    // then every hour, with no request.
    let mut config = khabar_testkit::test_config(&dir);
    config.database_url = url.clone();
    config.stats.retention_days = 2;
    let server = TestServer::start_in(dir, config, false).await;
    let reader = SqliteStore::open(&url).await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while reader.most_read(0, 10, now).await.unwrap() != vec![(id, 2)] {
        assert!(
            std::time::Instant::now() < deadline,
            "old hours never pruned"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The daily roll-ups and the all-time count are kept.
    assert_eq!(reader.article_views(id).await.unwrap(), 7);
    let days = reader
        .article_days(
            id,
            DayRange {
                first: day(ten_days),
                last: day(3600),
            },
        )
        .await
        .unwrap();
    assert_eq!(days.first().map(|d| d.views), Some(5));
    assert_eq!(days.iter().map(|d| d.views).sum::<u64>(), 7);
    drop(server);
}

#[tokio::test]
async fn synthetic_views_are_refused_on_a_database_with_counted_views() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/khabar.db", dir.path().display());
    let store = SqliteStore::open(&url).await.unwrap();
    let now = jiff::Timestamp::now();
    let id = khabar_store::Store::create_article(&store, &published_article("synthetic"), now)
        .await
        .unwrap();
    let run = |url: String| {
        std::process::Command::new(env!("CARGO_BIN_EXE_khabar"))
            .args([
                "demo",
                "generate-hits",
                "--database",
                &url,
                "--hits",
                "30",
                "--days",
                "2",
            ])
            .env("RUST_LOG", "warn")
            .output()
            .expect("khabar runs")
    };
    // Into a database without views: a benchmark's or a demo's.
    let out = run(url.clone());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(store.article_views(id).await.unwrap(), 30);
    // Once there are counts, never again: counts are not adjusted by hand.
    let out = run(url.clone());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already has 30 counted views"), "{stderr}");
    assert_eq!(store.article_views(id).await.unwrap(), 30);
}
