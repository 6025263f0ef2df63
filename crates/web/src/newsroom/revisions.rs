//! Revisions: every save kept, shown as side-by-side diffs, restorable.

use super::articles::{editable, parse_article_id};
use super::auth::audit;
use super::views::{NrChrome, RevisionView, RevisionsPage, newsroom_lang, side_by_side};
use super::{Signed, page, see_other};
use crate::AppState;
use crate::error::WebError;
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::Timestamp;
use khabar_core::{Action, NewArticle, NewTaxonomy, Source};
use khabar_store::SaveOutcome;
use serde::Deserialize;
use std::net::SocketAddr;

fn text_of(title: &str, lead: &str, body: &str) -> String {
    format!("# {title}\n\n{lead}\n\n{body}")
}

pub(crate) async fn list_revisions(
    State(state): State<AppState>,
    signed: Signed,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let id = parse_article_id(&raw_id)?;
    let (article, current) = editable(&state, &signed, id, Action::ReadArticle).await?;
    let revisions = state.newsroom()?.editorial.revisions(id).await?;
    let mut chrome = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(None, Some(&signed)),
        "",
    );
    let l = &chrome.l;
    let views = revisions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let older = revisions.get(i + 1);
            RevisionView {
                revision: r.revision,
                editor: r.editor_name.clone().unwrap_or_default(),
                date: l.date_time(r.created_at),
                status: l.t(&format!("nr-status-{}", r.status.as_str())),
                diff: side_by_side(
                    &older.map_or_else(String::new, |o| text_of(&o.title, &o.lead, &o.body)),
                    &text_of(&r.title, &r.lead, &r.body),
                )
                .into_iter()
                .filter(|d| d.kind != "same")
                .collect(),
                is_current: r.revision == current,
            }
        })
        .collect();
    chrome.title = format!("{} — {}", l.t("nr-revisions"), l.t("nr-newsroom"));
    page(
        StatusCode::OK,
        RevisionsPage {
            chrome,
            article_id: id.0,
            title: article.title,
            revisions: views,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RestoreForm {
    csrf: String,
}

/// Restores a revision's title, lead, body and slug as a new revision; the
/// status, time and taxonomy stay as they are now.
pub(crate) async fn restore_revision(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path((raw_id, rev)): Path<(String, i64)>,
    Form(form): Form<RestoreForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    let id = parse_article_id(&raw_id)?;
    let (article, current) = editable(&state, &signed, id, Action::EditArticle).await?;
    let nr = state.newsroom()?;
    let old = nr
        .editorial
        .revisions(id)
        .await?
        .into_iter()
        .find(|r| r.revision == rev)
        .ok_or(WebError::NotFound("revision_not_found"))?;
    let name = |n: &str| NewTaxonomy {
        name: n.to_string(),
        slug: khabar_arabic::slugify(n, 60),
    };
    let restored = NewArticle {
        slug: old.slug,
        title: old.title,
        lead: old.lead,
        body: old.body,
        section: article.section.as_ref().map(|s| name(&s.name)),
        tags: article.tags.iter().map(|t| name(&t.name)).collect(),
        author: article.author.as_ref().map(|a| name(&a.name)),
        source: article.source.as_ref().map(|s| Source {
            name: s.name.clone(),
            url: s.url.clone(),
        }),
        status: article.status,
        published_at: article.published_at,
        cover: article.cover.clone(),
    };
    match nr
        .editorial
        .update_article(id, &restored, current, signed.user.id, Timestamp::now())
        .await?
    {
        SaveOutcome::Saved { .. } => {
            state.pages.invalidate();
            audit(
                nr,
                Some(signed.user.id),
                "article_restore",
                &format!("article:{id}@{rev}"),
                &peer.ip().to_string(),
            )
            .await?;
            Ok(see_other(&format!("/newsroom/articles/{id}?restored=1")))
        }
        SaveOutcome::Conflict { .. } => Err(WebError::Conflict("conflict")),
        SaveOutcome::NotFound => Err(WebError::NotFound("article_not_found")),
    }
}
