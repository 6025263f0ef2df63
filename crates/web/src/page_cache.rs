//! A short-lived in-memory cache of rendered public pages.
//!
//! A news site's traffic is many readers on few pages; rendering each of them
//! once per second instead of once per request is what lets one server take a
//! spike without a CDN. Entries live `ttl` (default 2 s, `site.page_cache_ms`)
//! and are dropped at once by [`PageCache::invalidate`], which every write made
//! through this server calls; writes from elsewhere (the CLI, another server)
//! show up when the entry expires.
//!
//! Only anonymous `GET`s of successful HTML pages are cached: a request with a
//! cookie or an `Authorization` header passes through untouched, and so does
//! any response that sets a cookie or says `no-store`/`private`.

use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Pages bigger than this are not kept (a rendered page is ~40 KB).
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone)]
struct Entry {
    stored_at: Instant,
    generation: u64,
    headers: HeaderMap,
    body: Bytes,
}

/// The cache and its invalidation counter.
pub struct PageCache {
    entries: quick_cache::sync::Cache<String, Entry>,
    generation: AtomicU64,
    ttl: Duration,
}

impl PageCache {
    /// A cache keeping at most `capacity` pages for `ttl` each; a zero `ttl`
    /// turns caching off.
    pub fn new(capacity: usize, ttl: Duration) -> PageCache {
        PageCache {
            entries: quick_cache::sync::Cache::new(capacity.max(1)),
            generation: AtomicU64::new(0),
            ttl,
        }
    }

    /// Forgets every cached page (call after any write readers can see).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Release);
    }

    fn fresh(&self, key: &str) -> Option<Entry> {
        let entry = self.entries.get(key)?;
        (entry.generation == self.generation.load(Ordering::Acquire)
            && entry.stored_at.elapsed() < self.ttl)
            .then_some(entry)
    }
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("pages", &self.entries.len())
            .field("ttl", &self.ttl)
            .finish()
    }
}

fn cacheable_request(req: &Request) -> bool {
    req.method() == Method::GET
        && !req.headers().contains_key(header::COOKIE)
        && !req.headers().contains_key(header::AUTHORIZATION)
}

fn cacheable_response(res: &Response) -> bool {
    let headers = res.headers();
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let private = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store") || v.contains("private"));
    res.status() == StatusCode::OK && html && !private && !headers.contains_key(header::SET_COOKIE)
}

/// The middleware: answer from the cache when a fresh copy exists, otherwise
/// render and keep the result.
pub async fn cache_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.pages;
    if cache.ttl.is_zero() || !cacheable_request(&req) {
        return next.run(req).await;
    }
    let key = req.uri().path_and_query().map_or_else(
        || req.uri().path().to_string(),
        |pq| pq.as_str().to_string(),
    );
    if let Some(entry) = cache.fresh(&key) {
        let mut res = Response::new(Body::from(entry.body));
        *res.headers_mut() = entry.headers;
        return res;
    }
    let generation = cache.generation.load(Ordering::Acquire);
    let res = next.run(req).await;
    if !cacheable_response(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => {
            cache.entries.insert(
                key,
                Entry {
                    stored_at: Instant::now(),
                    generation,
                    headers: parts.headers.clone(),
                    body: bytes.clone(),
                },
            );
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => {
            tracing::error!(error = %e, "page body could not be buffered");
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            res
        }
    }
}
