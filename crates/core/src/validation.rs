//! Validation rules for what writers submit, as stable codes.

use crate::article::{ArticleStatus, NewArticle};
use crate::taxonomy::NewTaxonomy;
use serde::Serialize;

/// Bounds on what an article may hold, counted in characters (not bytes:
/// an Arabic letter is two bytes in UTF-8).
#[derive(Debug, Clone, Copy)]
pub struct Limits;

impl Limits {
    pub const TITLE_CHARS: usize = 200;
    pub const LEAD_CHARS: usize = 1_000;
    pub const BODY_CHARS: usize = 200_000;
    pub const SLUG_CHARS: usize = 120;
    pub const NAME_CHARS: usize = 100;
    pub const URL_CHARS: usize = 2_000;
    pub const TAGS: usize = 20;
    pub const ALT_CHARS: usize = 300;
}

/// One reason a submission was refused. `code()` is stable and is what the
/// i18n layer and the JSON API use; fields let messages say the limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ValidationError {
    #[error("title is required")]
    TitleRequired,
    #[error("title is longer than {max} characters")]
    TitleTooLong { max: usize },
    #[error("lead is longer than {max} characters")]
    LeadTooLong { max: usize },
    #[error("body is longer than {max} characters")]
    BodyTooLong { max: usize },
    #[error("slug is empty or contains characters not allowed in a URL segment")]
    SlugInvalid,
    #[error("slug is longer than {max} characters")]
    SlugTooLong { max: usize },
    #[error("{field} contains control characters")]
    ControlCharacters { field: &'static str },
    #[error("{field} is empty")]
    NameRequired { field: &'static str },
    #[error("{field} is longer than {max} characters")]
    NameTooLong { field: &'static str, max: usize },
    #[error("more than {max} tags")]
    TooManyTags { max: usize },
    #[error("source URL must be an http(s) address")]
    SourceUrlInvalid,
    #[error("source name is required when a source URL is given")]
    SourceNameRequired,
    #[error("cover image URL must be an http(s) address or a path on this site")]
    CoverUrlInvalid,
    #[error("cover image needs alternative text")]
    CoverAltRequired,
    #[error("a scheduled article needs a publication time")]
    ScheduleTimeRequired,
}

impl ValidationError {
    /// The stable machine-readable code, e.g. `title_too_long`.
    pub fn code(&self) -> &'static str {
        match self {
            ValidationError::TitleRequired => "title_required",
            ValidationError::TitleTooLong { .. } => "title_too_long",
            ValidationError::LeadTooLong { .. } => "lead_too_long",
            ValidationError::BodyTooLong { .. } => "body_too_long",
            ValidationError::SlugInvalid => "slug_invalid",
            ValidationError::SlugTooLong { .. } => "slug_too_long",
            ValidationError::ControlCharacters { .. } => "control_characters",
            ValidationError::NameRequired { .. } => "name_required",
            ValidationError::NameTooLong { .. } => "name_too_long",
            ValidationError::TooManyTags { .. } => "too_many_tags",
            ValidationError::SourceUrlInvalid => "source_url_invalid",
            ValidationError::SourceNameRequired => "source_name_required",
            ValidationError::CoverUrlInvalid => "cover_url_invalid",
            ValidationError::CoverAltRequired => "cover_alt_required",
            ValidationError::ScheduleTimeRequired => "schedule_time_required",
        }
    }

    /// The input field the error belongs to, for showing it next to that field.
    pub fn field(&self) -> &'static str {
        match self {
            ValidationError::TitleRequired | ValidationError::TitleTooLong { .. } => "title",
            ValidationError::LeadTooLong { .. } => "lead",
            ValidationError::BodyTooLong { .. } => "body",
            ValidationError::SlugInvalid | ValidationError::SlugTooLong { .. } => "slug",
            ValidationError::ControlCharacters { field }
            | ValidationError::NameRequired { field }
            | ValidationError::NameTooLong { field, .. } => field,
            ValidationError::TooManyTags { .. } => "tags",
            ValidationError::SourceUrlInvalid | ValidationError::SourceNameRequired => "source_url",
            ValidationError::CoverUrlInvalid | ValidationError::CoverAltRequired => "cover",
            ValidationError::ScheduleTimeRequired => "published_at",
        }
    }
}

/// All the reasons a submission was refused, in field order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}", .0.iter().map(|e| format!("{}: {e}", e.field())).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<ValidationError>);

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t')))
}

/// Returns true if and only if `url` is an absolute http(s) URL with a host and no
/// whitespace or control characters.
pub fn is_http_url(url: &str) -> bool {
    let rest = if let Some(r) = url.strip_prefix("https://") {
        r
    } else if let Some(r) = url.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with('@')
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        && chars(url) <= Limits::URL_CHARS
}

/// Returns true if and only if `slug` can be used as one URL path segment:
/// non-empty, no separators, no whitespace or control characters, not `.`/`..`.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug != "."
        && slug != ".."
        && !slug.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '/' | '\\' | '?' | '#' | '%')
        })
}

fn check_name(field: &'static str, t: &NewTaxonomy, errors: &mut Vec<ValidationError>) {
    if t.name.trim().is_empty() {
        errors.push(ValidationError::NameRequired { field });
    } else if chars(&t.name) > Limits::NAME_CHARS {
        errors.push(ValidationError::NameTooLong {
            field,
            max: Limits::NAME_CHARS,
        });
    } else if has_control(&t.name, false) {
        errors.push(ValidationError::ControlCharacters { field });
    }
}

impl NewArticle {
    /// Checks every rule and returns all violations at once, so a writer can fix
    /// them in one pass.
    ///
    /// # Errors
    /// [`ValidationErrors`] listing each failed rule.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        if self.title.trim().is_empty() {
            errors.push(ValidationError::TitleRequired);
        } else if chars(&self.title) > Limits::TITLE_CHARS {
            errors.push(ValidationError::TitleTooLong {
                max: Limits::TITLE_CHARS,
            });
        } else if has_control(&self.title, false) {
            errors.push(ValidationError::ControlCharacters { field: "title" });
        }
        if chars(&self.lead) > Limits::LEAD_CHARS {
            errors.push(ValidationError::LeadTooLong {
                max: Limits::LEAD_CHARS,
            });
        }
        if chars(&self.body) > Limits::BODY_CHARS {
            errors.push(ValidationError::BodyTooLong {
                max: Limits::BODY_CHARS,
            });
        } else if has_control(&self.body, true) {
            errors.push(ValidationError::ControlCharacters { field: "body" });
        }
        if !is_valid_slug(&self.slug) {
            errors.push(ValidationError::SlugInvalid);
        } else if chars(&self.slug) > Limits::SLUG_CHARS {
            errors.push(ValidationError::SlugTooLong {
                max: Limits::SLUG_CHARS,
            });
        }
        if let Some(section) = &self.section {
            check_name("section", section, &mut errors);
        }
        if let Some(author) = &self.author {
            check_name("author", author, &mut errors);
        }
        if self.tags.len() > Limits::TAGS {
            errors.push(ValidationError::TooManyTags { max: Limits::TAGS });
        }
        for tag in &self.tags {
            check_name("tags", tag, &mut errors);
        }
        if let Some(source) = &self.source {
            if !is_http_url(&source.url) {
                errors.push(ValidationError::SourceUrlInvalid);
            }
            if source.name.trim().is_empty() {
                errors.push(ValidationError::SourceNameRequired);
            } else if chars(&source.name) > Limits::NAME_CHARS {
                errors.push(ValidationError::NameTooLong {
                    field: "source_name",
                    max: Limits::NAME_CHARS,
                });
            }
        }
        if let Some(cover) = &self.cover {
            let local = cover.url.starts_with('/') && !cover.url.starts_with("//");
            if !(local || is_http_url(&cover.url)) {
                errors.push(ValidationError::CoverUrlInvalid);
            }
            if cover.alt.trim().is_empty() {
                errors.push(ValidationError::CoverAltRequired);
            } else if chars(&cover.alt) > Limits::ALT_CHARS {
                errors.push(ValidationError::NameTooLong {
                    field: "cover_alt",
                    max: Limits::ALT_CHARS,
                });
            }
        }
        if self.status == ArticleStatus::Scheduled && self.published_at.is_none() {
            errors.push(ValidationError::ScheduleTimeRequired);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Source;

    fn article() -> NewArticle {
        NewArticle {
            slug: "خبر-عاجل".into(),
            title: "خبر عاجل من العاصمة".into(),
            lead: "مقدمة قصيرة".into(),
            body: "فقرة أولى.\n\n## عنوان فرعي\n\nفقرة ثانية.".into(),
            section: Some(NewTaxonomy {
                name: "سياسة".into(),
                slug: "سياسة".into(),
            }),
            tags: vec![],
            author: None,
            source: None,
            status: ArticleStatus::Published,
            published_at: None,
            cover: None,
        }
    }

    fn codes(a: &NewArticle) -> Vec<&'static str> {
        match a.validate() {
            Ok(()) => vec![],
            Err(e) => e.0.iter().map(ValidationError::code).collect(),
        }
    }

    #[test]
    fn a_good_article_passes() {
        assert_eq!(codes(&article()), Vec::<&str>::new());
    }

    #[test]
    fn title_rules_count_characters_not_bytes() {
        let mut a = article();
        a.title = "ع".repeat(Limits::TITLE_CHARS); // 400 bytes, 200 characters
        assert!(codes(&a).is_empty());
        a.title.push('ع');
        assert_eq!(codes(&a), ["title_too_long"]);
        a.title = "   ".into();
        assert_eq!(codes(&a), ["title_required"]);
        a.title = "سطر\u{0007}".into();
        assert_eq!(codes(&a), ["control_characters"]);
    }

    #[test]
    fn source_url_must_be_http() {
        let mut a = article();
        for (url, ok) in [
            ("https://wahanews.example.org/2026/11/1", true),
            ("http://example.com", true),
            ("javascript:alert(1)", false),
            ("ftp://example.com/x", false),
            ("https://", false),
            ("https://exa mple.com", false),
            ("//example.com", false),
        ] {
            a.source = Some(Source {
                name: "وكالة".into(),
                url: url.into(),
            });
            assert_eq!(codes(&a).is_empty(), ok, "{url}");
        }
        a.source = Some(Source {
            name: " ".into(),
            url: "https://example.com".into(),
        });
        assert_eq!(codes(&a), ["source_name_required"]);
    }

    #[test]
    fn slugs_must_be_one_path_segment() {
        let mut a = article();
        for (slug, ok) in [
            ("أحمد-يزور-الصين", true),
            ("news-2026", true),
            ("", false),
            ("..", false),
            ("a/b", false),
            ("a b", false),
            ("a%2f", false),
        ] {
            a.slug = slug.into();
            assert_eq!(codes(&a).is_empty(), ok, "{slug:?}");
        }
    }

    #[test]
    fn scheduled_needs_a_time_and_all_errors_are_reported() {
        let mut a = article();
        a.status = ArticleStatus::Scheduled;
        a.title = String::new();
        a.tags = vec![
            NewTaxonomy {
                name: "".into(),
                slug: "x".into()
            };
            Limits::TAGS + 1
        ];
        let got = codes(&a);
        assert!(got.contains(&"title_required"));
        assert!(got.contains(&"too_many_tags"));
        assert!(got.contains(&"schedule_time_required"));
    }

    #[test]
    fn status_names_round_trip() {
        for s in [
            ArticleStatus::Draft,
            ArticleStatus::Scheduled,
            ArticleStatus::Published,
            ArticleStatus::Unpublished,
        ] {
            assert_eq!(ArticleStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(ArticleStatus::parse("live"), None);
    }
}
