//! The moderators' word lists: phrases that hold a comment for review, and
//! phrases that mark it as spam at once. Matched on normalised Arabic
//! (`khabar_comments::text`), so «قمار» also catches «القِمار».

use super::comments;
use crate::AppState;
use crate::error::WebError;
use crate::newsroom::auth::audit;
use crate::newsroom::views::{NrChrome, newsroom_lang};
use crate::newsroom::{Signed, page, see_other};
use askama::Template;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use khabar_comments::text::{WordAction, normalize_phrase};
use khabar_core::{Action, Ownership};
use serde::Deserialize;
use std::net::SocketAddr;

/// Longest phrase accepted, in characters.
const MAX_PHRASE_CHARS: usize = 100;

pub(crate) struct WordRow {
    pub phrase: String,
    pub action_label: String,
    pub action: String,
}

#[derive(Template)]
#[template(path = "newsroom/comments_words.html")]
pub(crate) struct WordsPage<'a> {
    pub chrome: NrChrome<'a>,
    pub words: Vec<WordRow>,
    pub phrase: String,
    pub action: String,
    pub phrase_error: Option<String>,
    pub action_error: Option<String>,
    pub notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct WordsQuery {
    done: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct WordForm {
    csrf: String,
    phrase: String,
    action: String,
}

/// The form as typed, and the messages next to its fields.
#[derive(Default)]
struct Typed {
    phrase: String,
    action: String,
    phrase_error: Option<String>,
    action_error: Option<String>,
}

async fn words_page(
    state: &AppState,
    signed: &Signed,
    status: StatusCode,
    typed: Typed,
    notice_key: Option<&str>,
) -> Result<Response, WebError> {
    let c = comments(state)?;
    let mut chrome = NrChrome::new(state, Some(signed), newsroom_lang(None, Some(signed)), "");
    let l = &chrome.l;
    let words = c
        .store
        .word_list()
        .await?
        .into_iter()
        .map(|w| WordRow {
            action_label: l.t(&format!("nr-cm-word-{}", w.action)),
            phrase: w.phrase,
            action: w.action,
        })
        .collect();
    let notice = notice_key.map(|k| l.t(k));
    chrome.title = format!("{} — {}", l.t("nr-cm-words"), l.t("nr-newsroom"));
    page(
        status,
        WordsPage {
            words,
            phrase: typed.phrase,
            action: if typed.action.is_empty() {
                "hold".into()
            } else {
                typed.action
            },
            phrase_error: typed.phrase_error,
            action_error: typed.action_error,
            notice,
            chrome,
        },
    )
}

pub(crate) async fn show_words(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<WordsQuery>,
) -> Result<Response, WebError> {
    signed.ensure(Action::ModerateComments, Ownership::None)?;
    let notice = match q.done.as_str() {
        "added" => Some("nr-cm-word-added"),
        "removed" => Some("nr-cm-word-removed"),
        _ => None,
    };
    words_page(&state, &signed, StatusCode::OK, Typed::default(), notice).await
}

/// `POST /newsroom/comments/words`: adds a phrase, or changes what an
/// existing one does.
pub(crate) async fn add_word(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Form(form): Form<WordForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::ModerateComments, Ownership::None)?;
    let c = comments(&state)?;
    let l = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(None, Some(&signed)),
        "",
    )
    .l;
    let phrase = khabar_arabic::strip_bidi_controls(form.phrase.trim())
        .trim()
        .to_string();
    let normalized = normalize_phrase(&phrase);
    let mut typed = Typed {
        phrase: form.phrase.clone(),
        action: form.action.clone(),
        ..Typed::default()
    };
    if phrase.chars().count() > MAX_PHRASE_CHARS {
        typed.phrase_error = Some(l.t_args(
            "nr-cm-word-too-long",
            &[("max", khabar_i18n::Arg::Num(MAX_PHRASE_CHARS as i64))],
        ));
    } else if normalized.is_empty() || phrase.chars().any(char::is_control) {
        typed.phrase_error = Some(l.t("nr-cm-word-required"));
    }
    let action = WordAction::parse(&form.action);
    if action.is_none() {
        typed.action_error = Some(l.t("nr-cm-word-action-invalid"));
    }
    let Some(action) = action.filter(|_| typed.phrase_error.is_none()) else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return words_page(&state, &signed, status, typed, None).await;
    };
    c.store
        .put_word(&phrase, &normalized, action.as_str())
        .await?;
    let target = format!("{}:{phrase}", action.as_str());
    let nr = state.newsroom()?;
    let address = peer.ip().to_string();
    audit(
        nr,
        Some(signed.user.id),
        "comment_word_add",
        &target,
        &address,
    )
    .await?;
    Ok(see_other("/newsroom/comments/words?done=added"))
}

/// `POST /newsroom/comments/words/remove`.
pub(crate) async fn remove_word(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Form(form): Form<WordForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::ModerateComments, Ownership::None)?;
    let c = comments(&state)?;
    let normalized = normalize_phrase(&form.phrase);
    if normalized.is_empty() || !c.store.remove_word(&normalized).await? {
        return Err(WebError::NotFound("word_not_found"));
    }
    let nr = state.newsroom()?;
    let phrase = form.phrase.trim();
    audit(
        nr,
        Some(signed.user.id),
        "comment_word_remove",
        phrase,
        &peer.ip().to_string(),
    )
    .await?;
    Ok(see_other("/newsroom/comments/words?done=removed"))
}
