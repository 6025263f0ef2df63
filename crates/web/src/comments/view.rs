//! The comments under an article: threads of approved comments, their count,
//! the message after a submission, and the form.

use super::CommentsState;
use crate::AppState;
use crate::error::WebError;
use crate::urls;
use askama::Template;
use jiff::Timestamp;
use khabar_core::{Article, Comment, CommentId};
use khabar_i18n::{Arg, Localizer, Noun};
use serde::Deserialize;

/// The article page's query parameters that belong to comments.
#[derive(Debug, Default, Deserialize)]
pub struct CommentParams {
    /// The outcome code of the last submission (`published`, `held`, an error).
    pub comment: Option<String>,
    /// The comment being answered.
    pub reply: Option<String>,
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
        "published" => "ok",
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
    let comments = c.store.approved_comments(article.id).await?;
    let path = urls::article(article.id, &article.slug);
    let open = super::submit::is_open(c, article, now).await?;
    let reply_url = |id: CommentId| open.then(|| format!("{path}?reply={id}#leave-comment"));
    let mut threads_out = Vec::new();
    let grouped = threads(&comments);
    let shown: u64 = grouped.iter().map(|(_, r)| 1 + r.len() as u64).sum();
    for (top, replies) in &grouped {
        threads_out.push(Thread {
            html: item_html(&l, top, reply_url(top.id), now)?,
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
        .and_then(|id| grouped.iter().find(|(t, _)| t.id.0 as u64 == id))
        .map(|(t, _)| ReplyingTo {
            id: t.id.0,
            label: l.t_args("comment-replying-to", &[("name", Arg::Str(&t.author_name))]),
        });
    let message = params
        .comment
        .as_deref()
        .and_then(|code| outcome_message(&l, c, code))
        .map(|(kind, text)| Message { kind, text });
    SectionTemplate {
        l: &l,
        api_url: format!("/api/v1/articles/{}/comments", article.id),
        count_text: l.count(Noun::Comment, shown),
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
