//! `POST /article/{id}/comments`: the form without JavaScript. A published
//! or held comment comes back as a 303 to the article with a message code
//! (`?comment=held#comments`). A refusal the reader can fix (too long, empty
//! name, duplicate, an expired form) re-renders the article page with the
//! message and what they typed, so nothing written is lost. Refusals that are
//! not about the comment (cross-site, rate limit, unknown article) are error
//! pages with their status.

use super::client::{Client, PeerAddr};
use super::submit::{ArticleContext, Outcome, Submission, submit};
use super::{CommentParams, Prefill, section_html};
use crate::AppState;
use crate::error::WebError;
use crate::public::article_page;
use crate::urls;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use khabar_core::Article;

pub(super) fn see_other(location: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

pub(crate) async fn post_comment_form(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    PeerAddr(addr): PeerAddr,
    headers: HeaderMap,
    Form(sub): Form<Submission>,
) -> Result<Response, WebError> {
    let ArticleContext { c, article, now } = ArticleContext::load(&state, &raw_id).await?;
    let path = urls::article(article.id, &article.slug);
    let parent = sub.parent.clone().filter(|p| !p.trim().is_empty());
    let prefill = Prefill {
        name: sub.name.clone(),
        email: sub.email.clone(),
        body: sub.body.clone(),
    };
    let client = Client {
        addr,
        headers: &headers,
    };
    let (status, code) = match submit(&state, &c, &article, sub, client, now).await {
        // The deletion key rides in the URL the writer lands on: the page
        // offers the deletion link, to keep (without JavaScript there is
        // nowhere else to keep it).
        Ok(Outcome::Published { id, delete }) => {
            return Ok(see_other(&format!(
                "{path}?comment=published&delete={}#comment-{id}",
                delete.text()
            )));
        }
        Ok(Outcome::Held { delete }) => {
            let delete = delete.map_or_else(String::new, |d| format!("&delete={}", d.text()));
            return Ok(see_other(&format!("{path}?comment=held{delete}#comments")));
        }
        Err(WebError::Unprocessable(code)) => (StatusCode::UNPROCESSABLE_ENTITY, code),
        Err(WebError::Conflict(code)) => (StatusCode::CONFLICT, code),
        Err(WebError::BadRequest(code)) => (StatusCode::BAD_REQUEST, code),
        Err(WebError::Forbidden(code @ ("token_used" | "token_invalid" | "comments_closed"))) => {
            (StatusCode::FORBIDDEN, code)
        }
        Err(e) => return Err(e),
    };
    // The page again, with the message, a fresh token and the reader's text.
    let params = CommentParams {
        comment: Some(code.to_string()),
        reply: parent,
        delete: None,
    };
    article_again(&state, &article, status, &params, Some(prefill), now).await
}

/// The article page with its comments section as `params` say, answering
/// `status` (a refusal the reader can act on), never cached.
pub(super) async fn article_again(
    state: &AppState,
    article: &Article,
    status: StatusCode,
    params: &CommentParams,
    prefill: Option<Prefill>,
    now: Timestamp,
) -> Result<Response, WebError> {
    let section = section_html(state, article, params, prefill, now).await?;
    let mut res = article_page(state, article, section).await?;
    *res.status_mut() = status;
    crate::error::keep_as_is(&mut res);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
