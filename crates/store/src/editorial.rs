//! The newsroom's view of articles: every status, owners, optimistic
//! concurrency, revisions, the editor's autosave slots and the scheduler's
//! atomic publish.

use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{ArticleId, ArticleStatus, NewArticle, Page, SectionId, UserId, Window};
use std::sync::Arc;

use crate::StoreResult;

/// What the newsroom keeps about an article beside its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditorialMeta {
    /// The account that created it; `None` for imported articles.
    pub owner: Option<UserId>,
    /// Incremented by every save; a save names the revision it was based on.
    pub revision: i64,
}

/// The result of [`EditorialStore::update_article`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved {
        revision: i64,
    },
    /// Someone saved since the editor opened the article: nothing was written.
    Conflict {
        current: i64,
    },
    NotFound,
}

/// Filters of the newsroom's article table; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewsroomFilter {
    pub status: Option<ArticleStatus>,
    pub section: Option<SectionId>,
    /// Only articles owned by this account (authors always get this).
    pub owner: Option<UserId>,
    /// Words the title must contain.
    pub text: Option<String>,
}

/// A row of the newsroom's article table.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsroomRow {
    pub id: ArticleId,
    pub title: String,
    pub slug: String,
    pub status: ArticleStatus,
    pub section: Option<String>,
    pub owner_name: Option<String>,
    pub published_at: Option<Timestamp>,
    pub updated_at: Timestamp,
}

/// One saved version of an article's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub article_id: ArticleId,
    pub revision: i64,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub slug: String,
    pub status: ArticleStatus,
    pub editor_name: Option<String>,
    pub created_at: Timestamp,
}

/// What an editor typed, saved in the background: one slot per account and
/// article. It is not a revision and is never published; the editor offers
/// it back when it is newer than the article's last save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autosave {
    pub user_id: UserId,
    /// `None`: a new article that was never saved.
    pub article_id: Option<ArticleId>,
    /// The revision the editor was typing over (0 for a new article).
    pub base_revision: i64,
    /// The form's fields, serialised by the web layer (opaque here).
    pub fields: String,
    pub saved_at: Timestamp,
    /// The token of the editor page that wrote it (`None`: a page from
    /// before tokens). A save spends its page's token ([`EditorialStore::finish_autosave`]).
    pub token: Option<String>,
}

#[async_trait]
pub trait EditorialStore: Send + Sync + 'static {
    /// Creates an article owned by `owner` and records revision 1.
    async fn create_owned(
        &self,
        article: &NewArticle,
        owner: UserId,
        now: Timestamp,
    ) -> StoreResult<ArticleId>;

    /// Replaces an article's content if and only if its revision is still
    /// `base_revision`; records the new revision and sets `updated_at = now`.
    async fn update_article(
        &self,
        id: ArticleId,
        article: &NewArticle,
        base_revision: i64,
        editor: UserId,
        now: Timestamp,
    ) -> StoreResult<SaveOutcome>;

    async fn editorial_meta(&self, id: ArticleId) -> StoreResult<Option<EditorialMeta>>;

    async fn newsroom_articles(
        &self,
        filter: &NewsroomFilter,
        window: Window,
    ) -> StoreResult<Page<NewsroomRow>>;

    /// Every revision of an article, newest first.
    async fn revisions(&self, id: ArticleId) -> StoreResult<Vec<Revision>>;

    /// Returns true if and only if another article than `except` has `slug`.
    async fn slug_taken(&self, slug: &str, except: Option<ArticleId>) -> StoreResult<bool>;

    /// Tag names starting with `prefix`, for autocomplete.
    async fn tag_names(&self, prefix: &str, limit: u32) -> StoreResult<Vec<String>>;

    /// Stores `autosave` in its slot, replacing what was there — unless its
    /// token was spent by a save of the same account: then nothing is
    /// written and the answer is false (an autosave that was in flight
    /// when the editor saved).
    async fn save_autosave(&self, autosave: &Autosave) -> StoreResult<bool>;

    /// The autosave slot of `user` for `article` (`None`: a new article).
    async fn autosave(
        &self,
        user: UserId,
        article: Option<ArticleId>,
    ) -> StoreResult<Option<Autosave>>;

    /// Empties the slot (when the editor discards it).
    async fn delete_autosave(&self, user: UserId, article: Option<ArticleId>) -> StoreResult<()>;

    /// After a save from the editor page with `token`: spends the token, so
    /// that page's autosaves are refused from now on, and empties the slot
    /// if that page or a page without a token wrote it (another page's
    /// unsaved text stays). Without a token, empties the slot. In one
    /// transaction, so no autosave slips between the two.
    async fn finish_autosave(
        &self,
        user: UserId,
        article: Option<ArticleId>,
        token: Option<&str>,
        now: Timestamp,
    ) -> StoreResult<()>;

    /// Publishes every scheduled article whose time has come, each with one
    /// atomic `scheduled → published` update, so two servers running the
    /// scheduler never publish one article twice. Returns the ids it published.
    async fn publish_due(&self, now: Timestamp) -> StoreResult<Vec<ArticleId>>;
}

pub type SharedEditorial = Arc<dyn EditorialStore>;
