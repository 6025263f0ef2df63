//! `POST /article/{id}/comments`: the form without JavaScript. Every outcome
//! the reader can act on comes back as a 303 to the article with a message
//! code (`?comment=held#comments`); refusals that are not about the comment
//! (cross-site, rate limit, unknown article) are error pages with their status.

use super::submit::{Client, Outcome, PeerAddr, Submission, submit};
use crate::AppState;
use crate::error::WebError;
use crate::public::public_article_by_raw_id;
use crate::urls;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;

fn see_other(location: &str) -> Response {
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
    let c = state
        .comments
        .clone()
        .ok_or(WebError::NotFound("not_found"))?;
    let now = Timestamp::now();
    let article = public_article_by_raw_id(&state, &raw_id, now).await?;
    let path = urls::article(article.id, &article.slug);
    let parent = sub.parent.clone().filter(|p| !p.trim().is_empty());
    let client = Client {
        addr,
        headers: &headers,
    };
    let code = match submit(&state, &c, &article, sub, client, now).await {
        Ok(Outcome::Published(id)) => {
            return Ok(see_other(&format!("{path}?comment=published#comment-{id}")));
        }
        Ok(Outcome::Held) => "held",
        Err(
            WebError::Unprocessable(code)
            | WebError::Conflict(code)
            | WebError::BadRequest(code)
            | WebError::Forbidden(code @ ("token_used" | "comments_closed")),
        ) => code,
        Err(e) => return Err(e),
    };
    let reply = parent
        .and_then(|p| khabar_arabic::digits::parse_u64(p.trim()))
        .map(|p| format!("&reply={p}"))
        .unwrap_or_default();
    let anchor = if code == "held" {
        "comments"
    } else {
        "leave-comment"
    };
    Ok(see_other(&format!("{path}?comment={code}{reply}#{anchor}")))
}
