//! Sections (أقسام) and tags (وسوم) as the newsroom manages them: lists with
//! article counts, create, rename and re-slug, the sections' navigation
//! order, delete, and merging two tags.
//!
//! Uniqueness of names and slugs is checked inside the writing transaction
//! and answered as a [`TaxonomyWrite`] the editor's form can show next to
//! the right field, never as a driver error.

use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{Page, Window};
use std::sync::Arc;

use crate::StoreResult;

/// Which of the two the call is about. Authors (by-lines) are not managed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyKind {
    Section,
    Tag,
}

impl TaxonomyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TaxonomyKind::Section => "section",
            TaxonomyKind::Tag => "tag",
        }
    }
}

/// A section or tag with the number of articles (in any status) filed under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyItem {
    pub id: i64,
    pub name: String,
    pub slug: String,
    /// Navigation order (sections; 0 for tags).
    pub position: i64,
    pub article_count: u64,
}

/// The result of a create or an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyWrite {
    /// Written; the item's id.
    Done(i64),
    /// Another item of the same kind has this name: nothing was written.
    NameTaken,
    /// Another item of the same kind has this slug: nothing was written.
    SlugTaken,
    NotFound,
}

/// The result of a delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyDelete {
    /// Deleted, after moving this many articles to the chosen section.
    Deleted {
        moved: u64,
    },
    /// Not deleted: this many articles are still filed under it and no
    /// section to move them to was given.
    HasArticles(u64),
    /// The section to move the articles to does not exist (or is the one
    /// being deleted).
    TargetNotFound,
    NotFound,
}

/// The result of merging one tag into another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagMerge {
    /// The source tag is gone; this many articles now carry the target.
    Merged {
        articles: u64,
    },
    SameTag,
    NotFound,
}

#[async_trait]
pub trait TaxonomyStore: Send + Sync + 'static {
    /// Every section in navigation order, with its article count.
    async fn sections_with_counts(&self) -> StoreResult<Vec<TaxonomyItem>>;

    /// Tags by name (those containing `text` when given), with counts.
    async fn tags_with_counts(
        &self,
        text: Option<&str>,
        window: Window,
    ) -> StoreResult<Page<TaxonomyItem>>;

    async fn taxonomy_item(&self, kind: TaxonomyKind, id: i64)
    -> StoreResult<Option<TaxonomyItem>>;

    /// A tag by its exact name (the merge form names the target).
    async fn tag_by_name(&self, name: &str) -> StoreResult<Option<TaxonomyItem>>;

    /// Creates a section (placed last in the navigation) or a tag.
    async fn create_taxonomy(
        &self,
        kind: TaxonomyKind,
        name: &str,
        slug: &str,
    ) -> StoreResult<TaxonomyWrite>;

    /// Renames an item and sets its slug. Articles keep pointing at it;
    /// when the name or slug changed, the articles filed under it are
    /// bumped as in [`Self::delete_taxonomy`] (their indexed text names it).
    /// A slug given up leads to the item from then on ([`Self::slug_now`]).
    async fn update_taxonomy(
        &self,
        kind: TaxonomyKind,
        id: i64,
        name: &str,
        slug: &str,
        now: Timestamp,
    ) -> StoreResult<TaxonomyWrite>;

    /// Moves a section one place earlier (`up`) or later in the
    /// navigation. Returns false if and only if there is no such section;
    /// moving the first section up (or the last down) changes nothing.
    async fn move_section(&self, id: i64, up: bool) -> StoreResult<bool>;

    /// Deletes a section or tag. One that still has articles is refused
    /// unless `move_to` names another section, to which its articles move
    /// first (in the same transaction), and its slugs (current and former)
    /// with them; one deleted without articles leaves no slug behind. Moved articles get a new revision
    /// number, so an editor with one open sees a conflict instead of
    /// silently filing it back, and a new `index_changed_at`, so the search
    /// index re-reads them; their `updated_at` (readers' «updated») stays.
    async fn delete_taxonomy(
        &self,
        kind: TaxonomyKind,
        id: i64,
        move_to: Option<i64>,
        now: Timestamp,
    ) -> StoreResult<TaxonomyDelete>;

    /// Gives every article tagged `from` the tag `into` (once) and deletes
    /// `from`, whose slugs then lead to `into`. Changed articles are bumped
    /// as in [`Self::delete_taxonomy`].
    async fn merge_tags(&self, from: i64, into: i64, now: Timestamp) -> StoreResult<TagMerge>;

    /// The current slug of the section or tag that gave up the slug
    /// `former` (renamed, merged, or deleted with its articles moved), so
    /// the old address can answer 301. `None` when no item gave it up, or
    /// when an item created or renamed since has taken it (then that
    /// item's page answers).
    async fn slug_now(&self, kind: TaxonomyKind, former: &str) -> StoreResult<Option<String>>;
}

pub type SharedTaxonomy = Arc<dyn TaxonomyStore>;
