//! Articles (مقالات): the unit of publishing.

use crate::ids::ArticleId;
use crate::taxonomy::{Author, NewTaxonomy, Section, Tag};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Where an article is in its life.
///
/// Only `Published` articles whose `published_at` has passed are visible to
/// readers; `Scheduled` ones become `Published` when their time comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    Scheduled,
    Published,
    Unpublished,
}

impl ArticleStatus {
    /// The stable lower-case name used in storage, APIs and front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Scheduled => "scheduled",
            ArticleStatus::Published => "published",
            ArticleStatus::Unpublished => "unpublished",
        }
    }

    /// Parses the name written by [`ArticleStatus::as_str`].
    pub fn parse(s: &str) -> Option<ArticleStatus> {
        Some(match s {
            "draft" => ArticleStatus::Draft,
            "scheduled" => ArticleStatus::Scheduled,
            "published" => ArticleStatus::Published,
            "unpublished" => ArticleStatus::Unpublished,
            _ => return None,
        })
    }
}

/// Attribution to the original publisher («المصدر») of a republished item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub name: String,
    /// Always `http` or `https` (checked by validation).
    pub url: String,
}

/// The lead image of an article, with the text a screen reader speaks and the credit line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cover {
    pub url: String,
    pub alt: String,
    pub credit: String,
}

/// A stored article with its taxonomy resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: ArticleId,
    pub slug: String,
    pub title: String,
    pub lead: String,
    /// The body as Markdown; rendering to safe HTML happens in `khabar-markup`.
    pub body: String,
    pub section: Option<Section>,
    pub tags: Vec<Tag>,
    pub author: Option<Author>,
    pub source: Option<Source>,
    pub status: ArticleStatus,
    pub published_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub cover: Option<Cover>,
    /// When something the search index reads about this article changed
    /// outside the article itself (its section or a tag renamed, merged or
    /// moved): the index re-reads it from then on, while `updated_at` — the
    /// «updated» date readers see — stays. `None` when nothing did, and
    /// outside what the search feed reads.
    #[serde(skip)]
    pub index_changed_at: Option<Timestamp>,
}

impl Article {
    /// Returns true if and only if readers may see this article at `now`.
    pub fn is_public(&self, now: Timestamp) -> bool {
        self.status == ArticleStatus::Published && self.published_at.is_some_and(|at| at <= now)
    }
}

/// What lists (home, section, tag, author pages, the API list) show of an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub section: Option<Section>,
    pub author: Option<Author>,
    pub published_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    pub cover: Option<Cover>,
}

/// Input for creating an article. Taxonomy is named, and the store finds or
/// creates each section, tag and author in the same transaction as the article,
/// so a failed write leaves nothing behind.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub section: Option<NewTaxonomy>,
    pub tags: Vec<NewTaxonomy>,
    pub author: Option<NewTaxonomy>,
    pub source: Option<Source>,
    pub status: ArticleStatus,
    pub published_at: Option<Timestamp>,
    pub cover: Option<Cover>,
}

impl NewArticle {
    /// The `updated_at` of a new article created at `now`: its publication time
    /// when that is in the past (an imported archive was last changed when it
    /// was published, not when it was imported), otherwise `now`.
    pub fn initial_updated_at(&self, now: Timestamp) -> Timestamp {
        match self.published_at {
            Some(at) if at < now => at,
            _ => now,
        }
    }
}
