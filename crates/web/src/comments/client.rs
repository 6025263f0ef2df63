//! Who is commenting, as far as the server can tell: the peer address (or,
//! behind a proxy listed in `stats.trusted_proxies`, the client address the
//! proxy reports), the browser, and where the request came from.
//!
//! The address and the visitor hash use the statistics' own code
//! ([`crate::stats::client_ip`], [`khabar_stats::VisitorId`]), so a reader is
//! one visitor to both and a spoofed `X-Forwarded-For` fools neither.

use super::CommentsState;
use crate::AppState;
use crate::error::WebError;
use axum::http::{HeaderMap, header};
use jiff::Timestamp;
use khabar_stats::{Salt, VisitorId};
use std::net::{IpAddr, SocketAddr};

/// The peer address the server loop recorded (absent in in-process tests).
pub(crate) struct PeerAddr(pub Option<SocketAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PeerAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(PeerAddr(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

/// Who is submitting: the connection's peer and the request headers.
pub(crate) struct Client<'a> {
    pub addr: Option<SocketAddr>,
    pub headers: &'a HeaderMap,
}

impl Client<'_> {
    /// The reader's address: the peer's, unless the peer is a trusted proxy.
    pub(crate) fn ip(&self, c: &CommentsState) -> Option<IpAddr> {
        let forwarded: Vec<&str> = self
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let forwarded = forwarded.join(",");
        crate::stats::client_ip(
            self.addr.map(|a| a.ip()),
            (!forwarded.is_empty()).then_some(forwarded.as_str()),
            &c.trusted_proxies,
        )
    }
}

/// The rate limiter's keys of one submission.
pub(crate) struct VisitorKeys {
    /// Hex of the day's [`VisitorId`] of address and browser: stored with the
    /// comment, and the reputation of a commenter without an email.
    pub visitor: String,
    /// The address's network (/24, /48).
    pub network: String,
}

/// The visitor hash and network of `client` on `now`'s day (UTC), under the
/// day key derived from the comment secret.
pub(crate) fn visitor_keys(
    state: &AppState,
    c: &CommentsState,
    client: &Client<'_>,
    now: Timestamp,
) -> VisitorKeys {
    let ip = client.ip(c);
    let ua = client
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let day = now.as_second().div_euclid(86_400);
    let salt = Salt {
        day: i32::try_from(day).unwrap_or_default(),
        key: khabar_comments::visitor_day_key(&c.secret, day),
    };
    let site = khabar_stats::referrer::host_of(&state.site().base_url).unwrap_or_default();
    let ip_text = ip.map(|ip| ip.to_string()).unwrap_or_default();
    let id = VisitorId::new(&salt, &ip_text, ua, &site);
    let prefix = ip.map_or_else(|| "unknown".to_string(), super::limiter::address_prefix);
    VisitorKeys {
        visitor: id.0.iter().map(|b| format!("{b:02x}")).collect(),
        network: format!("net:{prefix}"),
    }
}

/// Refuses a request sent by another site: a browser says where a form
/// came from in `Sec-Fetch-Site` and `Origin`. Clients that send neither
/// (scripts, old browsers) are left to the signed token (or, for a
/// deletion, the secret key).
pub(crate) fn ensure_same_origin(state: &AppState, headers: &HeaderMap) -> Result<(), WebError> {
    if let Some(site) = headers.get("sec-fetch-site")
        && !matches!(site.as_bytes(), b"same-origin" | b"none")
    {
        return Err(WebError::Forbidden("cross_site"));
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null");
        let host_origin = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(|h| (format!("http://{h}"), format!("https://{h}")));
        let same = origin == state.site().base_url
            || host_origin.is_some_and(|(a, b)| origin == a || origin == b);
        if !same {
            return Err(WebError::Forbidden("cross_site"));
        }
    }
    Ok(())
}
