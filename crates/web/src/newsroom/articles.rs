//! The article table and the editor: create, edit, publish, schedule,
//! unpublish. A save names the revision it was based on; a newer revision in
//! the store means a conflict page with both versions, never an overwrite.
//! The editor's form may carry the cover image (a browser without
//! JavaScript sends it with the save); the image is stored first, so a
//! refused save keeps it in the form.

use super::auth::audit;
use super::autosave::{self, AutosaveOffer};
use super::form::{ArticleForm, FieldErrors};
use super::submission::{EditorSubmission, attach_cover, with_upload_errors};
use super::views::{
    ArticleRowView, ArticlesPage, Choice, ConflictView, EditorPage, NrChrome, newsroom_lang,
    side_by_side,
};
use super::{Signed, page, see_other};
use crate::AppState;
use crate::error::WebError;
use crate::urls;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::Timestamp;
use khabar_core::{
    Action, Article, ArticleId, ArticleStatus, NewArticle, Ownership, Role, SectionId, Window, can,
};
use khabar_store::{NewsroomFilter, SaveOutcome};
use serde::Deserialize;
use std::net::SocketAddr;

const PER_PAGE: u32 = 50;
const STATUSES: [ArticleStatus; 4] = [
    ArticleStatus::Draft,
    ArticleStatus::Scheduled,
    ArticleStatus::Published,
    ArticleStatus::Unpublished,
];

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ListQuery {
    status: String,
    section: String,
    q: String,
    page: String,
    notice: String,
    lang: Option<String>,
}

fn status_label(l: &khabar_i18n::Localizer<'_>, s: ArticleStatus) -> String {
    l.t(&format!("nr-status-{}", s.as_str()))
}

pub(crate) async fn list_articles(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    if !can(signed.user.role, Action::ListArticles, Ownership::None) {
        // Moderators have no articles; their place is the comments queue.
        return Err(WebError::Forbidden("forbidden"));
    }
    let nr = state.newsroom()?;
    let page_n = crate::public::parse_page(Some(&q.page))?;
    let window = Window::page(page_n, PER_PAGE).ok_or(WebError::BadRequest("invalid_page"))?;
    let filter = NewsroomFilter {
        status: ArticleStatus::parse(&q.status),
        section: q.section.parse().ok().map(SectionId),
        owner: (signed.user.role == Role::Author).then_some(signed.user.id),
        text: Some(q.q.trim().to_string()).filter(|t| !t.is_empty() && t.chars().count() <= 200),
    };
    let result = nr.editorial.newsroom_articles(&filter, window).await?;
    let sections = state.store.sections().await?;
    let mut chrome = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(q.lang.as_deref(), Some(&signed)),
        "",
    );
    let l = &chrome.l;
    let rows = result
        .items
        .iter()
        .map(|r| ArticleRowView {
            id: r.id.0,
            title: r.title.clone(),
            status: r.status.as_str().into(),
            status_label: status_label(l, r.status),
            section: r.section.clone().unwrap_or_default(),
            owner: r.owner_name.clone().unwrap_or_default(),
            date: l.date_time(r.published_at.unwrap_or(r.updated_at)),
        })
        .collect();
    let statuses = STATUSES
        .iter()
        .map(|s| Choice {
            value: s.as_str().into(),
            label: status_label(l, *s),
            selected: filter.status == Some(*s),
        })
        .collect();
    let section_choices = sections
        .iter()
        .map(|s| Choice {
            value: s.id.0.to_string(),
            label: s.name.clone(),
            selected: filter.section == Some(s.id),
        })
        .collect();
    let query_for = |p: u64| {
        format!(
            "/newsroom/?status={}&section={}&q={}&page={p}",
            q.status,
            q.section,
            percent_encoding::utf8_percent_encode(&q.q, percent_encoding::NON_ALPHANUMERIC)
        )
    };
    let shown = window.offset + result.items.len() as u64;
    let total = l.count(khabar_i18n::Noun::Article, result.total);
    let notice = match q.notice.as_str() {
        "sessions-ended" => Some(l.t("nr-sessions-ended")),
        _ => None,
    };
    chrome.title = format!("{} — {}", l.t("nr-articles"), l.t("nr-newsroom"));
    page(
        StatusCode::OK,
        ArticlesPage {
            rows,
            statuses,
            sections: section_choices,
            q: q.q.clone(),
            total,
            can_create: can(signed.user.role, Action::CreateArticle, Ownership::None),
            notice,
            prev: (page_n > 1).then(|| query_for(page_n - 1)),
            next: (shown < result.total).then(|| query_for(page_n + 1)),
            chrome,
        },
    )
}

/// Everything the editor page needs besides the form and its messages.
pub(crate) struct EditorContext {
    pub article_id: Option<ArticleId>,
    pub public_url: Option<String>,
    pub notice: Option<String>,
    pub conflict: Option<ConflictView>,
    /// An autosave to offer back.
    pub autosave: Option<AutosaveOffer>,
}

impl EditorContext {
    fn of(article_id: Option<ArticleId>) -> EditorContext {
        EditorContext {
            article_id,
            public_url: None,
            notice: None,
            conflict: None,
            autosave: None,
        }
    }
}

pub(crate) async fn editor_page(
    state: &AppState,
    signed: &Signed,
    status: StatusCode,
    mut form: ArticleForm,
    errors: FieldErrors,
    ctx: EditorContext,
) -> Result<Response, WebError> {
    // A refused save keeps its page's token: that page's autosaves go on.
    if form.autosave_token().is_none() {
        form.autosave_token = super::session::random_hex(16)?;
    }
    let sections = state.store.sections().await?;
    let mut chrome = NrChrome::new(state, Some(signed), newsroom_lang(None, Some(signed)), "");
    let l = &chrome.l;
    let related = crate::search::pins::editor_panel(state, l, ctx.article_id).await?;
    let may_publish = can(signed.user.role, Action::PublishArticle, Ownership::None);
    let statuses = STATUSES
        .iter()
        .filter(|s| may_publish || **s == ArticleStatus::Draft || form.status == s.as_str())
        .map(|s| Choice {
            value: s.as_str().into(),
            label: status_label(l, *s),
            selected: form.status == s.as_str(),
        })
        .collect();
    let heading = if ctx.article_id.is_some() {
        l.t("nr-edit-article")
    } else {
        l.t("nr-new-article")
    };
    chrome.title = format!("{heading} — {}", l.t("nr-newsroom"));
    let time_zone = state
        .site()
        .locale
        .time_zone
        .iana_name()
        .unwrap_or("UTC")
        .to_string();
    let action = ctx.article_id.map_or_else(
        || "/newsroom/articles/new".into(),
        |id| format!("/newsroom/articles/{id}"),
    );
    page(
        status,
        EditorPage {
            heading,
            preview_action: format!("{action}/preview"),
            action,
            autosave: ctx.autosave,
            form,
            errors,
            statuses,
            sections: sections.into_iter().map(|s| s.name).collect(),
            article_id: ctx.article_id.map(|id| id.0),
            public_url: ctx.public_url,
            notice: ctx.notice,
            conflict: ctx.conflict,
            time_zone,
            related,
            chrome,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct NewQuery {
    restore: String,
}

pub(crate) async fn new_article(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<NewQuery>,
) -> Result<Response, WebError> {
    signed.ensure(Action::CreateArticle, Ownership::None)?;
    let blank = ArticleForm {
        status: "draft".into(),
        author: signed.user.name.clone(),
        revision: "0".into(),
        ..ArticleForm::default()
    };
    let l = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(None, Some(&signed)),
        "",
    )
    .l;
    let mut ctx = EditorContext::of(None);
    let mut form = match autosave::stored_form(&state, &signed, None).await? {
        Some((_, saved)) if q.restore == "autosave" => {
            ctx.notice = Some(l.t("nr-autosave-restored"));
            saved
        }
        _ => {
            ctx.autosave = autosave::offer(&state, &signed, None, &blank, &l).await?;
            blank
        }
    };
    // A new page, a new token (a restored autosave brings its old one).
    form.autosave_token.clear();
    editor_page(
        &state,
        &signed,
        StatusCode::OK,
        form,
        FieldErrors::default(),
        ctx,
    )
    .await
}

/// Checks the form, the role's right to the chosen status, and the slug.
async fn checked(
    state: &AppState,
    signed: &Signed,
    form: &ArticleForm,
    id: Option<ArticleId>,
) -> Result<Result<NewArticle, FieldErrors>, WebError> {
    let l = NrChrome::new(state, Some(signed), newsroom_lang(None, Some(signed)), "").l;
    let may_publish = can(signed.user.role, Action::PublishArticle, Ownership::None);
    let mut result = form.to_article(&l, Timestamp::now(), may_publish);
    let slug = match &result {
        Ok(a) => Some(a.slug.clone()),
        Err(e) if !e.has("slug") => Some(form.slug.trim().to_string()).filter(|s| !s.is_empty()),
        Err(_) => None,
    };
    if let Some(slug) = slug
        && state.newsroom()?.editorial.slug_taken(&slug, id).await?
    {
        let mut errors = result.err().unwrap_or_default();
        errors.0.insert("slug", l.t("nr-err-slug-taken"));
        result = Err(errors);
    }
    if let Some(message) = crate::search::pins::check(state, &l, &form.pins, id).await? {
        let mut errors = result.err().unwrap_or_default();
        errors.0.insert("pins", message);
        result = Err(errors);
    }
    Ok(result)
}

fn audit_action(status: ArticleStatus) -> &'static str {
    match status {
        ArticleStatus::Draft => "article_save_draft",
        ArticleStatus::Scheduled => "article_schedule",
        ArticleStatus::Published => "article_publish",
        ArticleStatus::Unpublished => "article_unpublish",
    }
}

pub(crate) async fn create_article(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    submission: EditorSubmission,
) -> Result<Response, WebError> {
    let EditorSubmission {
        mut form,
        cover_file,
    } = submission;
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::CreateArticle, Ownership::None)?;
    let upload = attach_cover(&state, &signed, peer, &mut form, cover_file).await?;
    let checked = checked(&state, &signed, &form, None).await?;
    let article = match with_upload_errors(checked, upload) {
        Ok(a) => a,
        Err(errors) => {
            let ctx = EditorContext::of(None);
            return editor_page(
                &state,
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                errors,
                ctx,
            )
            .await;
        }
    };
    let nr = state.newsroom()?;
    let id = nr
        .editorial
        .create_owned(&article, signed.user.id, Timestamp::now())
        .await?;
    crate::search::pins::save(&state, id, &form.pins).await?;
    state.pages.invalidate();
    autosave::clear_after_save(&state, &signed, None, &form).await;
    let target = format!("article:{id}");
    audit(
        nr,
        Some(signed.user.id),
        "article_create",
        &target,
        &peer.ip().to_string(),
    )
    .await?;
    if article.status != ArticleStatus::Draft {
        audit(
            nr,
            Some(signed.user.id),
            audit_action(article.status),
            &target,
            &peer.ip().to_string(),
        )
        .await?;
    }
    Ok(see_other(&format!("/newsroom/articles/{id}?saved=1")))
}

/// Loads an article the signed-in account may open, or 404/403.
pub(crate) async fn editable(
    state: &AppState,
    signed: &Signed,
    id: ArticleId,
    action: Action,
) -> Result<(Article, i64), WebError> {
    if !can(signed.user.role, action, Ownership::Own) {
        return Err(WebError::Forbidden("forbidden"));
    }
    let nr = state.newsroom()?;
    let meta = nr
        .editorial
        .editorial_meta(id)
        .await?
        .ok_or(WebError::NotFound("article_not_found"))?;
    let ownership = if meta.owner == Some(signed.user.id) {
        Ownership::Own
    } else {
        Ownership::Others
    };
    if !can(signed.user.role, action, ownership) {
        // Authors learn nothing about other people's articles, not even that they exist.
        return Err(WebError::NotFound("article_not_found"));
    }
    let article = state
        .store
        .article(id)
        .await?
        .ok_or(WebError::NotFound("article_not_found"))?;
    Ok((article, meta.revision))
}

pub(crate) fn parse_article_id(raw: &str) -> Result<ArticleId, WebError> {
    khabar_arabic::digits::parse_u64(raw)
        .and_then(|n| i64::try_from(n).ok())
        .map(ArticleId)
        .ok_or(WebError::NotFound("article_not_found"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct EditQuery {
    saved: Option<String>,
    restored: Option<String>,
    /// `autosave`: fill the form with this account's autosave.
    restore: String,
}

pub(crate) async fn edit_article(
    State(state): State<AppState>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Response, WebError> {
    let id = parse_article_id(&raw_id)?;
    let (article, revision) = editable(&state, &signed, id, Action::ReadArticle).await?;
    let l = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(None, Some(&signed)),
        "",
    )
    .l;
    let mut stored = ArticleForm::from_article(&article, revision, &l);
    stored.pins = crate::search::pins::pins_text(&state, id).await?;
    let mut notice = None;
    let mut offer = None;
    let mut form = match autosave::stored_form(&state, &signed, Some(id)).await? {
        Some((_, saved)) if q.restore == "autosave" => {
            notice = Some(l.t("nr-autosave-restored"));
            saved
        }
        _ => {
            offer =
                autosave::offer(&state, &signed, Some((&article, revision)), &stored, &l).await?;
            stored
        }
    };
    form.autosave_token.clear();
    let notice = notice.or(if q.saved.is_some() {
        Some(l.t("nr-saved"))
    } else if q.restored.is_some() {
        Some(l.t("nr-restored"))
    } else {
        None
    });
    let public_url = article
        .is_public(Timestamp::now())
        .then(|| urls::article(article.id, &article.slug));
    editor_page(
        &state,
        &signed,
        StatusCode::OK,
        form,
        FieldErrors::default(),
        EditorContext {
            public_url,
            notice,
            autosave: offer,
            ..EditorContext::of(Some(id))
        },
    )
    .await
}

pub(crate) async fn save_article(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path(raw_id): Path<String>,
    submission: EditorSubmission,
) -> Result<Response, WebError> {
    let EditorSubmission {
        mut form,
        cover_file,
    } = submission;
    signed.ensure_csrf(&form.csrf)?;
    let id = parse_article_id(&raw_id)?;
    let (current, _) = editable(&state, &signed, id, Action::EditArticle).await?;
    let ctx = |conflict| EditorContext {
        conflict,
        ..EditorContext::of(Some(id))
    };
    let Some(base) = form.base_revision() else {
        return Err(WebError::BadRequest("revision_invalid"));
    };
    let upload = attach_cover(&state, &signed, peer, &mut form, cover_file).await?;
    let checked = checked(&state, &signed, &form, Some(id)).await?;
    let article = match with_upload_errors(checked, upload) {
        Ok(a) => a,
        Err(errors) => {
            return editor_page(
                &state,
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                errors,
                ctx(None),
            )
            .await;
        }
    };
    let nr = state.newsroom()?;
    match nr
        .editorial
        .update_article(id, &article, base, signed.user.id, Timestamp::now())
        .await?
    {
        SaveOutcome::Saved { .. } => {
            crate::search::pins::save(&state, id, &form.pins).await?;
            state.pages.invalidate();
            autosave::clear_after_save(&state, &signed, Some(id), &form).await;
            let target = format!("article:{id}");
            let address = peer.ip().to_string();
            audit(nr, Some(signed.user.id), "article_save", &target, &address).await?;
            if article.status != current.status {
                audit(
                    nr,
                    Some(signed.user.id),
                    audit_action(article.status),
                    &target,
                    &address,
                )
                .await?;
            }
            Ok(see_other(&format!("/newsroom/articles/{id}?saved=1")))
        }
        SaveOutcome::NotFound => Err(WebError::NotFound("article_not_found")),
        SaveOutcome::Conflict { current: revision } => {
            let theirs = state
                .store
                .article(id)
                .await?
                .ok_or(WebError::NotFound("article_not_found"))?;
            let conflict = ConflictView {
                revision,
                title: theirs.title.clone(),
                lead: theirs.lead.clone(),
                diff: side_by_side(&theirs.body, &form.body.replace("\r\n", "\n")),
            };
            // Saving this form again overwrites the newer version knowingly.
            form.revision = revision.to_string();
            editor_page(
                &state,
                &signed,
                StatusCode::CONFLICT,
                form,
                FieldErrors::default(),
                ctx(Some(conflict)),
            )
            .await
        }
    }
}
