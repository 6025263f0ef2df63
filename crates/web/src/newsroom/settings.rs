//! The site settings page (`/newsroom/settings`, admins only): site name,
//! logo, digits, month names, time zone, the Hijri date and the comment
//! policy.
//!
//! Precedence: the configuration (file, then environment) gives the
//! defaults; once an admin saves this page, the saved values win for every
//! field on it until «العودة إلى إعدادات الملف» forgets them. Saved values
//! live in the database ([`khabar_store::SettingsStore`]) and are applied
//! at once through [`AppState::replace_site`]: the next page any reader
//! opens uses them, no restart. Another server on the same database picks
//! them up when it restarts.

use super::auth::audit;
use super::form::FieldErrors;
use super::submission::read_multipart;
use super::views::{Choice, NrChrome, newsroom_lang};
use super::{Signed, page, see_other};
use crate::error::WebError;
use crate::{AppState, SiteLogo, SiteSettings};
use askama::Template;
use axum::extract::{ConnectInfo, Form, Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::Timestamp;
use khabar_comments::policy::Moderation;
use khabar_core::{Action, Limits, Ownership};
use khabar_i18n::{Arg, DigitStyle, Lang, Localizer, MonthNames, gregorian_month_name};
use khabar_store::StoredSettings;
use serde::Deserialize;
use std::net::SocketAddr;

/// The longest site name accepted, in characters.
pub const SITE_NAME_CHARS: usize = 80;
/// Comments may be set to close at most this many days after publication.
const MAX_CLOSE_DAYS: u64 = 3_650;

fn digits_code(d: DigitStyle) -> &'static str {
    match d {
        DigitStyle::Western => "western",
        DigitStyle::ArabicIndic => "arabic_indic",
    }
}

fn months_code(m: MonthNames) -> &'static str {
    match m {
        MonthNames::Egypt => "egypt",
        MonthNames::Levant => "levant",
        MonthNames::Maghreb => "maghreb",
        MonthNames::Morocco => "morocco",
    }
}

fn moderation_code(m: Moderation) -> &'static str {
    match m {
        Moderation::All => "all",
        Moderation::FirstTime => "first_time",
        Moderation::None => "none",
    }
}

fn parse_moderation(s: &str) -> Option<Moderation> {
    match s.trim() {
        "all" => Some(Moderation::All),
        "first_time" => Some(Moderation::FirstTime),
        "none" => Some(Moderation::None),
        _ => None,
    }
}

/// `defaults` with the saved settings over them. A saved value this
/// version cannot read (edited by hand, say) keeps the default, with a
/// warning in the log, rather than taking the site down.
pub fn apply_stored(defaults: &SiteSettings, saved: &StoredSettings) -> SiteSettings {
    let mut site = defaults.clone();
    let warn = |key: &str, value: &str| {
        tracing::warn!(
            key,
            value,
            "saved site setting not understood; the configured one applies"
        );
    };
    site.name = Some(saved.site_name.clone()).filter(|n| !n.trim().is_empty());
    site.logo = saved.logo_url.as_ref().map(|url| SiteLogo {
        url: url.clone(),
        alt: saved.logo_alt.clone(),
    });
    match saved.digits.parse() {
        Ok(d) => site.locale.digits = d,
        Err(_) => warn("digits", &saved.digits),
    }
    match saved.month_names.parse() {
        Ok(m) => site.locale.months = m,
        Err(_) => warn("month_names", &saved.month_names),
    }
    match jiff::tz::TimeZone::get(&saved.time_zone) {
        Ok(tz) => site.locale.time_zone = tz,
        Err(_) => warn("time_zone", &saved.time_zone),
    }
    site.locale.show_hijri = saved.show_hijri;
    match parse_moderation(&saved.comment_moderation) {
        Some(m) => site.comments.moderation = m,
        None => warn("comment_moderation", &saved.comment_moderation),
    }
    site.comments.close_after_days = saved.comments_close_after_days;
    site
}

/// Applies the settings saved in the database, if any (at start-up).
///
/// # Errors
/// When the store cannot be read.
pub async fn apply_saved(state: &AppState) -> Result<(), WebError> {
    let Some(nr) = state.newsroom.as_ref() else {
        return Ok(());
    };
    if let Some(saved) = nr.site_settings.site_settings().await? {
        state.replace_site(apply_stored(state.site_defaults(), &saved));
    }
    Ok(())
}

/// The settings form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    csrf: String,
    pub site_name: String,
    /// The logo kept from before (or uploaded with a refused submission).
    pub logo_url: String,
    pub logo_alt: String,
    /// `on` to remove the logo.
    pub logo_remove: String,
    pub digits: String,
    pub month_names: String,
    pub time_zone: String,
    /// `on` when ticked.
    pub show_hijri: String,
    pub comment_moderation: String,
    pub comments_close_after_days: String,
}

impl SettingsForm {
    /// The form showing `site`, the settings in force.
    fn of(site: &SiteSettings, name: String) -> SettingsForm {
        SettingsForm {
            csrf: String::new(),
            site_name: name,
            logo_url: site
                .logo
                .as_ref()
                .map(|l| l.url.clone())
                .unwrap_or_default(),
            logo_alt: site
                .logo
                .as_ref()
                .map(|l| l.alt.clone())
                .unwrap_or_default(),
            logo_remove: String::new(),
            digits: digits_code(site.locale.digits).into(),
            month_names: months_code(site.locale.months).into(),
            time_zone: site.locale.time_zone.iana_name().unwrap_or("UTC").into(),
            show_hijri: if site.locale.show_hijri { "on" } else { "" }.into(),
            comment_moderation: moderation_code(site.comments.moderation).into(),
            comments_close_after_days: site.comments.close_after_days.to_string(),
        }
    }

    /// The logo's address and description, or messages next to them.
    async fn checked_logo(
        &self,
        state: &AppState,
        l: &Localizer<'_>,
        errors: &mut FieldErrors,
    ) -> (Option<String>, String) {
        let logo_url = Some(self.logo_url.trim().to_string())
            .filter(|u| !u.is_empty() && self.logo_remove != "on");
        if let Some(url) = &logo_url
            && !errors.has("logo")
            && !our_media_exists(state, url).await
        {
            errors.add("logo", l.t("nr-err-logo-unknown"));
        }
        let logo_alt = self.logo_alt.trim().to_string();
        if logo_url.is_some() && logo_alt.is_empty() {
            errors.add("logo_alt", l.t("nr-err-logo-alt-required"));
        } else if logo_alt.chars().count() > Limits::ALT_CHARS {
            let max = Arg::Num(Limits::ALT_CHARS as i64);
            errors.add(
                "logo_alt",
                l.t_args("nr-err-name-too-long", &[("max", max)]),
            );
        }
        (logo_url, logo_alt)
    }

    /// Checks every field (the logo file is already stored, its address in
    /// `logo_url`) and builds what is saved, or a message per field.
    async fn checked(
        &self,
        state: &AppState,
        l: &Localizer<'_>,
        mut errors: FieldErrors,
    ) -> Result<StoredSettings, FieldErrors> {
        let site_name = khabar_arabic::strip_bidi_controls(self.site_name.trim()).to_string();
        if site_name.is_empty() {
            errors.add("site_name", l.t("nr-err-site-name-required"));
        } else if site_name.chars().count() > SITE_NAME_CHARS {
            let max = Arg::Num(SITE_NAME_CHARS as i64);
            errors.add(
                "site_name",
                l.t_args("nr-err-name-too-long", &[("max", max)]),
            );
        } else if site_name.chars().any(char::is_control) {
            errors.add("site_name", l.t("nr-err-control-characters"));
        }
        let (logo_url, logo_alt) = self.checked_logo(state, l, &mut errors).await;
        if self.digits.parse::<DigitStyle>().is_err() {
            errors.add("digits", l.t("nr-err-choose-from-list"));
        }
        if self.month_names.parse::<MonthNames>().is_err() {
            errors.add("month_names", l.t("nr-err-choose-from-list"));
        }
        let time_zone = self.time_zone.trim().to_string();
        if time_zone.chars().count() > 64 || jiff::tz::TimeZone::get(&time_zone).is_err() {
            errors.add("time_zone", l.t("nr-err-time-zone-unknown"));
        }
        if parse_moderation(&self.comment_moderation).is_none() {
            errors.add("comment_moderation", l.t("nr-err-choose-from-list"));
        }
        let days = khabar_arabic::digits::parse_u64(self.comments_close_after_days.trim())
            .filter(|d| *d <= MAX_CLOSE_DAYS);
        if days.is_none() {
            let max = Arg::Num(MAX_CLOSE_DAYS as i64);
            errors.add(
                "comments_close_after_days",
                l.t_args("nr-err-close-days", &[("max", max)]),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(StoredSettings {
            site_name,
            logo_alt: if logo_url.is_some() {
                logo_alt
            } else {
                String::new()
            },
            logo_url,
            digits: self.digits.trim().into(),
            month_names: self.month_names.trim().into(),
            time_zone,
            show_hijri: self.show_hijri == "on",
            comment_moderation: self.comment_moderation.trim().into(),
            comments_close_after_days: u32::try_from(days.unwrap_or(0)).unwrap_or(0),
            updated_at: Timestamp::now(),
            updated_by: None,
        })
    }
}

/// Returns true if and only if `url` names an image the upload pipeline
/// stored on this server (a logo address cannot point anywhere else).
async fn our_media_exists(state: &AppState, url: &str) -> bool {
    if !super::media::is_media_url(url) {
        return false;
    }
    let Ok(nr) = state.newsroom() else {
        return false;
    };
    let path = url.trim_start_matches("/media/");
    tokio::fs::metadata(nr.settings.media_dir.join(path))
        .await
        .is_ok_and(|m| m.is_file())
}

#[derive(Template)]
#[template(path = "newsroom/settings.html")]
pub struct SettingsPage<'a> {
    pub chrome: NrChrome<'a>,
    pub form: SettingsForm,
    pub errors: FieldErrors,
    pub notice: Option<String>,
    /// Where the values come from: the configuration, or a save (who, when).
    pub source: String,
    pub digits: Vec<Choice>,
    pub months: Vec<Choice>,
    pub moderations: Vec<Choice>,
    pub zones: Vec<&'static str>,
    pub saved: bool,
}

/// Zones offered as suggestions (any IANA name is accepted).
const ZONES: [&str; 20] = [
    "Asia/Riyadh",
    "Africa/Cairo",
    "Asia/Dubai",
    "Asia/Qatar",
    "Asia/Kuwait",
    "Asia/Bahrain",
    "Asia/Muscat",
    "Asia/Baghdad",
    "Asia/Amman",
    "Asia/Damascus",
    "Asia/Beirut",
    "Asia/Jerusalem",
    "Asia/Gaza",
    "Asia/Aden",
    "Africa/Khartoum",
    "Africa/Tripoli",
    "Africa/Tunis",
    "Africa/Algiers",
    "Africa/Casablanca",
    "Africa/Nouakchott",
];

/// The options of the three lists, each labelled in the newsroom's
/// language with an example, the form's value selected.
fn choices(l: &Localizer<'_>, form: &SettingsForm) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    let choice = |value: &str, label: String, current: &str| Choice {
        selected: value == current,
        value: value.into(),
        label,
    };
    let digits = [DigitStyle::Western, DigitStyle::ArabicIndic]
        .into_iter()
        .map(|d| {
            let example = khabar_i18n::convert_digits("2026", d);
            let label = l.t_args(
                &format!("nr-digits-{}", digits_code(d).replace('_', "-")),
                &[("example", Arg::Str(&example))],
            );
            choice(digits_code(d), label, &form.digits)
        })
        .collect();
    let months = [
        MonthNames::Egypt,
        MonthNames::Levant,
        MonthNames::Maghreb,
        MonthNames::Morocco,
    ]
    .into_iter()
    .map(|m| {
        let example = format!(
            "{}، {}، {}",
            gregorian_month_name(Lang::Ar, m, 1),
            gregorian_month_name(Lang::Ar, m, 8),
            gregorian_month_name(Lang::Ar, m, 11)
        );
        let label = format!(
            "{} ({example})",
            l.t(&format!("nr-months-{}", months_code(m)))
        );
        choice(months_code(m), label, &form.month_names)
    })
    .collect();
    let moderations = [Moderation::All, Moderation::FirstTime, Moderation::None]
        .into_iter()
        .map(|m| {
            let code = moderation_code(m);
            let label = l.t(&format!("nr-moderation-{}", code.replace('_', "-")));
            choice(code, label, &form.comment_moderation)
        })
        .collect();
    (digits, months, moderations)
}

async fn settings_page(
    state: &AppState,
    signed: &Signed,
    status: StatusCode,
    form: SettingsForm,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<Response, WebError> {
    let nr = state.newsroom()?;
    let saved = nr.site_settings.site_settings().await?;
    let mut chrome = NrChrome::new(state, Some(signed), newsroom_lang(None, Some(signed)), "");
    let l = &chrome.l;
    let source = match &saved {
        None => l.t("nr-settings-from-config"),
        Some(s) => {
            let who = match s.updated_by {
                Some(id) => nr.accounts.user(id).await?.map(|u| u.name),
                None => None,
            };
            l.t_args(
                "nr-settings-saved-by",
                &[
                    ("name", Arg::Isolated(who.as_deref().unwrap_or("—"))),
                    ("date", Arg::Str(&l.date_time(s.updated_at))),
                ],
            )
        }
    };
    let (digits, months, moderations) = choices(l, &form);
    chrome.title = format!("{} — {}", l.t("nr-settings"), l.t("nr-newsroom"));
    page(
        status,
        SettingsPage {
            form,
            errors,
            notice,
            source,
            digits,
            months,
            moderations,
            zones: ZONES.to_vec(),
            saved: saved.is_some(),
            chrome,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SettingsQuery {
    notice: String,
}

/// `GET /newsroom/settings`.
pub(crate) async fn show_settings(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<SettingsQuery>,
) -> Result<Response, WebError> {
    signed.ensure(Action::ManageSettings, Ownership::None)?;
    let site = state.site();
    let form = SettingsForm::of(&site, state.site_name(&state.l()));
    let l = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(None, Some(&signed)),
        "",
    )
    .l;
    let notice = match q.notice.as_str() {
        "saved" => Some(l.t("nr-settings-saved")),
        "reset" => Some(l.t("nr-settings-reset-done")),
        _ => None,
    };
    settings_page(
        &state,
        &signed,
        StatusCode::OK,
        form,
        FieldErrors::default(),
        notice,
    )
    .await
}

/// `POST /newsroom/settings`: multipart (the logo file travels with the
/// form). The logo is stored first, so a refusal of another field keeps
/// it; every other field comes back as typed.
pub(crate) async fn save_settings(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let posted = read_multipart(multipart, "logo_file").await?;
    signed.ensure_csrf(posted.field("csrf"))?;
    signed.ensure(Action::ManageSettings, Ownership::None)?;
    let mut form: SettingsForm = posted.decode()?;
    let l = NrChrome::new(
        &state,
        Some(&signed),
        newsroom_lang(None, Some(&signed)),
        "",
    )
    .l;
    let mut errors = FieldErrors::default();
    if let Some(bytes) = posted.file {
        match super::media::store_image(&state, bytes).await? {
            Ok(stored) => {
                form.logo_url = stored.smallest;
                form.logo_remove.clear();
            }
            Err(e) => errors.add(
                "logo",
                l.t(&format!("nr-err-{}", e.code().replace('_', "-"))),
            ),
        }
    }
    let mut saved = match form.checked(&state, &l, errors).await {
        Ok(s) => s,
        Err(errors) => {
            return settings_page(
                &state,
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                errors,
                None,
            )
            .await;
        }
    };
    saved.updated_by = Some(signed.user.id);
    let nr = state.newsroom()?;
    nr.site_settings.save_site_settings(&saved).await?;
    state.replace_site(apply_stored(state.site_defaults(), &saved));
    audit(
        nr,
        Some(signed.user.id),
        "settings_save",
        "site",
        &peer.ip().to_string(),
    )
    .await?;
    Ok(see_other("/newsroom/settings?notice=saved"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ResetForm {
    csrf: String,
}

/// `POST /newsroom/settings/reset`: forgets the saved settings; the
/// configuration's apply again.
pub(crate) async fn reset_settings(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    Form(form): Form<ResetForm>,
) -> Result<Response, WebError> {
    signed.ensure_csrf(&form.csrf)?;
    signed.ensure(Action::ManageSettings, Ownership::None)?;
    let nr = state.newsroom()?;
    nr.site_settings.clear_site_settings().await?;
    state.replace_site(state.site_defaults().clone());
    audit(
        nr,
        Some(signed.user.id),
        "settings_reset",
        "site",
        &peer.ip().to_string(),
    )
    .await?;
    Ok(see_other("/newsroom/settings?notice=reset"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CommentPolicy;

    fn defaults() -> SiteSettings {
        SiteSettings {
            base_url: "http://127.0.0.1:8080".into(),
            locale: khabar_i18n::LocaleSettings::default(),
            per_page: 20,
            page_max_age: 60,
            page_cache: std::time::Duration::ZERO,
            name: None,
            logo: None,
            comments: CommentPolicy::default(),
        }
    }

    fn saved() -> StoredSettings {
        StoredSettings {
            site_name: "صحيفة الواحة".into(),
            logo_url: None,
            logo_alt: String::new(),
            digits: "arabic_indic".into(),
            month_names: "levant".into(),
            time_zone: "Africa/Cairo".into(),
            show_hijri: true,
            comment_moderation: "all".into(),
            comments_close_after_days: 7,
            updated_at: Timestamp::UNIX_EPOCH,
            updated_by: None,
        }
    }

    #[test]
    fn saved_settings_win_over_the_configuration() {
        let site = apply_stored(&defaults(), &saved());
        assert_eq!(site.name.as_deref(), Some("صحيفة الواحة"));
        assert_eq!(site.locale.digits, DigitStyle::ArabicIndic);
        assert_eq!(site.locale.months, MonthNames::Levant);
        assert_eq!(site.locale.time_zone.iana_name(), Some("Africa/Cairo"));
        assert!(site.locale.show_hijri);
        assert_eq!(site.comments.moderation, Moderation::All);
        assert_eq!(site.comments.close_after_days, 7);
        // What the page does not edit stays as configured.
        assert_eq!(site.base_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn a_saved_value_that_cannot_be_read_keeps_the_default() {
        let broken = StoredSettings {
            digits: "roman".into(),
            time_zone: "Mars/Olympus".into(),
            comment_moderation: "sometimes".into(),
            ..saved()
        };
        let site = apply_stored(&defaults(), &broken);
        assert_eq!(site.locale.digits, DigitStyle::Western);
        assert_eq!(site.locale.time_zone, jiff::tz::TimeZone::UTC);
        assert_eq!(site.comments.moderation, Moderation::FirstTime);
        assert_eq!(site.locale.months, MonthNames::Levant);
    }
}
