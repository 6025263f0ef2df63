//! The reading site: home, article, section, tag and author pages.

mod article;

pub(crate) use article::{article_page, article_view, public_article_by_raw_id};
mod home;
mod listing;

use crate::AppState;
use crate::error::WebError;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show_home))
        .route("/article/{id}", get(article::redirect_to_canonical))
        .route("/article/{id}/{slug}", get(article::show_article))
        .route("/section/{slug}", get(listing::show_section))
        .route("/tag/{slug}", get(listing::show_tag))
        .route("/author/{slug}", get(listing::show_author))
}

/// Renders a template into a cacheable HTML response.
pub(crate) fn html_page(
    state: &AppState,
    page: impl askama::Template,
) -> Result<Response, WebError> {
    let html = page
        .render()
        .map_err(|e| WebError::Internal(anyhow::Error::new(e)))?;
    let mut res = Html(html).into_response();
    let cache = format!(
        "public, max-age={}, stale-while-revalidate=300",
        state.site().page_max_age
    );
    if let Ok(v) = HeaderValue::from_str(&cache) {
        res.headers_mut().insert(header::CACHE_CONTROL, v);
    }
    Ok(res)
}

/// Parses a 1-based page number written with any digit set («٢» is 2).
/// Absent means 1.
///
/// # Errors
/// `invalid_page` for anything that is not a positive whole number.
pub(crate) fn parse_page(raw: Option<&str>) -> Result<u64, WebError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(1),
        Some(s) => khabar_arabic::digits::parse_u64(s)
            .filter(|n| *n >= 1)
            .ok_or(WebError::BadRequest("invalid_page")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_any_digits() {
        assert_eq!(parse_page(None).ok(), Some(1));
        assert_eq!(parse_page(Some("2")).ok(), Some(2));
        assert_eq!(parse_page(Some("٣")).ok(), Some(3));
        assert!(parse_page(Some("0")).is_err());
        assert!(parse_page(Some("-1")).is_err());
        assert!(parse_page(Some("abc")).is_err());
        assert!(parse_page(Some("99999999999999999999999")).is_err());
    }
}
