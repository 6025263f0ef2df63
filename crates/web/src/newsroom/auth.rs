//! Sign-in, sign-out, ending other sessions, the interface language and the
//! audit log. Failed sign-ins are throttled per account and per address with
//! a growing back-off; every refusal reads the same, so the page never tells
//! whether an address has an account.

use super::session::{Signed, cookie_name, random_hex, read_cookie, session_cookie, token_hash};
use super::views::{AuditPage, AuditView, LoginPage, NrChrome, newsroom_lang};
use super::{Newsroom, page, see_other};
use crate::AppState;
use crate::error::WebError;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use jiff::Timestamp;
use khabar_core::{Action, Ownership, UserId, normalize_email};
use khabar_store::{AuditEntry, Session};
use serde::Deserialize;
use std::net::SocketAddr;

/// Failures allowed per account before the back-off starts.
const ACCOUNT_FREE_FAILURES: u32 = 4;
/// Failures allowed per address (several people share an office address).
const ADDRESS_FREE_FAILURES: u32 = 20;
/// The longest wait, in seconds.
const MAX_BACKOFF_SECS: i64 = 15 * 60;

/// Seconds to wait after `failures` when `free` are allowed: 2, 4, 8 … 900.
pub(crate) fn backoff_secs(failures: u32, free: u32) -> i64 {
    match failures.checked_sub(free) {
        None | Some(0) => 0,
        Some(n) => 2_i64.saturating_pow(n.min(20)).min(MAX_BACKOFF_SECS),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct LoginQuery {
    next: String,
    expired: Option<String>,
    lang: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct LoginForm {
    email: String,
    password: String,
    next: String,
    lang: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CsrfForm {
    csrf: String,
    lang: String,
}

/// Only newsroom paths: never an open redirect to another site.
fn safe_next(next: &str) -> String {
    if next.starts_with("/newsroom") && !next.contains("//") && !next.contains('\\') {
        next.to_string()
    } else {
        "/newsroom/".to_string()
    }
}

pub(crate) async fn audit(
    nr: &Newsroom,
    user: Option<UserId>,
    action: &str,
    target: &str,
    address: &str,
) -> Result<(), WebError> {
    nr.accounts
        .audit(&AuditEntry {
            at: Timestamp::now(),
            user_id: user,
            action: action.into(),
            target: target.into(),
            address: address.into(),
        })
        .await?;
    Ok(())
}

fn login_page(
    state: &AppState,
    lang: Option<&str>,
    status: StatusCode,
    email: String,
    next: String,
    error_key: Option<&str>,
    notice_key: Option<&str>,
) -> Result<Response, WebError> {
    let chrome = NrChrome::new(state, None, newsroom_lang(lang, None), "");
    let title = chrome.l.t("nr-login-title");
    let error = error_key.map(|k| chrome.l.t(k));
    let notice = notice_key.map(|k| chrome.l.t(k));
    let mut chrome = chrome;
    chrome.title = format!("{title} — {}", chrome.l.t("nr-newsroom"));
    page(
        status,
        LoginPage {
            chrome,
            email,
            next,
            error,
            notice,
        },
    )
}

pub(crate) async fn show_login(
    State(state): State<AppState>,
    Query(q): Query<LoginQuery>,
) -> Result<Response, WebError> {
    state.newsroom()?;
    let notice = q.expired.is_some().then_some("nr-session-expired");
    login_page(
        &state,
        q.lang.as_deref(),
        StatusCode::OK,
        String::new(),
        safe_next(&q.next),
        None,
        notice,
    )
}

pub(crate) async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let nr = state.newsroom()?.clone();
    let now = Timestamp::now();
    let address = peer.ip().to_string();
    let email = normalize_email(&form.email).unwrap_or_else(|_| form.email.trim().to_lowercase());
    let next = safe_next(&form.next);
    let lang = Some(form.lang.as_str()).filter(|s| !s.is_empty());
    let refuse = |status, key: &str| {
        login_page(
            &state,
            lang,
            status,
            form.email.clone(),
            next.clone(),
            Some(key),
            None,
        )
    };
    if form.password.chars().count() > 1024 || email.chars().count() > 254 {
        return refuse(StatusCode::UNAUTHORIZED, "nr-login-failed");
    }
    let account_key = format!("account:{email}");
    let address_key = format!("address:{address}");
    for (key, free) in [
        (&account_key, ACCOUNT_FREE_FAILURES),
        (&address_key, ADDRESS_FREE_FAILURES),
    ] {
        if let Some(f) = nr.accounts.login_failures(key).await? {
            let wait = backoff_secs(f.count, free);
            if wait > 0 && now.as_second() < f.last_at.as_second() + wait {
                audit(&nr, None, "login_throttled", &email, &address).await?;
                return refuse(StatusCode::TOO_MANY_REQUESTS, "nr-login-throttled");
            }
        }
    }
    let found = nr.accounts.user_by_email(&email).await?;
    let password = form.password.clone();
    let user = tokio::task::spawn_blocking(move || match found {
        Some((user, hash)) if super::password::verify(&password, &hash) && !user.disabled => {
            Some(user)
        }
        Some(_) => None,
        None => {
            super::password::verify_dummy(&password);
            None
        }
    })
    .await
    .map_err(|e| WebError::Internal(e.into()))?;
    let Some(user) = user else {
        nr.accounts.record_login_failure(&account_key, now).await?;
        nr.accounts.record_login_failure(&address_key, now).await?;
        audit(&nr, None, "login_failed", &email, &address).await?;
        return refuse(StatusCode::UNAUTHORIZED, "nr-login-failed");
    };
    nr.accounts.clear_login_failures(&account_key).await?;
    nr.accounts.clear_login_failures(&address_key).await?;
    let token = random_hex(32)?;
    nr.accounts
        .create_session(&Session {
            token_hash: token_hash(&token),
            user_id: user.id,
            csrf_token: random_hex(32)?,
            created_at: now,
            last_seen_at: now,
        })
        .await?;
    audit(&nr, Some(user.id), "login", &email, &address).await?;
    // Moderators have no article table: their start page is the queue.
    let next = if next == "/newsroom/" && user.role == khabar_core::Role::Moderator {
        "/newsroom/comments".to_string()
    } else {
        next
    };
    let mut res = see_other(&next);
    let cookie = HeaderValue::from_str(&session_cookie(&nr, Some(&token)))
        .map_err(|e| WebError::Internal(e.into()))?;
    res.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(res)
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    signed: Signed,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    let nr = state.newsroom()?;
    if let Some(token) = read_cookie(&headers, cookie_name(nr)) {
        nr.accounts.delete_session(&token_hash(&token)).await?;
    }
    audit(
        nr,
        Some(signed.user.id),
        "logout",
        &signed.user.email,
        &peer.ip().to_string(),
    )
    .await?;
    let mut res = see_other("/newsroom/login");
    let cookie = HeaderValue::from_str(&session_cookie(nr, None))
        .map_err(|e| WebError::Internal(e.into()))?;
    res.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(res)
}

pub(crate) async fn end_other_sessions(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    let nr = state.newsroom()?;
    let n = nr
        .accounts
        .delete_other_sessions(signed.user.id, &signed.session.token_hash)
        .await?;
    audit(
        nr,
        Some(signed.user.id),
        "end_other_sessions",
        &n.to_string(),
        &peer.ip().to_string(),
    )
    .await?;
    Ok(see_other("/newsroom/?notice=sessions-ended"))
}

pub(crate) async fn set_lang(
    State(state): State<AppState>,
    signed: Signed,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    let lang = if form.lang == "en" { "en" } else { "ar" };
    state
        .newsroom()?
        .accounts
        .set_lang(signed.user.id, lang)
        .await?;
    Ok(see_other("/newsroom/"))
}

pub(crate) async fn show_audit_log(
    State(state): State<AppState>,
    signed: Signed,
) -> Result<Response, WebError> {
    signed.ensure(Action::ViewAuditLog, Ownership::None)?;
    let nr = state.newsroom()?;
    let users = nr.accounts.users().await?;
    let entries = nr.accounts.audit_log(200).await?;
    let chrome = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(None, Some(&signed)),
        "",
    );
    let entries = entries
        .iter()
        .map(|e| AuditView {
            date: chrome.l.date_time(e.at),
            user: e
                .user_id
                .and_then(|id| users.iter().find(|u| u.id == id))
                .map_or_else(String::new, |u| u.name.clone()),
            action: e.action.clone(),
            target: e.target.clone(),
            address: e.address.clone(),
        })
        .collect();
    let mut chrome = chrome;
    chrome.title = format!("{} — {}", chrome.l.t("nr-audit"), chrome.l.t("nr-newsroom"));
    page(StatusCode::OK, AuditPage { chrome, entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_secs(3, 4), 0);
        assert_eq!(backoff_secs(4, 4), 0);
        assert_eq!(backoff_secs(5, 4), 2);
        assert_eq!(backoff_secs(6, 4), 4);
        assert_eq!(backoff_secs(40, 4), MAX_BACKOFF_SECS);
        assert_eq!(backoff_secs(u32::MAX, 4), MAX_BACKOFF_SECS);
    }

    #[test]
    fn next_stays_in_the_newsroom() {
        assert_eq!(safe_next("/newsroom/articles/3"), "/newsroom/articles/3");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/newsroom//evil",
            "/",
        ] {
            assert_eq!(safe_next(bad), "/newsroom/", "{bad}");
        }
    }
}
