//! `GET /api/v1/articles/{id}/comments` (approved comments, the count and a
//! fresh form token) and `POST` of the same (the form as JSON, for
//! `comments.js` and other clients; the token is required).

use super::client::{Client, PeerAddr};
use super::submit::{ArticleContext, Outcome, Submission, submit};
use super::view::{Shown, item_html, outcome_message, threads};
use crate::AppState;
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use khabar_core::{Comment, CommentStatus};
use khabar_i18n::Noun;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize)]
pub(crate) struct CommentJson {
    id: i64,
    parent_id: Option<i64>,
    /// `approved`; or `deleted` (by its writer) / `removed` (by staff) for
    /// a comment kept only as the head of its replies, with no author or text.
    status: &'static str,
    author: String,
    /// Plain text as written; escape it before putting it in HTML.
    body: String,
    /// The body as safe HTML (escaped, http(s) links only).
    body_html: String,
    is_staff: bool,
    created_at: String,
    replies: Vec<CommentJson>,
}

fn json(c: &Comment, replies: Vec<CommentJson>) -> CommentJson {
    if c.status != CommentStatus::Approved {
        return CommentJson {
            id: c.id.0,
            parent_id: None,
            status: super::view::placeholder_status(c.status),
            author: String::new(),
            body: String::new(),
            body_html: String::new(),
            is_staff: false,
            created_at: c.created_at.to_string(),
            replies,
        };
    }
    CommentJson {
        id: c.id.0,
        parent_id: c.parent_id.map(|p| p.0),
        status: "approved",
        author: c.author_name.clone(),
        body: c.body.clone(),
        body_html: khabar_comments::render::render_body(&c.body),
        is_staff: c.is_staff,
        created_at: c.created_at.to_string(),
        replies,
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct CommentList {
    count: u64,
    count_text: String,
    open: bool,
    /// A fresh form token for a `POST`, when comments are open.
    token: Option<String>,
    items: Vec<CommentJson>,
}

pub(super) fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

pub(crate) async fn list_comments(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let ArticleContext { c, article, now } = ArticleContext::load(&state, &raw_id).await?;
    let shown = Shown::load(&c, article.id).await?;
    let grouped = threads(&shown.comments);
    let items: Vec<CommentJson> = grouped
        .iter()
        .map(|(top, replies)| json(top, replies.iter().map(|r| json(r, vec![])).collect()))
        .collect();
    let count = shown.count();
    let open = super::submit::is_open(&c, &article, now).await?;
    Ok(no_store(
        Json(CommentList {
            count,
            count_text: state.l().count(Noun::Comment, count),
            open,
            token: open.then(|| c.form_token(article.id.0, now.as_second())),
            items,
        })
        .into_response(),
    ))
}

/// The JSON body of a `POST`: the form's fields.
#[derive(Debug, Deserialize)]
pub(crate) struct PostBody {
    #[serde(default)]
    token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: Option<i64>,
    #[serde(default)]
    website: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct PostResult {
    /// `approved` (published) or `pending` (held for a moderator).
    status: &'static str,
    id: Option<i64>,
    parent_id: Option<i64>,
    message: String,
    /// The published comment as the page shows it.
    html: Option<String>,
    /// `ID.KEY`: the writer's key to delete this comment (keep it secret).
    delete_key: Option<String>,
}

pub(crate) async fn post_comment(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    PeerAddr(addr): PeerAddr,
    headers: HeaderMap,
    Json(body): Json<PostBody>,
) -> Result<Response, WebError> {
    let ArticleContext { c, article, now } = ArticleContext::load(&state, &raw_id).await?;
    let sub = Submission {
        token: body.token,
        name: body.name,
        email: body.email,
        body: body.body,
        parent: body.parent_id.map(|p| p.to_string()),
        website: body.website,
    };
    let client = Client {
        addr,
        headers: &headers,
    };
    let l = state.l();
    let message = |code: &str| {
        outcome_message(&l, &c, code)
            .map(|(_, text)| text)
            .unwrap_or_default()
    };
    let (status, result) = match submit(&state, &c, &article, sub, client, now).await? {
        Outcome::Published { id, delete } => {
            let stored = c.store.comment(id).await?;
            (
                StatusCode::CREATED,
                PostResult {
                    status: "approved",
                    id: Some(id.0),
                    parent_id: stored.as_ref().and_then(|s| s.parent_id).map(|p| p.0),
                    message: message("published"),
                    html: stored
                        .as_ref()
                        .map(|s| item_html(&l, s, None, now))
                        .transpose()?,
                    delete_key: Some(delete.text()),
                },
            )
        }
        Outcome::Held { delete } => (
            StatusCode::ACCEPTED,
            PostResult {
                status: "pending",
                id: delete.as_ref().map(|d| d.comment_id),
                parent_id: None,
                message: message("held"),
                html: None,
                delete_key: delete.map(|d| d.text()),
            },
        ),
    };
    Ok(no_store((status, Json(result)).into_response()))
}
