//! Search: the `/search` page, `GET /api/v1/search`, title suggestions, and
//! the «اقرأ أيضا» pieces of the article page.
//!
//! The query string is decoded leniently (invalid UTF-8 becomes U+FFFD), the
//! reader's text goes through [`ReaderQuery::parse`] (no query syntax), and
//! every filter that cannot be understood is a 400 with a code — never a 500.

mod page;
pub mod pins;

use crate::AppState;
use crate::error::WebError;
use crate::urls;
use crate::views::Link;
use axum::Json;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;
use jiff::Timestamp;
use khabar_core::ArticleId;
use khabar_markup::RenderedBody;
use khabar_search::search::{MAX_LIMIT, MAX_OFFSET};
use khabar_search::{ReaderQuery, SearchRequest, SearchService};
use serde::Serialize;
use std::sync::Arc;

/// Paragraphs an article needs before it gets an inline «اقرأ أيضا» link.
pub const MIN_PARAGRAPHS_FOR_READ_ALSO: usize = 4;

/// The search feature's share of [`AppState`].
#[derive(Debug, Clone)]
pub struct SearchFeature {
    pub service: Arc<SearchService>,
    /// The inline link goes after this paragraph; 0 = no inline link.
    pub read_also_after_paragraph: usize,
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/search", get(page::show_search))
        .route("/api/v1/search", get(search_api))
        .route("/api/v1/search/suggest", get(suggest_api))
}

/// The query string as pairs, decoded leniently.
pub(crate) fn params(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub(crate) fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

fn number(
    params: &[(String, String)],
    key: &str,
    code: &'static str,
) -> Result<Option<u64>, WebError> {
    param(params, key)
        .map(|s| khabar_arabic::digits::parse_u64(s.trim()).ok_or(WebError::BadRequest(code)))
        .transpose()
}

pub(crate) fn feature(state: &AppState) -> Result<&SearchFeature, WebError> {
    state
        .search
        .as_deref()
        .ok_or(WebError::NotFound("search_unavailable"))
}

#[derive(Debug, Serialize)]
struct SearchItem {
    id: i64,
    title: String,
    url: String,
    snippet_html: String,
}

#[derive(Debug, Serialize)]
struct SearchJson {
    items: Vec<SearchItem>,
    total: u64,
}

/// `GET /api/v1/search?q=&limit=&offset=`.
async fn search_api(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchJson>, WebError> {
    let search = feature(&state)?;
    let params = params(raw.as_deref());
    let limit = number(&params, "limit", "invalid_limit")?.unwrap_or(10);
    if !(1..=u64::from(MAX_LIMIT)).contains(&limit) {
        return Err(WebError::BadRequest("invalid_limit"));
    }
    let offset = number(&params, "offset", "invalid_offset")?.unwrap_or(0);
    let request = SearchRequest {
        query: ReaderQuery::parse(param(&params, "q").unwrap_or("")),
        limit: u32::try_from(limit).unwrap_or(MAX_LIMIT),
        offset: offset.min(MAX_OFFSET),
        ..SearchRequest::default()
    };
    let results = search.service.search(request).await?;
    let base = &state.site().base_url;
    Ok(Json(SearchJson {
        total: results.total,
        items: results
            .hits
            .into_iter()
            .map(|h| SearchItem {
                id: h.id.0,
                url: format!("{base}{}", urls::article(h.id, &h.slug)),
                title: h.title,
                snippet_html: h.snippet_html,
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize)]
struct Suggestion {
    title: String,
    url: String,
}

/// `GET /api/v1/search/suggest?q=`: up to 6 titles for the search box.
async fn suggest_api(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vec<Suggestion>>, WebError> {
    let search = feature(&state)?;
    let params = params(raw.as_deref());
    let request = SearchRequest {
        query: ReaderQuery::parse(param(&params, "q").unwrap_or("")),
        limit: 6,
        ..SearchRequest::default()
    };
    let results = search.service.search(request).await?;
    Ok(Json(
        results
            .hits
            .into_iter()
            .map(|h| Suggestion {
                url: urls::article(h.id, &h.slug),
                title: h.title,
            })
            .collect(),
    ))
}

/// What the article page shows of search: the body with the inline link,
/// and the related list.
pub(crate) struct ArticleExtras {
    pub body_html: String,
    pub related: Vec<Link>,
}

/// The body with «اقرأ أيضا: <a>…</a>» after the configured paragraph (when
/// the article is long enough and a related article exists), and the
/// related list: pinned links first (the inline link is the first of them),
/// then the stored computed list. One indexed query; no search happens here.
///
/// # Errors
/// Store errors.
pub(crate) async fn article_extras(
    state: &AppState,
    id: ArticleId,
    body: &RenderedBody,
) -> Result<ArticleExtras, WebError> {
    let Some(search) = state.search.as_deref() else {
        return Ok(ArticleExtras {
            body_html: body.to_html(),
            related: Vec::new(),
        });
    };
    let related: Vec<Link> = search
        .service
        .shown_related(id, Timestamp::now())
        .await
        .map_err(WebError::Internal)?
        .into_iter()
        .map(|r| Link {
            url: urls::article(r.id, &r.slug),
            name: r.title,
        })
        .collect();
    let after = search.read_also_after_paragraph;
    let point = (after > 0
        && body.paragraph_count() >= MIN_PARAGRAPHS_FOR_READ_ALSO.max(after + 1))
    .then(|| body.insertion_point(after))
    .flatten();
    let body_html = match (point, related.first()) {
        (Some(point), Some(first)) => {
            let label = state.l().t("read-also");
            let aside = format!(
                "<aside class=\"read-also\"><strong>{}:</strong> <a href=\"{}\" dir=\"auto\">{}</a></aside>",
                escape(&label),
                escape(&first.url),
                escape(&first.name)
            );
            body.to_html_with_insert(Some(point), &aside)
        }
        _ => body.to_html(),
    };
    Ok(ArticleExtras { body_html, related })
}

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Parses `YYYY-MM-DD` (any digits) as the start of that day in the site's
/// time zone.
pub(crate) fn parse_day(state: &AppState, raw: &str) -> Result<Timestamp, WebError> {
    let western = khabar_arabic::digits::to_western(raw.trim());
    let date: jiff::civil::Date = western
        .parse()
        .map_err(|_| WebError::BadRequest("invalid_date"))?;
    date.to_zoned(state.site().locale.time_zone.clone())
        .map(|z| z.timestamp())
        .map_err(|_| WebError::BadRequest("invalid_date"))
}
