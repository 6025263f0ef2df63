//! `khabar demo generate --articles N`.

use super::{load_config, progress};
use crate::cli::SiteArgs;
use anyhow::Context;
use jiff::Timestamp;
use khabar_app::demo::Generator;

const BATCH: u64 = 1_000;

pub async fn generate(site: &SiteArgs, count: u64, seed: u64) -> anyhow::Result<()> {
    let config = load_config(site, None)?;
    let store = khabar_app::open_store(&config.database_url).await?;
    let mut generator = Generator::new(seed)?;
    let bar = progress(count, "generating");
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        let batch: Vec<_> = (0..n).map(|_| generator.article()).collect();
        store.create_articles(&batch, Timestamp::now()).await?;
        done += n;
        bar.inc(n);
    }
    bar.finish_with_message(format!("generated {count} articles"));
    store.close().await;
    Ok(())
}

/// `khabar demo generate-hits --hits N [--days D]`.
pub async fn generate_hits(site: &SiteArgs, hits: u64, days: u32, seed: u64) -> anyhow::Result<()> {
    let config = load_config(site, None)?;
    let backend = khabar_app::open_backend(&config.database_url).await?;
    let store = backend.store;
    let stats = backend
        .stats
        .context("statistics are not available on this database backend yet")?;
    let now = Timestamp::now();
    let mut ids = Vec::new();
    let mut offset = 0;
    loop {
        let page = store
            .published(
                khabar_store::ArticleFilter::All,
                khabar_core::Window {
                    limit: 1_000,
                    offset,
                },
                now,
            )
            .await?;
        if page.items.is_empty() {
            break;
        }
        offset += page.items.len() as u64;
        ids.extend(page.items.iter().map(|a| a.id));
    }
    let offset = i64::from(config.locale.time_zone.to_offset(now).seconds());
    let today = i32::try_from((now.as_second() + offset).div_euclid(86_400))?;
    // Counts are never adjusted by hand: synthetic views go only into a
    // database that has counted none (a benchmark or a demo).
    let existing = stats.site_totals(today).await?.views_total;
    anyhow::ensure!(
        existing == 0,
        "this database already has {existing} counted views; synthetic views are written \
         only into a database without any (counts are never adjusted by hand)"
    );
    let bar = progress(hits, "generating views");
    khabar_app::hits::generate(stats.as_ref(), &ids, hits, days, today, seed, |n| {
        bar.inc(n)
    })
    .await?;
    bar.finish_with_message(format!("generated {hits} views over {days} days"));
    store.close().await;
    Ok(())
}
