//! Readers' comments: the «اترك تعليقاً» form (plain POST, then a 303 back to
//! the article with a message), its JSON twin for `comments.js`, the approved
//! comments under each article, and the JSON list.
//!
//! Every submission goes through [`submit::submit`]: article open → same
//! origin → honeypot → signed time token → rate limits → validation → single
//! use of the token → duplicate → the moderation decision
//! ([`khabar_comments::policy::decide`]) → store. Moderation itself is
//! `khabar_store::CommentStore::moderate`, shared with the CLI and the
//! newsroom queue (`crate::newsroom` `comments`).
//!
//! Every stored submission hands its writer a secret key ([`delete`]): with
//! it, and only with it, the writer deletes the comment (status `deleted`;
//! staff *remove*).

mod api;
mod client;
mod delete;
mod form;
pub mod limiter;
mod submit;
mod view;

pub(crate) use submit::is_open;
pub use view::CommentParams;
pub(crate) use view::Prefill;
pub(crate) use view::section_html;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};
use khabar_comments::policy::Moderation;
use khabar_core::CommentLimits;
use khabar_store::CommentStore;
use limiter::{RateLimiter, RateLimits};
use std::sync::{Arc, Mutex, PoisonError};

/// The `[comments]` settings the web layer applies.
#[derive(Debug, Clone)]
pub struct CommentSettings {
    pub moderation: Moderation,
    /// Comments close this many days after publication; 0 never.
    pub close_after_days: u32,
    /// A form sent sooner than this after it was served is refused.
    pub min_seconds: i64,
    /// A form older than this is refused.
    pub max_age_hours: i64,
    pub rate: RateLimits,
    pub limits: CommentLimits,
}

impl Default for CommentSettings {
    fn default() -> Self {
        CommentSettings {
            moderation: Moderation::FirstTime,
            close_after_days: 0,
            min_seconds: 3,
            max_age_hours: 24,
            rate: RateLimits {
                min_interval_secs: 15,
                per_hour: 20,
            },
            limits: CommentLimits::default(),
        }
    }
}

/// The comment feature's share of [`AppState`].
pub struct CommentsState {
    pub store: Arc<dyn CommentStore>,
    /// Signs form tokens and keys the hashes of emails and visitors.
    secret: Vec<u8>,
    pub settings: CommentSettings,
    limiter: RateLimiter,
    /// Proxies whose `X-Forwarded-For` is believed (`stats.trusted_proxies`).
    trusted_proxies: Vec<ipnet::IpNet>,
    /// The newsroom header's pending count: (count, when it was read).
    pending: Mutex<Option<(u64, i64)>>,
    /// Wakes the moderator notifier after a comment is held.
    pub held: Option<tokio::sync::mpsc::Sender<()>>,
    /// The live site settings, whose comment policy (set in the newsroom)
    /// overrides `settings.moderation` and `settings.close_after_days`.
    live: Option<crate::LiveSite>,
}

/// Seconds the newsroom header's pending count may be old before it is
/// read again from the store.
const PENDING_FRESH_SECS: i64 = 30;

/// A random 256-bit key, hex: a writer's deletion key.
fn random_key() -> Result<String, crate::error::WebError> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key)
        .map_err(|e| crate::error::WebError::Internal(anyhow::anyhow!("random source: {e}")))?;
    Ok(key.iter().map(|b| format!("{b:02x}")).collect())
}

impl std::fmt::Debug for CommentsState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommentsState")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl CommentsState {
    /// Loads the stored secret (storing a fresh random one on first start).
    ///
    /// # Errors
    /// When the store cannot be read or written, or no randomness is available.
    pub async fn load(
        store: Arc<dyn CommentStore>,
        settings: CommentSettings,
    ) -> anyhow::Result<CommentsState> {
        let mut candidate = [0u8; 32];
        getrandom::fill(&mut candidate)
            .map_err(|e| anyhow::anyhow!("no randomness for the comment secret: {e}"))?;
        let secret = store.comment_secret(&candidate).await?;
        Ok(CommentsState {
            store,
            secret,
            settings,
            limiter: RateLimiter::default(),
            trusted_proxies: Vec::new(),
            pending: Mutex::new(None),
            held: None,
            live: None,
        })
    }

    /// Reads the moderation policy and closing delay from `live` from now on.
    pub(crate) fn follow(&mut self, live: crate::LiveSite) {
        self.live = Some(live);
    }

    /// The moderation policy in force now.
    pub fn moderation(&self) -> Moderation {
        self.live
            .as_ref()
            .map_or(self.settings.moderation, |s| s.load().comments.moderation)
    }

    /// Days after publication comments close (0: never), in force now.
    pub fn close_after_days(&self) -> u32 {
        self.live
            .as_ref()
            .map_or(self.settings.close_after_days, |s| {
                s.load().comments.close_after_days
            })
    }

    /// Believes `X-Forwarded-For` from these proxies only (the statistics'
    /// `stats.trusted_proxies`, so both features see the same reader).
    #[must_use]
    pub fn with_trusted_proxies(mut self, proxies: Vec<ipnet::IpNet>) -> CommentsState {
        self.trusted_proxies = proxies;
        self
    }

    /// The number of pending comments for the newsroom header, when known
    /// and fresh. A stale or missing count is read again in the background,
    /// so no page waits for it; the header shows it from the next page on.
    pub(crate) fn pending_hint(self: &Arc<Self>) -> Option<u64> {
        let now = jiff::Timestamp::now().as_second();
        let cached = *self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        let fresh = cached.filter(|(_, at)| now - at < PENDING_FRESH_SECS);
        if fresh.is_none()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            let me = Arc::clone(self);
            runtime.spawn(async move {
                if let Ok(counts) = me.store.comment_status_counts().await {
                    me.set_pending(&counts);
                }
            });
        }
        cached.map(|(n, _)| n)
    }

    /// Records the pending count read with the queue's tab counts.
    pub(crate) fn set_pending(&self, counts: &[(khabar_core::CommentStatus, u64)]) {
        let n = counts
            .iter()
            .find(|(s, _)| *s == khabar_core::CommentStatus::Pending)
            .map_or(0, |(_, n)| *n);
        *self.pending.lock().unwrap_or_else(PoisonError::into_inner) =
            Some((n, jiff::Timestamp::now().as_second()));
    }

    /// Adjusts the known pending count by `delta` (a comment held, or
    /// decided), keeping its age: the store stays the truth.
    pub(crate) fn pending_changed(&self, delta: i64) {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((n, _)) = pending.as_mut() {
            *n = n.saturating_add_signed(delta);
        }
    }

    /// A fresh form token for `article`, issued at `now`.
    pub(crate) fn form_token(&self, article: i64, now: i64) -> String {
        let mut nonce = [0u8; 12];
        if getrandom::fill(&mut nonce).is_err() {
            // Not secret, only unique: the clock and a counter will do.
            nonce.copy_from_slice(&now.to_le_bytes().repeat(2)[..12]);
        }
        khabar_comments::token::sign(&self.secret, article, now, &nonce)
    }
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/article/{id}/comments", post(form::post_comment_form))
        .route(
            "/article/{id}/comments/{comment}/delete",
            post(delete::delete_comment_form),
        )
        .route(
            "/api/v1/articles/{id}/comments",
            get(api::list_comments).post(api::post_comment),
        )
        .route(
            "/api/v1/articles/{id}/comments/{comment}/delete",
            post(delete::delete_comment_json),
        )
}
