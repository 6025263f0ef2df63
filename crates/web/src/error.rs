//! One error type for handlers, and the middleware that turns every error
//! response — ours, axum's extractor rejections, timeouts, body limits, panics —
//! into a localised HTML page or, under `/api/`, `{"error": "<code>"}`.
//!
//! Internal errors are logged with their cause chain and never echoed.

use crate::AppState;
use crate::views::{Chrome, ErrorPage};
use askama::Template;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use khabar_store::StoreError;

/// A stable error code carried from a handler to the error middleware.
#[derive(Debug, Clone, Copy)]
pub struct ErrorCode(pub &'static str);

/// Marks a response whose body is already a finished error page or JSON error.
#[derive(Debug, Clone, Copy)]
struct Finished;

/// What a handler can fail with. Each variant is an HTTP answer.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// 404 with a code such as `article_not_found`.
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// 400 with a code such as `invalid_page`.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// 403 with a code such as `cross_site` or `comments_closed`.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// 409 with a code such as `duplicate`.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// 422 with a validation code such as `body_too_long`.
    #[error("invalid input: {0}")]
    Unprocessable(&'static str),
    /// 429 with a `Retry-After` of `retry_after` seconds.
    #[error("too many requests: {code}")]
    TooManyRequests {
        code: &'static str,
        retry_after: u64,
    },
    /// 413 with a code such as `hit_too_large`.
    #[error("payload too large: {0}")]
    PayloadTooLarge(&'static str),
    /// 500; the cause is logged, the client sees a generic page.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        WebError::Internal(anyhow::Error::new(e))
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            WebError::NotFound(code) => (StatusCode::NOT_FOUND, *code),
            WebError::BadRequest(code) => (StatusCode::BAD_REQUEST, *code),
            WebError::Forbidden(code) => (StatusCode::FORBIDDEN, *code),
            WebError::Conflict(code) => (StatusCode::CONFLICT, *code),
            WebError::Unprocessable(code) => (StatusCode::UNPROCESSABLE_ENTITY, *code),
            WebError::TooManyRequests { code, .. } => (StatusCode::TOO_MANY_REQUESTS, *code),
            WebError::PayloadTooLarge(code) => (StatusCode::PAYLOAD_TOO_LARGE, *code),
            WebError::Internal(e) => {
                tracing::error!(error = ?e, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        let mut res = status.into_response();
        if let WebError::TooManyRequests { retry_after, .. } = &self {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
        }
        res.extensions_mut().insert(ErrorCode(code));
        res
    }
}

/// Marks an error-status response (a form shown again with its messages, a
/// conflict page) as complete, so the error middleware leaves its body alone.
pub fn keep_body(mut res: Response) -> Response {
    res.extensions_mut().insert(Finished);
    res
}

/// Marks `res` as a finished page, so the error middleware passes its 4xx
/// status through untouched (a form shown again with its message).
pub(crate) fn keep_as_is(res: &mut Response) {
    res.extensions_mut().insert(Finished);
}

/// The fallback for every unknown path.
pub async fn not_found() -> WebError {
    WebError::NotFound("not_found")
}

fn default_code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::CONFLICT => "conflict",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid_input",
        StatusCode::TOO_MANY_REQUESTS => "too_many_requests",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::CONFLICT => "conflict",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        s if s.is_server_error() => "internal",
        _ => "bad_request",
    }
}

/// The message keys of the error page for a status.
fn page_keys(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::NOT_FOUND => ("not-found-title", "not-found-body"),
        StatusCode::FORBIDDEN => ("bad-request-title", "forbidden-body"),
        StatusCode::CONFLICT => ("bad-request-title", "conflict-body"),
        StatusCode::METHOD_NOT_ALLOWED => ("bad-request-title", "method-not-allowed-body"),
        StatusCode::REQUEST_TIMEOUT => ("error-title", "timeout-body"),
        StatusCode::PAYLOAD_TOO_LARGE => ("bad-request-title", "too-large-body"),
        StatusCode::TOO_MANY_REQUESTS => ("error-title", "too-many-requests-body"),
        s if s.is_server_error() => ("error-title", "error-body"),
        _ => ("bad-request-title", "bad-request-body"),
    }
}

/// Renders every error response as the site's own page or JSON error.
pub async fn error_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error())
        || res.extensions().get::<Finished>().is_some()
    {
        return res;
    }
    let code = res
        .extensions()
        .get::<ErrorCode>()
        .map_or_else(|| default_code(status), |c| c.0);
    let (parts, _) = res.into_parts();
    let mut out = if is_api {
        axum::Json(serde_json::json!({ "error": code })).into_response()
    } else {
        html_error_page(&state, status, code).await
    };
    *out.status_mut() = status;
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out.extensions_mut().insert(Finished);
    out
}

async fn html_error_page(state: &AppState, status: StatusCode, code: &str) -> Response {
    let (title_key, body_key) = page_keys(status);
    let l = state.l();
    // A code with its own message (`error-<code>`) says more than the status.
    let specific = format!("error-{}", code.replace('_', "-"));
    let body_key = if l.has(&specific) {
        specific.as_str()
    } else {
        body_key
    };
    // The navigation is a courtesy on an error page; an unavailable database
    // must not turn a 404 into a 500.
    let sections = state.store.sections().await.unwrap_or_default();
    let title = l.t(title_key);
    let page = ErrorPage {
        chrome: Chrome::new(state, &l, &sections, &title, "", "", None),
        status: status.as_u16(),
        title: title.clone(),
        message: l.t(body_key),
    };
    match page.render() {
        Ok(html) => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            Body::from(html),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            (
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "خطأ — Error",
            )
                .into_response()
        }
    }
}
