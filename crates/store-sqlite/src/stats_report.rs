//! The dashboard report. A range is read as whole calendar months from the
//! monthly roll-ups plus its partial first and last months from the daily
//! ones ([`DayRange::split_months`]), so a 12-month report sums about
//! 13 rows per article instead of 365. Per-article sums are read once; top
//! articles and top sections are both ranked from them.

use crate::backend;
use crate::stats::{count as to_count, every_day as fill_days};
use khabar_core::ArticleId;
use khabar_store::StoreResult;
use khabar_store::stats::{DayCount, DayRange, Ranked, Report, TopArticle};
use sqlx::{Row, SqlitePool};
use std::collections::HashMap;

/// Bind values for a split range: head days, months, tail days; an absent
/// part is the empty range `1..=0`.
fn split_binds(range: DayRange) -> [i32; 6] {
    let s = range.split_months();
    let (h1, h2) = s.head.map_or((1, 0), |r| (r.first, r.last));
    let (m1, m2) = s.months.unwrap_or((1, 0));
    let (t1, t2) = s.tail.map_or((1, 0), |r| (r.first, r.last));
    [h1, h2, m1, m2, t1, t2]
}

/// Per-article sums over the range, with each article's title and section.
const ARTICLE_SUMS: &str = "select t.article_id, coalesce(a.title, ''), a.id is not null, \
     a.section_id, coalesce(s.name, ''), t.v from \
     (select article_id, sum(views) as v from ( \
        select article_id, views from stats_article_days where day between ? and ? \
        union all \
        select article_id, views from stats_article_months where month between ? and ? \
        union all \
        select article_id, views from stats_article_days where day between ? and ?) \
      group by article_id) t \
     left join articles a on a.id = t.article_id \
     left join sections s on s.id = a.section_id";

const DIMENSION_SUMS: &str = "select dimension, value, sum(views) as total from ( \
        select dimension, value, views from stats_dimension_days where day between ? and ? \
        union all \
        select dimension, value, views from stats_dimension_months where month between ? and ? \
        union all \
        select dimension, value, views from stats_dimension_days where day between ? and ?) \
     group by dimension, value order by dimension, total desc, value";

pub(crate) async fn report(pool: &SqlitePool, range: DayRange, limit: u32) -> StoreResult<Report> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let days = site_days(pool, range).await?;
    let (top_articles, top_sections) = articles_and_sections(pool, range, limit).await?;
    let filtered = sqlx::query(
        "select reason, sum(hits) as total from stats_filtered_days \
         where day between ? and ? group by reason order by total desc, reason",
    )
    .bind(range.first)
    .bind(range.last)
    .fetch_all(pool)
    .await
    .map_err(backend)?
    .iter()
    .map(|r| {
        Ok(Ranked {
            name: r.try_get(0)?,
            views: to_count(r.try_get(1)?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()
    .map_err(backend)?;
    Ok(Report {
        views: days.iter().map(|d| d.views).sum(),
        visitor_days: days.iter().map(|d| d.visitors).sum(),
        days,
        top_articles,
        top_sections,
        dimensions: dimensions(pool, range, limit).await?,
        filtered,
    })
}

/// Every day of the range, zeros included.
async fn site_days(pool: &SqlitePool, range: DayRange) -> StoreResult<Vec<DayCount>> {
    let rows = sqlx::query(
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
    Ok(fill_days(range, &rows))
}

/// Top articles (deleted ones too, with an empty title) and top sections
/// (of articles that still exist, by their current section; none is `""`).
async fn articles_and_sections(
    pool: &SqlitePool,
    range: DayRange,
    limit: usize,
) -> StoreResult<(Vec<TopArticle>, Vec<Ranked>)> {
    let mut q = sqlx::query(ARTICLE_SUMS);
    for b in split_binds(range) {
        q = q.bind(b);
    }
    let mut articles = Vec::new();
    let mut sections: HashMap<Option<i64>, Ranked> = HashMap::new();
    for r in q.fetch_all(pool).await.map_err(backend)? {
        let views = to_count(r.try_get(5).map_err(backend)?);
        let exists: bool = r.try_get(2).map_err(backend)?;
        if exists {
            let section: Option<i64> = r.try_get(3).map_err(backend)?;
            let name: String = r.try_get(4).map_err(backend)?;
            sections
                .entry(section)
                .or_insert(Ranked { name, views: 0 })
                .views += views;
        }
        articles.push(TopArticle {
            id: ArticleId(r.try_get(0).map_err(backend)?),
            title: r.try_get(1).map_err(backend)?,
            views,
        });
    }
    articles.sort_by(|a, b| b.views.cmp(&a.views).then(a.id.0.cmp(&b.id.0)));
    articles.truncate(limit);
    let mut sections: Vec<Ranked> = sections.into_values().collect();
    sections.sort_by(|a, b| b.views.cmp(&a.views).then_with(|| a.name.cmp(&b.name)));
    sections.truncate(limit);
    Ok((articles, sections))
}

/// Per dimension, its values most viewed first, at most `limit` each.
async fn dimensions(
    pool: &SqlitePool,
    range: DayRange,
    limit: usize,
) -> StoreResult<Vec<(String, Vec<Ranked>)>> {
    let mut q = sqlx::query(DIMENSION_SUMS);
    for b in split_binds(range) {
        q = q.bind(b);
    }
    group_ranked(&q.fetch_all(pool).await.map_err(backend)?, limit)
}

/// Rows `(dimension, value, views)` ordered by dimension, then views: per
/// dimension its first `limit` values.
fn group_ranked(
    rows: &[sqlx::sqlite::SqliteRow],
    limit: usize,
) -> StoreResult<Vec<(String, Vec<Ranked>)>> {
    let mut out: Vec<(String, Vec<Ranked>)> = Vec::new();
    for r in rows {
        let dimension: String = r.try_get(0).map_err(backend)?;
        let item = Ranked {
            name: r.try_get(1).map_err(backend)?,
            views: to_count(r.try_get(2).map_err(backend)?),
        };
        match out.last_mut() {
            Some((d, items)) if *d == dimension => {
                if items.len() < limit {
                    items.push(item);
                }
            }
            _ => out.push((dimension, vec![item])),
        }
    }
    Ok(out)
}

/// One article's referrer groups and sites in a range.
pub(crate) async fn article_sources(
    pool: &SqlitePool,
    id: ArticleId,
    range: DayRange,
    limit: u32,
) -> StoreResult<Vec<(String, Vec<Ranked>)>> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let rows = sqlx::query(
        "select dimension, value, sum(views) as total from stats_article_sources \
         where article_id = ? and day between ? and ? \
         group by dimension, value order by dimension, total desc, value",
    )
    .bind(id.0)
    .bind(range.first)
    .bind(range.last)
    .fetch_all(pool)
    .await
    .map_err(backend)?;
    group_ranked(&rows, limit)
}
