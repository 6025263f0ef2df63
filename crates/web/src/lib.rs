//! Khabar's HTTP face.
//!
//! [`router`] builds the whole site from an [`AppState`]: the public reading
//! pages ([`public`]), the JSON API ([`api`]), hashed static assets
//! ([`assets`]) and the layers every response passes through (compression,
//! timeouts, body limits, localised error pages). [`server::serve`] runs that
//! router on a listener with a header-read timeout, a connection cap and
//! graceful shutdown — `axum::serve` has neither of the first two.
//!
//! Errors are [`error::WebError`]: handlers return it with `?`, and one
//! middleware turns every 4xx/5xx (ours, axum's rejections, timeouts, body
//! limits) into an Arabic page, or `{"error": "<code>"}` under `/api/`.

pub mod api;
pub mod assets;
pub mod error;
pub mod public;
pub mod search;
pub mod server;
pub mod urls;
mod views;

use axum::Router;
use axum::http::{HeaderValue, header};
use khabar_core::ArticleId;
use khabar_i18n::{I18n, LocaleSettings, Localizer};
use khabar_markup::RenderedBody;
use khabar_store::SharedStore;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Site-wide settings the pages need (from the `[site]` configuration).
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// Absolute origin used in canonical links and the API, without a trailing slash.
    pub base_url: String,
    pub locale: LocaleSettings,
    /// Articles per page on section, tag and author pages.
    pub per_page: u32,
    /// Seconds public pages may be cached by browsers and CDNs.
    pub page_max_age: u32,
}

/// Limits applied to every request.
#[derive(Debug, Clone, Copy)]
pub struct HttpLimits {
    /// Time to produce a whole response.
    pub request_timeout: Duration,
    /// Largest request body accepted on any route.
    pub max_body_bytes: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            request_timeout: Duration::from_secs(15),
            max_body_bytes: 64 * 1024,
        }
    }
}

/// Everything a handler needs, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: SharedStore,
    pub i18n: Arc<I18n>,
    pub site: Arc<SiteSettings>,
    pub assets: Arc<assets::Assets>,
    bodies: Arc<quick_cache::sync::Cache<(ArticleId, i64), Arc<RenderedBody>>>,
    // Feature state below, one field per feature: newsroom, statistics,
    // comments, search.
    /// Search and «اقرأ أيضا»; `None` when the site runs without an index.
    pub search: Option<Arc<search::SearchFeature>>,
}

impl AppState {
    pub fn new(store: SharedStore, site: SiteSettings) -> AppState {
        AppState {
            store,
            i18n: Arc::new(I18n::new()),
            site: Arc::new(site),
            assets: Arc::new(assets::Assets::load()),
            bodies: Arc::new(quick_cache::sync::Cache::new(4_096)),
            search: None,
        }
    }

    /// Turns on search and related articles.
    #[must_use]
    pub fn with_search(mut self, search: search::SearchFeature) -> AppState {
        self.search = Some(Arc::new(search));
        self
    }

    /// The reader-facing localizer for this site.
    pub fn l(&self) -> Localizer<'_> {
        self.i18n.localizer(&self.site.locale)
    }

    /// The rendered body of an article version, rendered once per edit.
    pub fn rendered_body(&self, article: &khabar_core::Article) -> Arc<RenderedBody> {
        let key = (article.id, article.updated_at.as_second());
        self.bodies
            .get_or_insert_with(&key, || {
                Ok::<_, std::convert::Infallible>(Arc::new(khabar_markup::render_markdown(
                    &article.body,
                )))
            })
            .unwrap_or_else(|never| match never {})
    }
}

/// The whole site as one router with its layers.
pub fn router(state: AppState, limits: HttpLimits) -> Router {
    Router::new()
        .merge(public::routes())
        .merge(assets::routes())
        .merge(search::routes())
        .nest("/api/v1", api::routes())
        .route("/healthz", axum::routing::get(healthz))
        .fallback(error::not_found)
        // A panic in a handler becomes a 500 that the error middleware renders.
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            limits.max_body_bytes,
        ))
        // Outside the limits and timeouts, so their refusals get localised too.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::error_pages,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<&'static str, error::WebError> {
    state.store.ping().await?;
    Ok("ok")
}
