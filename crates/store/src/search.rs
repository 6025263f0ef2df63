//! What the search index reads from the store: changes since a watermark,
//! and every public article for a rebuild. Polling the store (rather than
//! being told by the code that writes) keeps the index in step with every
//! writer: the CLI in another process, the newsroom, other servers.

use crate::StoreResult;
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId};

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
