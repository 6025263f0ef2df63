//! Khabar's default backend: one SQLite file, WAL mode, one writer.
//!
//! [`SqliteStore::open`] creates the file when missing, applies the embedded
//! migrations and returns a [`khabar_store::Store`]. Reads go through a pool of
//! reader connections; writes go through a pool of exactly one connection and
//! start with `BEGIN IMMEDIATE`, so a transaction that reads before it writes
//! can never fail with "database is locked" (a deferred transaction would, even
//! with a busy timeout). Another process writing to the same file (the CLI while
//! the server runs) waits on the busy timeout instead of failing.
//!
//! Durability: `synchronous = NORMAL` in WAL mode survives a crash of the
//! process; set `synchronous=FULL` in the database URL query to also survive
//! power loss.

mod accounts;
mod comments;
mod editorial;
mod search;
mod settings;
mod slug_history;
mod stats;
mod stats_flush;
mod stats_report;
mod taxonomy;
mod write;

use khabar_store::sqlx_rows as rows;
pub(crate) use khabar_store::sqlx_rows::backend;

use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{
    Article, ArticleId, ArticleSummary, Author, NewArticle, Page, Section, Tag, Window,
};
use khabar_store::{ArticleFilter, Store, StoreError, StoreResult};
use sqlx::Row;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

/// The SQLite implementation of [`Store`].
#[derive(Debug, Clone)]
pub struct SqliteStore {
    reader: SqlitePool,
    writer: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating when missing) the database at `url`, e.g.
    /// `sqlite://khabar-data/khabar.db`, and applies pending migrations.
    ///
    /// # Errors
    /// When the URL is malformed, the file cannot be created or opened, or a
    /// migration fails.
    pub async fn open(url: &str) -> StoreResult<SqliteStore> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(backend)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-16000")
            .pragma("temp_store", "memory");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .map_err(backend)?;
        sqlx::migrate!("./migrations")
            .run(&writer)
            .await
            .map_err(|e| StoreError::Backend(Box::new(e)))?;
        let readers = std::thread::available_parallelism().map_or(4, |n| n.get() as u32 * 2);
        let reader = SqlitePoolOptions::new()
            .max_connections(readers.clamp(2, 16))
            .connect_with(options.read_only(true))
            .await
            .map_err(backend)?;
        Ok(SqliteStore { reader, writer })
    }

    /// Begins a write transaction (`BEGIN IMMEDIATE`) on the one writer
    /// connection, in a task of its own so that it cannot be cancelled
    /// half-way.
    ///
    /// sqlx counts a custom `BEGIN` as begun before it checks, at a second
    /// await, that the statement really opened a transaction. A caller
    /// dropped in between — a request whose reader closed the tab while it
    /// waited for the writer — would leave the writer inside a transaction
    /// that nothing ends, and every later write would fail until a restart.
    /// A spawned task runs to the end; when its caller is gone, the
    /// transaction it returns is dropped and rolled back.
    pub(crate) async fn begin_immediate(
        &self,
    ) -> StoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        let writer = self.writer.clone();
        tokio::spawn(async move { writer.begin_with("BEGIN IMMEDIATE").await })
            .await
            .map_err(|e| StoreError::Backend(Box::new(e)))?
            .map_err(backend)
    }
}

pub(crate) const SUMMARY_COLUMNS: &str = "a.id, a.slug, a.title, a.lead, a.published_at, a.updated_at, \
    a.cover_url, a.cover_alt, a.cover_credit, \
    s.id as s_id, s.slug as s_slug, s.name as s_name, s.position as s_position, \
    au.id as au_id, au.slug as au_slug, au.name as au_name, au.bio as au_bio";

pub(crate) const SUMMARY_FROM: &str = "from articles a \
    left join sections s on s.id = a.section_id \
    left join authors au on au.id = a.author_id";

const PUBLISHED: &str = "a.status = 'published' and a.published_at <= ?";

fn filter_clause(filter: ArticleFilter) -> (&'static str, Option<i64>) {
    match filter {
        ArticleFilter::All => ("", None),
        ArticleFilter::Section(id) => (" and a.section_id = ?", Some(id.0)),
        ArticleFilter::Author(id) => (" and a.author_id = ?", Some(id.0)),
        ArticleFilter::Tag(id) => (
            " and a.id in (select article_id from article_tags where tag_id = ?)",
            Some(id.0),
        ),
    }
}

fn limit_offset(window: Window) -> (i64, i64) {
    (
        i64::from(window.limit),
        i64::try_from(window.offset).unwrap_or(i64::MAX),
    )
}

#[async_trait]
impl Store for SqliteStore {
    async fn create_article(&self, article: &NewArticle, now: Timestamp) -> StoreResult<ArticleId> {
        let mut tx = self.begin_immediate().await?;
        let id = write::insert_article(&mut tx, article, now).await?;
        tx.commit().await.map_err(backend)?;
        Ok(id)
    }

    async fn create_articles(
        &self,
        articles: &[NewArticle],
        now: Timestamp,
    ) -> StoreResult<Vec<ArticleId>> {
        let mut tx = self.begin_immediate().await?;
        let mut ids = Vec::with_capacity(articles.len());
        for article in articles {
            ids.push(write::insert_article(&mut tx, article, now).await?);
        }
        tx.commit().await.map_err(backend)?;
        Ok(ids)
    }

    async fn article(&self, id: ArticleId) -> StoreResult<Option<Article>> {
        let sql = format!(
            "select {SUMMARY_COLUMNS}, a.body, a.status, a.created_at, a.source_name, a.source_url \
             {SUMMARY_FROM} where a.id = ?"
        );
        let Some(row) = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let tags = sqlx::query(
            "select t.id, t.slug, t.name from article_tags at join tags t on t.id = at.tag_id \
             where at.article_id = ? order by at.position, t.id",
        )
        .bind(id.0)
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        rows::article(&row, tags.iter().map(rows::tag).collect::<Result<_, _>>()?).map(Some)
    }

    async fn published(
        &self,
        filter: ArticleFilter,
        window: Window,
        now: Timestamp,
    ) -> StoreResult<Page<ArticleSummary>> {
        let (clause, arg) = filter_clause(filter);
        let (limit, offset) = limit_offset(window);
        let list_sql = format!(
            "select {SUMMARY_COLUMNS} {SUMMARY_FROM} where {PUBLISHED}{clause} \
             order by a.published_at desc, a.id desc limit ? offset ?"
        );
        let mut list = sqlx::query(&list_sql).bind(now.as_second());
        if let Some(arg) = arg {
            list = list.bind(arg);
        }
        let items = list
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?
            .iter()
            .map(rows::summary)
            .collect::<Result<Vec<_>, _>>()?;
        let count_sql = format!("select count(*) from articles a where {PUBLISHED}{clause}");
        let mut count = sqlx::query(&count_sql).bind(now.as_second());
        if let Some(arg) = arg {
            count = count.bind(arg);
        }
        let total: i64 = count
            .fetch_one(&self.reader)
            .await
            .map_err(backend)?
            .try_get(0)
            .map_err(backend)?;
        Ok(Page {
            items,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    async fn latest_by_section(
        &self,
        per_section: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<(Section, Vec<ArticleSummary>)>> {
        // One query: for each section, its newest published articles through
        // the (section_id, status, published_at) index.
        let sql = format!(
            "select {SUMMARY_COLUMNS} {SUMMARY_FROM} \
             where a.id in (select x.id from sections sx join articles x on x.id in ( \
                 select y.id from articles y where y.section_id = sx.id \
                 and y.status = 'published' and y.published_at <= ? \
                 order by y.published_at desc, y.id desc limit ?)) \
             order by s.position, s.id, a.published_at desc, a.id desc"
        );
        let rows = sqlx::query(&sql)
            .bind(now.as_second())
            .bind(i64::from(per_section))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        rows::group_by_section(rows.iter().map(rows::summary))
    }

    async fn sections(&self) -> StoreResult<Vec<Section>> {
        sqlx::query("select id, slug, name, position from sections order by position, id")
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?
            .iter()
            .map(rows::section)
            .collect()
    }

    async fn section_by_slug(&self, slug: &str) -> StoreResult<Option<Section>> {
        sqlx::query("select id, slug, name, position from sections where slug = ?")
            .bind(slug)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
            .as_ref()
            .map(rows::section)
            .transpose()
    }

    async fn tag_by_slug(&self, slug: &str) -> StoreResult<Option<Tag>> {
        sqlx::query("select id, slug, name from tags where slug = ?")
            .bind(slug)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
            .as_ref()
            .map(rows::tag)
            .transpose()
    }

    async fn author_by_slug(&self, slug: &str) -> StoreResult<Option<Author>> {
        sqlx::query("select id, slug, name, bio from authors where slug = ?")
            .bind(slug)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
            .as_ref()
            .map(rows::author)
            .transpose()
    }

    async fn article_count(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("select count(*) from articles")
            .fetch_one(&self.reader)
            .await
            .map_err(backend)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("select 1")
            .execute(&self.reader)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}
