//! `GET /api/v1/articles` and `GET /api/v1/articles/{id}`.

use crate::AppState;
use crate::error::WebError;
use crate::urls;
use axum::Json;
use axum::extract::{Path, Query, State};
use jiff::Timestamp;
use khabar_core::{Article, ArticleId, ArticleSummary, Section, Window};
use khabar_store::ArticleFilter;
use serde::{Deserialize, Serialize};

const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    limit: Option<String>,
    offset: Option<String>,
    section: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SectionJson {
    slug: String,
    name: String,
    url: String,
}

impl SectionJson {
    fn new(s: &Section) -> Self {
        SectionJson {
            slug: s.slug.clone(),
            name: s.name.clone(),
            url: urls::section(&s.slug),
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct ArticleItem {
    id: i64,
    title: String,
    lead: String,
    url: String,
    section: Option<SectionJson>,
    author: Option<String>,
    published_at: Option<String>,
    updated_at: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct ArticleList {
    items: Vec<ArticleItem>,
    total: u64,
}

fn item(base: &str, a: &ArticleSummary) -> ArticleItem {
    ArticleItem {
        id: a.id.0,
        title: a.title.clone(),
        lead: a.lead.clone(),
        url: format!("{base}{}", urls::article(a.id, &a.slug)),
        section: a.section.as_ref().map(SectionJson::new),
        author: a.author.as_ref().map(|au| au.name.clone()),
        published_at: a.published_at.map(|t| t.to_string()),
        updated_at: a.updated_at.to_string(),
    }
}

fn parse_number(raw: Option<&str>, code: &'static str) -> Result<Option<u64>, WebError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => khabar_arabic::digits::parse_u64(s)
            .map(Some)
            .ok_or(WebError::BadRequest(code)),
    }
}

pub(crate) async fn list_articles(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<ArticleList>, WebError> {
    let limit = match parse_number(q.limit.as_deref(), "invalid_limit")? {
        None => DEFAULT_LIMIT,
        Some(0) => return Err(WebError::BadRequest("invalid_limit")),
        Some(n) => u32::try_from(n.min(u64::from(MAX_LIMIT))).unwrap_or(MAX_LIMIT),
    };
    let offset = parse_number(q.offset.as_deref(), "invalid_offset")?.unwrap_or(0);
    if offset > i64::MAX as u64 {
        return Err(WebError::BadRequest("invalid_offset"));
    }
    let filter = match q.section.as_deref().filter(|s| !s.is_empty()) {
        None => ArticleFilter::All,
        Some(slug) => ArticleFilter::Section(
            state
                .store
                .section_by_slug(slug)
                .await?
                .ok_or(WebError::NotFound("section_not_found"))?
                .id,
        ),
    };
    let page = state
        .store
        .published(filter, Window { limit, offset }, Timestamp::now())
        .await?;
    Ok(Json(ArticleList {
        items: page
            .items
            .iter()
            .map(|a| item(&state.site().base_url, a))
            .collect(),
        total: page.total,
    }))
}

#[derive(Debug, Serialize)]
pub(crate) struct TagJson {
    slug: String,
    name: String,
    url: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct CoverJson {
    url: String,
    alt: String,
    credit: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct ArticleFull {
    id: i64,
    slug: String,
    title: String,
    lead: String,
    url: String,
    section: Option<SectionJson>,
    tags: Vec<TagJson>,
    author: Option<String>,
    source_name: Option<String>,
    source_url: Option<String>,
    published_at: Option<String>,
    updated_at: String,
    cover: Option<CoverJson>,
    body_html: String,
    /// All-time views (counted views, see docs/analytics.md).
    views: u64,
}

pub(crate) async fn get_article(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
) -> Result<Json<ArticleFull>, WebError> {
    let id = khabar_arabic::digits::parse_u64(&raw_id)
        .and_then(|n| i64::try_from(n).ok())
        .map(ArticleId)
        .ok_or(WebError::NotFound("article_not_found"))?;
    let a: Article = state
        .store
        .article(id)
        .await?
        .filter(|a| a.is_public(Timestamp::now()))
        .ok_or(WebError::NotFound("article_not_found"))?;
    let body_html = state.rendered_body(&a).to_html();
    let views = crate::stats::views_of(&state, a.id).await?;
    Ok(Json(ArticleFull {
        id: a.id.0,
        url: format!("{}{}", state.site().base_url, urls::article(a.id, &a.slug)),
        section: a.section.as_ref().map(SectionJson::new),
        tags: a
            .tags
            .iter()
            .map(|t| TagJson {
                slug: t.slug.clone(),
                name: t.name.clone(),
                url: urls::tag(&t.slug),
            })
            .collect(),
        author: a.author.as_ref().map(|au| au.name.clone()),
        source_name: a.source.as_ref().map(|s| s.name.clone()),
        source_url: a.source.as_ref().map(|s| s.url.clone()),
        published_at: a.published_at.map(|t| t.to_string()),
        updated_at: a.updated_at.to_string(),
        cover: a.cover.as_ref().map(|c| CoverJson {
            url: c.url.clone(),
            alt: c.alt.clone(),
            credit: c.credit.clone(),
        }),
        body_html,
        views,
        slug: a.slug,
        title: a.title,
        lead: a.lead,
    }))
}
