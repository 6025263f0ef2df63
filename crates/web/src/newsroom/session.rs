//! Sessions: random 256-bit tokens in an `HttpOnly; SameSite=Lax` cookie
//! (`Secure` with the `__Host-` prefix over https), stored server-side as
//! SHA-256 so a database copy signs no one in; idle and absolute expiry;
//! the [`Signed`] extractor; CSRF checks.

use super::Newsroom;
use crate::AppState;
use crate::error::WebError;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use khabar_core::{Action, Ownership, User, can};
use khabar_store::Session;
use sha2::{Digest, Sha256};

/// `n` random bytes from the OS, hex-encoded.
pub(crate) fn random_hex(n: usize) -> Result<String, WebError> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf)
        .map_err(|e| WebError::Internal(anyhow::anyhow!("random source: {e}")))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// The SHA-256 (hex) under which a session token is stored.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(crate) fn cookie_name(nr: &Newsroom) -> &'static str {
    if nr.settings.secure_cookies {
        "__Host-khabar_session"
    } else {
        "khabar_session"
    }
}

/// The `Set-Cookie` value that stores `token` (or, with `None`, deletes the cookie).
pub(crate) fn session_cookie(nr: &Newsroom, token: Option<&str>) -> String {
    let secure = if nr.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let (value, max_age) = match token {
        Some(t) => (t, nr.settings.session_max.as_secs()),
        None => ("", 0),
    };
    format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        cookie_name(nr)
    )
}

/// The value of cookie `name` in the request headers.
pub(crate) fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Constant-time equality, for tokens.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A request from a signed-in, enabled account with a live session.
pub struct Signed {
    pub user: User,
    pub session: Session,
}

impl Signed {
    /// Refuses the request unless it carries this session's form token.
    ///
    /// # Errors
    /// `WebError::Forbidden("csrf")`.
    pub(crate) fn ensure_csrf(&self, token: &str) -> Result<(), WebError> {
        if same_token(token, &self.session.csrf_token) {
            Ok(())
        } else {
            Err(WebError::Forbidden("csrf"))
        }
    }

    /// Refuses the request unless the account's role allows `action`.
    ///
    /// # Errors
    /// `WebError::Forbidden("forbidden")`.
    pub(crate) fn ensure(&self, action: Action, ownership: Ownership) -> Result<(), WebError> {
        if can(self.user.role, action, ownership) {
            Ok(())
        } else {
            Err(WebError::Forbidden("forbidden"))
        }
    }
}

/// Why a request has no usable session: sent to the sign-in page.
pub struct SignInRequired {
    next: String,
    expired: bool,
}

impl IntoResponse for SignInRequired {
    fn into_response(self) -> Response {
        let mut url = format!(
            "/newsroom/login?next={}",
            percent_encoding::utf8_percent_encode(&self.next, percent_encoding::NON_ALPHANUMERIC)
        );
        if self.expired {
            url.push_str("&expired=1");
        }
        super::see_other(&url)
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let nr = state.newsroom().map_err(IntoResponse::into_response)?;
        // After signing in again, back to the page (for a refused article
        // save: its editor, where the browser's copy of the text is offered).
        let path = parts.uri.path();
        let next = if parts.method == Method::GET
            || (path.starts_with("/newsroom/articles/")
                && !path.contains("/revisions/")
                && !path.ends_with("/preview"))
        {
            path.to_string()
        } else {
            "/newsroom/".to_string()
        };
        let Some(token) = read_cookie(&parts.headers, cookie_name(nr)) else {
            return Err(SignInRequired {
                next,
                expired: false,
            }
            .into_response());
        };
        let hash = token_hash(&token);
        let expired = || {
            SignInRequired {
                next: next.clone(),
                expired: true,
            }
            .into_response()
        };
        let session = match nr.accounts.session(&hash).await {
            Ok(Some(s)) => s,
            Ok(None) => return Err(expired()),
            Err(e) => return Err(WebError::from(e).into_response()),
        };
        let now = Timestamp::now();
        let idle = now.as_second() - session.last_seen_at.as_second();
        let age = now.as_second() - session.created_at.as_second();
        let too_old = |secs: i64, limit: std::time::Duration| {
            u64::try_from(secs).is_ok_and(|s| s > limit.as_secs())
        };
        if too_old(idle, nr.settings.session_idle) || too_old(age, nr.settings.session_max) {
            let _ = nr.accounts.delete_session(&hash).await;
            return Err(expired());
        }
        let user = match nr.accounts.user(session.user_id).await {
            Ok(Some(u)) if !u.disabled => u,
            Ok(_) => return Err(expired()),
            Err(e) => return Err(WebError::from(e).into_response()),
        };
        // One write a minute per session at most.
        if idle >= 60 {
            nr.accounts
                .touch_session(&hash, now)
                .await
                .map_err(|e| WebError::from(e).into_response())?;
        }
        Ok(Signed { user, session })
    }
}

/// The origin (`scheme://host[:port]`, lower case, default port left out) of
/// an absolute http(s) URL, as a browser writes it in an `Origin` header.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let host = authority.strip_suffix(default_port).unwrap_or(&authority);
    if host.is_empty() || host.contains('@') {
        return None;
    }
    Some(format!("{scheme}://{host}"))
}

/// Returns true if and only if an `Origin` header value names this site:
/// the configured public origin when there is one (a proxy may rewrite the
/// `Host` header, so it proves nothing), else the request's own `Host`.
fn origin_allowed(origin: &str, public_origin: Option<&str>, host: &str) -> bool {
    match public_origin {
        Some(expected) => origin_of(origin).is_some_and(|o| o == expected),
        None => origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            .is_some_and(|h| !host.is_empty() && h.eq_ignore_ascii_case(host)),
    }
}

/// Refuses state-changing requests another site made a browser send: the
/// browser's `Sec-Fetch-Site` must be `same-origin` (or `none`, typed by the
/// user), and an `Origin`, when sent, must be this site's (see
/// [`origin_allowed`]).
pub(crate) async fn same_origin_only(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if matches!(fetch_site, Some(s) if s != "same-origin" && s != "none") {
        return WebError::Forbidden("cross_site").into_response();
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let public_origin = state
            .newsroom
            .as_ref()
            .and_then(|nr| nr.settings.public_origin.as_deref());
        let ok = origin
            .to_str()
            .is_ok_and(|o| origin_allowed(o, public_origin, host));
        if !ok {
            return WebError::Forbidden("cross_site").into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_like_browsers_write_them() {
        assert_eq!(
            origin_of("https://News.Example.com/ar/").as_deref(),
            Some("https://news.example.com")
        );
        assert_eq!(
            origin_of("https://news.example.com:443").as_deref(),
            Some("https://news.example.com")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin_of("ftp://x"), None);
        assert_eq!(origin_of("https://"), None);
        let public = Some("https://news.example.com");
        // Behind a proxy that rewrites Host: the public origin decides.
        assert!(origin_allowed(
            "https://news.example.com",
            public,
            "127.0.0.1:8080"
        ));
        assert!(!origin_allowed(
            "http://127.0.0.1:8080",
            public,
            "127.0.0.1:8080"
        ));
        assert!(!origin_allowed(
            "https://evil.example",
            public,
            "news.example.com"
        ));
        assert!(!origin_allowed("null", public, "news.example.com"));
        // Without a configured base URL, the Host header is the reference.
        assert!(origin_allowed(
            "http://127.0.0.1:8080",
            None,
            "127.0.0.1:8080"
        ));
        assert!(!origin_allowed(
            "https://evil.example",
            None,
            "127.0.0.1:8080"
        ));
    }
}
