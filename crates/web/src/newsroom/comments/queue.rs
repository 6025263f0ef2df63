//! The queue page: tabs with counts, the comments of one tab, and what a
//! refused form sends back to it (the message, the reply as typed).

use super::{PER_PAGE, TABS, View, comments, reason_label, status_label, tab_label};
use crate::AppState;
use crate::error::WebError;
use crate::newsroom::views::{NrChrome, newsroom_lang};
use crate::newsroom::{Signed, page};
use crate::urls;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::Timestamp;
use khabar_core::{Action, ArticleId, CommentStatus, Ownership, Window};
use khabar_i18n::{Arg, Localizer, Noun};
use khabar_store::comments::{CommentQuery, CommentSearch, QueueItem};
use serde::Deserialize;

pub(crate) struct Tab {
    pub label: String,
    pub count: String,
    pub url: String,
    pub current: bool,
}

/// One comment of the queue, ready for the template.
pub(crate) struct Row {
    pub id: i64,
    pub article_title: String,
    pub article_url: String,
    pub article_filter_url: String,
    pub author: String,
    pub is_staff: bool,
    pub is_reply: bool,
    pub iso: String,
    pub date: String,
    pub relative: String,
    pub status: &'static str,
    pub status_label: String,
    pub reasons: Vec<String>,
    pub score: Option<String>,
    pub body_html: String,
    pub can_approve: bool,
    pub can_spam: bool,
    pub can_remove: bool,
    pub can_reply: bool,
    pub reply: ReplyView,
}

/// A row's reply form: empty, or as typed with its message after a refusal.
#[derive(Default)]
pub(crate) struct ReplyView {
    pub body: String,
    pub error: Option<String>,
}

/// The article the queue is narrowed to, with its comments' open state.
pub(crate) struct ArticleView {
    pub id: i64,
    pub title: String,
    pub url: String,
    pub state: String,
    /// The value the toggle sends: `1` closes, `0` opens.
    pub toggle_value: &'static str,
    pub toggle_label: String,
}

#[derive(Template)]
#[template(path = "newsroom/comments.html")]
pub(crate) struct QueuePage<'a> {
    pub chrome: NrChrome<'a>,
    pub tabs: Vec<Tab>,
    pub rows: Vec<Row>,
    pub view: View,
    pub status: &'static str,
    pub status_heading: String,
    pub total: String,
    pub article: Option<ArticleView>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub clear_url: String,
}

/// What the page says beside the queue: after a decision, a notice; after a
/// refused form, an error at the top and the reply as typed.
#[derive(Default)]
pub(crate) struct Said {
    pub notice: Option<String>,
    pub error: Option<String>,
    pub draft: Option<ReplyDraft>,
}

/// What a refused reply sends back to the queue.
pub(crate) struct ReplyDraft {
    pub parent: i64,
    pub body: String,
    pub error: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ListQuery {
    status: String,
    q: String,
    page: String,
    article: String,
    done: String,
    n: String,
}

pub(crate) async fn list_queue(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    signed.ensure(Action::ModerateComments, Ownership::None)?;
    let view = View {
        status: q.status,
        q: q.q,
        page: q.page,
        article: q.article,
    };
    let n = khabar_arabic::digits::parse_u64(&q.n).unwrap_or(0);
    let notice = done_notice(&state, &signed, &q.done, n);
    let say = Said {
        notice,
        ..Said::default()
    };
    render(&state, &signed, &view, StatusCode::OK, say).await
}

/// The message after a decision, e.g. «نُشرت 3 تعليقات.»; nothing for an
/// unknown code (the query string is never echoed).
fn done_notice(state: &AppState, signed: &Signed, done: &str, n: u64) -> Option<String> {
    let l = NrChrome::new(state, Some(signed), newsroom_lang(None, Some(signed)), "").l;
    let key = match done {
        "approve" | "spam" | "remove" | "reply" | "closed" | "opened" => {
            format!("nr-cm-done-{done}")
        }
        _ => return None,
    };
    Some(l.t_args(&key, &[("n", Arg::Num(i64::try_from(n).unwrap_or(0)))]))
}

/// The queue page for `view`, answering `status`, with what to `say`.
pub(crate) async fn render(
    state: &AppState,
    signed: &Signed,
    view: &View,
    status: StatusCode,
    say: Said,
) -> Result<Response, WebError> {
    let c = comments(state)?;
    let tab = view.status();
    let page_n = view.page_number()?;
    let window = Window::page(page_n, PER_PAGE).ok_or(WebError::BadRequest("invalid_page"))?;
    let query = CommentQuery {
        status: Some(tab),
        article_id: view.article_id(),
        search: view.search().map(CommentSearch::new),
        window,
    };
    let list = c.store.list_queue(&query).await?;
    let counts = tab_counts(c, &query).await?;
    let mut chrome = NrChrome::new(state, Some(signed), newsroom_lang(None, Some(signed)), "");
    let l = &chrome.l;
    let tabs = tabs(l, view, tab, &counts);
    let now = Timestamp::now();
    let rows = list
        .items
        .iter()
        .map(|item| row(l, item, say.draft.as_ref(), now))
        .collect();
    let article = match view.article_id() {
        Some(id) => Some(article_view(state, c, l, id, now).await?),
        None => None,
    };
    let shown = window.offset + list.items.len() as u64;
    let heading = tab_label(l, tab);
    chrome.title = format!("{} — {}", l.t("nr-comments"), l.t("nr-newsroom"));
    page(
        status,
        QueuePage {
            tabs,
            rows,
            status: tab.as_str(),
            total: l.count(Noun::Comment, list.total),
            status_heading: heading,
            article,
            notice: say.notice,
            error: say.error,
            prev: (page_n > 1).then(|| view.url(tab, page_n - 1, "")),
            next: (shown < list.total).then(|| view.url(tab, page_n + 1, "")),
            clear_url: format!("/newsroom/comments?status={}", tab.as_str()),
            view: view.clone(),
            chrome,
        },
    )
}

fn tabs(
    l: &Localizer<'_>,
    view: &View,
    current: CommentStatus,
    counts: &[(CommentStatus, u64)],
) -> Vec<Tab> {
    TABS.iter()
        .map(|s| Tab {
            label: tab_label(l, *s),
            count: l.count(
                Noun::Comment,
                counts.iter().find(|(cs, _)| cs == s).map_or(0, |(_, n)| *n),
            ),
            url: view.url(*s, 1, ""),
            current: *s == current,
        })
        .collect()
}

/// The tabs' counts: of every comment (one query, which also refreshes the
/// header's pending count), or within a search or one article.
async fn tab_counts(
    c: &crate::comments::CommentsState,
    query: &CommentQuery,
) -> Result<Vec<(CommentStatus, u64)>, WebError> {
    if query.article_id.is_none() && query.search.is_none() {
        let counts = c.store.comment_status_counts().await?;
        c.set_pending(&counts);
        return Ok(counts);
    }
    let mut out = Vec::with_capacity(TABS.len());
    for s in TABS {
        let q = CommentQuery {
            status: Some(s),
            window: Window {
                limit: 1,
                offset: 0,
            },
            ..query.clone()
        };
        out.push((s, c.store.list_comments(&q).await?.total));
    }
    Ok(out)
}

fn row(l: &Localizer<'_>, item: &QueueItem, draft: Option<&ReplyDraft>, now: Timestamp) -> Row {
    let cm = &item.comment;
    let status = cm.status;
    let path = urls::article(cm.article_id, &item.article_slug);
    let reply = draft
        .filter(|d| d.parent == cm.id.0)
        .map(|d| ReplyView {
            body: d.body.clone(),
            error: Some(d.error.clone()),
        })
        .unwrap_or_default();
    Row {
        id: cm.id.0,
        article_title: item.article_title.clone(),
        article_url: if status == CommentStatus::Approved {
            format!("{path}#comment-{}", cm.id)
        } else {
            path
        },
        article_filter_url: format!(
            "/newsroom/comments?status={}&article={}",
            status.as_str(),
            cm.article_id
        ),
        author: cm.author_name.clone(),
        is_staff: cm.is_staff,
        is_reply: cm.parent_id.is_some(),
        iso: l.iso_date_time(cm.created_at),
        date: l.date_time(cm.created_at),
        relative: l.relative(cm.created_at, now),
        status: status.as_str(),
        status_label: status_label(l, status),
        reasons: cm
            .hold_reason
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|r| !r.trim().is_empty())
            .map(|r| reason_label(l, r.trim()))
            .collect(),
        score: item.spam_score.map(|p| {
            let percent = (p * 100.0).round().clamp(0.0, 100.0) as i64;
            l.t_args("nr-cm-score", &[("percent", Arg::Num(percent))])
        }),
        body_html: khabar_comments::render::render_body(&cm.body),
        can_approve: !matches!(status, CommentStatus::Approved | CommentStatus::Deleted),
        can_spam: !matches!(status, CommentStatus::Spam | CommentStatus::Deleted),
        can_remove: !matches!(status, CommentStatus::Removed | CommentStatus::Deleted),
        can_reply: status == CommentStatus::Approved,
        reply,
    }
}

/// The article the queue is narrowed to: 404 when there is none.
async fn article_view(
    state: &AppState,
    c: &crate::comments::CommentsState,
    l: &Localizer<'_>,
    id: ArticleId,
    now: Timestamp,
) -> Result<ArticleView, WebError> {
    let article = state
        .store
        .article(id)
        .await?
        .ok_or(WebError::NotFound("article_not_found"))?;
    let by_hand = c.store.comments_closed(id).await?;
    let open = crate::comments::is_open(c, &article, now).await?;
    let state_key = match (open, by_hand) {
        (true, _) => "nr-cm-article-open",
        (false, true) => "nr-cm-article-closed",
        (false, false) => "nr-cm-article-closed-by-age",
    };
    Ok(ArticleView {
        id: id.0,
        url: urls::article(id, &article.slug),
        title: article.title,
        state: l.t(state_key),
        toggle_value: if by_hand { "0" } else { "1" },
        toggle_label: l.t(if by_hand {
            "nr-cm-open-comments"
        } else {
            "nr-cm-close-comments"
        }),
    })
}
