//! The dashboard report: every query reads the daily roll-ups, so a range's
//! cost grows with its days and articles, not with its hits.

use crate::backend;
use crate::stats::{count as to_count, every_day as fill_days};
use khabar_core::ArticleId;
use khabar_store::StoreResult;
use khabar_store::stats::{DayCount, DayRange, Ranked, Report, TopArticle};
use sqlx::{Row, SqlitePool};

pub(crate) async fn report(pool: &SqlitePool, range: DayRange, limit: u32) -> StoreResult<Report> {
    let limit = i64::from(limit);
    let days = sqlx::query(
        "select day, views, visitors from stats_site_days where day between ? and ? order by day",
    )
    .bind(range.first)
    .bind(range.last)
    .fetch_all(pool)
    .await
    .map_err(backend)?
    .iter()
    .map(|r| {
        Ok(DayCount {
            day: r.try_get(0)?,
            views: to_count(r.try_get(1)?),
            visitors: to_count(r.try_get(2)?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()
    .map_err(backend)?;
    let days = fill_days(range, &days);
    let top_articles = sqlx::query(
        "select t.article_id, coalesce(a.title, ''), t.v from \
         (select article_id, sum(views) as v from stats_article_days \
          where day between ? and ? group by article_id order by v desc, article_id limit ?) t \
         left join articles a on a.id = t.article_id order by t.v desc, t.article_id",
    )
    .bind(range.first)
    .bind(range.last)
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(backend)?
    .iter()
    .map(|r| {
        Ok(TopArticle {
            id: ArticleId(r.try_get(0)?),
            title: r.try_get(1)?,
            views: to_count(r.try_get(2)?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()
    .map_err(backend)?;
    let top_sections = ranked(
        pool,
        "select coalesce(s.name, ''), sum(t.v) as total from \
         (select article_id, sum(views) as v from stats_article_days \
          where day between ? and ? group by article_id) t \
         join articles a on a.id = t.article_id left join sections s on s.id = a.section_id \
         group by s.id order by total desc limit ?",
        range,
        Some(limit),
    )
    .await?;
    let filtered = ranked(
        pool,
        "select reason, sum(hits) as total from stats_filtered_days \
         where day between ? and ? group by reason order by total desc",
        range,
        None,
    )
    .await?;
    let rows = sqlx::query(
        "select dimension, value, sum(views) as total from stats_dimension_days \
         where day between ? and ? group by dimension, value order by dimension, total desc, value",
    )
    .bind(range.first)
    .bind(range.last)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    let mut dimensions: Vec<(String, Vec<Ranked>)> = Vec::new();
    for r in &rows {
        let dimension: String = r.try_get(0).map_err(backend)?;
        let item = Ranked {
            name: r.try_get(1).map_err(backend)?,
            views: to_count(r.try_get(2).map_err(backend)?),
        };
        match dimensions.last_mut() {
            Some((d, items)) if *d == dimension => {
                if items.len() < usize::try_from(limit).unwrap_or(usize::MAX) {
                    items.push(item);
                }
            }
            _ => dimensions.push((dimension, vec![item])),
        }
    }
    Ok(Report {
        views: days.iter().map(|d| d.views).sum(),
        visitor_days: days.iter().map(|d| d.visitors).sum(),
        days,
        top_articles,
        top_sections,
        dimensions,
        filtered,
    })
}

async fn ranked(
    pool: &SqlitePool,
    sql: &str,
    range: DayRange,
    limit: Option<i64>,
) -> StoreResult<Vec<Ranked>> {
    let mut q = sqlx::query(sql).bind(range.first).bind(range.last);
    if let Some(limit) = limit {
        q = q.bind(limit);
    }
    q.fetch_all(pool)
        .await
        .map_err(backend)?
        .iter()
        .map(|r| {
            Ok(Ranked {
                name: r.try_get(0)?,
                views: to_count(r.try_get(1)?),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(backend)
}
