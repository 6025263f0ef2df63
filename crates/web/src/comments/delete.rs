//! A reader deletes their own comment: `POST
//! /article/{id}/comments/{comment}/delete` (the form, field `key`) and
//! `POST /api/v1/articles/{id}/comments/{comment}/delete` (JSON `{"key"}`,
//! for `comments.js`).
//!
//! The secret key given at submission is the proof of authorship (checked
//! in constant time against its stored hash); it also makes the request
//! impossible to forge from another site, which is refused earlier anyway
//! by the browser's `Sec-Fetch-Site`/`Origin`. A deleted comment keeps its
//! text for the record (staff see it); readers see it gone, or, when replies
//! hang from it, «حذف صاحب التعليق تعليقه» in its place.

use super::client::ensure_same_origin;
use super::form::{article_again, see_other};
use super::submit::ArticleContext;
use super::view::outcome_message;
use super::{CommentParams, CommentsState};
use crate::AppState;
use crate::error::WebError;
use crate::urls;
use axum::Json;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use khabar_comments::deletion::{DeletionLink, key_matches};
use khabar_core::{Article, CommentId, CommentStatus};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DeleteBody {
    /// The key alone, or `ID.KEY` as the writer's browser keeps it.
    #[serde(default)]
    key: String,
}

/// Deletes comment `raw_comment` of `article` if `key` is its key.
///
/// # Errors
/// 403 `cross_site`, 404 for an unknown comment or one of another article,
/// 403 `delete_key_invalid` for a wrong key (nothing changes), 409
/// `comment_not_deletable` for a comment staff removed or marked as spam.
async fn delete_with_key(
    state: &AppState,
    c: &CommentsState,
    article: &Article,
    raw_comment: &str,
    key: &str,
    headers: &HeaderMap,
    now: Timestamp,
) -> Result<(), WebError> {
    ensure_same_origin(state, headers)?;
    let id = khabar_arabic::digits::parse_u64(raw_comment)
        .and_then(|n| i64::try_from(n).ok())
        .map(CommentId)
        .ok_or(WebError::NotFound("comment_not_found"))?;
    let comment = c
        .store
        .comment(id)
        .await?
        .filter(|cm| cm.article_id == article.id)
        .ok_or(WebError::NotFound("comment_not_found"))?;
    let key = key.trim();
    let key = match key.split_once('.') {
        Some(_) => DeletionLink::parse(key)
            .filter(|l| l.comment_id == id.0)
            .map(|l| l.key)
            .unwrap_or_default(),
        None => key.to_ascii_lowercase(),
    };
    let stored = c.store.delete_key_hash(id).await?;
    if !stored.is_some_and(|hash| key_matches(&key, &hash)) {
        return Err(WebError::Forbidden("delete_key_invalid"));
    }
    match comment.status {
        CommentStatus::Deleted => Ok(()),
        CommentStatus::Spam | CommentStatus::Removed => {
            Err(WebError::Conflict("comment_not_deletable"))
        }
        CommentStatus::Pending | CommentStatus::Approved => {
            if c.store.delete_by_author(id, now).await? {
                if comment.status == CommentStatus::Approved {
                    state.pages.invalidate();
                } else {
                    c.pending_changed(-1);
                }
            }
            Ok(())
        }
    }
}

pub(crate) async fn delete_comment_form(
    State(state): State<AppState>,
    Path((raw_id, raw_comment)): Path<(String, String)>,
    headers: HeaderMap,
    Form(body): Form<DeleteBody>,
) -> Result<Response, WebError> {
    let ArticleContext { c, article, now } = ArticleContext::load(&state, &raw_id).await?;
    let path = urls::article(article.id, &article.slug);
    let refused =
        match delete_with_key(&state, &c, &article, &raw_comment, &body.key, &headers, now).await {
            Ok(()) => return Ok(see_other(&format!("{path}?comment=deleted#comments"))),
            Err(WebError::Forbidden(code @ "delete_key_invalid")) => (StatusCode::FORBIDDEN, code),
            Err(WebError::Conflict(code)) => (StatusCode::CONFLICT, code),
            Err(e) => return Err(e),
        };
    let params = CommentParams {
        comment: Some(refused.1.to_string()),
        reply: None,
        delete: None,
    };
    article_again(&state, &article, refused.0, &params, None, now).await
}

pub(crate) async fn delete_comment_json(
    State(state): State<AppState>,
    Path((raw_id, raw_comment)): Path<(String, String)>,
    headers: HeaderMap,
    Json(body): Json<DeleteBody>,
) -> Result<Response, WebError> {
    let ArticleContext { c, article, now } = ArticleContext::load(&state, &raw_id).await?;
    delete_with_key(&state, &c, &article, &raw_comment, &body.key, &headers, now).await?;
    let l = state.l();
    let message = outcome_message(&l, &c, "deleted")
        .map(|(_, text)| text)
        .unwrap_or_default();
    Ok(super::api::no_store(
        Json(serde_json::json!({"status": "deleted", "message": message})).into_response(),
    ))
}
