//! The moderation queue (طابور الإشراف) under `/newsroom/comments`, for
//! moderators, editors and admins (`Action::ModerateComments`):
//!
//! - `GET /newsroom/comments` — tabs per status with their counts, newest
//!   first, paged, searchable, narrowed to one article with `?article=ID`
//!   (where comments on that article are also closed and opened);
//! - `POST /newsroom/comments/moderate` — approve, mark as spam or remove,
//!   one comment (the row's button) or every ticked one (the bulk buttons):
//!   one form, so it works without JavaScript;
//! - `POST /newsroom/comments/{id}/reply` — a staff reply to an approved
//!   comment, published at once and marked as staff;
//! - `POST /newsroom/comments/articles/{id}/closed` — close or open comments;
//! - `GET`/`POST /newsroom/comments/words` (and `…/words/remove`) — the hold
//!   and spam word lists.
//!
//! Every decision goes to the audit log, one line per comment. The words are
//! Lemmy's: staff *remove* (أزال), a writer *deletes* (حذف) — two statuses,
//! two tabs, never one label for both.

mod actions;
mod queue;
mod words;

use crate::AppState;
use crate::error::WebError;
use axum::Router;
use axum::routing::{get, post};
use khabar_core::{ArticleId, CommentStatus};
use khabar_i18n::Localizer;
use serde::Deserialize;
use std::sync::Arc;

/// Comments per page of the queue.
const PER_PAGE: u32 = 30;
/// Longest search accepted, in characters (longer ones are ignored).
const MAX_SEARCH_CHARS: usize = 200;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/newsroom/comments", get(queue::list_queue))
        .route("/newsroom/comments/moderate", post(actions::moderate))
        .route("/newsroom/comments/{id}/reply", post(actions::reply))
        .route(
            "/newsroom/comments/articles/{id}/closed",
            post(actions::set_closed),
        )
        .route(
            "/newsroom/comments/words",
            get(words::show_words).post(words::add_word),
        )
        .route("/newsroom/comments/words/remove", post(words::remove_word))
}

/// The tabs, in order. Deleted comments have their own tab: they are the
/// writers' doing, not staff's, and staff may still read what was written.
const TABS: [CommentStatus; 5] = [
    CommentStatus::Pending,
    CommentStatus::Approved,
    CommentStatus::Spam,
    CommentStatus::Removed,
    CommentStatus::Deleted,
];

/// Which part of the queue is shown; carried through every form as hidden
/// fields, so a decision comes back to the same tab, page and search.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub(crate) struct View {
    status: String,
    q: String,
    page: String,
    article: String,
}

impl View {
    /// Reads the view's fields out of a posted form.
    fn from_pairs(pairs: &[(String, String)]) -> View {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        View {
            status: get("status"),
            q: get("q"),
            page: get("page"),
            article: get("article"),
        }
    }

    /// The tab; pending unless another is named.
    fn status(&self) -> CommentStatus {
        CommentStatus::parse(self.status.trim()).unwrap_or(CommentStatus::Pending)
    }

    fn search(&self) -> Option<String> {
        Some(self.q.trim().to_string())
            .filter(|q| !q.is_empty() && q.chars().count() <= MAX_SEARCH_CHARS)
    }

    fn article_id(&self) -> Option<ArticleId> {
        khabar_arabic::digits::parse_u64(self.article.trim())
            .and_then(|n| i64::try_from(n).ok())
            .map(ArticleId)
    }

    /// # Errors
    /// 400 `invalid_page`.
    fn page_number(&self) -> Result<u64, WebError> {
        crate::public::parse_page(Some(&self.page))
    }

    /// The queue's address for this view on `page` of tab `status`, plus
    /// `extra` (already encoded, e.g. `&done=approve&n=2`).
    fn url(&self, status: CommentStatus, page: u64, extra: &str) -> String {
        let enc = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        let mut url = format!("/newsroom/comments?status={}", status.as_str());
        if let Some(q) = self.search() {
            url.push_str(&format!("&q={}", enc(&q)));
        }
        if let Some(a) = self.article_id() {
            url.push_str(&format!("&article={a}"));
        }
        if page > 1 {
            url.push_str(&format!("&page={page}"));
        }
        url.push_str(extra);
        url
    }

    /// The address to come back to after a decision on this view.
    fn back(&self, extra: &str) -> String {
        self.url(self.status(), self.page_number().unwrap_or(1), extra)
    }
}

/// The comment feature, or 404 when this server runs without comments.
fn comments(state: &AppState) -> Result<&Arc<crate::comments::CommentsState>, WebError> {
    state
        .comments
        .as_ref()
        .ok_or(WebError::NotFound("not_found"))
}

/// The label of a status's tab: «المنشورة», «أزالها فريق التحرير» …
fn tab_label(l: &Localizer<'_>, s: CommentStatus) -> String {
    l.t(&format!("nr-cm-tab-{}", s.as_str()))
}

/// The staff label of a status: «بانتظار المراجعة», «أزاله فريق التحرير»,
/// «حذفه صاحبه» …
fn status_label(l: &Localizer<'_>, s: CommentStatus) -> String {
    l.t(&format!("nr-cm-status-{}", s.as_str()))
}

/// The label of one hold reason code (`links`, `bayes` …); an unknown code
/// is shown as it is.
fn reason_label(l: &Localizer<'_>, code: &str) -> String {
    let key = format!("nr-cm-reason-{}", code.replace('_', "-"));
    if code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') && l.has(&key) {
        l.t(&key)
    } else {
        code.to_string()
    }
}
