//! `/newsroom/duplicates` (المقالات المكررة): pairs of published articles
//! whose texts are near-copies, as the search indexer found them while
//! computing related lists, the pair with the newest article first; an
//! editor can mark a pair "not a duplicate", which hides it for good.
//!
//! Editors and admins only: deciding about someone else's article is
//! editing-level work (`Action::EditArticle` on others' articles).

use super::auth::audit;
use super::views::{NrChrome, newsroom_lang};
use super::{Signed, page, see_other};
use crate::AppState;
use crate::error::WebError;
use crate::search::SearchFeature;
use crate::urls;
use askama::Template;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::Timestamp;
use khabar_core::{Action, ArticleId, Ownership, Window};
use khabar_i18n::Arg;
use khabar_store::PairSide;
use serde::Deserialize;
use std::net::SocketAddr;

const PER_PAGE: u32 = 30;

/// One article of a pair.
pub struct SideView {
    pub id: i64,
    pub title: String,
    pub editor_url: String,
    pub public_url: String,
    pub date: String,
}

pub struct PairView {
    pub similarity: String,
    /// The more recently published article of the two.
    pub newer: SideView,
    pub older: SideView,
}

#[derive(Template)]
#[template(path = "newsroom/duplicates.html")]
pub struct DuplicatesPage<'a> {
    pub chrome: NrChrome<'a>,
    pub pairs: Vec<PairView>,
    pub total: String,
    pub page: u64,
    pub notice: Option<String>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ListQuery {
    page: String,
    dismissed: Option<String>,
}

/// The search feature, for someone allowed to review duplicates.
fn reviewer<'s>(state: &'s AppState, signed: &Signed) -> Result<&'s SearchFeature, WebError> {
    signed.ensure(Action::EditArticle, Ownership::Others)?;
    state
        .search
        .as_deref()
        .ok_or(WebError::NotFound("search_unavailable"))
}

fn side(l: &khabar_i18n::Localizer<'_>, s: PairSide) -> SideView {
    SideView {
        id: s.id.0,
        editor_url: format!("/newsroom/articles/{}", s.id),
        public_url: urls::article(s.id, &s.slug),
        date: s.published_at.map(|t| l.date_time(t)).unwrap_or_default(),
        title: s.title,
    }
}

pub(crate) async fn list_duplicates(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let search = reviewer(&state, &signed)?;
    let page_n = crate::public::parse_page(Some(&q.page))?;
    let window = Window::page(page_n, PER_PAGE).ok_or(WebError::BadRequest("invalid_page"))?;
    let result = search
        .service
        .store()
        .duplicate_pairs(window, Timestamp::now())
        .await?;
    let mut chrome = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(None, Some(&signed)),
        "",
    );
    let l = &chrome.l;
    let total = l.t_args(
        "search-duplicates-count",
        &[(
            "n",
            Arg::Num(i64::try_from(result.total).unwrap_or(i64::MAX)),
        )],
    );
    let pairs = result
        .items
        .into_iter()
        .map(|p| {
            let (newer, older) = if p.second.published_at >= p.first.published_at {
                (p.second, p.first)
            } else {
                (p.first, p.second)
            };
            PairView {
                similarity: l.t_args(
                    "search-similarity",
                    &[("n", Arg::Num((p.similarity * 100.0).round() as i64))],
                ),
                newer: side(l, newer),
                older: side(l, older),
            }
        })
        .collect();
    let shown = window.offset + u64::from(PER_PAGE);
    let notice = q
        .dismissed
        .is_some()
        .then(|| l.t("search-duplicate-dismissed"));
    chrome.title = format!("{} — {}", l.t("search-duplicates"), l.t("nr-newsroom"));
    page(
        StatusCode::OK,
        DuplicatesPage {
            pairs,
            total,
            page: page_n,
            notice,
            prev: (page_n > 1).then(|| format!("/newsroom/duplicates?page={}", page_n - 1)),
            next: (shown < result.total)
                .then(|| format!("/newsroom/duplicates?page={}", page_n + 1)),
            chrome,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct DismissForm {
    csrf: String,
    first: String,
    second: String,
    page: String,
}

fn article_id(raw: &str) -> Result<ArticleId, WebError> {
    khabar_arabic::digits::parse_u64(raw.trim())
        .and_then(|n| i64::try_from(n).ok())
        .filter(|n| *n > 0)
        .map(ArticleId)
        .ok_or(WebError::BadRequest("invalid_article"))
}

/// `POST /newsroom/duplicates/dismiss`: the pair is not a duplicate.
pub(crate) async fn dismiss_duplicate(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Form(form): Form<DismissForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    let search = reviewer(&state, &signed)?;
    let (a, b) = (article_id(&form.first)?, article_id(&form.second)?);
    if a == b {
        return Err(WebError::BadRequest("invalid_article"));
    }
    search
        .service
        .store()
        .dismiss_duplicate(a, b, Some(signed.user.id), Timestamp::now())
        .await?;
    audit(
        state.newsroom()?,
        Some(signed.user.id),
        "duplicate_dismiss",
        &format!("article:{}+article:{}", a.min(b), a.max(b)),
        &peer.ip().to_string(),
    )
    .await?;
    let page_n = crate::public::parse_page(Some(&form.page)).unwrap_or(1);
    Ok(see_other(&format!(
        "/newsroom/duplicates?page={page_n}&dismissed=1"
    )))
}
