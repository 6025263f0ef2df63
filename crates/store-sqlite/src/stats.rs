//! [`StatsStore`] on SQLite: additive upserts in one `BEGIN IMMEDIATE`
//! transaction per flush (written by `stats_flush`), reports from the daily
//! and monthly roll-ups (`stats_report`).

use crate::{SqliteStore, backend};
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::ArticleId;
use khabar_stats::{Batch, Salt};
use khabar_store::StoreResult;
use khabar_store::stats::{
    DayCount, DayRange, FlushReport, Ranked, Report, SiteTotals, StatsStore,
};
use sqlx::Row;
use std::collections::HashMap;

pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
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
        let mut tx = self.begin_immediate().await?;
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
        let mut tx = self.begin_immediate().await?;
        crate::stats_flush::articles(&mut tx, batch).await?;
        crate::stats_flush::article_sources(&mut tx, batch).await?;
        let report = crate::stats_flush::site_days(&mut tx, batch).await?;
        crate::stats_flush::dimensions(&mut tx, batch).await?;
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
             coalesce(sum(case when day = ? then visitors else 0 end), 0), \
             coalesce(sum(visitors), 0) \
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
            visitors_total: get(3)?,
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

    async fn article_sources(
        &self,
        id: ArticleId,
        range: DayRange,
        limit: u32,
    ) -> StoreResult<Vec<(String, Vec<Ranked>)>> {
        crate::stats_report::article_sources(&self.reader, id, range, limit).await
    }

    async fn prune(&self, hours_before: i64, visitors_before: i32) -> StoreResult<u64> {
        let mut tx = self.begin_immediate().await?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;
    use khabar_store::stats::{date_day, month_of};

    fn day(m: i8, d: i8) -> i32 {
        date_day(Date::constant(2026, m, d))
    }

    /// A database written before the monthly roll-ups existed gets them
    /// from its daily rows when the migration runs.
    #[tokio::test]
    async fn the_rollup_migration_backfills_months_from_the_days() {
        let dir = tempfile::tempdir().expect("dir");
        let url = format!("sqlite://{}/old.db", dir.path().display());
        let store = SqliteStore::open(&url).await.expect("open");
        for (article, d, views) in [
            (1, day(1, 31), 5),
            (1, day(2, 1), 7),
            (1, day(2, 28), 1),
            (2, day(2, 10), 3),
        ] {
            sqlx::query("insert into stats_article_days (article_id, day, views) values (?, ?, ?)")
                .bind(article)
                .bind(d)
                .bind(views)
                .execute(&store.writer)
                .await
                .expect("day row");
            sqlx::query(
                "insert into stats_dimension_days (day, dimension, value, views) \
                 values (?, 'browser', 'Firefox', ?)",
            )
            .bind(d)
            .bind(views)
            .execute(&store.writer)
            .await
            .expect("dimension row");
        }
        for undo in [
            "drop table stats_article_months",
            "drop table stats_dimension_months",
            "drop table stats_article_sources",
            "delete from _sqlx_migrations where version = 20261202002001",
        ] {
            sqlx::query(undo).execute(&store.writer).await.expect(undo);
        }
        store.writer.close().await;
        store.reader.close().await;

        let store = SqliteStore::open(&url).await.expect("migrated");
        let months: Vec<(i64, i32, i64)> = sqlx::query_as(
            "select article_id, month, views from stats_article_months order by 1, 2",
        )
        .fetch_all(&store.reader)
        .await
        .expect("months");
        let (jan, feb) = (month_of(day(1, 1)), month_of(day(2, 1)));
        assert_eq!(months, vec![(1, jan, 5), (1, feb, 8), (2, feb, 3)]);
        // January–February is two whole months: read from the backfill.
        let range = DayRange {
            first: day(1, 1),
            last: day(2, 28),
        };
        assert_eq!(range.split_months().months, Some((jan, feb)));
        let report = store.report(range, 10).await.expect("report");
        let views: Vec<(i64, u64)> = report
            .top_articles
            .iter()
            .map(|a| (a.id.0, a.views))
            .collect();
        assert_eq!(views, vec![(1, 13), (2, 3)]);
        assert_eq!(
            report.dimensions,
            vec![(
                "browser".to_string(),
                vec![Ranked {
                    name: "Firefox".into(),
                    views: 16
                }]
            )]
        );
    }
}
