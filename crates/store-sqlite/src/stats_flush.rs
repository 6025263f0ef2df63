//! The writes of one flush, inside the caller's `BEGIN IMMEDIATE`
//! transaction. Every statement is an additive upsert (`views = views +
//! excluded.views`), never a read-modify-write, so servers flushing into one
//! database need no coordination. Each count goes to its hour, its day and
//! its calendar month: reports read whole months from the monthly tables.

use crate::backend;
use khabar_stats::Batch;
use khabar_store::StoreResult;
use khabar_store::stats::{FlushReport, month_of};
use sqlx::{Sqlite, Transaction};
use std::collections::HashMap;

type Tx<'c> = Transaction<'c, Sqlite>;

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Hours, days, months and all-time totals per article.
pub(crate) async fn articles(tx: &mut Tx<'_>, batch: &Batch) -> StoreResult<()> {
    for (&(article, hour), &views) in &batch.article_hours {
        sqlx::query(
            "insert into stats_article_hours (article_id, hour, views) values (?, ?, ?) \
             on conflict (article_id, hour) do update set views = views + excluded.views",
        )
        .bind(article)
        .bind(hour)
        .bind(signed(views))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    let mut totals: HashMap<i64, u64> = HashMap::new();
    let mut months: HashMap<(i64, i32), u64> = HashMap::new();
    for (&(article, day), &views) in &batch.article_days {
        *totals.entry(article).or_default() += views;
        *months.entry((article, month_of(day))).or_default() += views;
        sqlx::query(
            "insert into stats_article_days (article_id, day, views) values (?, ?, ?) \
             on conflict (article_id, day) do update set views = views + excluded.views",
        )
        .bind(article)
        .bind(day)
        .bind(signed(views))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for ((article, month), views) in months {
        sqlx::query(
            "insert into stats_article_months (article_id, month, views) values (?, ?, ?) \
             on conflict (article_id, month) do update set views = views + excluded.views",
        )
        .bind(article)
        .bind(month)
        .bind(signed(views))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for (article, views) in totals {
        sqlx::query(
            "insert into stats_article_totals (article_id, views) values (?, ?) \
             on conflict (article_id) do update set views = views + excluded.views",
        )
        .bind(article)
        .bind(signed(views))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

/// Where each article's readers came from, per day.
pub(crate) async fn article_sources(tx: &mut Tx<'_>, batch: &Batch) -> StoreResult<()> {
    for ((article, day, dimension, value), &views) in &batch.article_sources {
        sqlx::query(
            "insert into stats_article_sources (article_id, day, dimension, value, views) \
             values (?, ?, ?, ?, ?) on conflict (article_id, day, dimension, value) \
             do update set views = views + excluded.views",
        )
        .bind(article)
        .bind(day)
        .bind(*dimension)
        .bind(value)
        .bind(signed(views))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

/// Views and new visitors per day. A visitor already in the day's set (an
/// earlier flush, another server) is not counted again.
pub(crate) async fn site_days(tx: &mut Tx<'_>, batch: &Batch) -> StoreResult<FlushReport> {
    let mut report = FlushReport::default();
    let mut days: Vec<i32> = batch.site_days.keys().copied().collect();
    days.extend(batch.visitors.keys());
    days.sort_unstable();
    days.dedup();
    for day in days {
        let mut new_visitors = 0;
        for visitor in batch.visitors.get(&day).into_iter().flatten() {
            new_visitors += sqlx::query(
                "insert into stats_visitors (day, visitor) values (?, ?) \
                 on conflict (day, visitor) do nothing",
            )
            .bind(day)
            .bind(&visitor.0[..])
            .execute(&mut **tx)
            .await
            .map_err(backend)?
            .rows_affected();
        }
        let views = batch.site_days.get(&day).copied().unwrap_or(0);
        sqlx::query(
            "insert into stats_site_days (day, views, visitors) values (?, ?, ?) \
             on conflict (day) do update set views = views + excluded.views, \
             visitors = visitors + excluded.visitors",
        )
        .bind(day)
        .bind(signed(views))
        .bind(signed(new_visitors))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        report.views += views;
        report.new_visitors += new_visitors;
    }
    Ok(report)
}

/// Referrers, browsers, systems, devices per day and month; hits not
/// counted per day and reason.
pub(crate) async fn dimensions(tx: &mut Tx<'_>, batch: &Batch) -> StoreResult<()> {
    let mut months: HashMap<(i32, &str, &str), u64> = HashMap::new();
    for ((day, dimension, value), &views) in &batch.dimensions {
        *months
            .entry((month_of(*day), dimension, value.as_str()))
            .or_default() += views;
        sqlx::query(
            "insert into stats_dimension_days (day, dimension, value, views) \
             values (?, ?, ?, ?) on conflict (day, dimension, value) \
             do update set views = views + excluded.views",
        )
        .bind(day)
        .bind(*dimension)
        .bind(value)
        .bind(signed(views))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for ((month, dimension, value), views) in months {
        sqlx::query(
            "insert into stats_dimension_months (month, dimension, value, views) \
             values (?, ?, ?, ?) on conflict (month, dimension, value) \
             do update set views = views + excluded.views",
        )
        .bind(month)
        .bind(dimension)
        .bind(value)
        .bind(signed(views))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    for (&(day, reason), &hits) in &batch.filtered {
        sqlx::query(
            "insert into stats_filtered_days (day, reason, hits) values (?, ?, ?) \
             on conflict (day, reason) do update set hits = hits + excluded.hits",
        )
        .bind(day)
        .bind(reason.code())
        .bind(signed(hits))
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    }
    Ok(())
}
