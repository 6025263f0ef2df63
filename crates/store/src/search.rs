//! What search reads from the store and keeps in it.
//!
//! [`SearchFeed`] is what the index reads: changes since a watermark, and
//! every public article for a rebuild. Polling the store (rather than being
//! told by the code that writes) keeps the index in step with every writer:
//! the CLI in another process, the newsroom, other servers.
//! [`RelatedStore`] keeps the «اقرأ أيضا» lists, near-duplicates and pinned
//! links; [`SearchStore`] is both, what a backend gives search.

use crate::StoreResult;
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId, ArticleStatus, Page, UserId, Window};

#[async_trait]
pub trait SearchFeed: Send + Sync + 'static {
    /// Articles, in any status, changed after the cursor `(updated_since,
    /// after_id)`. A row's change time is the latest of `updated_at`,
    /// `created_at` (an import keeps `updated_at` at the article's own
    /// date) and `index_changed_at` (its section or a tag changed, which
    /// readers do not see as an update of the article; filled in on the
    /// articles returned here); rows with a later change time, or the same
    /// with a greater id, come ordered by change time, then id; at most
    /// `limit`.
    async fn changed_articles(
        &self,
        updated_since: Timestamp,
        after_id: ArticleId,
        limit: u32,
    ) -> StoreResult<Vec<Article>>;

    /// Published articles whose `published_at` is in `(published_after, now]`
    /// (scheduled publication that came due), with an id above `after_id`,
    /// by id, at most `limit`.
    async fn came_due(
        &self,
        published_after: Timestamp,
        now: Timestamp,
        after_id: ArticleId,
        limit: u32,
    ) -> StoreResult<Vec<Article>>;

    /// Public articles with an id above `after`, by id, at most `limit`
    /// (a rebuild pages through them).
    async fn public_articles_after(
        &self,
        after: ArticleId,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<Article>>;

    /// The ids of every article visible to readers at `now`, ascending.
    async fn public_article_ids(&self, now: Timestamp) -> StoreResult<Vec<ArticleId>>;

    /// The number of articles visible to readers at `now`.
    async fn public_article_count(&self, now: Timestamp) -> StoreResult<u64>;
}

/// One article's computed «اقرأ أيضا» list and the near-duplicates found
/// while computing it, as the indexer writes them.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputedRelated {
    pub article_id: ArticleId,
    /// Best first, with their scores.
    pub related: Vec<(ArticleId, f32)>,
    /// Near-copies of the article, with their estimated similarity (0–1).
    pub duplicates: Vec<(ArticleId, f32)>,
}

/// A related article as readers see it: pinned by an editor or computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedLink {
    pub id: ArticleId,
    pub slug: String,
    pub title: String,
    pub pinned: bool,
}

/// A pinned link as the editor sees it, whatever the pinned article's status.
#[derive(Debug, Clone, PartialEq)]
pub struct PinnedArticle {
    pub id: ArticleId,
    pub slug: String,
    pub title: String,
    pub status: ArticleStatus,
    pub published_at: Option<Timestamp>,
}

/// One side of a suspected duplicate pair.
#[derive(Debug, Clone, PartialEq)]
pub struct PairSide {
    pub id: ArticleId,
    pub slug: String,
    pub title: String,
    pub published_at: Option<Timestamp>,
}

/// Two public articles whose texts are near-copies, `first.id < second.id`.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicatePair {
    pub first: PairSide,
    pub second: PairSide,
    pub similarity: f32,
}

/// What search keeps in the store besides reading articles: the computed
/// related lists (derived, rewritten whenever the indexer recomputes them),
/// the near-duplicates found with them, editors' pinned links and their
/// "not a duplicate" decisions.
///
/// Every read that readers see joins the articles table and keeps only
/// articles public at `now`, so a list never shows an article that was
/// unpublished or deleted since it was computed.
#[async_trait]
pub trait RelatedStore: Send + Sync + 'static {
    /// Replaces, in one transaction, the stored list and near-duplicates of
    /// each article in `lists`. Ids of rows deleted meanwhile are skipped.
    async fn save_related(&self, lists: &[ComputedRelated], now: Timestamp) -> StoreResult<()>;

    /// Drops the lists and near-duplicates of articles that left the index.
    async fn forget_related(&self, ids: &[ArticleId]) -> StoreResult<()>;

    /// Drops lists and near-duplicates computed before `before`: after a
    /// rebuild has recomputed every list, what is older belongs to articles
    /// that are no longer indexed.
    async fn prune_related(&self, before: Timestamp) -> StoreResult<()>;

    /// The articles whose stored lists mention one of `ids`.
    async fn lists_mentioning(&self, ids: &[ArticleId]) -> StoreResult<Vec<ArticleId>>;

    /// How many articles have a stored list.
    async fn related_list_count(&self) -> StoreResult<u64>;

    /// What the page of `id` shows: its pins (in the editor's order) then
    /// its computed list, public articles only, without repeats; pins are
    /// always kept, computed links fill up to `limit` in all.
    async fn shown_related(
        &self,
        id: ArticleId,
        now: Timestamp,
        limit: u32,
    ) -> StoreResult<Vec<RelatedLink>>;

    /// The links pinned on `id`, in order, whatever their status.
    async fn pins(&self, id: ArticleId) -> StoreResult<Vec<PinnedArticle>>;

    /// Replaces the links pinned on `id` (the caller validates them; ids of
    /// articles deleted meanwhile, `id` itself and repeats are skipped).
    async fn set_pins(&self, id: ArticleId, pinned: &[ArticleId]) -> StoreResult<()>;

    /// Suspected duplicate pairs between articles public at `now`, not
    /// dismissed, the pair with the most recently published article first.
    async fn duplicate_pairs(
        &self,
        window: Window,
        now: Timestamp,
    ) -> StoreResult<Page<DuplicatePair>>;

    /// Records that `a` and `b` are not duplicates (idempotent).
    async fn dismiss_duplicate(
        &self,
        a: ArticleId,
        b: ArticleId,
        by: Option<UserId>,
        now: Timestamp,
    ) -> StoreResult<()>;

    /// The articles an editor said are not duplicates of `id`.
    async fn dismissed_duplicates(&self, id: ArticleId) -> StoreResult<Vec<ArticleId>>;
}

/// Everything search needs of a backend: the feed it polls and the store it
/// keeps its lists in.
pub trait SearchStore: SearchFeed + RelatedStore {}

impl<T: SearchFeed + RelatedStore> SearchStore for T {}
