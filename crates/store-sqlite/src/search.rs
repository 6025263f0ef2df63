//! Search's storage for SQLite: [`SearchFeed`] (what the indexer polls) and
//! [`RelatedStore`] (the «اقرأ أيضا» lists, near-duplicates and pins).

use crate::{SUMMARY_COLUMNS, SUMMARY_FROM, SqliteStore, backend, rows};
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId, ArticleStatus, Page, Tag, UserId, Window};
use khabar_store::{
    ComputedRelated, DuplicatePair, PairSide, PinnedArticle, RelatedLink, RelatedStore, SearchFeed,
    StoreError, StoreResult,
};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use std::collections::HashMap;

/// When a row last changed: imports keep `updated_at` at the article's own
/// (possibly old) date, so a new row is known by its `created_at`; a
/// renamed section or tag stamps `index_changed_at` instead of `updated_at`.
const CHANGED_AT: &str = "max(a.updated_at, a.created_at, coalesce(a.index_changed_at, 0))";

const ARTICLE_COLUMNS: &str =
    "a.body, a.status, a.created_at, a.source_name, a.source_url, a.index_changed_at";

impl SqliteStore {
    /// Whole articles matching `condition` (over `articles a`, its `?`s bound
    /// to `args` in order), sorted by `order`, at most `limit`: the one
    /// query behind every page the indexer reads.
    async fn articles_where(
        &self,
        condition: &str,
        order: &str,
        args: &[i64],
        limit: u32,
    ) -> StoreResult<Vec<Article>> {
        let sql = format!(
            "select {SUMMARY_COLUMNS}, {ARTICLE_COLUMNS} {SUMMARY_FROM} \
             where {condition} order by {order} limit ?"
        );
        let mut query = sqlx::query(&sql);
        for arg in args {
            query = query.bind(*arg);
        }
        let list = query
            .bind(i64::from(limit.max(1)))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        self.with_tags(list).await
    }

    /// Articles from `rows` (selected with the summary and article columns)
    /// with their tags, in one extra query.
    async fn with_tags(&self, list: Vec<SqliteRow>) -> StoreResult<Vec<Article>> {
        if list.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = list
            .iter()
            .map(|r| r.try_get::<i64, _>("id").map_err(backend))
            .collect::<Result<_, _>>()?;
        let placeholders = vec!["?"; ids.len()].join(", ");
        let sql = format!(
            "select at.article_id, t.id, t.slug, t.name from article_tags at \
             join tags t on t.id = at.tag_id where at.article_id in ({placeholders}) \
             order by at.article_id, at.position, t.id"
        );
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(id);
        }
        let mut tags: HashMap<i64, Vec<Tag>> = HashMap::new();
        for row in query.fetch_all(&self.reader).await.map_err(backend)? {
            let article: i64 = row.try_get("article_id").map_err(backend)?;
            tags.entry(article).or_default().push(rows::tag(&row)?);
        }
        list.iter()
            .zip(ids)
            .map(|(row, id)| {
                let mut article = rows::article(row, tags.remove(&id).unwrap_or_default())?;
                let stamp: Option<i64> = row.try_get("index_changed_at").map_err(backend)?;
                article.index_changed_at = stamp.and_then(|s| Timestamp::from_second(s).ok());
                Ok(article)
            })
            .collect()
    }
}

#[async_trait]
impl SearchFeed for SqliteStore {
    async fn changed_articles(
        &self,
        updated_since: Timestamp,
        after_id: ArticleId,
        limit: u32,
    ) -> StoreResult<Vec<Article>> {
        let since = updated_since.as_second();
        self.articles_where(
            &format!("{CHANGED_AT} > ? or ({CHANGED_AT} = ? and a.id > ?)"),
            &format!("{CHANGED_AT}, a.id"),
            &[since, since, after_id.0],
            limit,
        )
        .await
    }

    async fn came_due(
        &self,
        published_after: Timestamp,
        now: Timestamp,
        after_id: ArticleId,
        limit: u32,
    ) -> StoreResult<Vec<Article>> {
        self.articles_where(
            "a.status = 'published' and a.published_at > ? and a.published_at <= ? and a.id > ?",
            "a.id",
            &[published_after.as_second(), now.as_second(), after_id.0],
            limit,
        )
        .await
    }

    async fn public_articles_after(
        &self,
        after: ArticleId,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<Article>> {
        self.articles_where(
            "a.status = 'published' and a.published_at <= ? and a.id > ?",
            "a.id",
            &[now.as_second(), after.0],
            limit,
        )
        .await
    }

    async fn public_article_ids(&self, now: Timestamp) -> StoreResult<Vec<ArticleId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "select id from articles where status = 'published' and published_at <= ? order by id",
        )
        .bind(now.as_second())
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        Ok(ids.into_iter().map(ArticleId).collect())
    }

    async fn public_article_count(&self, now: Timestamp) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar(
            "select count(*) from articles where status = 'published' and published_at <= ?",
        )
        .bind(now.as_second())
        .fetch_one(&self.reader)
        .await
        .map_err(backend)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

/// `?, ?, …` for `n` values.
fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

fn ts(secs: Option<i64>) -> StoreResult<Option<Timestamp>> {
    secs.map(|s| Timestamp::from_second(s).map_err(|e| StoreError::Backend(Box::new(e))))
        .transpose()
}

fn pair_side(row: &SqliteRow, prefix: &str) -> StoreResult<PairSide> {
    let col = |name: &str| format!("{prefix}_{name}");
    Ok(PairSide {
        id: ArticleId(row.try_get(col("id").as_str()).map_err(backend)?),
        slug: row.try_get(col("slug").as_str()).map_err(backend)?,
        title: row.try_get(col("title").as_str()).map_err(backend)?,
        published_at: ts(row.try_get(col("published_at").as_str()).map_err(backend)?)?,
    })
}

/// Suspected pairs, each once (smaller id first), best similarity of the
/// two directions, both articles public at `?`, not dismissed.
const PAIRS: &str = "with pairs as ( \
       select min(article_id, duplicate_id) as first_id, \
              max(article_id, duplicate_id) as second_id, \
              max(similarity) as similarity \
       from article_duplicates group by 1, 2) \
     select p.similarity, \
       f.id as f_id, f.slug as f_slug, f.title as f_title, f.published_at as f_published_at, \
       s.id as s_id, s.slug as s_slug, s.title as s_title, s.published_at as s_published_at \
     from pairs p \
     join articles f on f.id = p.first_id \
     join articles s on s.id = p.second_id \
     where f.status = 'published' and f.published_at <= ?1 \
       and s.status = 'published' and s.published_at <= ?1 \
       and not exists (select 1 from duplicate_dismissals d \
                       where d.first_id = p.first_id and d.second_id = p.second_id)";

#[async_trait]
impl RelatedStore for SqliteStore {
    async fn save_related(&self, lists: &[ComputedRelated], now: Timestamp) -> StoreResult<()> {
        if lists.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_immediate().await?;
        for list in lists {
            let id = list.article_id.0;
            sqlx::query("delete from related_articles where article_id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            sqlx::query("delete from article_duplicates where article_id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            // `insert … select … where exists`: a row deleted since the
            // computation is skipped instead of failing the foreign key.
            for (position, (related, score)) in list.related.iter().enumerate() {
                sqlx::query(
                    "insert into related_articles (article_id, position, related_id, score, computed_at) \
                     select ?1, ?2, ?3, ?4, ?5 \
                     where exists (select 1 from articles where id = ?1) \
                       and exists (select 1 from articles where id = ?3)",
                )
                .bind(id)
                .bind(i64::try_from(position).unwrap_or(i64::MAX))
                .bind(related.0)
                .bind(f64::from(*score))
                .bind(now.as_second())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            }
            for (duplicate, similarity) in &list.duplicates {
                sqlx::query(
                    "insert or replace into article_duplicates (article_id, duplicate_id, similarity, found_at) \
                     select ?1, ?2, ?3, ?4 \
                     where ?1 <> ?2 and exists (select 1 from articles where id = ?1) \
                       and exists (select 1 from articles where id = ?2)",
                )
                .bind(id)
                .bind(duplicate.0)
                .bind(f64::from(*similarity))
                .bind(now.as_second())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            }
        }
        tx.commit().await.map_err(backend)
    }

    async fn forget_related(&self, ids: &[ArticleId]) -> StoreResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_immediate().await?;
        for chunk in ids.chunks(400) {
            let marks = placeholders(chunk.len());
            for sql in [
                format!("delete from related_articles where article_id in ({marks})"),
                format!(
                    "delete from article_duplicates where article_id in ({marks}) \
                     or duplicate_id in ({marks})"
                ),
            ] {
                let mut query = sqlx::query(&sql);
                for _ in 0..sql.matches(" in (").count() {
                    for id in chunk {
                        query = query.bind(id.0);
                    }
                }
                query.execute(&mut *tx).await.map_err(backend)?;
            }
        }
        tx.commit().await.map_err(backend)
    }

    async fn prune_related(&self, before: Timestamp) -> StoreResult<()> {
        let mut tx = self.begin_immediate().await?;
        for sql in [
            "delete from related_articles where computed_at < ?",
            "delete from article_duplicates where found_at < ?",
        ] {
            sqlx::query(sql)
                .bind(before.as_second())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn lists_mentioning(&self, ids: &[ArticleId]) -> StoreResult<Vec<ArticleId>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(400) {
            let sql = format!(
                "select distinct article_id from related_articles where related_id in ({}) \
                 order by article_id",
                placeholders(chunk.len())
            );
            let mut query = sqlx::query_scalar::<_, i64>(&sql);
            for id in chunk {
                query = query.bind(id.0);
            }
            out.extend(
                query
                    .fetch_all(&self.reader)
                    .await
                    .map_err(backend)?
                    .into_iter()
                    .map(ArticleId),
            );
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    async fn related_list_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("select count(distinct article_id) from related_articles")
            .fetch_one(&self.reader)
            .await
            .map_err(backend)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn shown_related(
        &self,
        id: ArticleId,
        now: Timestamp,
        limit: u32,
    ) -> StoreResult<Vec<RelatedLink>> {
        let rows = sqlx::query(
            "select a.id, a.slug, a.title, 1 as pinned, p.position from article_pins p \
               join articles a on a.id = p.pinned_id \
               where p.article_id = ?1 and a.status = 'published' and a.published_at <= ?2 \
             union all \
             select a.id, a.slug, a.title, 0 as pinned, r.position from related_articles r \
               join articles a on a.id = r.related_id \
               where r.article_id = ?1 and a.id <> ?1 \
                 and a.status = 'published' and a.published_at <= ?2 \
             order by pinned desc, position",
        )
        .bind(id.0)
        .bind(now.as_second())
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        let mut out: Vec<RelatedLink> = Vec::with_capacity(rows.len());
        for row in rows {
            let link = RelatedLink {
                id: ArticleId(row.try_get("id").map_err(backend)?),
                slug: row.try_get("slug").map_err(backend)?,
                title: row.try_get("title").map_err(backend)?,
                pinned: row.try_get::<i64, _>("pinned").map_err(backend)? == 1,
            };
            let room = link.pinned || out.len() < limit as usize;
            if room && !out.iter().any(|l| l.id == link.id) {
                out.push(link);
            }
        }
        Ok(out)
    }

    async fn pins(&self, id: ArticleId) -> StoreResult<Vec<PinnedArticle>> {
        let rows = sqlx::query(
            "select a.id, a.slug, a.title, a.status, a.published_at from article_pins p \
             join articles a on a.id = p.pinned_id where p.article_id = ? order by p.position",
        )
        .bind(id.0)
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("status").map_err(backend)?;
                Ok(PinnedArticle {
                    id: ArticleId(row.try_get("id").map_err(backend)?),
                    slug: row.try_get("slug").map_err(backend)?,
                    title: row.try_get("title").map_err(backend)?,
                    status: ArticleStatus::parse(&status)
                        .ok_or_else(|| StoreError::Invalid(format!("unknown status {status}")))?,
                    published_at: ts(row.try_get("published_at").map_err(backend)?)?,
                })
            })
            .collect()
    }

    async fn set_pins(&self, id: ArticleId, pinned: &[ArticleId]) -> StoreResult<()> {
        let mut tx = self.begin_immediate().await?;
        sqlx::query("delete from article_pins where article_id = ?")
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        let mut position = 0i64;
        let mut seen: Vec<ArticleId> = Vec::with_capacity(pinned.len());
        for p in pinned {
            if *p == id || seen.contains(p) {
                continue;
            }
            seen.push(*p);
            let done = sqlx::query(
                "insert into article_pins (article_id, position, pinned_id) \
                 select ?1, ?2, ?3 where exists (select 1 from articles where id = ?1) \
                   and exists (select 1 from articles where id = ?3)",
            )
            .bind(id.0)
            .bind(position)
            .bind(p.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
            position += i64::try_from(done.rows_affected()).unwrap_or(0);
        }
        tx.commit().await.map_err(backend)
    }

    async fn duplicate_pairs(
        &self,
        window: Window,
        now: Timestamp,
    ) -> StoreResult<Page<DuplicatePair>> {
        let total: i64 = sqlx::query_scalar(&format!("select count(*) from ({PAIRS})"))
            .bind(now.as_second())
            .fetch_one(&self.reader)
            .await
            .map_err(backend)?;
        let rows = sqlx::query(&format!(
            "{PAIRS} order by max(f.published_at, s.published_at) desc, p.similarity desc, \
             p.second_id desc limit ?2 offset ?3"
        ))
        .bind(now.as_second())
        .bind(i64::from(window.limit))
        .bind(i64::try_from(window.offset).unwrap_or(i64::MAX))
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        let items = rows
            .iter()
            .map(|row| {
                Ok(DuplicatePair {
                    first: pair_side(row, "f")?,
                    second: pair_side(row, "s")?,
                    similarity: row.try_get::<f64, _>("similarity").map_err(backend)? as f32,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Page {
            items,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    async fn dismiss_duplicate(
        &self,
        a: ArticleId,
        b: ArticleId,
        by: Option<UserId>,
        now: Timestamp,
    ) -> StoreResult<()> {
        if a == b {
            return Err(StoreError::Invalid(
                "an article is not its own duplicate".into(),
            ));
        }
        let (first, second) = (a.min(b), a.max(b));
        let mut tx = self.begin_immediate().await?;
        sqlx::query(
            "insert or ignore into duplicate_dismissals (first_id, second_id, dismissed_by, dismissed_at) \
             select ?1, ?2, ?3, ?4 where exists (select 1 from articles where id = ?1) \
               and exists (select 1 from articles where id = ?2)",
        )
        .bind(first.0)
        .bind(second.0)
        .bind(by.map(|u| u.0))
        .bind(now.as_second())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn dismissed_duplicates(&self, id: ArticleId) -> StoreResult<Vec<ArticleId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "select second_id from duplicate_dismissals where first_id = ?1 \
             union select first_id from duplicate_dismissals where second_id = ?1 order by 1",
        )
        .bind(id.0)
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        Ok(ids.into_iter().map(ArticleId).collect())
    }
}
