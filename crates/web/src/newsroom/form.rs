//! The article form: what the editor posts, checked on the server into a
//! [`NewArticle`] or into messages next to each field. The form itself is kept
//! as typed, so a refused save loses nothing.

use jiff::civil::DateTime;
use jiff::{Timestamp, ToSpan};
use khabar_core::{
    Article, ArticleStatus, Cover, Limits, NewArticle, NewTaxonomy, Source, ValidationError,
};
use khabar_i18n::{Arg, Localizer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The editor's fields, as strings exactly as posted. Serialised (as JSON)
/// into the autosave slot, so a field added here is autosaved too.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ArticleForm {
    pub csrf: String,
    pub revision: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub section: String,
    /// Comma-separated («،» or ",").
    pub tags: String,
    pub author: String,
    pub source_name: String,
    pub source_url: String,
    pub cover_url: String,
    pub cover_alt: String,
    pub cover_credit: String,
    pub slug: String,
    pub status: String,
    /// `YYYY-MM-DDTHH:MM` in the site's time zone (an `<input type="datetime-local">`).
    pub publish_at: String,
    /// Pinned «اقرأ أيضا» links, one per line (see `search::pins`).
    pub pins: String,
    /// The editor page this form came from: a random token given with each
    /// page, sent with its autosaves and its save. The save spends it, so
    /// an autosave still in flight then is refused instead of leaving a
    /// stale copy to offer back.
    pub autosave_token: String,
}

/// Messages by field name, in Arabic or English.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(pub BTreeMap<&'static str, String>);

impl FieldErrors {
    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn get(&self, field: &str) -> &str {
        self.0.get(field).map_or("", String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn add(&mut self, field: &'static str, message: String) {
        self.0.entry(field).or_insert(message);
    }
}

/// How far ahead an article may be scheduled.
const MAX_SCHEDULE_DAYS: i64 = 366;

fn taxonomy(name: &str) -> Option<NewTaxonomy> {
    let name = khabar_arabic::strip_bidi_controls(name.trim()).to_string();
    if name.is_empty() {
        return None;
    }
    let mut slug = khabar_arabic::slugify(&name, 60);
    if slug.is_empty() {
        slug = khabar_arabic::transliterate_slug(&name, 60);
    }
    if slug.is_empty() {
        slug = "x".into();
    }
    Some(NewTaxonomy { name, slug })
}

/// The slug a title suggests, by the Arabic slug rules.
pub fn suggest_slug(title: &str) -> String {
    khabar_arabic::slugify(title, 80)
}

fn validation_message(l: &Localizer<'_>, e: &ValidationError) -> String {
    let key = format!("nr-err-{}", e.code().replace('_', "-"));
    match e {
        ValidationError::TitleTooLong { max }
        | ValidationError::LeadTooLong { max }
        | ValidationError::BodyTooLong { max }
        | ValidationError::SlugTooLong { max }
        | ValidationError::NameTooLong { max, .. }
        | ValidationError::TooManyTags { max } => {
            l.t_args(&key, &[("max", Arg::Num(i64::try_from(*max).unwrap_or(0)))])
        }
        _ => l.t(&key),
    }
}

/// Where a core validation error is shown in this form.
fn form_field(e: &ValidationError) -> &'static str {
    match e.field() {
        "source_url" if *e == ValidationError::SourceNameRequired => "source_name",
        "cover" | "cover_alt" => "cover_alt",
        f => f,
    }
}

impl ArticleForm {
    /// The form filled from a stored article, times in `l`'s time zone.
    pub fn from_article(a: &Article, revision: i64, l: &Localizer<'_>) -> ArticleForm {
        ArticleForm {
            csrf: String::new(),
            revision: revision.to_string(),
            title: a.title.clone(),
            lead: a.lead.clone(),
            body: a.body.clone(),
            section: a
                .section
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            tags: a
                .tags
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join("، "),
            author: a
                .author
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            source_name: a
                .source
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            source_url: a.source.as_ref().map(|s| s.url.clone()).unwrap_or_default(),
            cover_url: a.cover.as_ref().map(|c| c.url.clone()).unwrap_or_default(),
            cover_alt: a.cover.as_ref().map(|c| c.alt.clone()).unwrap_or_default(),
            cover_credit: a
                .cover
                .as_ref()
                .map(|c| c.credit.clone())
                .unwrap_or_default(),
            slug: a.slug.clone(),
            status: a.status.as_str().into(),
            publish_at: a
                .published_at
                .map(|t| {
                    t.to_zoned(l.settings().time_zone.clone())
                        .strftime("%Y-%m-%dT%H:%M")
                        .to_string()
                })
                .unwrap_or_default(),
            pins: String::new(),
            autosave_token: String::new(),
        }
    }

    /// Returns true if and only if both forms hold the same article text and
    /// settings: the form token and base revision aside, line ends and
    /// surrounding spaces as a save would store them.
    pub fn same_content(&self, other: &ArticleForm) -> bool {
        let comparable = |f: &ArticleForm| {
            let mut f = f.clone();
            f.csrf.clear();
            f.revision.clear();
            f.autosave_token.clear();
            f.body = f.body.replace("\r\n", "\n");
            match serde_json::to_value(f) {
                Ok(serde_json::Value::Object(fields)) => fields
                    .into_iter()
                    .map(|(k, v)| (k, v.as_str().map(|s| s.trim().to_string())))
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            }
        };
        comparable(self) == comparable(other)
    }

    /// The page's autosave token, if and only if it has the shape this
    /// server gives one (32 lowercase hexadecimal digits).
    pub fn autosave_token(&self) -> Option<&str> {
        let t = self.autosave_token.as_str();
        (t.len() == 32 && t.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))).then_some(t)
    }

    /// The revision the form was based on.
    pub fn base_revision(&self) -> Option<i64> {
        self.revision.trim().parse().ok()
    }

    /// Checks every field and builds the article, or returns a message per
    /// field. `may_publish` is false for roles that only write drafts.
    pub fn to_article(
        &self,
        l: &Localizer<'_>,
        now: Timestamp,
        may_publish: bool,
    ) -> Result<NewArticle, FieldErrors> {
        let mut errors = FieldErrors::default();
        let status = match ArticleStatus::parse(self.status.trim()) {
            Some(s) => s,
            None => {
                errors.add("status", l.t("nr-err-status-invalid"));
                ArticleStatus::Draft
            }
        };
        if !may_publish && status != ArticleStatus::Draft {
            errors.add("status", l.t("nr-err-status-not-allowed"));
        }
        let published_at = self.publish_time(l, now, status, &mut errors);
        let mut slug = self.slug.trim().to_string();
        if slug.is_empty() {
            slug = suggest_slug(&self.title);
        }
        if slug.is_empty() {
            slug = format!("article-{}", now.as_second());
        }
        let source = (!self.source_name.trim().is_empty() || !self.source_url.trim().is_empty())
            .then(|| Source {
                name: khabar_arabic::strip_bidi_controls(self.source_name.trim()).to_string(),
                url: self.source_url.trim().to_string(),
            });
        let cover = (!self.cover_url.trim().is_empty()).then(|| Cover {
            url: self.cover_url.trim().to_string(),
            alt: self.cover_alt.trim().to_string(),
            credit: self.cover_credit.trim().to_string(),
        });
        let article = NewArticle {
            slug,
            title: khabar_arabic::strip_bidi_controls(self.title.trim()).to_string(),
            lead: self.lead.trim().to_string(),
            body: self.body.replace("\r\n", "\n"),
            section: taxonomy(&self.section),
            tags: self.tags.split([',', '،']).filter_map(taxonomy).collect(),
            author: taxonomy(&self.author),
            source,
            status,
            published_at,
            cover,
        };
        if let Err(all) = article.validate() {
            for e in &all.0 {
                errors.add(form_field(e), validation_message(l, e));
            }
        }
        if self.tags.chars().count() > Limits::TAGS * (Limits::NAME_CHARS + 2) {
            errors.add(
                "tags",
                l.t_args(
                    "nr-err-too-many-tags",
                    &[("max", Arg::Num(Limits::TAGS as i64))],
                ),
            );
        }
        if errors.is_empty() {
            Ok(article)
        } else {
            Err(errors)
        }
    }

    fn publish_time(
        &self,
        l: &Localizer<'_>,
        now: Timestamp,
        status: ArticleStatus,
        errors: &mut FieldErrors,
    ) -> Option<Timestamp> {
        let raw = self.publish_at.trim();
        let at = if raw.is_empty() {
            None
        } else {
            match raw
                .parse::<DateTime>()
                .ok()
                .and_then(|dt| dt.to_zoned(l.settings().time_zone.clone()).ok())
            {
                Some(z) => Some(z.timestamp()),
                None => {
                    errors.add("publish_at", l.t("nr-err-publish-time-invalid"));
                    return None;
                }
            }
        };
        match status {
            ArticleStatus::Scheduled => match at {
                None => {
                    errors.add("publish_at", l.t("nr-err-schedule-time-required"));
                    None
                }
                Some(t) if t <= now => {
                    errors.add("publish_at", l.t("nr-err-publish-time-past"));
                    Some(t)
                }
                Some(t) if t > now + (MAX_SCHEDULE_DAYS * 24).hours() => {
                    errors.add(
                        "publish_at",
                        l.t_args(
                            "nr-err-publish-time-far",
                            &[("n", Arg::Num(MAX_SCHEDULE_DAYS))],
                        ),
                    );
                    Some(t)
                }
                t => t,
            },
            ArticleStatus::Published => match at {
                None => Some(now),
                Some(t) if t > now + 60.seconds() => {
                    errors.add("publish_at", l.t("nr-err-publish-time-future"));
                    Some(t)
                }
                t => t,
            },
            ArticleStatus::Draft | ArticleStatus::Unpublished => at,
        }
    }
}
