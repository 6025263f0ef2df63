//! What the editor's script calls: a preview rendered exactly as the site
//! renders bodies, slug suggestions by the Arabic slug rules, tag suggestions.

use super::Signed;
use crate::AppState;
use crate::error::WebError;
use axum::Json;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use khabar_core::{Action, Ownership};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PreviewForm {
    csrf: String,
    body: String,
}

fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The body as the article page shows it (sanitised HTML).
pub(crate) async fn preview(
    signed: Signed,
    Form(form): Form<PreviewForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::CreateArticle, Ownership::None)?;
    if form.body.chars().count() > khabar_core::Limits::BODY_CHARS {
        return Err(WebError::BadRequest("body_too_long"));
    }
    let html = khabar_markup::render_markdown(&form.body).to_html();
    Ok(no_store(
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SlugQuery {
    title: String,
}

pub(crate) async fn suggest_slug(
    _signed: Signed,
    Query(q): Query<SlugQuery>,
) -> Result<Response, WebError> {
    let title: String = q.title.chars().take(1_000).collect();
    Ok(no_store(
        Json(serde_json::json!({ "slug": super::form::suggest_slug(&title) })).into_response(),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct TagQuery {
    q: String,
}

pub(crate) async fn suggest_tags(
    State(state): State<AppState>,
    _signed: Signed,
    Query(q): Query<TagQuery>,
) -> Result<Response, WebError> {
    let prefix = q.q.trim();
    let names = if prefix.is_empty() || prefix.chars().count() > 100 {
        Vec::new()
    } else {
        state.newsroom()?.editorial.tag_names(prefix, 10).await?
    };
    Ok(no_store(
        Json(serde_json::json!({ "tags": names })).into_response(),
    ))
}
