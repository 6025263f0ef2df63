//! The statistics storage story: salts, additive flushes, retention, and the
//! dashboard's totals over a large synthetic history.

use jiff::Timestamp;
use khabar_core::{ArticleId, ArticleStatus, NewArticle, NewTaxonomy};
use khabar_stats::{Batch, Salt, VisitorId};
use khabar_store::stats::DayRange;
use khabar_store::{StatsStore, Store};
use khabar_store_sqlite::SqliteStore;

async fn open(dir: &tempfile::TempDir) -> SqliteStore {
    SqliteStore::open(&format!("sqlite://{}/stats.db", dir.path().display()))
        .await
        .expect("open")
}

async fn articles(store: &SqliteStore, n: usize) -> Vec<ArticleId> {
    let now = Timestamp::now();
    let list: Vec<NewArticle> = (0..n)
        .map(|i| NewArticle {
            slug: format!("مقال-{i}"),
            title: format!("مقال رقم {i}"),
            lead: String::new(),
            body: "نص.".into(),
            section: Some(NewTaxonomy {
                name: format!("قسم {}", i % 4),
                slug: format!("qism-{}", i % 4),
            }),
            tags: Vec::new(),
            author: None,
            source: None,
            status: ArticleStatus::Published,
            published_at: Some(now),
            cover: None,
        })
        .collect();
    store.create_articles(&list, now).await.expect("articles")
}

#[tokio::test]
async fn salts_are_shared_per_day_and_never_kept_past_the_next_day() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir).await;
    let now = Timestamp::now();
    let day = 20_000;
    let first = Salt::generate(day).unwrap();
    let second = Salt::generate(day).unwrap();
    assert_eq!(store.day_salt(day, &first, now).await.unwrap(), first);
    // A second server asking for the same day gets the first server's salt.
    assert_eq!(store.day_salt(day, &second, now).await.unwrap(), first);
    let next = Salt::generate(day + 1).unwrap();
    let got = store.day_salt(day + 1, &next, now).await.unwrap();
    assert_eq!(got, next);
    assert_ne!(got.key, first.key, "a new day, a new salt");
    // Two days on, the first day's salt is gone: asking again stores anew.
    store
        .day_salt(day + 2, &Salt::generate(day + 2).unwrap(), now)
        .await
        .unwrap();
    let again = Salt::generate(day).unwrap();
    assert_eq!(store.day_salt(day, &again, now).await.unwrap(), again);
}

fn batch(article: i64, day: i32, visitors: &[u8]) -> Batch {
    let mut b = Batch::default();
    for &v in visitors {
        *b.article_hours
            .entry((article, i64::from(day) * 86_400))
            .or_default() += 1;
        *b.article_days.entry((article, day)).or_default() += 1;
        *b.site_days.entry(day).or_default() += 1;
        b.visitors
            .entry(day)
            .or_default()
            .insert(VisitorId([v; 16]));
    }
    b
}

#[tokio::test]
async fn flushes_add_up_and_a_visitor_counts_once_a_day_across_flushes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir).await;
    let ids = articles(&store, 2).await;
    let day = 20_000;
    // Two servers flushing overlapping visitors into one database.
    store
        .flush(&batch(ids[0].0, day, &[1, 2, 3]))
        .await
        .unwrap();
    store.flush(&batch(ids[1].0, day, &[3, 4])).await.unwrap();
    store.flush(&batch(ids[0].0, day + 1, &[1])).await.unwrap();
    assert_eq!(store.article_views(ids[0]).await.unwrap(), 4);
    assert_eq!(store.article_views(ids[1]).await.unwrap(), 2);
    let r = store
        .report(
            DayRange {
                first: day,
                last: day + 1,
            },
            10,
        )
        .await
        .unwrap();
    assert_eq!(r.views, 6);
    assert_eq!(
        r.days[0].visitors, 4,
        "visitor 3 read two articles: one visitor"
    );
    assert_eq!(r.days[1].visitors, 1);
    assert_eq!(r.top_articles[0].id, ids[0]);
    let days = store
        .article_days(
            ids[0],
            DayRange {
                first: day - 1,
                last: day + 1,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        days.iter().map(|d| d.views).collect::<Vec<_>>(),
        vec![0, 3, 1]
    );
    // Retention drops hourly buckets and old visitor sets, never roll-ups.
    let deleted = store
        .prune(i64::from(day + 1) * 86_400, day + 1)
        .await
        .unwrap();
    assert_eq!(deleted, 2 + 4);
    assert_eq!(store.article_views(ids[0]).await.unwrap(), 4);
    let r = store
        .report(
            DayRange {
                first: day,
                last: day + 1,
            },
            10,
        )
        .await
        .unwrap();
    assert_eq!(r.views, 6);
    let recent = store.most_read(0, 10, Timestamp::now()).await.unwrap();
    assert_eq!(recent, vec![(ids[0], 1)], "only the kept hour remains");
}

#[tokio::test]
async fn dashboard_totals_are_exact_over_a_large_synthetic_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir).await;
    let ids = articles(&store, 60).await;
    let hits = 300_000;
    let today = 20_500;
    let mut written = 0;
    khabar_app::hits::generate(&store, &ids, hits, 365, today, 7, |n| written += n)
        .await
        .unwrap();
    assert_eq!(written, hits);
    let year = DayRange {
        first: today - 364,
        last: today,
    };
    let r = store.report(year, 1_000).await.unwrap();
    assert_eq!(r.days.len(), 365);
    assert_eq!(r.views, hits);
    assert_eq!(r.top_articles.iter().map(|a| a.views).sum::<u64>(), hits);
    assert_eq!(r.top_sections.iter().map(|s| s.views).sum::<u64>(), hits);
    assert_eq!(r.top_sections.len(), 4);
    for (dimension, items) in &r.dimensions {
        let sum: u64 = items.iter().map(|i| i.views).sum();
        match dimension.as_str() {
            "browser" | "os" | "device" | "referrer_group" => assert_eq!(sum, hits, "{dimension}"),
            _ => assert!(sum <= hits, "{dimension}"),
        }
    }
    let month = DayRange {
        first: today - 29,
        last: today,
    };
    let m = store.report(month, 5).await.unwrap();
    assert_eq!(m.days.len(), 30);
    assert_eq!(
        m.views,
        r.days
            .iter()
            .filter(|d| d.day >= month.first)
            .map(|d| d.views)
            .sum::<u64>()
    );
    assert_eq!(m.top_articles.len(), 5);
    assert!(m.top_articles.windows(2).all(|w| w[0].views >= w[1].views));
    let per_article: u64 = {
        let mut total = 0;
        for id in &ids {
            total += store.article_views(*id).await.unwrap();
        }
        total
    };
    assert_eq!(per_article, hits);
}

/// A small deterministic generator (the test needs no randomness crate).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// The report reads whole months from the monthly roll-ups and the edges
/// from the daily ones; over many ranges (whole months, partial months,
/// one day, across a new year, with empty stretches) its numbers must equal
/// a plain sum of what was flushed.
#[tokio::test]
async fn the_monthly_fast_path_equals_a_straightforward_count() {
    use khabar_store::stats::date_day;
    use std::collections::HashMap;
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir).await;
    let ids = articles(&store, 12).await;
    let first = date_day(jiff::civil::date(2025, 10, 15));
    let last = date_day(jiff::civil::date(2026, 12, 2));
    let mut rng = Lcg(7);
    let mut per_day: HashMap<(usize, i32), u64> = HashMap::new();
    let mut browsers: HashMap<(i32, &str), u64> = HashMap::new();
    let mut batch = Batch::default();
    for day in first..=last {
        // A quiet fortnight in February: months with gaps.
        let quiet = (date_day(jiff::civil::date(2026, 2, 3))
            ..date_day(jiff::civil::date(2026, 2, 17)))
            .contains(&day);
        let n = if quiet { 0 } else { rng.below(40) };
        for _ in 0..n {
            let a = usize::try_from(rng.below(12)).unwrap();
            let browser = ["Chrome", "Safari", "Firefox"][usize::try_from(rng.below(3)).unwrap()];
            *per_day.entry((a, day)).or_default() += 1;
            *browsers.entry((day, browser)).or_default() += 1;
            *batch.article_days.entry((ids[a].0, day)).or_default() += 1;
            *batch.site_days.entry(day).or_default() += 1;
            *batch
                .dimensions
                .entry((day, "browser", browser.to_string()))
                .or_default() += 1;
        }
        if day % 9 == 0 || day == last {
            store.flush(&std::mem::take(&mut batch)).await.unwrap();
        }
    }
    let mut ranges = vec![
        (first, last),
        (first - 30, last),
        (date_day(jiff::civil::date(2025, 12, 3)), last),
        (
            date_day(jiff::civil::date(2026, 1, 1)),
            date_day(jiff::civil::date(2026, 1, 31)),
        ),
        (
            date_day(jiff::civil::date(2025, 12, 31)),
            date_day(jiff::civil::date(2026, 3, 1)),
        ),
        (
            date_day(jiff::civil::date(2026, 2, 1)),
            date_day(jiff::civil::date(2026, 2, 28)),
        ),
        (
            date_day(jiff::civil::date(2026, 2, 5)),
            date_day(jiff::civil::date(2026, 2, 10)),
        ),
        (last, last),
        (last - 29, last),
    ];
    for _ in 0..40 {
        let a = first + i32::try_from(rng.below(420)).unwrap();
        let len = i32::try_from(rng.below(400)).unwrap();
        ranges.push((a, a + len));
    }
    for (a, b) in ranges {
        let range = DayRange { first: a, last: b };
        let r = store.report(range, 1_000).await.unwrap();
        let in_range = |d: i32| (a..=b).contains(&d);
        let mut want_articles: HashMap<i64, u64> = HashMap::new();
        let mut want_sections: HashMap<String, u64> = HashMap::new();
        for (&(i, d), &v) in &per_day {
            if in_range(d) {
                *want_articles.entry(ids[i].0).or_default() += v;
                *want_sections.entry(format!("قسم {}", i % 4)).or_default() += v;
            }
        }
        let got_articles: HashMap<i64, u64> =
            r.top_articles.iter().map(|t| (t.id.0, t.views)).collect();
        assert_eq!(got_articles, want_articles, "articles {range:?}");
        let got_sections: HashMap<String, u64> = r
            .top_sections
            .iter()
            .map(|s| (s.name.clone(), s.views))
            .collect();
        assert_eq!(got_sections, want_sections, "sections {range:?}");
        let mut want_browsers: HashMap<String, u64> = HashMap::new();
        for (&(d, browser), &v) in &browsers {
            if in_range(d) {
                *want_browsers.entry(browser.to_string()).or_default() += v;
            }
        }
        let got_browsers: HashMap<String, u64> = r
            .dimensions
            .iter()
            .find(|(d, _)| d == "browser")
            .map(|(_, items)| items.iter().map(|i| (i.name.clone(), i.views)).collect())
            .unwrap_or_default();
        assert_eq!(got_browsers, want_browsers, "browsers {range:?}");
        assert_eq!(
            r.views,
            want_articles.values().sum::<u64>(),
            "total {range:?}"
        );
        // Ranked most first, ties by id.
        assert!(
            r.top_articles
                .windows(2)
                .all(|w| (w[0].views, -w[0].id.0) >= (w[1].views, -w[1].id.0))
        );
    }
}
