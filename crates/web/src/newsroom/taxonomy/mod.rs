//! Sections (أقسام) and tags (وسوم), for editors and admins
//! (`Action::ManageTaxonomy`): lists with article counts, create, rename and
//! re-slug (an empty slug is made from the name by the Arabic slug rules),
//! the sections' order in the site's navigation, delete, and merging tags.
//!
//! A section that still has articles is deleted only when the editor picks
//! another section for them (they move in the same transaction); a tag that
//! still has articles is refused, with a pointer to merging it instead.
//! Every write clears the page cache, so the reading site shows it at once,
//! and goes to the audit log.

mod pages;
mod writes;

use crate::AppState;
use crate::error::WebError;
use crate::urls;
use axum::Router;
use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use khabar_store::TaxonomyKind;
use serde::Deserialize;
use std::net::SocketAddr;

use super::Signed;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/newsroom/sections",
            get(list_sections).post(create_section),
        )
        .route(
            "/newsroom/sections/{id}",
            get(edit_section).post(update_section),
        )
        .route("/newsroom/sections/{id}/move", post(writes::move_section))
        .route("/newsroom/sections/{id}/delete", post(delete_section))
        .route("/newsroom/tags", get(list_tags).post(create_tag))
        .route("/newsroom/tags/{id}", get(edit_tag).post(update_tag))
        .route("/newsroom/tags/{id}/merge", post(writes::merge_tag))
        .route("/newsroom/tags/{id}/delete", post(delete_tag))
}

/// The create and rename form: a name and a slug, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct TaxForm {
    pub(super) csrf: String,
    pub name: String,
    pub slug: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ListQuery {
    pub(super) q: String,
    pub(super) page: String,
    pub(super) notice: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct EditQuery {
    pub(super) notice: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct DeleteForm {
    pub(super) csrf: String,
    /// The section to move the articles to; empty: none chosen.
    pub(super) move_to: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct MoveForm {
    pub(super) csrf: String,
    /// `up` or `down`.
    pub(super) direction: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct MergeForm {
    pub(super) csrf: String,
    /// The name of the tag to merge into.
    pub(super) into: String,
}

pub(super) fn segment(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Section => "sections",
        TaxonomyKind::Tag => "tags",
    }
}

pub(super) fn public_url(kind: TaxonomyKind, slug: &str) -> String {
    match kind {
        TaxonomyKind::Section => urls::section(slug),
        TaxonomyKind::Tag => urls::tag(slug),
    }
}

pub(super) fn parse_id(raw: &str) -> Result<i64, WebError> {
    khabar_arabic::digits::parse_u64(raw)
        .and_then(|n| i64::try_from(n).ok())
        .ok_or(WebError::NotFound("not_found"))
}

async fn list_sections(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    pages::list(state, signed, TaxonomyKind::Section, q).await
}

async fn list_tags(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    pages::list(state, signed, TaxonomyKind::Tag, q).await
}

async fn create_section(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Form(form): Form<TaxForm>,
) -> Result<Response, WebError> {
    writes::create(state, peer, signed, TaxonomyKind::Section, form).await
}

async fn create_tag(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Form(form): Form<TaxForm>,
) -> Result<Response, WebError> {
    writes::create(state, peer, signed, TaxonomyKind::Tag, form).await
}

async fn edit_section(
    State(state): State<AppState>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Response, WebError> {
    pages::edit(state, signed, TaxonomyKind::Section, raw_id, q).await
}

async fn edit_tag(
    State(state): State<AppState>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Response, WebError> {
    pages::edit(state, signed, TaxonomyKind::Tag, raw_id, q).await
}

async fn update_section(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Form(form): Form<TaxForm>,
) -> Result<Response, WebError> {
    writes::update(state, peer, signed, TaxonomyKind::Section, raw_id, form).await
}

async fn update_tag(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Form(form): Form<TaxForm>,
) -> Result<Response, WebError> {
    writes::update(state, peer, signed, TaxonomyKind::Tag, raw_id, form).await
}

async fn delete_section(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, WebError> {
    writes::delete(state, peer, signed, TaxonomyKind::Section, raw_id, form).await
}

async fn delete_tag(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, WebError> {
    writes::delete(state, peer, signed, TaxonomyKind::Tag, raw_id, form).await
}
