//! Section, tag and author pages: paginated lists of published articles.

use super::article::moved_permanently;
use super::{html_page, parse_page};
use crate::AppState;
use crate::error::WebError;
use crate::urls;
use crate::views::{Card, Chrome, ListingPage, Pagination};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use jiff::Timestamp;
use khabar_core::Window;
use khabar_i18n::{Arg, Noun};
use khabar_store::{ArticleFilter, TaxonomyKind};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub(crate) struct PageQuery {
    page: Option<String>,
}

/// What a listing is of.
struct Subject {
    filter: ArticleFilter,
    kind_key: &'static str,
    name: String,
    intro: String,
    path: String,
    current_section: Option<String>,
}

/// A 301 to where an old section or tag address leads now, keeping the
/// page number, when the slug was given up (see
/// [`khabar_store::TaxonomyStore::slug_now`]).
async fn moved(
    state: &AppState,
    kind: TaxonomyKind,
    slug: &str,
    page: Option<&str>,
) -> Result<Option<Response>, WebError> {
    let Some(history) = &state.slug_history else {
        return Ok(None);
    };
    let Some(now) = history.slug_now(kind, slug).await? else {
        return Ok(None);
    };
    let mut to = match kind {
        TaxonomyKind::Section => urls::section(&now),
        TaxonomyKind::Tag => urls::tag(&now),
    };
    if let Some(n) = page
        .and_then(khabar_arabic::digits::parse_u64)
        .filter(|n| *n > 1)
    {
        to = format!("{to}?page={n}");
    }
    Ok(Some(moved_permanently(&to)))
}

pub(crate) async fn show_section(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let Some(section) = state.store.section_by_slug(&slug).await? else {
        return match moved(&state, TaxonomyKind::Section, &slug, q.page.as_deref()).await? {
            Some(redirect) => Ok(redirect),
            None => Err(WebError::NotFound("section_not_found")),
        };
    };
    let subject = Subject {
        filter: ArticleFilter::Section(section.id),
        kind_key: "section",
        path: urls::section(&section.slug),
        current_section: Some(section.slug.clone()),
        name: section.name,
        intro: String::new(),
    };
    listing(state, subject, q.page.as_deref()).await
}

pub(crate) async fn show_tag(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let Some(tag) = state.store.tag_by_slug(&slug).await? else {
        return match moved(&state, TaxonomyKind::Tag, &slug, q.page.as_deref()).await? {
            Some(redirect) => Ok(redirect),
            None => Err(WebError::NotFound("tag_not_found")),
        };
    };
    let subject = Subject {
        filter: ArticleFilter::Tag(tag.id),
        kind_key: "tag",
        path: urls::tag(&tag.slug),
        current_section: None,
        name: tag.name,
        intro: String::new(),
    };
    listing(state, subject, q.page.as_deref()).await
}

pub(crate) async fn show_author(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let author = state
        .store
        .author_by_slug(&slug)
        .await?
        .ok_or(WebError::NotFound("author_not_found"))?;
    let subject = Subject {
        filter: ArticleFilter::Author(author.id),
        kind_key: "author",
        path: urls::author(&author.slug),
        current_section: None,
        name: author.name,
        intro: author.bio,
    };
    listing(state, subject, q.page.as_deref()).await
}

async fn listing(
    state: AppState,
    subject: Subject,
    page: Option<&str>,
) -> Result<Response, WebError> {
    let now = Timestamp::now();
    let page_no = parse_page(page)?;
    let per_page = state.site().per_page;
    let window = Window::page(page_no, per_page).ok_or(WebError::BadRequest("invalid_page"))?;
    let result = state.store.published(subject.filter, window, now).await?;
    let last_page = result.total.div_ceil(u64::from(per_page)).max(1);
    if page_no > last_page {
        return Err(WebError::NotFound("page_not_found"));
    }
    let sections = state.store.sections().await?;
    let l = state.l();
    let page_path = |n: u64| {
        if n == 1 {
            subject.path.clone()
        } else {
            format!("{}?page={n}", subject.path)
        }
    };
    let title = if page_no > 1 {
        format!(
            "{} — {}",
            subject.name,
            l.t_args("page-n", &[("n", Arg::Num(page_no as i64))])
        )
    } else {
        subject.name.clone()
    };
    let chrome = Chrome::new(
        &state,
        &l,
        &sections,
        &title,
        &subject.intro,
        &page_path(page_no),
        subject.current_section.as_deref(),
    );
    let page = ListingPage {
        kind_label: l.t(subject.kind_key),
        heading: subject.name.clone(),
        intro: subject.intro.clone(),
        count_label: l.count(Noun::Article, result.total),
        cards: result.items.iter().map(|a| Card::new(&l, a, now)).collect(),
        pagination: Pagination {
            prev: (page_no > 1).then(|| page_path(page_no - 1)),
            next: (page_no < last_page).then(|| page_path(page_no + 1)),
            label: l.t_args(
                "page-n-of-m",
                &[
                    ("n", Arg::Num(page_no as i64)),
                    ("m", Arg::Num(last_page as i64)),
                ],
            ),
        },
        chrome,
    };
    html_page(&state, page)
}
