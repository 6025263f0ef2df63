//! [`StatsStore`] on SQLite: additive upserts in one `BEGIN IMMEDIATE`
//! transaction per flush, reports from the daily roll-ups.

use crate::{SqliteStore, backend};
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::ArticleId;
use khabar_stats::{Batch, Salt};
use khabar_store::StoreResult;
use khabar_store::stats::{DayCount, DayRange, FlushReport, Report, SiteTotals, StatsStore};
use sqlx::Row;
use std::collections::HashMap;

pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Fills the days of `range` missing from `rows` with zeros.
pub(crate) fn every_day(range: DayRange, rows: &[DayCount]) -> Vec<DayCount> {
    let by_day: HashMap<i32, DayCount> = rows.iter().map(|d| (d.day, *d)).collect();
    (range.first..=range.last)
        .map(|day| {
            by_day.get(&day).copied().unwrap_or(DayCount {
                day,
                views: 0,
                visitors: 0,
            })
        })
        .collect()
}

#[async_trait]
impl StatsStore for SqliteStore {
    async fn day_salt(&self, day: i32, candidate: &Salt, now: Timestamp) -> StoreResult<Salt> {
        let mut tx = self
            .writer
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(backend)?;
        sqlx::query(
            "insert into stats_salts (day, salt, created_at) values (?, ?, ?) \
             on conflict (day) do nothing",
        )
        .bind(day)
        .bind(&candidate.key[..])
        .bind(now.as_second())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        sqlx::query("delete from stats_salts where day < ?")
            .bind(day - 1)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        let bytes: Vec<u8> = sqlx::query_scalar("select salt from stats_salts where day = ?")
            .bind(day)
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Salt::from_bytes(day, &bytes).ok_or_else(|| {
            khabar_store::StoreError::Invalid(format!("the stored salt of day {day} is malformed"))
        })
    }

    async fn flush(&self, batch: &Batch) -> StoreResult<FlushReport> {
        if batch.is_empty() {
            return Ok(FlushReport::default());
        }
        let mut tx = self
            .writer
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(backend)?;
        for (&(article, hour), &views) in &batch.article_hours {
            sqlx::query(
                "insert into stats_article_hours (article_id, hour, views) values (?, ?, ?) \
                 on conflict (article_id, hour) do update set views = views + excluded.views",
            )
            .bind(article)
            .bind(hour)
            .bind(signed(views))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        let mut totals: HashMap<i64, u64> = HashMap::new();
        for (&(article, day), &views) in &batch.article_days {
            *totals.entry(article).or_default() += views;
            sqlx::query(
                "insert into stats_article_days (article_id, day, views) values (?, ?, ?) \
                 on conflict (article_id, day) do update set views = views + excluded.views",
            )
            .bind(article)
            .bind(day)
            .bind(signed(views))
            .execute(&mut *tx)
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
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
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
                .execute(&mut *tx)
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
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
            report.views += views;
            report.new_visitors += new_visitors;
        }
        for ((day, dimension, value), &views) in &batch.dimensions {
            sqlx::query(
                "insert into stats_dimension_days (day, dimension, value, views) \
                 values (?, ?, ?, ?) on conflict (day, dimension, value) \
                 do update set views = views + excluded.views",
            )
            .bind(day)
            .bind(*dimension)
            .bind(value)
            .bind(signed(views))
            .execute(&mut *tx)
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
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(report)
    }

    async fn article_views(&self, id: ArticleId) -> StoreResult<u64> {
        let n: Option<i64> =
            sqlx::query_scalar("select views from stats_article_totals where article_id = ?")
                .bind(id.0)
                .fetch_optional(&self.reader)
                .await
                .map_err(backend)?;
        Ok(count(n.unwrap_or(0)))
    }

    async fn most_read(
        &self,
        since_hour: i64,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<(ArticleId, u64)>> {
        sqlx::query(
            "select h.article_id, sum(h.views) as v from stats_article_hours h \
             join articles a on a.id = h.article_id \
             where h.hour >= ? and a.status = 'published' and a.published_at <= ? \
             group by h.article_id order by v desc, h.article_id desc limit ?",
        )
        .bind(since_hour)
        .bind(now.as_second())
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?
        .iter()
        .map(|r| Ok((ArticleId(r.try_get(0)?), count(r.try_get(1)?))))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(backend)
    }

    async fn site_totals(&self, today: i32) -> StoreResult<SiteTotals> {
        let row = sqlx::query(
            "select coalesce(sum(views), 0), \
             coalesce(sum(case when day = ? then views else 0 end), 0), \
             coalesce(sum(case when day = ? then visitors else 0 end), 0) \
             from stats_site_days",
        )
        .bind(today)
        .bind(today)
        .fetch_one(&self.reader)
        .await
        .map_err(backend)?;
        let get = |i: usize| row.try_get::<i64, _>(i).map(count).map_err(backend);
        Ok(SiteTotals {
            views_total: get(0)?,
            views_today: get(1)?,
            visitors_today: get(2)?,
        })
    }

    async fn report(&self, range: DayRange, limit: u32) -> StoreResult<Report> {
        crate::stats_report::report(&self.reader, range, limit).await
    }

    async fn article_days(&self, id: ArticleId, range: DayRange) -> StoreResult<Vec<DayCount>> {
        let rows = sqlx::query(
            "select day, views from stats_article_days \
             where article_id = ? and day between ? and ? order by day",
        )
        .bind(id.0)
        .bind(range.first)
        .bind(range.last)
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?
        .iter()
        .map(|r| {
            Ok(DayCount {
                day: r.try_get(0)?,
                views: count(r.try_get(1)?),
                visitors: 0,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(backend)?;
        Ok(every_day(range, &rows))
    }

    async fn prune(&self, hours_before: i64, visitors_before: i32) -> StoreResult<u64> {
        let mut tx = self
            .writer
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(backend)?;
        let mut deleted = sqlx::query("delete from stats_article_hours where hour < ?")
            .bind(hours_before)
            .execute(&mut *tx)
            .await
            .map_err(backend)?
            .rows_affected();
        deleted += sqlx::query("delete from stats_visitors where day < ?")
            .bind(visitors_before)
            .execute(&mut *tx)
            .await
            .map_err(backend)?
            .rows_affected();
        tx.commit().await.map_err(backend)?;
        Ok(deleted)
    }
}
