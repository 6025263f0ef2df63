//! One comment submission, from raw fields to a stored comment or a refusal.
//! Shared by the HTML form and the JSON API, so both obey the same rules.

use super::CommentsState;
use super::client::{Client, VisitorKeys, ensure_same_origin, visitor_keys};
use crate::AppState;
use crate::error::WebError;
use crate::public::public_article_by_raw_id;
use jiff::Timestamp;
use khabar_comments::deletion::{self, DeletionLink};
use khabar_comments::policy::{Decision, Signals, decide};
use khabar_comments::{bayes, keyed_hash, text, token};
use khabar_core::{Article, CommentId, CommentStatus, NewComment};
use khabar_store::comments::CommentRecord;
use std::sync::Arc;

/// What every comment request on one article starts from: the feature (404
/// when comments are off), the public article (404 when it is not) and the
/// time the request is judged at.
pub(crate) struct ArticleContext {
    pub c: Arc<CommentsState>,
    pub article: Article,
    pub now: Timestamp,
}

impl ArticleContext {
    /// # Errors
    /// 404 when comments are off or the article is not public.
    pub(crate) async fn load(state: &AppState, raw_id: &str) -> Result<Self, WebError> {
        let c = state
            .comments
            .clone()
            .ok_or(WebError::NotFound("not_found"))?;
        let now = Timestamp::now();
        let article = public_article_by_raw_id(state, raw_id, now).await?;
        Ok(ArticleContext { c, article, now })
    }
}

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

/// What became of an accepted submission. `delete` is the writer's key to
/// delete it later (absent for a comment the honeypot dropped).
#[derive(Debug)]
pub(crate) enum Outcome {
    Published { id: CommentId, delete: DeletionLink },
    Held { delete: Option<DeletionLink> },
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

/// A submission that passed every refusal rule, ready for the decision.
struct Admitted {
    new: NewComment,
    parent_id: Option<CommentId>,
    keys: VisitorKeys,
    commenter_key: String,
    email_hash: Option<String>,
    fingerprint: String,
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
        return Ok(Outcome::Held { delete: None });
    }
    let keys = visitor_keys(state, c, &client, now);
    let admitted = admit(c, article, &sub, keys, now).await?;
    store(state, c, article, admitted, now).await
}

fn limited(retry_after: u64) -> WebError {
    WebError::TooManyRequests {
        code: "rate_limited",
        retry_after,
    }
}

/// The refusal rules, in order: token, rate limits (peeked), validation,
/// single use, duplicate, rate limits (recorded).
async fn admit(
    c: &CommentsState,
    article: &Article,
    sub: &Submission,
    keys: VisitorKeys,
    now: Timestamp,
) -> Result<Admitted, WebError> {
    let verified = verify_token(c, article, &sub.token, now)?;
    let limit_keys = [keys.visitor.as_str(), keys.network.as_str()];
    c.limiter
        .peek(&limit_keys, now.as_second(), c.settings.rate)
        .map_err(limited)?;
    let new = validated(c, article, sub)?;
    let parent_id = parent_of(c, article, sub.parent.as_deref()).await?;
    let expires = verified.issued_at + c.settings.max_age_hours * 3_600;
    let token_key = format!("{}:{}", verified.nonce, keys.visitor);
    if !c
        .store
        .use_form_token(&token_key, expires, now.as_second())
        .await?
    {
        return Err(WebError::Forbidden("token_used"));
    }
    let email_hash = (!new.email.is_empty()).then(|| keyed_hash(&c.secret, "email", &new.email));
    let commenter_key = email_hash.clone().unwrap_or_else(|| keys.visitor.clone());
    let fingerprint = text::body_fingerprint(&new.body);
    if c.store.is_duplicate(&commenter_key, &fingerprint).await? {
        return Err(WebError::Conflict("duplicate"));
    }
    // Only a comment about to be stored counts against the limits (checked
    // and recorded under one lock, so concurrent requests cannot overshoot).
    c.limiter
        .check(&limit_keys, now.as_second(), c.settings.rate)
        .map_err(limited)?;
    Ok(Admitted {
        new,
        parent_id,
        keys,
        commenter_key,
        email_hash,
        fingerprint,
    })
}

/// Decides, stores, and hands the writer the key to delete it later.
async fn store(
    state: &AppState,
    c: &CommentsState,
    article: &Article,
    a: Admitted,
    now: Timestamp,
) -> Result<Outcome, WebError> {
    let tokens = text::learnable_tokens(&a.new.body);
    let (decision, spam_score) = decide_for(c, &a.commenter_key, &a.new.body, &tokens).await?;
    let (status, reason) = status_of(&decision);
    let key = super::random_key()?;
    let id = c
        .store
        .insert_comment(
            &CommentRecord {
                article_id: article.id,
                parent_id: a.parent_id,
                author_name: a.new.author_name,
                body: a.new.body,
                status,
                hold_reason: reason,
                is_staff: false,
                email_hash: a.email_hash,
                visitor_hash: a.keys.visitor,
                commenter_key: a.commenter_key,
                body_fingerprint: a.fingerprint,
                tokens,
                delete_key_hash: Some(deletion::key_hash(&key)),
                spam_score,
            },
            now,
        )
        .await?;
    let delete = DeletionLink {
        comment_id: id.0,
        key,
    };
    if status == CommentStatus::Approved {
        state.pages.invalidate();
        return Ok(Outcome::Published { id, delete });
    }
    if status == CommentStatus::Pending {
        c.pending_changed(1);
        if let Some(tx) = &c.held {
            let _ = tx.try_send(());
        }
    }
    Ok(Outcome::Held {
        delete: Some(delete),
    })
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

/// The moderation decision, and the spam filter's score when it gave one.
async fn decide_for(
    c: &CommentsState,
    commenter_key: &str,
    body: &str,
    tokens: &[String],
) -> Result<(Decision, Option<f64>), WebError> {
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
    let spam_probability = counts.spam_probability(tokens);
    let decision = decide(
        c.moderation(),
        &Signals {
            known_commenter: known,
            link_count: text::count_links(body),
            word_hit: text::WordList::new(&words).find(body),
            spam_probability,
        },
    );
    Ok((decision, spam_probability))
}
