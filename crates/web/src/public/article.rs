//! The article page, and the 301 that keeps every old or partial URL working.

use super::html_page;
use crate::AppState;
use crate::error::WebError;
use crate::urls;
use crate::views::{ArticlePage, Chrome, CoverView, Link, TocItem};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use khabar_core::{Article, ArticleId};

/// Parses an id written with any digit set; anything else is an unknown page.
fn parse_id(raw: &str) -> Result<ArticleId, WebError> {
    khabar_arabic::digits::parse_u64(raw)
        .and_then(|n| i64::try_from(n).ok())
        .map(ArticleId)
        .ok_or(WebError::NotFound("article_not_found"))
}

/// Loads an article that readers may see, or 404.
pub(crate) async fn public_article(
    state: &AppState,
    id: ArticleId,
    now: Timestamp,
) -> Result<Article, WebError> {
    state
        .store
        .article(id)
        .await?
        .filter(|a| a.is_public(now))
        .ok_or(WebError::NotFound("article_not_found"))
}

/// Loads a public article from an id as typed in a URL, or 404.
pub(crate) async fn public_article_by_raw_id(
    state: &AppState,
    raw_id: &str,
    now: Timestamp,
) -> Result<Article, WebError> {
    public_article(state, parse_id(raw_id)?, now).await
}

/// A 301 (not axum's 308): the status crawlers and old clients know best for
/// "this page lives at another URL for good".
pub(super) fn moved_permanently(location: &str) -> Response {
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}

/// `/article/{id}` (no slug) → 301 to the canonical URL.
pub(crate) async fn redirect_to_canonical(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let id = parse_id(&raw_id)?;
    let article = public_article(&state, id, Timestamp::now()).await?;
    Ok(moved_permanently(&urls::article(article.id, &article.slug)))
}

/// `/article/{id}/{slug}`: the page, or a 301 when the id is not written in
/// canonical form or the slug is outdated.
pub(crate) async fn show_article(
    State(state): State<AppState>,
    Path((raw_id, slug)): Path<(String, String)>,
    Query(comment_params): Query<crate::comments::CommentParams>,
) -> Result<Response, WebError> {
    let now = Timestamp::now();
    let id = parse_id(&raw_id)?;
    let article = public_article(&state, id, now).await?;
    if raw_id != id.to_string() || slug != article.slug {
        return Ok(moved_permanently(&urls::article(article.id, &article.slug)));
    }
    let comments_html =
        crate::comments::section_html(&state, &article, &comment_params, None, now).await?;
    article_page(&state, &article, comments_html).await
}

/// The article page around an already rendered comments section (the form
/// handler re-renders it with the reader's text after a refusal).
pub(crate) async fn article_page(
    state: &AppState,
    article: &Article,
    comments_html: String,
) -> Result<Response, WebError> {
    let body = state.rendered_body(article);
    let l = state.l();
    let page = article_view(state, &l, article, &body, comments_html).await?;
    html_page(state, page)
}

/// The article page's context for any version of an article: the stored one
/// (above), or the newsroom's preview of unsaved text, which renders the
/// same template with its own `body`.
pub(crate) async fn article_view<'a>(
    state: &AppState,
    l: &'a khabar_i18n::Localizer<'a>,
    article: &Article,
    body: &khabar_markup::RenderedBody,
    comments_html: String,
) -> Result<ArticlePage<'a>, WebError> {
    let now = Timestamp::now();
    let site = state.site();
    let extras = crate::search::article_extras(state, article.id, body).await?;
    let sections = state.store.sections().await?;
    let path = urls::article(article.id, &article.slug);
    let published = article.published_at.unwrap_or(article.created_at);
    let mut chrome = Chrome::new(
        state,
        l,
        &sections,
        &article.title,
        &article.lead,
        &path,
        article.section.as_ref().map(|s| s.slug.as_str()),
    );
    chrome.og_type = "article";
    chrome.og_image = article
        .cover
        .as_ref()
        .map(|c| absolute(&site.base_url, &c.url));
    Ok(ArticlePage {
        id: article.id.0,
        title: article.title.clone(),
        lead: article.lead.clone(),
        section: article.section.as_ref().map(|s| Link {
            name: s.name.clone(),
            url: urls::section(&s.slug),
        }),
        author: article.author.as_ref().map(|a| Link {
            name: a.name.clone(),
            url: urls::author(&a.slug),
        }),
        date: l.date_time(published),
        date_iso: l.iso_date(published),
        hijri: if site.locale.show_hijri {
            l.hijri_date(published)
        } else {
            None
        },
        updated: (article.updated_at.as_second() - published.as_second() > 3600
            && article.updated_at > published)
            .then(|| l.date_time(article.updated_at)),
        cover: article.cover.as_ref().map(CoverView::from),
        body_html: extras.body_html,
        related: extras.related,
        toc: body
            .headings
            .iter()
            .filter(|h| h.level <= 3)
            .map(|h| TocItem {
                level: h.level,
                text: h.text.clone(),
                anchor: h.anchor.clone(),
            })
            .collect(),
        source: article.source.as_ref().map(|s| Link {
            name: s.name.clone(),
            url: s.url.clone(),
        }),
        tags: article
            .tags
            .iter()
            .map(|t| Link {
                name: t.name.clone(),
                url: urls::tag(&t.slug),
            })
            .collect(),
        json_ld: json_ld(state, article, &path),
        comments_html,
        views_label: crate::stats::views_label(state, l, article.id).await?,
        views_js: state
            .stats
            .is_some()
            .then(|| state.assets.url("js/views.js")),
        most_read: crate::stats::most_read_cards(state, l, 24, 5, now)
            .await?
            .into_iter()
            .filter(|c| c.url != path)
            .collect(),
        chrome,
    })
}

fn absolute(base: &str, url: &str) -> String {
    if url.starts_with('/') {
        format!("{base}{url}")
    } else {
        url.to_string()
    }
}

/// schema.org `NewsArticle` data for search engines, safe inside `<script>`.
fn json_ld(state: &AppState, a: &Article, path: &str) -> String {
    let settings = state.site();
    let site = state.site_name(&state.l());
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "description": a.lead,
        "inLanguage": settings.locale.lang.code(),
        "datePublished": a.published_at.map(|t| t.to_string()),
        "dateModified": a.updated_at.to_string(),
        "mainEntityOfPage": format!("{}{path}", settings.base_url),
        "author": a.author.as_ref().map(|au| serde_json::json!({"@type": "Person", "name": au.name})),
        "publisher": {"@type": "Organization", "name": site},
        "image": a.cover.as_ref().map(|c| absolute(&settings.base_url, &c.url)),
        "articleSection": a.section.as_ref().map(|s| s.name.clone()),
        "keywords": a.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
    });
    // `<` only occurs inside JSON strings, where \u003c means the same; this
    // keeps a title containing `</script>` from closing the element.
    value.to_string().replace('<', "\\u003c")
}
