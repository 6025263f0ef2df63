//! The comments under an article: threads of approved comments, their count,
//! the message after a submission, and the form.

use super::CommentsState;
use crate::AppState;
use crate::error::WebError;
use crate::urls;
use askama::Template;
use jiff::Timestamp;
use khabar_comments::deletion::{DeletionLink, key_matches};
use khabar_core::{Article, ArticleId, Comment, CommentId, CommentStatus};
use khabar_i18n::{Arg, Localizer, Noun};
use serde::Deserialize;

/// The article page's query parameters that belong to comments.
#[derive(Debug, Default, Deserialize)]
pub struct CommentParams {
    /// The outcome code of the last submission (`published`, `held`, an error).
    pub comment: Option<String>,
    /// The comment being answered.
    pub reply: Option<String>,
    /// `ID.KEY`: the writer's link to delete their comment.
    pub delete: Option<String>,
}

/// What readers see of an article's comments: the approved ones, and the
/// top-level comments that are gone (deleted by their writer, removed by
/// staff) but still head approved replies — shown as a placeholder with no
/// author or text, so the replies keep their thread.
pub(crate) struct Shown {
    pub comments: Vec<Comment>,
}

impl Shown {
    /// # Errors
    /// The store's.
    pub(crate) async fn load(c: &CommentsState, article: ArticleId) -> Result<Shown, WebError> {
        let mut comments = c.store.approved_comments(article).await?;
        let mut missing: Vec<CommentId> = comments
            .iter()
            .filter_map(|r| r.parent_id)
            .filter(|p| !comments.iter().any(|top| top.id == *p))
            .collect();
        missing.sort_by_key(|p| p.0);
        missing.dedup();
        for id in missing {
            if let Some(gone) = c.store.comment(id).await?
                && gone.article_id == article
            {
                comments.push(gone);
            }
        }
        comments.sort_by_key(|cm| (cm.created_at, cm.id.0));
        Ok(Shown { comments })
    }

    /// The approved comments readers see (placeholders do not count).
    pub(crate) fn count(&self) -> u64 {
        threads(&self.comments)
            .iter()
            .map(|(top, replies)| {
                u64::from(top.status == CommentStatus::Approved) + replies.len() as u64
            })
            .sum()
    }
}

/// How a comment that is gone reads: `deleted` when its writer deleted it,
/// `removed` for every staff decision (removed, spam).
pub(crate) fn placeholder_status(status: CommentStatus) -> &'static str {
    if status == CommentStatus::Deleted {
        "deleted"
    } else {
        "removed"
    }
}

#[derive(Template)]
#[template(
    source = r#"<article class="comment comment-gone comment-{{ kind }}" id="comment-{{ id }}" data-comment-id="{{ id }}"><p class="comment-gone-text">{{ text }}</p></article>"#,
    ext = "html"
)]
struct GoneTemplate {
    id: i64,
    kind: &'static str,
    text: String,
}

/// The placeholder of a comment that is gone but heads replies.
fn gone_html(l: &Localizer<'_>, c: &Comment) -> Result<String, WebError> {
    let kind = placeholder_status(c.status);
    GoneTemplate {
        id: c.id.0,
        kind,
        text: l.t(&format!("comment-gone-{kind}")),
    }
    .render()
    .map_err(|e| WebError::Internal(anyhow::Error::new(e)))
}

/// The offer to delete a comment, for the writer who holds its key.
pub(crate) struct DeleteOffer {
    pub action: String,
    pub key: String,
    /// The page address with the key: the link to keep.
    pub link: String,
    pub held: bool,
}

/// The deletion offer of `params.delete`, when it names a comment of
/// `article` that its key opens and that can still be deleted. Anything
/// else shows nothing (the URL tells no one which comments exist).
async fn delete_offer(
    c: &CommentsState,
    article: &Article,
    params: &CommentParams,
    base_url: &str,
) -> Result<Option<DeleteOffer>, WebError> {
    let Some(link) = params.delete.as_deref().and_then(DeletionLink::parse) else {
        return Ok(None);
    };
    let id = CommentId(link.comment_id);
    let Some(comment) = c.store.comment(id).await? else {
        return Ok(None);
    };
    let deletable = matches!(
        comment.status,
        CommentStatus::Pending | CommentStatus::Approved
    );
    if comment.article_id != article.id || !deletable {
        return Ok(None);
    }
    let opens = c
        .store
        .delete_key_hash(id)
        .await?
        .is_some_and(|hash| key_matches(&link.key, &hash));
    let path = urls::article(article.id, &article.slug);
    Ok(opens.then(|| DeleteOffer {
        action: format!("/article/{}/comments/{}/delete", article.id, id),
        link: format!(
            "{}{path}?delete={}#delete-comment",
            base_url.trim_end_matches('/'),
            link.text()
        ),
        key: link.key,
        held: comment.status == CommentStatus::Pending,
    }))
}

#[derive(Template)]
#[template(path = "comments/item.html")]
pub(crate) struct ItemTemplate<'a> {
    pub id: i64,
    pub author: &'a str,
    pub is_staff: bool,
    pub staff_label: String,
    pub iso: String,
    pub date: String,
    pub relative: String,
    pub body_html: String,
    pub reply_url: Option<String>,
    pub reply_label: String,
}

/// One comment as HTML (also what the JSON API returns for `comments.js`).
pub(crate) fn item_html(
    l: &Localizer<'_>,
    c: &Comment,
    reply_url: Option<String>,
    now: Timestamp,
) -> Result<String, WebError> {
    ItemTemplate {
        id: c.id.0,
        author: &c.author_name,
        is_staff: c.is_staff,
        staff_label: l.t("comment-staff"),
        iso: l.iso_date_time(c.created_at),
        date: l.date_time(c.created_at),
        relative: l.relative(c.created_at, now),
        body_html: khabar_comments::render::render_body(&c.body),
        reply_url,
        reply_label: l.t("comment-reply"),
    }
    .render()
    .map_err(|e| WebError::Internal(anyhow::Error::new(e)))
}

pub(crate) struct Thread {
    pub html: String,
    pub replies: Vec<String>,
}

pub(crate) struct Message {
    pub kind: &'static str,
    pub text: String,
}

pub(crate) struct ReplyingTo {
    pub id: i64,
    pub label: String,
}

/// What the reader typed, shown again when the form was refused.
#[derive(Debug, Default, Clone)]
pub(crate) struct Prefill {
    pub name: String,
    pub email: String,
    pub body: String,
}

pub(crate) struct FormView {
    pub prefill: Prefill,
    pub action: String,
    pub token: String,
    pub script: String,
    pub replying_to: Option<ReplyingTo>,
    pub cancel_url: String,
}

#[derive(Template)]
#[template(path = "comments/section.html")]
pub(crate) struct SectionTemplate<'a> {
    pub l: &'a Localizer<'a>,
    pub api_url: String,
    pub delete_offer: Option<DeleteOffer>,
    pub count_text: String,
    pub message: Option<Message>,
    pub threads: Vec<Thread>,
    pub form: Option<FormView>,
    /// Code → localised message, for `comments.js` (safe inside `<script>`).
    pub messages_json: String,
}

/// Every code a submission can end with.
const CODES: &[&str] = &[
    "published",
    "held",
    "name_required",
    "name_too_long",
    "body_required",
    "body_too_long",
    "email_invalid",
    "control_characters",
    "too_many_combining_marks",
    "parent_invalid",
    "token_invalid",
    "token_expired",
    "token_used",
    "too_fast",
    "duplicate",
    "comments_closed",
    "cross_site",
    "rate_limited",
    "deleted",
    "delete_key_invalid",
    "comment_not_deletable",
];

fn messages_json(l: &Localizer<'_>, c: &CommentsState) -> String {
    let map: serde_json::Map<String, serde_json::Value> = CODES
        .iter()
        .filter_map(|code| {
            outcome_message(l, c, code).map(|(_, text)| ((*code).to_string(), text.into()))
        })
        .collect();
    serde_json::Value::Object(map)
        .to_string()
        .replace('<', "\\u003c")
}

/// The localised text for a submission outcome or error code; `None` for a
/// code this site does not know (the query string is not echoed).
pub(crate) fn outcome_message(
    l: &Localizer<'_>,
    c: &CommentsState,
    code: &str,
) -> Option<(&'static str, String)> {
    let key = format!("comment-msg-{}", code.replace('_', "-"));
    if code.len() > 40 || !code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') || !l.has(&key)
    {
        return None;
    }
    let kind = match code {
        "published" | "deleted" => "ok",
        "held" => "held",
        _ => "error",
    };
    let limits = c.settings.limits;
    let text = l.t_args(
        &key,
        &[
            ("max", Arg::Num(max_for(code, &limits))),
            ("name", Arg::Str("")),
        ],
    );
    Some((kind, text))
}

fn max_for(code: &str, limits: &khabar_core::CommentLimits) -> i64 {
    let n = if code == "name_too_long" {
        limits.name_chars
    } else {
        limits.body_chars
    };
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Approved comments grouped into two-level threads, oldest first.
pub(crate) fn threads(comments: &[Comment]) -> Vec<(&Comment, Vec<&Comment>)> {
    let mut out: Vec<(&Comment, Vec<&Comment>)> = comments
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| (c, Vec::new()))
        .collect();
    for reply in comments.iter().filter(|c| c.parent_id.is_some()) {
        if let Some(thread) = out
            .iter_mut()
            .find(|(top, _)| Some(top.id) == reply.parent_id)
        {
            thread.1.push(reply);
        }
    }
    out
}

/// The whole comments section of `article`'s page.
pub(crate) async fn section_html(
    state: &AppState,
    article: &Article,
    params: &CommentParams,
    prefill: Option<Prefill>,
    now: Timestamp,
) -> Result<String, WebError> {
    let Some(c) = state.comments.as_deref() else {
        return Ok(String::new());
    };
    let l = state.l();
    let shown = Shown::load(c, article.id).await?;
    let path = urls::article(article.id, &article.slug);
    let open = super::submit::is_open(c, article, now).await?;
    let reply_url = |id: CommentId| open.then(|| format!("{path}?reply={id}#leave-comment"));
    let mut threads_out = Vec::new();
    let grouped = threads(&shown.comments);
    for (top, replies) in &grouped {
        let html = if top.status == CommentStatus::Approved {
            item_html(&l, top, reply_url(top.id), now)?
        } else {
            gone_html(&l, top)?
        };
        threads_out.push(Thread {
            html,
            replies: replies
                .iter()
                .map(|r| item_html(&l, r, None, now))
                .collect::<Result<_, _>>()?,
        });
    }
    let replying_to = params
        .reply
        .as_deref()
        .and_then(khabar_arabic::digits::parse_u64)
        .and_then(|id| {
            grouped
                .iter()
                .find(|(t, _)| t.id.0 as u64 == id && t.status == CommentStatus::Approved)
        })
        .map(|(t, _)| ReplyingTo {
            id: t.id.0,
            label: l.t_args("comment-replying-to", &[("name", Arg::Str(&t.author_name))]),
        });
    let message = params
        .comment
        .as_deref()
        .and_then(|code| outcome_message(&l, c, code))
        .map(|(kind, text)| Message { kind, text });
    let delete_offer = delete_offer(c, article, params, &state.site().base_url).await?;
    SectionTemplate {
        l: &l,
        api_url: format!("/api/v1/articles/{}/comments", article.id),
        delete_offer,
        count_text: l.count(Noun::Comment, shown.count()),
        message,
        threads: threads_out,
        messages_json: messages_json(&l, c),
        form: open.then(|| FormView {
            prefill: prefill.unwrap_or_default(),
            action: format!("/article/{}/comments", article.id),
            token: c.form_token(article.id.0, now.as_second()),
            script: state.assets.url("js/comments.js"),
            replying_to,
            cancel_url: format!("{path}#leave-comment"),
        }),
    }
    .render()
    .map_err(|e| WebError::Internal(anyhow::Error::new(e)))
}
