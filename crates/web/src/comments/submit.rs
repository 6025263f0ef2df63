//! One comment submission, from raw fields to a stored comment or a refusal.
//! Shared by the HTML form and the JSON API, so both obey the same rules.

use super::CommentsState;
use crate::AppState;
use crate::error::WebError;
use axum::http::{HeaderMap, header};
use jiff::Timestamp;
use khabar_comments::policy::{Decision, Signals, decide};
use khabar_comments::{bayes, keyed_hash, text, token};
use khabar_core::{Article, CommentId, CommentStatus, NewComment};
use khabar_store::comments::CommentRecord;
use std::net::SocketAddr;

/// What a reader sent, before any check.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct Submission {
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub body: String,
    /// The comment answered, as typed (form fields are strings).
    #[serde(default)]
    pub parent: Option<String>,
    /// The honeypot: people never see it, naive bots fill it in.
    #[serde(default)]
    pub website: String,
}

/// What became of an accepted submission.
#[derive(Debug)]
pub(crate) enum Outcome {
    Published(CommentId),
    Held,
}

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

/// Who is submitting, as far as the server can tell.
pub(crate) struct Client<'a> {
    pub addr: Option<SocketAddr>,
    pub headers: &'a HeaderMap,
}

/// Returns true if and only if the comments of `article` accept new ones at `now`.
pub(crate) async fn is_open(
    c: &CommentsState,
    article: &Article,
    now: Timestamp,
) -> Result<bool, WebError> {
    if c.store.comments_closed(article.id).await? {
        return Ok(false);
    }
    let days = i64::from(c.close_after_days());
    let published = article.published_at.unwrap_or(article.created_at);
    Ok(days == 0 || now.as_second() - published.as_second() <= days * 86_400)
}

/// Refuses a request sent by another site: a browser says where a form
/// came from in `Sec-Fetch-Site` and `Origin`. Clients that send neither
/// (scripts, old browsers) are left to the signed token.
fn ensure_same_origin(state: &AppState, headers: &HeaderMap) -> Result<(), WebError> {
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

fn visitor_keys(c: &CommentsState, client: &Client<'_>, now: Timestamp) -> (String, String) {
    let ip = client.addr.map(|a| a.ip());
    let ua = client
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let day = now.as_second().div_euclid(86_400);
    let ip_text = ip.map(|ip| ip.to_string()).unwrap_or_default();
    let visitor = keyed_hash(&c.secret, "visitor", &format!("{day}|{ip_text}|{ua}"));
    let prefix = ip.map_or_else(|| "unknown".to_string(), super::limiter::address_prefix);
    (visitor, format!("net:{prefix}"))
}

/// The form token's signature (403 when forged) and age (400 when too fast
/// or too old).
fn verify_token(
    c: &CommentsState,
    article: &Article,
    raw: &str,
    now: Timestamp,
) -> Result<token::Verified, WebError> {
    token::verify(
        &c.secret,
        article.id.0,
        raw,
        now.as_second(),
        token::TokenAge {
            min_secs: c.settings.min_seconds,
            max_secs: c.settings.max_age_hours * 3_600,
        },
    )
    .map_err(|e| match e {
        token::TokenError::Malformed | token::TokenError::BadSignature => {
            WebError::Forbidden(e.code())
        }
        _ => WebError::BadRequest(e.code()),
    })
}

/// The submission cleaned (bidi controls out of the name, edges trimmed,
/// email lower-cased) and validated: 422 with the first rule broken.
fn validated(
    c: &CommentsState,
    article: &Article,
    sub: &Submission,
) -> Result<NewComment, WebError> {
    let new = NewComment {
        article_id: article.id,
        parent_id: None,
        author_name: khabar_arabic::strip_bidi_controls(sub.name.trim())
            .trim()
            .to_string(),
        email: sub.email.trim().to_lowercase(),
        body: sub.body.trim().to_string(),
    };
    new.validate(&c.settings.limits)
        .map_err(|errors| WebError::Unprocessable(first_code(&errors)))?;
    Ok(new)
}

fn first_code(errors: &[khabar_core::CommentError]) -> &'static str {
    errors.first().map_or("invalid_input", |e| e.code())
}

/// Checks and stores one submission on `article` (already known to be public).
///
/// # Errors
/// A 4xx [`WebError`] naming the rule that refused it, or a store failure.
pub(crate) async fn submit(
    state: &AppState,
    c: &CommentsState,
    article: &Article,
    sub: Submission,
    client: Client<'_>,
    now: Timestamp,
) -> Result<Outcome, WebError> {
    if !is_open(c, article, now).await? {
        return Err(WebError::Forbidden("comments_closed"));
    }
    ensure_same_origin(state, client.headers)?;
    if !sub.website.trim().is_empty() {
        tracing::info!(article = %article.id, "comment honeypot filled; dropped");
        return Ok(Outcome::Held);
    }
    let verified = verify_token(c, article, &sub.token, now)?;
    let (visitor, network) = visitor_keys(c, &client, now);
    let limited = |retry_after| WebError::TooManyRequests {
        code: "rate_limited",
        retry_after,
    };
    c.limiter
        .peek(&[&visitor, &network], now.as_second(), c.settings.rate)
        .map_err(limited)?;
    let new = validated(c, article, &sub)?;
    let parent_id = parent_of(c, article, sub.parent.as_deref()).await?;
    let expires = verified.issued_at + c.settings.max_age_hours * 3_600;
    let token_key = format!("{}:{}", verified.nonce, visitor);
    if !c
        .store
        .use_form_token(&token_key, expires, now.as_second())
        .await?
    {
        return Err(WebError::Forbidden("token_used"));
    }
    let email_hash = (!new.email.is_empty()).then(|| keyed_hash(&c.secret, "email", &new.email));
    let commenter_key = email_hash.clone().unwrap_or_else(|| visitor.clone());
    let fingerprint = text::body_fingerprint(&new.body);
    if c.store.is_duplicate(&commenter_key, &fingerprint).await? {
        return Err(WebError::Conflict("duplicate"));
    }
    // Only a comment about to be stored counts against the limits (checked
    // and recorded under one lock, so concurrent requests cannot overshoot).
    c.limiter
        .check(&[&visitor, &network], now.as_second(), c.settings.rate)
        .map_err(limited)?;
    let tokens = text::learnable_tokens(&new.body);
    let decision = decide_for(c, &commenter_key, &new.body, &tokens).await?;
    let (status, reason) = status_of(&decision);
    let id = c
        .store
        .insert_comment(
            &CommentRecord {
                article_id: article.id,
                parent_id,
                author_name: new.author_name,
                body: new.body,
                status,
                hold_reason: reason,
                is_staff: false,
                email_hash,
                visitor_hash: visitor,
                commenter_key,
                body_fingerprint: fingerprint,
                tokens,
            },
            now,
        )
        .await?;
    if status == CommentStatus::Approved {
        state.pages.invalidate();
        Ok(Outcome::Published(id))
    } else {
        if status == CommentStatus::Pending
            && let Some(tx) = &c.held
        {
            let _ = tx.try_send(());
        }
        Ok(Outcome::Held)
    }
}

/// The stored status of a decision, and the reasons to show moderators.
fn status_of(decision: &Decision) -> (CommentStatus, Option<String>) {
    match decision {
        Decision::Publish => (CommentStatus::Approved, None),
        Decision::Hold(reasons) => (
            CommentStatus::Pending,
            Some(
                reasons
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        ),
        Decision::Spam(reason) => (CommentStatus::Spam, Some(reason.as_str().to_string())),
    }
}

/// The comment a reply attaches to: an approved comment of the same article;
/// a reply to a reply joins its thread (threads are two levels deep).
async fn parent_of(
    c: &CommentsState,
    article: &Article,
    raw: Option<&str>,
) -> Result<Option<CommentId>, WebError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let id = khabar_arabic::digits::parse_u64(raw)
        .and_then(|n| i64::try_from(n).ok())
        .ok_or(WebError::Unprocessable("parent_invalid"))?;
    let parent = c
        .store
        .comment(CommentId(id))
        .await?
        .filter(|p| p.article_id == article.id && p.status == CommentStatus::Approved)
        .ok_or(WebError::Unprocessable("parent_invalid"))?;
    Ok(Some(parent.parent_id.unwrap_or(parent.id)))
}

async fn decide_for(
    c: &CommentsState,
    commenter_key: &str,
    body: &str,
    tokens: &[String],
) -> Result<Decision, WebError> {
    let known = c.store.commenter_is_known(commenter_key).await?;
    let words: Vec<text::ListedWord> = c
        .store
        .word_list()
        .await?
        .into_iter()
        .filter_map(|w| {
            Some(text::ListedWord {
                action: text::WordAction::parse(&w.action)?,
                phrase: w.phrase,
            })
        })
        .collect();
    let stored = c.store.bayes_counts(tokens).await?;
    let counts = bayes::Counts {
        spam_docs: stored.spam_docs,
        ham_docs: stored.ham_docs,
        tokens: stored.tokens,
    };
    Ok(decide(
        c.moderation(),
        &Signals {
            known_commenter: known,
            link_count: text::count_links(body),
            word_hit: text::WordList::new(&words).find(body),
            spam_probability: counts.spam_probability(tokens),
        },
    ))
}
