//! The editors' statistics (الإحصاءات): `/newsroom/stats` for the site,
//! `/newsroom/stats/articles/{id}` for one article, and
//! `/newsroom/stats/export.csv` for the range as CSV. Editors and admins
//! only ([`Action::ViewStats`]); read-only, so plain GET forms.
//!
//! The numbers come from [`khabar_store::StatsStore`] (what has been
//! flushed) plus, for "reading now", the server's in-memory aggregator.

mod views;

use super::views::{NrChrome, newsroom_lang};
use super::{Signed, page};
use crate::AppState;
use crate::error::WebError;
use crate::stats::Stats;
use crate::stats::range::{self, Chosen, RangeQuery};
use crate::stats::report::report_csv;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use khabar_core::{Action, ArticleId, Ownership};
use khabar_store::stats::day_date;
use serde::Deserialize;
use std::sync::Arc;
use views as dashboard;
use views::{StatsArticlePage, StatsPage};

/// Rows per list on the dashboard.
const LIST: u32 = 10;
/// Rows per list in the CSV export.
const CSV_LIST: u32 = 1_000;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StatsQuery {
    range: String,
    from: String,
    to: String,
    lang: Option<String>,
}

impl StatsQuery {
    fn range(&self) -> RangeQuery {
        RangeQuery {
            range: self.range.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}

/// The signed-in account may read statistics, and this server counts.
fn allowed<'s>(state: &'s AppState, signed: &Signed) -> Result<&'s Arc<Stats>, WebError> {
    signed.ensure(Action::ViewStats, Ownership::None)?;
    state.stats.as_ref().ok_or(WebError::NotFound("not_found"))
}

fn chrome<'a>(state: &'a AppState, signed: &Signed, q: &StatsQuery, heading: &str) -> NrChrome<'a> {
    let mut chrome = NrChrome::new(
        state,
        Some(signed),
        newsroom_lang(q.lang.as_deref(), Some(signed)),
        "",
    );
    let heading = if heading.is_empty() {
        chrome.l.t("stats-title")
    } else {
        heading.to_string()
    };
    chrome.title = format!("{heading} — {}", chrome.l.t("nr-newsroom"));
    chrome
}

/// `GET /newsroom/stats`: the site's dashboard for a range.
pub(crate) async fn show_stats(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<StatsQuery>,
) -> Result<Response, WebError> {
    let stats = allowed(&state, &signed)?;
    let now = Timestamp::now();
    let today = stats.day_of(now);
    let chrome = chrome(&state, &signed, &q, "");
    let form = dashboard::RangeForm::new(&chrome.l, &q.range(), today, "/newsroom/stats");
    let chosen = match range::choose(&q.range(), today) {
        Ok(chosen) => chosen,
        Err(errors) => {
            let form = form.with_errors(&chrome.l, &errors, today);
            return page(
                StatusCode::BAD_REQUEST,
                StatsPage {
                    chrome,
                    form,
                    report: None,
                },
            );
        }
    };
    let report = stats.store().report(chosen.days, LIST).await?;
    let reading = reading_now(&state, stats).await?;
    let view = dashboard::ReportView::new(&chrome.l, &report, chosen, reading);
    page(
        StatusCode::OK,
        StatsPage {
            form: form.chosen(&chrome.l, chosen),
            report: Some(view),
            chrome,
        },
    )
}

/// Readers of the last minutes on this server: the total and the most read
/// articles among them, with titles.
async fn reading_now(
    state: &AppState,
    stats: &Stats,
) -> Result<(u64, Vec<(ArticleId, String, u64)>), WebError> {
    let (total, per_article) = stats.reading_now();
    let mut top = Vec::new();
    for (id, n) in per_article.into_iter().take(5) {
        let title = state
            .store
            .article(ArticleId(id))
            .await?
            .map(|a| a.title)
            .unwrap_or_default();
        top.push((ArticleId(id), title, n));
    }
    Ok((total, top))
}

/// `GET /newsroom/stats/articles/{id}`: one article's days and referrers.
pub(crate) async fn show_article_stats(
    State(state): State<AppState>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Query(q): Query<StatsQuery>,
) -> Result<Response, WebError> {
    let stats = allowed(&state, &signed)?;
    let id = khabar_arabic::digits::parse_u64(&raw_id)
        .and_then(|n| i64::try_from(n).ok())
        .map(ArticleId)
        .ok_or(WebError::NotFound("article_not_found"))?;
    let article = state
        .store
        .article(id)
        .await?
        .ok_or(WebError::NotFound("article_not_found"))?;
    let now = Timestamp::now();
    let today = stats.day_of(now);
    let chrome = chrome(&state, &signed, &q, &article.title);
    let path = format!("/newsroom/stats/articles/{}", id.0);
    let form = dashboard::RangeForm::new(&chrome.l, &q.range(), today, &path);
    let chosen = match range::choose(&q.range(), today) {
        Ok(chosen) => chosen,
        Err(errors) => {
            let form = form.with_errors(&chrome.l, &errors, today);
            let view = dashboard::ArticleView::new(&article, now);
            return page(
                StatusCode::BAD_REQUEST,
                StatsArticlePage {
                    chrome,
                    form,
                    article: view,
                    report: None,
                },
            );
        }
    };
    let days = stats.store().article_days(id, chosen.days).await?;
    let sources = stats.store().article_sources(id, chosen.days, LIST).await?;
    let all_time = stats.views(id).await?;
    let view = dashboard::ArticleView::new(&article, now);
    let report = dashboard::ArticleReport::new(&chrome.l, &days, &sources, all_time);
    page(
        StatusCode::OK,
        StatsArticlePage {
            form: form.chosen(&chrome.l, chosen),
            article: view,
            report: Some(report),
            chrome,
        },
    )
}

/// `GET /newsroom/stats/export.csv`: the range's report as CSV (UTF-8 with
/// a byte-order mark, so spreadsheets read the Arabic titles as Arabic),
/// named after its dates.
pub(crate) async fn export_csv(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<StatsQuery>,
) -> Result<Response, WebError> {
    let stats = allowed(&state, &signed)?;
    let today = stats.day_of(Timestamp::now());
    let chosen: Chosen =
        range::choose(&q.range(), today).map_err(|_| WebError::BadRequest("invalid_range"))?;
    let report = stats.store().report(chosen.days, CSV_LIST).await?;
    let body = format!("\u{feff}{}", report_csv(&report));
    let filename = format!(
        "khabar-stats-{}-{}.csv",
        day_date(chosen.days.first),
        day_date(chosen.days.last)
    );
    let mut res = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response();
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
