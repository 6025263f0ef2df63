//! Server-side autosave of the editor: the form as typed, saved in the
//! background into one slot per (account, article) — a new, never-saved
//! article has its own slot. An autosave is not a revision and never
//! publishes; reopening the editor offers it back (a notice rendered by the
//! server, so it works from another browser or device) when it is newer
//! than the article's last save and differs from it.
//!
//! The slot is keyed by the signed-in account, so nobody reaches another
//! account's autosave, and saving into an article's slot needs the right to
//! edit that article: an author cannot autosave over someone else's draft.

use super::Signed;
use super::articles::{editable, parse_article_id};
use super::form::ArticleForm;
use crate::AppState;
use crate::error::WebError;
use axum::Json;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use khabar_core::{Action, Article, ArticleId, Limits, Ownership};
use khabar_i18n::{Arg, Localizer};
use khabar_store::Autosave;
use serde::Deserialize;

/// Which slot: `?article=ID`, or none for a new article.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SlotQuery {
    article: String,
}

impl SlotQuery {
    fn article(&self) -> Result<Option<ArticleId>, WebError> {
        match self.article.trim() {
            "" => Ok(None),
            raw => parse_article_id(raw).map(Some),
        }
    }
}

/// Refuses the request unless the account may write into the slot.
async fn ensure_slot(
    state: &AppState,
    signed: &Signed,
    article: Option<ArticleId>,
) -> Result<(), WebError> {
    match article {
        None => signed.ensure(Action::CreateArticle, Ownership::None),
        Some(id) => editable(state, signed, id, Action::EditArticle)
            .await
            .map(|_| ()),
    }
}

/// Returns true if and only if the form is too big to keep: the same
/// bounds a save checks, with room for what a save would refuse anyway.
fn oversized(form: &ArticleForm) -> bool {
    form.body.chars().count() > Limits::BODY_CHARS + 1_000
        || form.title.chars().count() > 10 * Limits::TITLE_CHARS
        || form.lead.chars().count() > 10 * Limits::LEAD_CHARS
}

/// "Saved to the server at 10:42" in the newsroom's language and the
/// site's digits and time zone.
fn saved_label(l: &Localizer<'_>, at: Timestamp) -> String {
    l.t_args("nr-autosaved-server", &[("time", Arg::Str(&l.time(at)))])
}

/// `POST /newsroom/autosave[?article=ID]`: the editor's form, saved into
/// the signed-in account's slot. Answers `{"saved_at": …, "label": …}`, or
/// 409 when the page's token was spent by a save (the request was still in
/// flight when the editor saved: what it carries is saved already).
pub(crate) async fn save_autosave(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<SlotQuery>,
    Form(mut form): Form<ArticleForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    let article = q.article()?;
    ensure_slot(&state, &signed, article).await?;
    if oversized(&form) {
        return Err(WebError::PayloadTooLarge("form_too_large"));
    }
    let token = match form.autosave_token.as_str() {
        "" => None,
        _ => Some(
            form.autosave_token()
                .ok_or(WebError::BadRequest("autosave_token_invalid"))?
                .to_string(),
        ),
    };
    form.csrf.clear();
    let now = Timestamp::now();
    let fields =
        serde_json::to_string(&form).map_err(|e| WebError::Internal(anyhow::Error::new(e)))?;
    let written = state
        .newsroom()?
        .editorial
        .save_autosave(&Autosave {
            user_id: signed.user.id,
            article_id: article,
            base_revision: form.base_revision().unwrap_or(0),
            fields,
            saved_at: now,
            token,
        })
        .await?;
    if !written {
        return Err(WebError::Conflict("autosave_after_save"));
    }
    let l = super::views::NrChrome::new(
        &state,
        Some(&signed),
        super::views::newsroom_lang(None, Some(&signed)),
        "",
    )
    .l;
    let mut res = Json(serde_json::json!({
        "saved_at": now.to_string(),
        "label": saved_label(&l, now),
    }))
    .into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct DiscardForm {
    csrf: String,
}

/// `POST /newsroom/autosave/discard[?article=ID]`: empties the slot and
/// goes back to the editor.
pub(crate) async fn discard_autosave(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<SlotQuery>,
    Form(form): Form<DiscardForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    let article = q.article()?;
    ensure_slot(&state, &signed, article).await?;
    state
        .newsroom()?
        .editorial
        .delete_autosave(signed.user.id, article)
        .await?;
    Ok(super::see_other(&match article {
        Some(id) => format!("/newsroom/articles/{id}"),
        None => "/newsroom/articles/new".to_string(),
    }))
}

/// The notice offering an autosave back.
pub struct AutosaveOffer {
    /// When it was saved, localised.
    pub saved_at: String,
    /// The editor with the autosave in the form.
    pub restore_url: String,
    /// Where the discard form posts.
    pub discard_url: String,
}

/// The account's autosave for `article`, as a form, when there is one.
pub(crate) async fn stored_form(
    state: &AppState,
    signed: &Signed,
    article: Option<ArticleId>,
) -> Result<Option<(Autosave, ArticleForm)>, WebError> {
    let Some(saved) = state
        .newsroom()?
        .editorial
        .autosave(signed.user.id, article)
        .await?
    else {
        return Ok(None);
    };
    match serde_json::from_str::<ArticleForm>(&saved.fields) {
        Ok(mut form) => {
            form.revision = saved.base_revision.to_string();
            Ok(Some((saved, form)))
        }
        Err(e) => {
            tracing::warn!(error = %e, "an autosave could not be read; ignored");
            Ok(None)
        }
    }
}

/// The offer to show on the editor of `article` at revision `revision`
/// (`None`: a new one), when the account has an autosave newer than the
/// article's last save that differs from what the page shows.
pub(crate) async fn offer(
    state: &AppState,
    signed: &Signed,
    article: Option<(&Article, i64)>,
    shown: &ArticleForm,
    l: &Localizer<'_>,
) -> Result<Option<AutosaveOffer>, WebError> {
    let id = article.map(|(a, _)| a.id);
    let Some((saved, form)) = stored_form(state, signed, id).await? else {
        return Ok(None);
    };
    // Newer: typed over the current revision, or (someone saved since)
    // kept after that save. `updated_at` may run a second or two ahead of
    // the clock (every save moves it on), so the revision decides first.
    let newer = article.is_none_or(|(a, revision)| {
        saved.base_revision >= revision || saved.saved_at >= a.updated_at
    });
    if !newer || form.same_content(shown) {
        return Ok(None);
    }
    let (restore_url, discard_url) = match id {
        Some(id) => (
            format!("/newsroom/articles/{id}?restore=autosave"),
            format!("/newsroom/autosave/discard?article={id}"),
        ),
        None => (
            "/newsroom/articles/new?restore=autosave".to_string(),
            "/newsroom/autosave/discard".to_string(),
        ),
    };
    Ok(Some(AutosaveOffer {
        saved_at: l.date_time(saved.saved_at),
        restore_url,
        discard_url,
    }))
}

/// After a save from the page of `form`: spends its autosave token and
/// empties the slot that page wrote (see
/// [`khabar_store::EditorialStore::finish_autosave`]). A failure here loses
/// nothing (the offer compares with the saved article), so it is logged.
pub(crate) async fn clear_after_save(
    state: &AppState,
    signed: &Signed,
    article: Option<ArticleId>,
    form: &ArticleForm,
) {
    if let Ok(nr) = state.newsroom()
        && let Err(e) = nr
            .editorial
            .finish_autosave(
                signed.user.id,
                article,
                form.autosave_token(),
                Timestamp::now(),
            )
            .await
    {
        tracing::warn!(error = %e, "autosave slot not emptied after a save");
    }
}
