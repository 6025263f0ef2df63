//! View counts and visitor statistics on the reading site.
//!
//! - `POST /api/v1/hits` (the beacon, JSON `{"article_id": N, "referrer": "…"}`)
//!   and `GET /api/v1/hits?article_id=N` (the `<noscript>` pixel) count a view
//!   and answer at once (204, or a 1×1 GIF); bots, prefetches, drafts and
//!   unknown ids get the same answer and are not counted.
//! - `GET /api/v1/articles/{id}/views` gives the count and its Arabic label
//!   («128 مشاهدة»), cacheable for a few seconds.
//! - `GET /api/v1/stats/visitors` gives the visitor badge's numbers when
//!   `stats.visitor_badge` is on.
//!
//! The private dashboard data (per-day report, top articles, referrers …)
//! is read from [`khabar_store::StatsStore`] by the newsroom's statistics
//! pages (`/newsroom/stats`, which use [`range`], [`labels`] and [`report`]
//! from here) and the `khabar stats` command; nothing private is served
//! here.

mod client;
pub mod labels;
mod pages;
pub mod range;
pub mod report;
mod state;

pub(crate) use client::client_ip;
pub use client::parse_proxy;
pub(crate) use pages::{most_read_cards, views_label};
pub use state::{Stats, StatsSettings};

use crate::AppState;
use crate::error::WebError;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use khabar_core::ArticleId;
use khabar_i18n::Noun;
use serde::{Deserialize, Serialize};
use state::HitRequest;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Largest beacon body: an id and a referrer URL.
const MAX_HIT_BODY: usize = 4 * 1024;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/hits", get(pixel_hit).post(beacon_hit))
        .route("/api/v1/articles/{id}/views", get(article_views))
        .route("/api/v1/stats/visitors", get(visitor_badge))
}

#[derive(Debug, Deserialize)]
struct BeaconBody {
    article_id: i64,
    #[serde(default)]
    referrer: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PixelQuery {
    article_id: Option<String>,
    #[serde(default)]
    referrer: Option<String>,
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn count_hit(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
    id: i64,
    referrer: &str,
) {
    let Some(stats) = state.stats.as_ref() else {
        return;
    };
    if id <= 0 {
        return;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let forwarded = forwarded.join(",");
    let req = HitRequest {
        peer: peer.map(|p| p.ip()),
        forwarded_for: (!forwarded.is_empty()).then_some(forwarded.as_str()),
        user_agent: header(headers, "user-agent"),
        purpose: header(headers, "sec-purpose")
            .or_else(|| header(headers, "purpose"))
            .or_else(|| header(headers, "x-purpose")),
        x_moz: header(headers, "x-moz"),
        do_not_track: header(headers, "dnt").is_some_and(|v| v.trim() == "1"),
        global_privacy_control: header(headers, "sec-gpc").is_some_and(|v| v.trim() == "1"),
    };
    // A counting failure (database unavailable) must not fail the reader's
    // request: log it and answer as usual.
    if let Err(e) = stats.record(state, &req, ArticleId(id), referrer).await {
        tracing::warn!(error = %e, "hit not counted");
    }
}

fn peer_of(req: &Request) -> Option<SocketAddr> {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr)
}

/// `POST /api/v1/hits`: the beacon. Any content type (sendBeacon sends
/// text/plain); the body must be the JSON object.
async fn beacon_hit(State(state): State<AppState>, req: Request) -> Result<Response, WebError> {
    let peer = peer_of(&req);
    let (parts, body) = req.into_parts();
    let bytes: Bytes = axum::body::to_bytes(body, MAX_HIT_BODY)
        .await
        .map_err(|_| WebError::PayloadTooLarge("hit_too_large"))?;
    let hit: BeaconBody =
        serde_json::from_slice(&bytes).map_err(|_| WebError::BadRequest("invalid_hit"))?;
    let referrer = hit.referrer.as_deref().unwrap_or("");
    count_hit(&state, &parts.headers, peer, hit.article_id, referrer).await;
    Ok(no_store(StatusCode::NO_CONTENT.into_response()))
}

/// A transparent 1×1 GIF.
const PIXEL: &[u8] = &[
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

/// `GET /api/v1/hits?article_id=N`: the `<noscript>` pixel.
async fn pixel_hit(
    State(state): State<AppState>,
    Query(q): Query<PixelQuery>,
    req: Request,
) -> Result<Response, WebError> {
    let id = q
        .article_id
        .as_deref()
        .and_then(khabar_arabic::digits::parse_u64)
        .and_then(|n| i64::try_from(n).ok())
        .ok_or(WebError::BadRequest("invalid_hit"))?;
    let peer = peer_of(&req);
    let referrer = q.referrer.as_deref().unwrap_or("");
    count_hit(&state, req.headers(), peer, id, referrer).await;
    let res = ([(header::CONTENT_TYPE, "image/gif")], PIXEL).into_response();
    Ok(no_store(res))
}

fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn cache_for(mut res: Response, secs: u64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&format!("public, max-age={secs}")) {
        res.headers_mut().insert(header::CACHE_CONTROL, v);
    }
    res
}

#[derive(Debug, Serialize)]
struct ViewsJson {
    id: i64,
    views: u64,
    label: String,
}

/// `GET /api/v1/articles/{id}/views`: tiny, cacheable for seconds, so pages
/// can stay cached while the count stays fresh.
async fn article_views(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let id = khabar_arabic::digits::parse_u64(&raw_id)
        .and_then(|n| i64::try_from(n).ok())
        .map(ArticleId)
        .ok_or(WebError::NotFound("article_not_found"))?;
    state
        .store
        .article(id)
        .await?
        .filter(|a| a.is_public(jiff::Timestamp::now()))
        .ok_or(WebError::NotFound("article_not_found"))?;
    let views = views_of(&state, id).await?;
    let body = Json(ViewsJson {
        id: id.0,
        views,
        label: state.l().count(Noun::View, views),
    });
    Ok(cache_for(body.into_response(), 5))
}

/// An article's views (0 when statistics are off).
pub(crate) async fn views_of(state: &AppState, id: ArticleId) -> Result<u64, WebError> {
    match state.stats.as_ref() {
        Some(stats) => Ok(stats.views(id).await?),
        None => Ok(0),
    }
}

#[derive(Debug, Serialize)]
struct BadgeJson {
    visitors_today: u64,
    /// The sum of every day's visitors (a visitor is known for one day).
    visitors_total: u64,
    views_today: u64,
    views_total: u64,
    online: u64,
    /// «12 زائرًا»: today's visitors, as the badge used to show alone.
    label: String,
    /// The three figures as the badge shows them, in the site's language,
    /// plural forms and digits.
    labels: BadgeLabels,
}

#[derive(Debug, Serialize)]
struct BadgeLabels {
    today: String,
    total: String,
    online: String,
}

/// `GET /api/v1/stats/visitors`: the header badge's numbers. Cacheable for
/// 30 s, so the badge costs the pages nothing and the database little.
async fn visitor_badge(State(state): State<AppState>) -> Result<Response, WebError> {
    let stats = state
        .stats
        .as_ref()
        .filter(|s| s.settings().visitor_badge)
        .ok_or(WebError::NotFound("not_found"))?;
    let now = jiff::Timestamp::now();
    let totals = stats.store().site_totals(stats.day_of(now)).await?;
    let online = stats.reading_now().0;
    let l = state.l();
    let body = Json(BadgeJson {
        label: l.count(Noun::Visitor, totals.visitors_today),
        labels: BadgeLabels {
            today: l.count(Noun::Visitor, totals.visitors_today),
            total: l.count(Noun::Visitor, totals.visitors_total),
            online: l.count(Noun::Visitor, online),
        },
        visitors_today: totals.visitors_today,
        visitors_total: totals.visitors_total,
        views_today: totals.views_today,
        views_total: totals.views_total,
        online,
    });
    Ok(cache_for(body.into_response(), 30))
}

/// Flushes every `interval` until `stop` resolves, then once more, so a
/// graceful shutdown loses nothing. Prunes old raw data once an hour.
pub async fn run_flusher(
    stats: Arc<Stats>,
    interval: Duration,
    stop: impl std::future::Future<Output = ()>,
) {
    let mut tick = tokio::time::interval(interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_prune: Option<std::time::Instant> = None;
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                if let Err(e) = stats.flush().await {
                    tracing::error!(error = %e, "statistics flush failed; kept for the next try");
                }
                if last_prune.is_none_or(|t| t.elapsed() > Duration::from_secs(3600)) {
                    last_prune = Some(std::time::Instant::now());
                    if let Err(e) = stats.prune(jiff::Timestamp::now()).await {
                        tracing::warn!(error = %e, "statistics pruning failed");
                    }
                }
            }
            () = &mut stop => break,
        }
    }
    match stats.flush().await {
        Ok(r) => tracing::info!(views = r.views, "final statistics flush"),
        Err(e) => tracing::error!(error = %e, "final statistics flush failed"),
    }
}
