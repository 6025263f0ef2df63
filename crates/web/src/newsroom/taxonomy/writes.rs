//! The sections and tags writes: create, update, delete, move, merge.

use super::super::auth::audit;
use super::super::form::FieldErrors;
use super::super::{Signed, see_other};
use super::pages::{EditState, edit_page, list_page, localizer};
use super::{DeleteForm, ListQuery, MergeForm, MoveForm, TaxForm, parse_id, segment};
use crate::AppState;
use crate::error::WebError;
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::Timestamp;
use khabar_core::{Action, Limits, Ownership};
use khabar_i18n::{Arg, Localizer};
use khabar_store::{TagMerge, TaxonomyDelete, TaxonomyKind, TaxonomyWrite};
use std::net::SocketAddr;

/// The slug the Arabic slug rules make of a name (Latin-only names get a
/// transliteration, so the result is never empty for a non-empty name).
pub(super) fn slug_for(name: &str) -> String {
    let slug = khabar_arabic::slugify(name, 60);
    if slug.is_empty() {
        khabar_arabic::transliterate_slug(name, 60)
    } else {
        slug
    }
}

/// Checks a name and slug; an empty slug is made from the name.
fn checked(l: &Localizer<'_>, form: &TaxForm) -> Result<(String, String), FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = khabar_arabic::strip_bidi_controls(form.name.trim()).to_string();
    if name.is_empty() {
        errors.add("name", l.t("nr-err-name-required"));
    } else if name.chars().count() > Limits::NAME_CHARS {
        errors.add(
            "name",
            l.t_args(
                "nr-err-name-too-long",
                &[("max", Arg::Num(Limits::NAME_CHARS as i64))],
            ),
        );
    } else if name.chars().any(char::is_control) {
        errors.add("name", l.t("nr-err-control-characters"));
    }
    let mut slug = form.slug.trim().to_string();
    if slug.is_empty() {
        slug = slug_for(&name);
    }
    if slug.chars().count() > Limits::SLUG_CHARS {
        errors.add(
            "slug",
            l.t_args(
                "nr-err-slug-too-long",
                &[("max", Arg::Num(Limits::SLUG_CHARS as i64))],
            ),
        );
    } else if !name.is_empty() && !khabar_core::is_valid_slug(&slug) {
        errors.add("slug", l.t("nr-err-slug-invalid"));
    }
    if errors.is_empty() {
        Ok((name, slug))
    } else {
        Err(errors)
    }
}

/// A store refusal as a message next to the field it concerns.
fn write_errors(l: &Localizer<'_>, kind: TaxonomyKind, outcome: TaxonomyWrite) -> FieldErrors {
    let mut errors = FieldErrors::default();
    match outcome {
        TaxonomyWrite::NameTaken => {
            errors.add("name", l.t(&format!("nr-err-{}-name-taken", kind.as_str())));
        }
        TaxonomyWrite::SlugTaken => {
            errors.add("slug", l.t(&format!("nr-err-{}-slug-taken", kind.as_str())));
        }
        TaxonomyWrite::Done(_) | TaxonomyWrite::NotFound => {}
    }
    errors
}

pub(super) async fn create(
    state: AppState,
    peer: SocketAddr,
    signed: Signed,
    kind: TaxonomyKind,
    form: TaxForm,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::ManageTaxonomy, Ownership::None)?;
    let nr = state.newsroom()?;
    let l = localizer(&state, &signed).l;
    let refused = match checked(&l, &form) {
        Ok((name, slug)) => match nr.taxonomy.create_taxonomy(kind, &name, &slug).await? {
            TaxonomyWrite::Done(id) => {
                state.pages.invalidate();
                let target = format!("{}:{id}", kind.as_str());
                let action = format!("{}_create", kind.as_str());
                audit(
                    nr,
                    Some(signed.user.id),
                    &action,
                    &target,
                    &peer.ip().to_string(),
                )
                .await?;
                return Ok(see_other(&format!(
                    "/newsroom/{}?notice=created",
                    segment(kind)
                )));
            }
            outcome => write_errors(&l, kind, outcome),
        },
        Err(errors) => errors,
    };
    let q = ListQuery::default();
    list_page(
        &state,
        &signed,
        kind,
        &q,
        StatusCode::UNPROCESSABLE_ENTITY,
        form,
        refused,
    )
    .await
}

pub(super) async fn update(
    state: AppState,
    peer: SocketAddr,
    signed: Signed,
    kind: TaxonomyKind,
    raw_id: String,
    form: TaxForm,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::ManageTaxonomy, Ownership::None)?;
    let id = parse_id(&raw_id)?;
    let nr = state.newsroom()?;
    let l = localizer(&state, &signed).l;
    let errors = match checked(&l, &form) {
        Ok((name, slug)) => match nr
            .taxonomy
            .update_taxonomy(kind, id, &name, &slug, Timestamp::now())
            .await?
        {
            TaxonomyWrite::Done(_) => {
                state.pages.invalidate();
                let action = format!("{}_update", kind.as_str());
                let target = format!("{}:{id}", kind.as_str());
                audit(
                    nr,
                    Some(signed.user.id),
                    &action,
                    &target,
                    &peer.ip().to_string(),
                )
                .await?;
                return Ok(see_other(&format!(
                    "/newsroom/{}/{id}?notice=saved",
                    segment(kind)
                )));
            }
            TaxonomyWrite::NotFound => return Err(WebError::NotFound("not_found")),
            outcome => write_errors(&l, kind, outcome),
        },
        Err(errors) => errors,
    };
    let edit = EditState {
        form: Some(form),
        errors,
        into: String::new(),
        notice: None,
    };
    edit_page(
        &state,
        &signed,
        kind,
        id,
        StatusCode::UNPROCESSABLE_ENTITY,
        edit,
    )
    .await
}

pub(super) async fn delete(
    state: AppState,
    peer: SocketAddr,
    signed: Signed,
    kind: TaxonomyKind,
    raw_id: String,
    form: DeleteForm,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::ManageTaxonomy, Ownership::None)?;
    let id = parse_id(&raw_id)?;
    let nr = state.newsroom()?;
    let l = localizer(&state, &signed).l;
    let move_to = match form.move_to.trim() {
        "" => None,
        raw => Some(parse_id(raw).map_err(|_| WebError::BadRequest("invalid_section"))?),
    };
    let message = match nr
        .taxonomy
        .delete_taxonomy(kind, id, move_to, Timestamp::now())
        .await?
    {
        TaxonomyDelete::Deleted { moved } => {
            state.pages.invalidate();
            let action = format!("{}_delete", kind.as_str());
            let mut target = format!("{}:{id}", kind.as_str());
            if let (Some(to), true) = (move_to, moved > 0) {
                target.push_str(&format!(" → section:{to} ({moved})"));
            }
            audit(
                nr,
                Some(signed.user.id),
                &action,
                &target,
                &peer.ip().to_string(),
            )
            .await?;
            let notice = if moved > 0 {
                "moved-articles"
            } else {
                "deleted"
            };
            return Ok(see_other(&format!(
                "/newsroom/{}?notice={notice}",
                segment(kind)
            )));
        }
        TaxonomyDelete::NotFound => return Err(WebError::NotFound("not_found")),
        TaxonomyDelete::HasArticles(n) => l.t_args(
            &format!("nr-err-{}-has-articles", kind.as_str()),
            &[("n", Arg::Num(i64::try_from(n).unwrap_or(i64::MAX)))],
        ),
        TaxonomyDelete::TargetNotFound => l.t("nr-err-move-target"),
    };
    let mut errors = FieldErrors::default();
    errors.add("delete", message);
    let edit = EditState {
        form: None,
        errors,
        into: String::new(),
        notice: None,
    };
    edit_page(
        &state,
        &signed,
        kind,
        id,
        StatusCode::UNPROCESSABLE_ENTITY,
        edit,
    )
    .await
}

/// Moves a section one place in the site's navigation.
pub(super) async fn move_section(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Form(form): Form<MoveForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::ManageTaxonomy, Ownership::None)?;
    let id = parse_id(&raw_id)?;
    let up = match form.direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(WebError::BadRequest("invalid_direction")),
    };
    let nr = state.newsroom()?;
    if !nr.taxonomy.move_section(id, up).await? {
        return Err(WebError::NotFound("not_found"));
    }
    state.pages.invalidate();
    let target = format!("section:{id} {}", form.direction);
    audit(
        nr,
        Some(signed.user.id),
        "section_move",
        &target,
        &peer.ip().to_string(),
    )
    .await?;
    Ok(see_other(&format!(
        "/newsroom/sections?notice=moved#s-{id}"
    )))
}

/// Merges this tag into the one named in the form.
pub(super) async fn merge_tag(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Path(raw_id): Path<String>,
    Form(form): Form<MergeForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::ManageTaxonomy, Ownership::None)?;
    let id = parse_id(&raw_id)?;
    let nr = state.newsroom()?;
    let l = localizer(&state, &signed).l;
    let name = khabar_arabic::strip_bidi_controls(form.into.trim()).to_string();
    let target = if name.is_empty() || name.chars().count() > Limits::NAME_CHARS {
        None
    } else {
        nr.taxonomy.tag_by_name(&name).await?
    };
    let message = match target {
        None => l.t("nr-err-merge-unknown"),
        Some(into) => match nr
            .taxonomy
            .merge_tags(id, into.id, Timestamp::now())
            .await?
        {
            TagMerge::Merged { articles } => {
                state.pages.invalidate();
                let target = format!("tag:{id} → tag:{} ({articles})", into.id);
                audit(
                    nr,
                    Some(signed.user.id),
                    "tag_merge",
                    &target,
                    &peer.ip().to_string(),
                )
                .await?;
                return Ok(see_other(&format!(
                    "/newsroom/tags/{}?notice=merged",
                    into.id
                )));
            }
            TagMerge::SameTag => l.t("nr-err-merge-same"),
            TagMerge::NotFound => return Err(WebError::NotFound("not_found")),
        },
    };
    let mut errors = FieldErrors::default();
    errors.add("into", message);
    let edit = EditState {
        form: None,
        errors,
        into: form.into,
        notice: None,
    };
    edit_page(
        &state,
        &signed,
        TaxonomyKind::Tag,
        id,
        StatusCode::UNPROCESSABLE_ENTITY,
        edit,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_names_by_the_arabic_rules() {
        let i18n = khabar_i18n::I18n::new();
        let l = i18n.localizer(&khabar_i18n::LocaleSettings::default());
        let form = |name: &str, slug: &str| TaxForm {
            csrf: String::new(),
            name: name.into(),
            slug: slug.into(),
        };
        assert_eq!(
            checked(&l, &form("  اقتصاد وأعمال ", "")).ok(),
            Some(("اقتصاد وأعمال".to_string(), "اقتصاد-وأعمال".to_string()))
        );
        assert_eq!(
            checked(&l, &form("Sport", "")).ok().map(|(_, s)| s),
            Some("sport".to_string())
        );
        // A typed slug is kept, when it can be a URL segment.
        assert_eq!(
            checked(&l, &form("رياضة", "sport")).ok().map(|(_, s)| s),
            Some("sport".to_string())
        );
        let bad = checked(&l, &form("رياضة", "a b/c")).unwrap_err();
        assert!(bad.has("slug"));
        let bad = checked(&l, &form("\u{202e}", "")).unwrap_err();
        assert!(bad.has("name"));
        let long: String = "س".repeat(Limits::NAME_CHARS + 1);
        assert!(checked(&l, &form(&long, "")).unwrap_err().has("name"));
    }
}
