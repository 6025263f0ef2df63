//! The storage seam: [`Store`] is what the site, the CLI and the importers talk
//! to; each backend (SQLite now, PostgreSQL next) is a crate implementing it.
//!
//! Rules live in Rust, not in one backend's triggers, so every backend behaves
//! the same and one story test (`tests/it/store_story.rs`) runs against each.
//! Errors are [`StoreError`]: callers match on what happened (not found, a
//! conflict, the database being unavailable), never on a driver's message.

pub mod accounts;
#[cfg(feature = "sqlx")]
pub mod sqlx_rows;
pub use accounts::{AccountStore, AuditEntry, LoginFailures, Session, SharedAccounts};
pub mod editorial;
pub use editorial::{
    Autosave, EditorialMeta, EditorialStore, NewsroomFilter, NewsroomRow, Revision, SaveOutcome,
    SharedEditorial,
};
pub mod taxonomy;
pub use taxonomy::{
    SharedTaxonomy, TagMerge, TaxonomyDelete, TaxonomyItem, TaxonomyKind, TaxonomyStore,
    TaxonomyWrite,
};
pub mod settings;
pub use settings::{SettingsStore, SharedSettings, StoredSettings};
pub mod comments;
pub use comments::CommentStore;
pub mod stats;
pub use stats::{SharedStatsStore, StatsStore};

use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{
    Article, ArticleId, ArticleSummary, Author, AuthorId, NewArticle, Page, Section, SectionId,
    Tag, TagId, Window,
};
use std::sync::Arc;

pub mod search;
pub use search::{
    ComputedRelated, DuplicatePair, PairSide, PinnedArticle, RelatedLink, RelatedStore, SearchFeed,
    SearchStore,
};

/// Which published articles a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleFilter {
    All,
    Section(SectionId),
    Tag(TagId),
    Author(AuthorId),
}

/// What went wrong in a store. The message of `Backend` is for logs only.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule was broken (e.g. two tags with one slug).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The input broke a rule the store enforces (e.g. a foreign key).
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The database could not be reached or answered with an error.
    #[error("database error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Everything Khabar keeps, behind one trait so backends are interchangeable.
///
/// Reads never wait for writes; every write is one transaction that starts as a
/// writer, so concurrent readers and writers never see "database is locked".
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Creates an article, finding or creating its section, tags and author by
    /// name in the same transaction. `now` becomes `created_at`/`updated_at`.
    /// Callers validate first ([`NewArticle::validate`]).
    async fn create_article(&self, article: &NewArticle, now: Timestamp) -> StoreResult<ArticleId>;

    /// Creates many articles in one transaction (imports, synthetic content).
    async fn create_articles(
        &self,
        articles: &[NewArticle],
        now: Timestamp,
    ) -> StoreResult<Vec<ArticleId>>;

    /// One article with its taxonomy, whatever its status.
    async fn article(&self, id: ArticleId) -> StoreResult<Option<Article>>;

    /// Articles visible to readers at `now`, newest first.
    async fn published(
        &self,
        filter: ArticleFilter,
        window: Window,
        now: Timestamp,
    ) -> StoreResult<Page<ArticleSummary>>;

    /// The newest published articles of each section, at most `per_section` each,
    /// sections in navigation order (sections without articles are left out).
    async fn latest_by_section(
        &self,
        per_section: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<(Section, Vec<ArticleSummary>)>>;

    /// All sections in navigation order.
    async fn sections(&self) -> StoreResult<Vec<Section>>;
    async fn section_by_slug(&self, slug: &str) -> StoreResult<Option<Section>>;
    async fn tag_by_slug(&self, slug: &str) -> StoreResult<Option<Tag>>;
    async fn author_by_slug(&self, slug: &str) -> StoreResult<Option<Author>>;

    /// The number of articles in any status (an empty site has none).
    async fn article_count(&self) -> StoreResult<u64>;

    /// Returns Ok if and only if the database answers a trivial query.
    async fn ping(&self) -> StoreResult<()>;

    /// Waits for pending writes and closes connections (graceful shutdown).
    async fn close(&self);
}

/// A shared handle to whichever backend the configuration chose.
pub type SharedStore = Arc<dyn Store>;
