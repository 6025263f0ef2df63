//! Synthetic view history for benchmarks and demos: `hits` counted views
//! spread over the last `days` days, a few articles read far more than the
//! rest (a Zipf-like curve), written through the same additive flush as
//! real traffic.

use khabar_core::ArticleId;
use khabar_stats::{Batch, FilterReason, VisitorId};
use khabar_store::StatsStore;

const BROWSERS: [&str; 5] = ["Chrome", "Safari", "Samsung Internet", "Firefox", "Edge"];
const SYSTEMS: [&str; 4] = ["Android", "iOS", "Windows 10", "Mac OSX"];
const DEVICES: [&str; 3] = ["mobile", "desktop", "tablet"];
const SOURCES: [(&str, &str); 6] = [
    ("search", "google"),
    ("social", "facebook"),
    ("social", "x"),
    ("social", "whatsapp"),
    ("direct", ""),
    ("internal", ""),
];

/// Writes `hits` views over the `days` days ending `today` for `articles`,
/// calling `progress` with the views written after each day.
///
/// # Errors
/// The store's error.
pub async fn generate(
    store: &dyn StatsStore,
    articles: &[ArticleId],
    hits: u64,
    days: u32,
    today: i32,
    seed: u64,
    mut progress: impl FnMut(u64),
) -> anyhow::Result<()> {
    anyhow::ensure!(
        !articles.is_empty(),
        "the site has no articles to count views for"
    );
    let mut rng = fastrand::Rng::with_seed(seed);
    let days = days.max(1);
    let per_day = hits / u64::from(days);
    let mut left = hits;
    for d in 0..days {
        let day = today - i32::try_from(days - 1 - d).unwrap_or(0);
        let n = if d + 1 == days { left } else { per_day };
        left -= n;
        let batch = day_batch(&mut rng, articles, day, n);
        store.flush(&batch).await?;
        progress(n);
    }
    Ok(())
}

fn pick<T: Copy>(rng: &mut fastrand::Rng, items: &[T]) -> T {
    // Squaring a uniform number favours the first items: a long tail.
    let x = rng.f64();
    let i = ((x * x) * items.len() as f64) as usize;
    items[i.min(items.len() - 1)]
}

fn day_batch(rng: &mut fastrand::Rng, articles: &[ArticleId], day: i32, n: u64) -> Batch {
    let mut b = Batch::default();
    // About three views per visitor a day.
    let visitors = (n / 3).max(1);
    for _ in 0..n {
        let article = pick(rng, articles).0;
        let hour = (i64::from(day) * 24 + i64::from(rng.u8(0..24))) * 3600;
        *b.article_hours.entry((article, hour)).or_default() += 1;
        *b.article_days.entry((article, day)).or_default() += 1;
        *b.site_days.entry(day).or_default() += 1;
        let v = rng.u64(0..visitors);
        let mut id = [0u8; 16];
        id[..8].copy_from_slice(&v.to_le_bytes());
        id[8..12].copy_from_slice(&day.to_le_bytes());
        b.visitors.entry(day).or_default().insert(VisitorId(id));
        let (group, site) = pick(rng, &SOURCES);
        let values = [
            ("referrer_group", group),
            ("referrer_site", site),
            ("browser", pick(rng, &BROWSERS)),
            ("os", pick(rng, &SYSTEMS)),
            ("device", pick(rng, &DEVICES)),
        ];
        for (dimension, value) in values {
            if !value.is_empty() {
                *b.dimensions
                    .entry((day, dimension, value.to_string()))
                    .or_default() += 1;
                if khabar_stats::aggregate::ARTICLE_DIMENSIONS.contains(&dimension) {
                    *b.article_sources
                        .entry((article, day, dimension, value.to_string()))
                        .or_default() += 1;
                }
            }
        }
    }
    *b.filtered.entry((day, FilterReason::Crawler)).or_default() += n / 4;
    b
}
