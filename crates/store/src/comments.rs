//! Storage of readers' comments and of what the anti-spam rules remember:
//! the site's comment secret, used form tokens, commenters' reputation,
//! moderators' word lists and the spam filter's counts.
//!
//! Moderation operations ([`CommentStore::moderate`]) are what the CLI and the
//! newsroom queue call; each one is a single transaction that also trains the
//! spam filter on the decision (approve → ham, spam → spam; a comment moved
//! from one to the other is un-learned first, so nothing is counted twice).
//!
//! The vocabulary is Lemmy's: *removed* is staff's decision
//! ([`ModerationAction::Remove`]), *deleted* is the writer's own
//! ([`CommentStore::delete_by_author`]); both keep the text.

use crate::StoreResult;
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{ArticleId, Comment, CommentId, CommentStatus, Page, Window};
use std::collections::HashMap;

/// A comment ready to store: validated, decided, and with the keyed hashes
/// and learnable tokens the rules computed.
#[derive(Debug, Clone)]
pub struct CommentRecord {
    pub article_id: ArticleId,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    pub body: String,
    pub status: CommentStatus,
    pub hold_reason: Option<String>,
    pub is_staff: bool,
    /// Keyed hash of the email address, when one was given.
    pub email_hash: Option<String>,
    /// Keyed hash of address, browser and day.
    pub visitor_hash: String,
    /// Whose reputation this comment builds: the email hash, else the visitor hash.
    pub commenter_key: String,
    /// See `khabar_comments::text::body_fingerprint`.
    pub body_fingerprint: String,
    /// See `khabar_comments::text::learnable_tokens`.
    pub tokens: Vec<String>,
    /// SHA-256 (hex) of the secret key that lets the writer delete the
    /// comment; `None` when nobody may (staff replies).
    pub delete_key_hash: Option<String>,
    /// The spam filter's probability, when it had learnt enough to give one.
    pub spam_score: Option<f64>,
}

/// A comment as the moderation queue lists it: with its article's title and
/// slug (for the link) and the spam filter's score.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    pub comment: Comment,
    pub article_title: String,
    pub article_slug: String,
    pub spam_score: Option<f64>,
}

/// Which comments a moderator lists.
#[derive(Debug, Clone)]
pub struct CommentQuery {
    pub status: Option<CommentStatus>,
    pub article_id: Option<ArticleId>,
    pub search: Option<CommentSearch>,
    pub window: Window,
}

/// What a moderator searched for: the words as typed, found as a substring of
/// the body or the name, and their stems (as the spam filter's tokens hold
/// them), so «احمد» also finds «أحمد» and «الصين» finds «بالصين».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentSearch {
    pub text: String,
    /// Every one must be among a comment's stems for a stem match; empty:
    /// substring matches only.
    pub stems: Vec<String>,
}

impl CommentSearch {
    /// A search for `text` and the stems of its words.
    pub fn new(text: String) -> CommentSearch {
        CommentSearch {
            stems: khabar_comments::text::learnable_tokens(&text),
            text,
        }
    }
}

/// A moderator's decision on comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModerationAction {
    Approve,
    Spam,
    Remove,
}

impl ModerationAction {
    /// The status a comment gets.
    pub fn status(self) -> CommentStatus {
        match self {
            ModerationAction::Approve => CommentStatus::Approved,
            ModerationAction::Spam => CommentStatus::Spam,
            ModerationAction::Remove => CommentStatus::Removed,
        }
    }

    /// The decision's name: `approve`, `spam`, `remove`.
    pub fn as_str(self) -> &'static str {
        match self {
            ModerationAction::Approve => "approve",
            ModerationAction::Spam => "spam",
            ModerationAction::Remove => "remove",
        }
    }

    /// The audit-log action of the decision, one line per comment, written
    /// alike by the newsroom and the CLI: `comment_approve`, ….
    pub fn audit_action(self) -> &'static str {
        match self {
            ModerationAction::Approve => "comment_approve",
            ModerationAction::Spam => "comment_spam",
            ModerationAction::Remove => "comment_remove",
        }
    }
}

/// The slice of the spam filter's counts one comment needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BayesCounts {
    pub spam_docs: u64,
    pub ham_docs: u64,
    /// Per token: (spam documents, ham documents).
    pub tokens: HashMap<String, (u64, u64)>,
}

/// An entry of the moderators' word lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWord {
    pub phrase: String,
    /// `hold` or `spam`.
    pub action: String,
}

#[async_trait]
pub trait CommentStore: Send + Sync + 'static {
    /// The secret that signs form tokens and keys hashes: the stored one, or
    /// `candidate` stored now when there is none (the first start). Several
    /// servers on one database thus share it.
    async fn comment_secret(&self, candidate: &[u8]) -> StoreResult<Vec<u8>>;

    /// Records a form token's `key` as used; returns false if and only if it
    /// was used before. Keys past `expires_at` are forgotten as time goes by.
    async fn use_form_token(&self, key: &str, expires_at: i64, now: i64) -> StoreResult<bool>;

    /// Returns true if and only if `commenter_key` has an approved comment.
    async fn commenter_is_known(&self, commenter_key: &str) -> StoreResult<bool>;

    /// Returns true if and only if `commenter_key` already wrote a comment
    /// with this fingerprint (in any status but deleted).
    async fn is_duplicate(&self, commenter_key: &str, fingerprint: &str) -> StoreResult<bool>;

    async fn insert_comment(&self, c: &CommentRecord, now: Timestamp) -> StoreResult<CommentId>;

    async fn comment(&self, id: CommentId) -> StoreResult<Option<Comment>>;

    /// The approved comments of an article, oldest first.
    async fn approved_comments(&self, article: ArticleId) -> StoreResult<Vec<Comment>>;

    /// Comments for moderators, newest first.
    async fn list_comments(&self, q: &CommentQuery) -> StoreResult<Page<Comment>>;

    /// The same selection as [`CommentStore::list_comments`], with what the
    /// newsroom queue shows beside each comment.
    async fn list_queue(&self, q: &CommentQuery) -> StoreResult<Page<QueueItem>>;

    /// The number of comments in each status (the queue's tab counts).
    async fn comment_status_counts(&self) -> StoreResult<Vec<(CommentStatus, u64)>>;

    /// Applies `action` to each comment of `ids` (deleted ones are left
    /// alone) and trains the spam filter, in one transaction. Returns the
    /// comments that changed (for the audit log), in the order given.
    async fn moderate(
        &self,
        ids: &[CommentId],
        action: ModerationAction,
        now: Timestamp,
    ) -> StoreResult<Vec<CommentId>>;

    /// The stored hash of the comment's deletion key, if it has one. The
    /// caller compares it in constant time.
    async fn delete_key_hash(&self, id: CommentId) -> StoreResult<Option<String>>;

    /// Marks a pending or approved comment as deleted by its writer (the
    /// text is kept; training is left as it was: deleting is no verdict).
    /// Returns true if and only if the comment changed; spam and removed
    /// comments stay as staff left them.
    async fn delete_by_author(&self, id: CommentId, now: Timestamp) -> StoreResult<bool>;

    /// The spam filter's counts for these tokens.
    async fn bayes_counts(&self, tokens: &[String]) -> StoreResult<BayesCounts>;

    async fn word_list(&self) -> StoreResult<Vec<StoredWord>>;
    /// Adds or replaces the entry whose matching form is `normalized`.
    async fn put_word(&self, phrase: &str, normalized: &str, action: &str) -> StoreResult<()>;
    /// Returns true if and only if an entry was removed.
    async fn remove_word(&self, normalized: &str) -> StoreResult<bool>;

    /// Returns true if and only if comments on `article` were closed by hand.
    async fn comments_closed(&self, article: ArticleId) -> StoreResult<bool>;
    async fn set_comments_closed(&self, article: ArticleId, closed: bool) -> StoreResult<()>;

    /// Pending comments no moderator was told about yet, oldest first.
    async fn unnotified_pending(&self, limit: u32) -> StoreResult<Vec<Comment>>;
    async fn mark_notified(&self, ids: &[CommentId], now: Timestamp) -> StoreResult<()>;
}
