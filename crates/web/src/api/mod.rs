//! The read-only JSON API under `/api/v1`. Errors are `{"error": "<code>"}`
//! with the matching status (see `error::error_pages`).

mod articles;

use crate::AppState;
use axum::Router;
use axum::routing::get;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/articles", get(articles::list_articles))
        .route("/articles/{id}", get(articles::get_article))
}
