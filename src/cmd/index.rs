//! `khabar index rebuild` and `khabar index duplicates`.
//!
//! Both open the index folder for writing, so they refuse to run while a
//! server uses it (tantivy's lock): stop the server first. A server rebuilds
//! a missing or outdated index by itself at start-up.

use super::{load_config, progress};
use crate::cli::SiteArgs;
use anyhow::Context;
use khabar_core::ArticleId;
use std::collections::HashSet;

pub async fn rebuild(site: &SiteArgs) -> anyhow::Result<()> {
    let config = load_config(site, None)?;
    let backend = khabar_app::open_backend(&config.database_url).await?;
    let feed = backend
        .search
        .clone()
        .context("search is not available on this database backend yet")?;
    let search = khabar_app::open_search(&config, feed)?;
    let bar = progress(0, "indexing");
    let started = std::time::Instant::now();
    let n = search
        .rebuild(|done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await?;
    bar.finish_with_message(format!(
        "indexed {n} articles in {:.1} s into {}",
        started.elapsed().as_secs_f64(),
        config.search.index_dir.display()
    ));
    backend.store.close().await;
    Ok(())
}

pub async fn duplicates(site: &SiteArgs) -> anyhow::Result<()> {
    let mut config = load_config(site, None)?;
    // Only the index is needed, not the related lists.
    config.search.related_count = 0;
    let backend = khabar_app::open_backend(&config.database_url).await?;
    let feed = backend
        .search
        .clone()
        .context("search is not available on this database backend yet")?;
    let search = khabar_app::open_search(&config, feed)?;
    search.catch_up().await?;
    let index = search.index().clone();
    let ids = index.ids()?;
    let bar = progress(ids.len() as u64, "comparing");
    let pairs = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<_>> {
        let mut seen: HashSet<(ArticleId, ArticleId)> = HashSet::new();
        let mut out = Vec::new();
        for id in ids {
            bar.inc(1);
            let Some(subject) = index.subject(id)? else {
                continue;
            };
            let title = subject.text.lines().next().unwrap_or("").to_string();
            for d in index.find_near_duplicates(&subject)? {
                let key = (id.min(d.id), id.max(d.id));
                if seen.insert(key) {
                    out.push((id, title.clone(), d.id, d.title, d.similarity));
                }
            }
        }
        bar.finish_and_clear();
        Ok(out)
    })
    .await??;
    // Pairs an editor marked "not a duplicate" in the newsroom stay hidden.
    let mut shown = Vec::with_capacity(pairs.len());
    for pair in pairs {
        if !search
            .store()
            .dismissed_duplicates(pair.0)
            .await?
            .contains(&pair.2)
        {
            shown.push(pair);
        }
    }
    if shown.is_empty() {
        println!("no suspected duplicates");
    }
    for (a, a_title, b, b_title, sim) in shown {
        println!("{:.0}%\t{a}\t{a_title}\n\t{b}\t{b_title}", sim * 100.0);
    }
    backend.store.close().await;
    Ok(())
}
