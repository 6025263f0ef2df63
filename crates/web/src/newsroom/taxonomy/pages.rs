//! The sections and tags pages: the lists and the edit page.

use super::super::form::FieldErrors;
use super::super::views::{Choice, NrChrome, newsroom_lang};
use super::super::{Signed, page};
use super::writes::slug_for;
use super::{EditQuery, ListQuery, TaxForm, parse_id, public_url, segment};
use crate::AppState;
use crate::error::WebError;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use khabar_core::{Action, Ownership, Window};
use khabar_i18n::{Arg, Localizer, Noun};
use khabar_store::{TaxonomyItem, TaxonomyKind};

const TAGS_PER_PAGE: u32 = 50;

/// A row of the sections or tags table.
pub struct TaxRow {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub count: String,
    pub public_url: String,
    pub first: bool,
    pub last: bool,
}

#[derive(Template)]
#[template(path = "newsroom/taxonomy.html")]
pub struct TaxonomyPage<'a> {
    pub chrome: NrChrome<'a>,
    /// `sections` or `tags`: the path segment.
    pub kind: &'static str,
    pub heading: String,
    pub new_label: String,
    pub empty_label: String,
    pub rows: Vec<TaxRow>,
    pub form: TaxForm,
    pub errors: FieldErrors,
    pub notice: Option<String>,
    pub total: String,
    pub q: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "newsroom/taxonomy_edit.html")]
pub struct TaxonomyEditPage<'a> {
    pub chrome: NrChrome<'a>,
    pub kind: &'static str,
    pub heading: String,
    pub back_label: String,
    pub delete_label: String,
    pub id: i64,
    pub count: String,
    pub has_articles: bool,
    pub public_url: String,
    pub suggested_slug: String,
    pub form: TaxForm,
    pub errors: FieldErrors,
    pub notice: Option<String>,
    /// Sections the articles may move to (deleting a section).
    pub targets: Vec<Choice>,
    pub into: String,
}

pub(super) fn localizer<'a>(state: &'a AppState, signed: &Signed) -> NrChrome<'a> {
    NrChrome::new(state, Some(signed), newsroom_lang(None, Some(signed)), "")
}

fn notice(l: &Localizer<'_>, code: &str) -> Option<String> {
    matches!(
        code,
        "created" | "saved" | "deleted" | "merged" | "moved" | "moved-articles"
    )
    .then(|| l.t(&format!("nr-tax-{code}")))
}

fn rows(l: &Localizer<'_>, kind: TaxonomyKind, items: &[TaxonomyItem]) -> Vec<TaxRow> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, t)| TaxRow {
            id: t.id,
            name: t.name.clone(),
            slug: t.slug.clone(),
            count: l.count(Noun::Article, t.article_count),
            public_url: public_url(kind, &t.slug),
            first: i == 0,
            last: i + 1 == n,
        })
        .collect()
}

/// The list page, with the create form as typed and its messages.
pub(super) async fn list_page(
    state: &AppState,
    signed: &Signed,
    kind: TaxonomyKind,
    q: &ListQuery,
    status: StatusCode,
    form: TaxForm,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let nr = state.newsroom()?;
    let mut chrome = localizer(state, signed);
    let l = &chrome.l;
    let (items, total, prev, next) = match kind {
        TaxonomyKind::Section => {
            let items = nr.taxonomy.sections_with_counts().await?;
            let total = items.len() as u64;
            (items, total, None, None)
        }
        TaxonomyKind::Tag => {
            let page_n = crate::public::parse_page(Some(&q.page))?;
            let window =
                Window::page(page_n, TAGS_PER_PAGE).ok_or(WebError::BadRequest("invalid_page"))?;
            let text = Some(q.q.trim()).filter(|t| !t.is_empty() && t.chars().count() <= 100);
            let result = nr.taxonomy.tags_with_counts(text, window).await?;
            let link = |p: u64| {
                format!(
                    "/newsroom/tags?q={}&page={p}",
                    percent_encoding::utf8_percent_encode(&q.q, percent_encoding::NON_ALPHANUMERIC)
                )
            };
            let shown = window.offset + result.items.len() as u64;
            let prev = (page_n > 1).then(|| link(page_n - 1));
            let next = (shown < result.total).then(|| link(page_n + 1));
            (result.items, result.total, prev, next)
        }
    };
    let heading = l.t(&format!("nr-{}", segment(kind)));
    let page_rows = rows(l, kind, &items);
    let total = l.t_args(
        &format!("nr-{}-total", segment(kind)),
        &[("n", Arg::Num(i64::try_from(total).unwrap_or(i64::MAX)))],
    );
    let notice = notice(l, &q.notice);
    chrome.title = format!("{heading} — {}", l.t("nr-newsroom"));
    page(
        status,
        TaxonomyPage {
            kind: segment(kind),
            heading,
            new_label: l.t(&format!("nr-new-{}", kind.as_str())),
            empty_label: l.t(&format!("nr-no-{}", segment(kind))),
            rows: page_rows,
            form,
            errors,
            notice,
            total,
            q: q.q.clone(),
            prev,
            next,
            chrome,
        },
    )
}

pub(super) async fn list(
    state: AppState,
    signed: Signed,
    kind: TaxonomyKind,
    q: ListQuery,
) -> Result<Response, WebError> {
    signed.ensure(Action::ManageTaxonomy, Ownership::None)?;
    list_page(
        &state,
        &signed,
        kind,
        &q,
        StatusCode::OK,
        TaxForm::default(),
        FieldErrors::default(),
    )
    .await
}

/// What the edit page shows besides the item: the form, its messages.
pub(super) struct EditState {
    pub(super) form: Option<TaxForm>,
    pub(super) errors: FieldErrors,
    pub(super) into: String,
    pub(super) notice: Option<String>,
}

pub(super) async fn edit_page(
    state: &AppState,
    signed: &Signed,
    kind: TaxonomyKind,
    id: i64,
    status: StatusCode,
    edit: EditState,
) -> Result<Response, WebError> {
    let nr = state.newsroom()?;
    let item = nr
        .taxonomy
        .taxonomy_item(kind, id)
        .await?
        .ok_or(WebError::NotFound("not_found"))?;
    let targets = match kind {
        TaxonomyKind::Section => nr
            .taxonomy
            .sections_with_counts()
            .await?
            .into_iter()
            .filter(|s| s.id != id)
            .map(|s| Choice {
                value: s.id.to_string(),
                label: s.name,
                selected: false,
            })
            .collect(),
        TaxonomyKind::Tag => Vec::new(),
    };
    let mut chrome = localizer(state, signed);
    let l = &chrome.l;
    let heading = l.t_args(
        &format!("nr-edit-{}", kind.as_str()),
        &[("name", Arg::Isolated(&item.name))],
    );
    chrome.title = format!("{heading} — {}", l.t("nr-newsroom"));
    let form = edit.form.unwrap_or_else(|| TaxForm {
        csrf: String::new(),
        name: item.name.clone(),
        slug: item.slug.clone(),
    });
    page(
        status,
        TaxonomyEditPage {
            kind: segment(kind),
            heading,
            back_label: l.t(&format!("nr-back-to-{}", segment(kind))),
            delete_label: l.t(&format!("nr-delete-{}", kind.as_str())),
            id,
            count: l.count(Noun::Article, item.article_count),
            has_articles: item.article_count > 0,
            public_url: public_url(kind, &item.slug),
            suggested_slug: slug_for(&item.name),
            form,
            errors: edit.errors,
            notice: edit.notice,
            targets,
            into: edit.into,
            chrome,
        },
    )
}

pub(super) async fn edit(
    state: AppState,
    signed: Signed,
    kind: TaxonomyKind,
    raw_id: String,
    q: EditQuery,
) -> Result<Response, WebError> {
    signed.ensure(Action::ManageTaxonomy, Ownership::None)?;
    let id = parse_id(&raw_id)?;
    let l = localizer(&state, &signed).l;
    let edit = EditState {
        form: None,
        errors: FieldErrors::default(),
        into: String::new(),
        notice: notice(&l, &q.notice),
    };
    edit_page(&state, &signed, kind, id, StatusCode::OK, edit).await
}
