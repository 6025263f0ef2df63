//! `/search?q=&section=&author=&from=&to=&page=`: the results page.

use super::{feature, param, params, parse_day};
use crate::AppState;
use crate::error::WebError;
use crate::public::{html_page, parse_page};
use crate::urls;
use crate::views::{Chrome, Link, Pagination};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use jiff::{SignedDuration, Timestamp};
use khabar_i18n::{Arg, Noun};
use khabar_search::search::MAX_OFFSET;
use khabar_search::{ReaderQuery, SearchRequest};

/// One result as the page shows it; `title_html` and `snippet_html` are
/// escaped by the search crate, with `<mark>` around matches.
pub(crate) struct ResultView {
    pub url: String,
    pub title_html: String,
    pub snippet_html: String,
    pub date: String,
    pub date_iso: String,
}

/// A `<option>` of the section filter.
pub(crate) struct SectionOption {
    pub slug: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
pub(crate) struct SearchPage<'a> {
    pub chrome: Chrome<'a>,
    pub q: String,
    pub heading: String,
    /// A friendly message instead of results (empty query, nothing found).
    pub message: Option<String>,
    pub notice: Option<String>,
    pub count_label: String,
    pub results: Vec<ResultView>,
    pub sections: Vec<SectionOption>,
    pub author: Option<Link>,
    pub author_slug: String,
    pub from: String,
    pub to: String,
    pub pagination: Pagination,
}

/// What the filters of a request resolved to.
struct Filters {
    request: SearchRequest,
    author: Option<Link>,
    author_slug: String,
    section_slug: String,
    from: String,
    to: String,
}

async fn filters(state: &AppState, p: &[(String, String)]) -> Result<Filters, WebError> {
    let mut request = SearchRequest::default();
    let section_slug = param(p, "section").unwrap_or("").to_string();
    if !section_slug.is_empty() {
        let section = state.store.section_by_slug(&section_slug).await?;
        request.section = Some(section.ok_or(WebError::BadRequest("unknown_section"))?.id);
    }
    let author_slug = param(p, "author").unwrap_or("").to_string();
    let mut author = None;
    if !author_slug.is_empty() {
        let a = state
            .store
            .author_by_slug(&author_slug)
            .await?
            .ok_or(WebError::BadRequest("unknown_author"))?;
        request.author = Some(a.id);
        author = Some(Link {
            url: urls::author(&a.slug),
            name: a.name,
        });
    }
    let from = param(p, "from").unwrap_or("").trim().to_string();
    if !from.is_empty() {
        request.from = Some(parse_day(state, &from)?);
    }
    let to = param(p, "to").unwrap_or("").trim().to_string();
    if !to.is_empty() {
        // Up to the end of that day.
        request.until = Some(parse_day(state, &to)? + SignedDuration::from_hours(24));
    }
    Ok(Filters {
        request,
        author,
        author_slug,
        section_slug,
        from,
        to,
    })
}

pub(crate) async fn show_search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let search = feature(&state)?;
    let p = params(raw.as_deref());
    let q = param(&p, "q").unwrap_or("").trim().to_string();
    let page_no = parse_page(param(&p, "page"))?;
    let per_page = state.site().per_page;
    let Filters {
        mut request,
        author,
        author_slug,
        section_slug,
        from,
        to,
    } = filters(&state, &p).await?;
    request.query = ReaderQuery::parse(&q);
    request.limit = per_page;
    request.offset = (page_no - 1).saturating_mul(u64::from(per_page));
    let results = if request.query.is_empty() {
        khabar_search::SearchResults::default()
    } else {
        search.service.search(request.clone()).await?
    };
    let l = state.l();
    let now = Timestamp::now();
    let sections = state.store.sections().await?;
    let message = if request.query.is_empty() {
        Some(l.t(if q.is_empty() {
            "search-empty"
        } else {
            "search-nothing-to-search"
        }))
    } else if results.total == 0 {
        Some(l.t("search-no-results"))
    } else if results.hits.is_empty() {
        Some(l.t_args(
            "search-page-out-of-range",
            &[("max", Arg::Num(MAX_OFFSET as i64))],
        ))
    } else {
        None
    };
    let page_url = |n: u64| {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("q", &q),
            ("section", &section_slug),
            ("author", &author_slug),
            ("from", &from),
            ("to", &to),
        ] {
            if !value.is_empty() {
                pairs.append_pair(key, value);
            }
        }
        if n > 1 {
            pairs.append_pair("page", &n.to_string());
        }
        format!("/search?{}", pairs.finish())
    };
    let shown_end = request.offset + results.hits.len() as u64;
    let has_next = shown_end < results.total && shown_end < MAX_OFFSET && !results.hits.is_empty();
    let title = if q.is_empty() {
        l.t("search")
    } else {
        l.t_args("search-results-for", &[("query", Arg::Str(&q))])
    };
    let mut chrome = Chrome::new(&state, &l, &sections, &title, "", "/search", None);
    chrome.canonical = format!("{}{}", state.site().base_url, page_url(page_no));
    let page = SearchPage {
        heading: title,
        notice: request.query.truncated.then(|| l.t("search-truncated")),
        count_label: l.count(Noun::Result, results.total),
        results: results
            .hits
            .iter()
            .map(|h| ResultView {
                url: urls::article(h.id, &h.slug),
                title_html: h.title_html.clone(),
                snippet_html: h.snippet_html.clone(),
                date: l.relative(h.published_at, now),
                date_iso: l.iso_date(h.published_at),
            })
            .collect(),
        sections: sections
            .iter()
            .map(|s| SectionOption {
                selected: s.slug == section_slug,
                slug: s.slug.clone(),
                name: s.name.clone(),
            })
            .collect(),
        pagination: Pagination {
            prev: (page_no > 1 && !results.hits.is_empty()).then(|| page_url(page_no - 1)),
            next: has_next.then(|| page_url(page_no + 1)),
            label: l.t_args(
                "page-n",
                &[("n", Arg::Num(i64::try_from(page_no).unwrap_or(i64::MAX)))],
            ),
        },
        q,
        message,
        author,
        author_slug,
        from,
        to,
        chrome,
    };
    let mut res = html_page(&state, page)?;
    // Results change as articles are published: no long caching.
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("public, max-age=30"),
    );
    Ok(res)
}
