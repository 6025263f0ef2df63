//! [`SearchFeed`] for SQLite: what the search indexer polls.

use crate::{SUMMARY_COLUMNS, SUMMARY_FROM, SqliteStore, backend, rows};
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId, Tag};
use khabar_store::{SearchFeed, StoreResult};
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
        let sql = format!(
            "select {SUMMARY_COLUMNS}, {ARTICLE_COLUMNS} {SUMMARY_FROM} \
             where {CHANGED_AT} > ? or ({CHANGED_AT} = ? and a.id > ?) \
             order by {CHANGED_AT}, a.id limit ?"
        );
        let since = updated_since.as_second();
        let list = sqlx::query(&sql)
            .bind(since)
            .bind(since)
            .bind(after_id.0)
            .bind(i64::from(limit.max(1)))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        self.with_tags(list).await
    }

    async fn came_due(
        &self,
        published_after: Timestamp,
        now: Timestamp,
        after_id: ArticleId,
        limit: u32,
    ) -> StoreResult<Vec<Article>> {
        let sql = format!(
            "select {SUMMARY_COLUMNS}, {ARTICLE_COLUMNS} {SUMMARY_FROM} \
             where a.status = 'published' and a.published_at > ? and a.published_at <= ? \
               and a.id > ? \
             order by a.id limit ?"
        );
        let list = sqlx::query(&sql)
            .bind(published_after.as_second())
            .bind(now.as_second())
            .bind(after_id.0)
            .bind(i64::from(limit.max(1)))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        self.with_tags(list).await
    }

    async fn public_articles_after(
        &self,
        after: ArticleId,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<Article>> {
        let sql = format!(
            "select {SUMMARY_COLUMNS}, {ARTICLE_COLUMNS} {SUMMARY_FROM} \
             where a.status = 'published' and a.published_at <= ? and a.id > ? \
             order by a.id limit ?"
        );
        let list = sqlx::query(&sql)
            .bind(now.as_second())
            .bind(after.0)
            .bind(i64::from(limit.max(1)))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        self.with_tags(list).await
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
