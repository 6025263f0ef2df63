//! The newsroom (غرفة الأخبار) under `/newsroom/`: sign-in, the article table,
//! the editor with revisions, conflict detection, autosave and a full-page
//! preview, the tools the editor's script calls (preview, slug, tag
//! suggestions), sections and tags, the site settings, and the comment
//! moderation queue.
//!
//! Every page is `Cache-Control: no-store`. Every state-changing request passes
//! two CSRF checks: the browser's own `Sec-Fetch-Site`/`Origin` headers
//! ([`session::same_origin_only`]) and the session's form token.

mod articles;
mod auth;
mod autosave;
mod comments;
mod duplicates;
mod form;
pub mod media;
pub mod password;
mod preview;
mod revisions;
mod session;
pub mod settings;
mod stats;
mod submission;
mod taxonomy;
mod tools;
mod views;

use crate::AppState;
use crate::error::WebError;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use khabar_store::{SharedAccounts, SharedEditorial, SharedSettings, SharedTaxonomy};
use std::sync::Arc;
use std::time::Duration;

pub use session::{Signed, origin_of, token_hash};

/// How the newsroom behaves (from the `[newsroom]` configuration).
#[derive(Debug, Clone)]
pub struct NewsroomSettings {
    /// Mark cookies `Secure` with the `__Host-` prefix (the site is served over https).
    pub secure_cookies: bool,
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however busy.
    pub session_max: Duration,
    /// Where uploaded images are stored (served at `/media/`).
    pub media_dir: std::path::PathBuf,
    /// The origin of the configured `server.base_url` (`https://host[:port]`),
    /// which newsroom forms must come from; `None` when no base URL is
    /// configured, and the request's own `Host` is the reference.
    pub public_origin: Option<String>,
    /// The largest URL-encoded article form (`newsroom.max_form_bytes`); the
    /// editor's route takes uploads, so it checks this itself.
    pub max_form_bytes: usize,
}

/// The newsroom's state: its stores and settings.
pub struct Newsroom {
    pub accounts: SharedAccounts,
    pub editorial: SharedEditorial,
    pub taxonomy: SharedTaxonomy,
    /// The site settings page's store.
    pub site_settings: SharedSettings,
    pub settings: NewsroomSettings,
}

impl AppState {
    /// The newsroom, or 404 when this server runs without one.
    pub(crate) fn newsroom(&self) -> Result<&Arc<Newsroom>, WebError> {
        self.newsroom
            .as_ref()
            .ok_or(WebError::NotFound("not_found"))
    }
}

/// The newsroom's routes; forms take up to `form_bytes`, uploads (and the
/// forms that may carry a file) `upload_bytes`.
pub(crate) fn routes(state: &AppState, form_bytes: usize, upload_bytes: usize) -> Router<AppState> {
    let uploads = Router::new()
        .route("/newsroom/media", post(media::upload))
        .route("/newsroom/articles/new", post(articles::create_article))
        .route("/newsroom/articles/{id}", post(articles::save_article))
        .route("/newsroom/settings", post(settings::save_settings))
        .layer(axum::extract::DefaultBodyLimit::max(upload_bytes))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(upload_bytes));
    Router::new()
        .route("/newsroom", get(articles::list_articles))
        .route("/newsroom/", get(articles::list_articles))
        .route("/newsroom/login", get(auth::show_login).post(auth::login))
        .route("/newsroom/logout", post(auth::logout))
        .route(
            "/newsroom/sessions/end-others",
            post(auth::end_other_sessions),
        )
        .route("/newsroom/lang", post(auth::set_lang))
        .route("/newsroom/audit", get(auth::show_audit_log))
        .route("/newsroom/articles/new", get(articles::new_article))
        .route("/newsroom/articles/{id}", get(articles::edit_article))
        .route(
            "/newsroom/articles/{id}/revisions",
            get(revisions::list_revisions),
        )
        .route(
            "/newsroom/articles/{id}/revisions/{rev}/restore",
            post(revisions::restore_revision),
        )
        .route("/newsroom/duplicates", get(duplicates::list_duplicates))
        .route(
            "/newsroom/duplicates/dismiss",
            post(duplicates::dismiss_duplicate),
        )
        .route("/newsroom/preview", post(tools::preview))
        .route("/newsroom/articles/new/preview", post(preview::preview_new))
        .route(
            "/newsroom/articles/{id}/preview",
            post(preview::preview_article),
        )
        .route("/newsroom/autosave", post(autosave::save_autosave))
        .route(
            "/newsroom/autosave/discard",
            post(autosave::discard_autosave),
        )
        .route("/newsroom/slug", get(tools::suggest_slug))
        .route("/newsroom/tags/suggest", get(tools::suggest_tags))
        .merge(taxonomy::routes())
        .route("/newsroom/settings", get(settings::show_settings))
        .route("/newsroom/settings/reset", post(settings::reset_settings))
        .merge(comments::routes())
        .route("/newsroom/stats", get(stats::show_stats))
        .route("/newsroom/stats/export.csv", get(stats::export_csv))
        .route(
            "/newsroom/stats/articles/{id}",
            get(stats::show_article_stats),
        )
        .layer(axum::extract::DefaultBodyLimit::max(form_bytes))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(form_bytes))
        .merge(uploads)
        .route("/media/{*path}", get(media::serve_media))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::same_origin_only,
        ))
}

/// A newsroom page: HTML, never cached, with `status`.
pub(crate) fn page(status: StatusCode, page: impl askama::Template) -> Result<Response, WebError> {
    let html = page
        .render()
        .map_err(|e| WebError::Internal(anyhow::Error::new(e)))?;
    let mut res = (status, Html(html)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if status.is_client_error() {
        res = crate::error::keep_body(res);
    }
    Ok(res)
}

/// A 303 to `location` (after a form post).
pub(crate) fn see_other(location: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
