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
pub mod comments;
pub mod error;
pub mod newsroom;
pub mod page_cache;
pub mod public;
pub mod search;
pub mod server;
pub mod stats;
pub mod urls;
mod views;

use axum::Router;
use axum::http::{HeaderValue, header};
use khabar_core::ArticleId;
use khabar_i18n::{I18n, LocaleSettings, Localizer};
use khabar_markup::RenderedBody;
use khabar_store::{SharedStore, SharedTaxonomy};
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::compression::Predicate;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Site-wide settings the pages need: the `[site]` configuration, with what
/// an admin saved on the newsroom's settings page applied over it. Read the
/// current value with [`AppState::site`]; it changes while the server runs.
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// Absolute origin used in canonical links and the API, without a trailing slash.
    pub base_url: String,
    pub locale: LocaleSettings,
    /// Articles per page on section, tag and author pages.
    pub per_page: u32,
    /// Seconds public pages may be cached by browsers and CDNs.
    pub page_max_age: u32,
    /// How long this server keeps a rendered public page in memory (zero: never).
    pub page_cache: Duration,
    /// The site's name; `None`: the translated default (`site-name`, «خبر»).
    pub name: Option<String>,
    /// The logo shown in the site header instead of the letter mark.
    pub logo: Option<SiteLogo>,
    /// How readers' comments are moderated and when they close.
    pub comments: CommentPolicy,
}

/// An uploaded logo: a `/media/…` image and its alternative text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLogo {
    pub url: String,
    pub alt: String,
}

/// The comment settings an admin may change while the site runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentPolicy {
    pub moderation: khabar_comments::policy::Moderation,
    /// Comments close this many days after publication; 0 never.
    pub close_after_days: u32,
}

impl Default for CommentPolicy {
    fn default() -> Self {
        CommentPolicy {
            moderation: khabar_comments::policy::Moderation::FirstTime,
            close_after_days: 0,
        }
    }
}

/// The live site settings, shared by every handler (and the comments
/// feature): replaced whole when an admin saves, read without a lock.
pub type LiveSite = Arc<arc_swap::ArcSwap<SiteSettings>>;

/// Limits applied to every request.
#[derive(Debug, Clone, Copy)]
pub struct HttpLimits {
    /// Time to produce a whole response.
    pub request_timeout: Duration,
    /// Largest request body accepted on any route but the newsroom's.
    pub max_body_bytes: usize,
    /// Largest newsroom form (an article with its whole body).
    pub max_form_bytes: usize,
    /// Largest image upload.
    pub max_upload_bytes: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            request_timeout: Duration::from_secs(15),
            max_body_bytes: 64 * 1024,
            max_form_bytes: 4 * 1024 * 1024,
            max_upload_bytes: 20 * 1024 * 1024,
        }
    }
}

/// Everything a handler needs, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: SharedStore,
    pub i18n: Arc<I18n>,
    /// The current site settings; read them with [`AppState::site`].
    site: LiveSite,
    /// The settings from the configuration, before any saved in the newsroom.
    site_defaults: Arc<SiteSettings>,
    pub assets: Arc<assets::Assets>,
    /// Rendered public pages, kept for a moment (see [`page_cache`]).
    pub pages: Arc<page_cache::PageCache>,
    bodies: Arc<quick_cache::sync::Cache<(ArticleId, i64), Arc<RenderedBody>>>,
    // Feature state below, one field per feature: newsroom, statistics,
    // comments, search.
    /// The newsroom (accounts, editor); `None` serves the reading site only.
    pub newsroom: Option<Arc<newsroom::Newsroom>>,
    /// Readers' comments; `None` serves the site without them.
    pub comments: Option<Arc<comments::CommentsState>>,
    /// View counting and visitor statistics; `None` counts nothing.
    pub stats: Option<Arc<stats::Stats>>,
    /// Search and «اقرأ أيضا»; `None` when the site runs without an index.
    pub search: Option<Arc<search::SearchFeature>>,
    /// Where a section's or tag's old slug leads (301 instead of 404);
    /// `None` when the backend keeps no such history.
    pub slug_history: Option<SharedTaxonomy>,
}

impl AppState {
    pub fn new(store: SharedStore, site: SiteSettings) -> AppState {
        AppState {
            store,
            i18n: Arc::new(I18n::new()),
            pages: Arc::new(page_cache::PageCache::new(2_048, site.page_cache)),
            site: Arc::new(arc_swap::ArcSwap::from_pointee(site.clone())),
            site_defaults: Arc::new(site),
            assets: Arc::new(assets::Assets::load()),
            bodies: Arc::new(quick_cache::sync::Cache::new(4_096)),
            newsroom: None,
            comments: None,
            stats: None,
            search: None,
            slug_history: None,
        }
    }

    /// The same state with the newsroom switched on.
    pub fn with_newsroom(mut self, newsroom: newsroom::Newsroom) -> AppState {
        self.newsroom = Some(Arc::new(newsroom));
        self
    }

    /// Turns comments on; their moderation policy follows the live settings.
    pub fn with_comments(mut self, mut comments: comments::CommentsState) -> AppState {
        comments.follow(self.site.clone());
        self.comments = Some(Arc::new(comments));
        self
    }

    /// Turns on view counting and statistics.
    pub fn with_stats(mut self, stats: Arc<stats::Stats>) -> AppState {
        self.stats = Some(stats);
        self
    }

    /// Old section and tag addresses answer 301 to the new ones.
    #[must_use]
    pub fn with_slug_history(mut self, taxonomy: SharedTaxonomy) -> AppState {
        self.slug_history = Some(taxonomy);
        self
    }

    /// Turns on search and related articles.
    #[must_use]
    pub fn with_search(mut self, search: search::SearchFeature) -> AppState {
        self.search = Some(Arc::new(search));
        self
    }

    /// The site settings as they are now (an admin may change them at any
    /// time: read them once per request and keep the `Arc`).
    pub fn site(&self) -> Arc<SiteSettings> {
        self.site.load_full()
    }

    /// The settings the configuration gives, before the newsroom's.
    pub fn site_defaults(&self) -> &SiteSettings {
        &self.site_defaults
    }

    /// Makes `site` the settings every page uses from the next request on,
    /// and forgets the pages rendered with the old ones.
    pub fn replace_site(&self, site: SiteSettings) {
        self.site.store(Arc::new(site));
        self.pages.invalidate();
    }

    /// The reader-facing localizer for this site.
    pub fn l(&self) -> Localizer<'_> {
        self.i18n.localizer(&self.site().locale)
    }

    /// The site's name as readers see it: the one saved in the settings,
    /// or the translated default.
    pub fn site_name(&self, l: &Localizer<'_>) -> String {
        self.site().name.clone().unwrap_or_else(|| l.t("site-name"))
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
    // The newsroom takes long articles: its own, larger body limit.
    let newsroom = newsroom::routes(&state, limits.max_form_bytes, limits.max_upload_bytes);
    let site = Router::new()
        .merge(public::routes().layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_cache::cache_pages,
        )))
        .merge(assets::routes())
        .merge(comments::routes())
        .merge(stats::routes())
        .merge(search::routes())
        .nest("/api/v1", api::routes())
        .route("/healthz", axum::routing::get(healthz))
        .fallback(error::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            limits.max_body_bytes,
        ));
    Router::new()
        .merge(newsroom)
        .merge(site)
        // A panic in a handler becomes a 500 that the error middleware renders.
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
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
        .layer(
            CompressionLayer::new()
                // Fast settings: pages are compressed per response.
                .quality(tower_http::compression::CompressionLevel::Precise(4))
                .compress_when(
                    tower_http::compression::predicate::DefaultPredicate::new().and(
                        tower_http::compression::predicate::NotForContentType::const_new("font/"),
                    ),
                ),
        )
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<&'static str, error::WebError> {
    state.store.ping().await?;
    Ok("ok")
}
