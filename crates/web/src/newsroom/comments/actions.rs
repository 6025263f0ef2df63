//! What moderators change: decisions (one comment or a ticked batch), staff
//! replies, and closing or opening an article's comments. Each change is
//! CSRF-checked (the session's form token; the browser's origin is checked
//! by the newsroom's middleware) and written to the audit log.

use super::queue::{ReplyDraft, Said, render};
use super::{View, comments};
use crate::AppState;
use crate::error::WebError;
use crate::newsroom::auth::audit;
use crate::newsroom::views::{NrChrome, newsroom_lang};
use crate::newsroom::{Signed, see_other};
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::Timestamp;
use khabar_core::{
    Action, ArticleId, CommentError, CommentId, CommentStatus, NewComment, Ownership,
};
use khabar_store::comments::{CommentRecord, ModerationAction};
use std::net::SocketAddr;

/// Comments one request may decide at most (a page holds far fewer).
const MAX_BATCH: usize = 200;

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn parse_action(s: &str) -> Result<ModerationAction, WebError> {
    match s {
        "approve" => Ok(ModerationAction::Approve),
        "spam" => Ok(ModerationAction::Spam),
        "remove" => Ok(ModerationAction::Remove),
        _ => Err(WebError::BadRequest("action_invalid")),
    }
}

fn parse_comment_id(s: &str) -> Result<CommentId, WebError> {
    khabar_arabic::digits::parse_u64(s.trim())
        .and_then(|n| i64::try_from(n).ok())
        .map(CommentId)
        .ok_or(WebError::BadRequest("comment_id_invalid"))
}

/// The decision and the comments a posted queue form names: a row's own
/// button (`one=approve:12`) wins over the bulk buttons (`action=approve`
/// with every ticked `id`).
fn decision(pairs: &[(String, String)]) -> Result<(ModerationAction, Vec<CommentId>), WebError> {
    if let Some((action, id)) = field(pairs, "one").split_once(':') {
        return Ok((parse_action(action)?, vec![parse_comment_id(id)?]));
    }
    let action = parse_action(field(pairs, "action"))?;
    let ids = pairs
        .iter()
        .filter(|(k, _)| k == "id")
        .map(|(_, v)| parse_comment_id(v))
        .collect::<Result<Vec<_>, _>>()?;
    if ids.len() > MAX_BATCH {
        return Err(WebError::BadRequest("too_many_comments"));
    }
    Ok((action, ids))
}

/// `POST /newsroom/comments/moderate`.
pub(crate) async fn moderate(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(field(&pairs, "csrf"))?;
    signed.ensure(Action::ModerateComments, Ownership::None)?;
    let c = comments(&state)?;
    let view = View::from_pairs(&pairs);
    let (action, ids) = decision(&pairs)?;
    if ids.is_empty() {
        let l = NrChrome::new(
            &state,
            Some(&signed),
            newsroom_lang(None, Some(&signed)),
            "",
        )
        .l;
        let say = Said {
            error: Some(l.t("nr-cm-none-selected")),
            ..Said::default()
        };
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return render(&state, &signed, &view, status, say).await;
    }
    let changed = c.store.moderate(&ids, action, Timestamp::now()).await?;
    let nr = state.newsroom()?;
    let address = peer.ip().to_string();
    for id in &changed {
        audit(
            nr,
            Some(signed.user.id),
            action.audit_action(),
            &format!("comment:{id}"),
            &address,
        )
        .await?;
    }
    if !changed.is_empty() {
        state.pages.invalidate();
        c.set_pending(&c.store.comment_status_counts().await?);
    }
    Ok(see_other(&view.back(&format!(
        "&done={}&n={}",
        action.as_str(),
        changed.len()
    ))))
}

/// The staff reply's text checked as a reader's comment would be: only the
/// body's rules apply (the name is the account's).
fn reply_error(c: &crate::comments::CommentsState, body: &str) -> Option<CommentError> {
    let draft = NewComment {
        article_id: ArticleId(0),
        parent_id: None,
        author_name: "staff".into(),
        email: String::new(),
        body: body.to_string(),
    };
    draft.validate(&c.settings.limits).err().and_then(|errors| {
        errors.into_iter().find(|e| {
            matches!(
                e,
                CommentError::BodyRequired
                    | CommentError::BodyTooLong { .. }
                    | CommentError::ControlCharacters { field: "body" }
                    | CommentError::TooManyCombiningMarks { field: "body" }
            )
        })
    })
}

/// Why a staff reply to `parent` is refused, if it is: 409 when the comment
/// is not published, 422 with the body rule it breaks.
fn reply_refusal(
    c: &crate::comments::CommentsState,
    l: &khabar_i18n::Localizer<'_>,
    parent: &khabar_core::Comment,
    body: &str,
) -> Option<(StatusCode, String)> {
    if parent.status != CommentStatus::Approved {
        return Some((StatusCode::CONFLICT, l.t("nr-cm-reply-not-approved")));
    }
    reply_error(c, body).map(|e| {
        let max = i64::try_from(c.settings.limits.body_chars).unwrap_or(i64::MAX);
        let key = match e {
            CommentError::BodyRequired => "nr-cm-reply-empty".to_string(),
            _ => format!("comment-msg-{}", e.code().replace('_', "-")),
        };
        let text = l.t_args(&key, &[("max", khabar_i18n::Arg::Num(max))]);
        (StatusCode::UNPROCESSABLE_ENTITY, text)
    })
}

/// The stored form of a staff reply: published, marked as staff, in the
/// thread of `parent` (two levels), under the account's name. It has no
/// deletion key (staff remove, they do not delete) and its reputation key
/// is the account's, never a reader's.
fn staff_reply(signed: &Signed, parent: &khabar_core::Comment, body: String) -> CommentRecord {
    let author = khabar_arabic::strip_bidi_controls(signed.user.name.trim());
    let staff_key = format!("staff:{}", signed.user.id.0);
    CommentRecord {
        article_id: parent.article_id,
        parent_id: Some(parent.parent_id.unwrap_or(parent.id)),
        author_name: author.trim().to_string(),
        body_fingerprint: khabar_comments::text::body_fingerprint(&body),
        tokens: khabar_comments::text::learnable_tokens(&body),
        body,
        status: CommentStatus::Approved,
        hold_reason: None,
        is_staff: true,
        email_hash: None,
        visitor_hash: staff_key.clone(),
        commenter_key: staff_key,
        delete_key_hash: None,
        spam_score: None,
    }
}

/// `POST /newsroom/comments/{id}/reply`: published at once, as staff, in the
/// thread of the comment answered (two levels, as readers' replies).
pub(crate) async fn reply(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(field(&pairs, "csrf"))?;
    signed.ensure(Action::ModerateComments, Ownership::None)?;
    let c = comments(&state)?;
    let view = View::from_pairs(&pairs);
    let parent_id =
        parse_comment_id(&raw_id).map_err(|_| WebError::NotFound("comment_not_found"))?;
    let parent = c
        .store
        .comment(parent_id)
        .await?
        .ok_or(WebError::NotFound("comment_not_found"))?;
    let body = field(&pairs, "body").trim().replace("\r\n", "\n");
    let l = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(None, Some(&signed)),
        "",
    )
    .l;
    let refusal = reply_refusal(c, &l, &parent, &body);
    if let Some((status, error)) = refusal {
        let draft = ReplyDraft {
            parent: parent.id.0,
            body: field(&pairs, "body").to_string(),
            error,
        };
        let say = Said {
            notice: None,
            error: Some(l.t("nr-cm-reply-refused")),
            draft: Some(draft),
        };
        return render(&state, &signed, &view, status, say).await;
    }
    let id = c
        .store
        .insert_comment(&staff_reply(&signed, &parent, body), Timestamp::now())
        .await?;
    state.pages.invalidate();
    let nr = state.newsroom()?;
    let target = format!("comment:{id}");
    audit(
        nr,
        Some(signed.user.id),
        "comment_reply",
        &target,
        &peer.ip().to_string(),
    )
    .await?;
    Ok(see_other(&view.back("&done=reply&n=1")))
}

/// `POST /newsroom/comments/articles/{id}/closed` with `closed=1` (close) or
/// `closed=0` (open).
pub(crate) async fn set_closed(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(field(&pairs, "csrf"))?;
    signed.ensure(Action::ModerateComments, Ownership::None)?;
    let c = comments(&state)?;
    let id = crate::newsroom::articles::parse_article_id(&raw_id)?;
    if state.store.article(id).await?.is_none() {
        return Err(WebError::NotFound("article_not_found"));
    }
    let closed = match field(&pairs, "closed") {
        "1" => true,
        "0" => false,
        _ => return Err(WebError::BadRequest("closed_invalid")),
    };
    c.store.set_comments_closed(id, closed).await?;
    state.pages.invalidate();
    let (what, done) = if closed {
        ("comments_close", "closed")
    } else {
        ("comments_open", "opened")
    };
    let nr = state.newsroom()?;
    audit(
        nr,
        Some(signed.user.id),
        what,
        &format!("article:{id}"),
        &peer.ip().to_string(),
    )
    .await?;
    let view = View {
        article: id.to_string(),
        ..View::from_pairs(&pairs)
    };
    Ok(see_other(&view.back(&format!("&done={done}&n=1"))))
}
