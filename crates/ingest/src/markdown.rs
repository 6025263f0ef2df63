//! Markdown files with front matter.
//!
//! Keys read (others are ignored and reported, since Hugo and Jekyll files carry
//! many of their own): `title` (required), `lead` (or `description`, `summary`),
//! `section` (or the first of `categories`), `tags`, `author` (or the first of
//! `authors`), `source_name`, `source_url`, `status` (`draft`, `scheduled`,
//! `published`, `unpublished`; or Hugo/Zola's `draft = true`), `published_at`
//! (or `date`), `slug`, `cover`, `cover_alt`, `cover_credit`.
//!
//! A published article without a date is published at the import time.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use khabar_core::{ArticleStatus, Cover, Limits, NewArticle, NewTaxonomy, Source};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;

/// Why a file could not become an article. `field` names the front-matter key
/// when one is to blame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{reason}", field.as_ref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
pub struct ImportError {
    pub field: Option<String>,
    pub reason: String,
}

impl ImportError {
    fn field(field: &str, reason: impl Into<String>) -> Self {
        ImportError {
            field: Some(field.to_string()),
            reason: reason.into(),
        }
    }

    fn general(reason: impl Into<String>) -> Self {
        ImportError {
            field: None,
            reason: reason.into(),
        }
    }
}

/// How to read dates without an offset and what "now" is.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub time_zone: TimeZone,
    pub now: Timestamp,
}

/// One value or a list of them (`categories: [a, b]` or `categories: a`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// The keys this importer reads; every other key is reported as ignored.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "lead",
    "description",
    "summary",
    "section",
    "categories",
    "tags",
    "author",
    "authors",
    "source_name",
    "source_url",
    "status",
    "draft",
    "published_at",
    "date",
    "slug",
    "cover",
    "cover_alt",
    "cover_credit",
];

/// Front matter as a map of JSON values, whatever format it was written in, so
/// each key is read on its own and an error can name it.
struct FrontMatter(BTreeMap<String, Value>);

impl FrontMatter {
    fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, ImportError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => serde_json::from_value(v.clone())
                .map(Some)
                .map_err(|_| ImportError::field(key, format!("has the wrong type ({})", kind(v)))),
        }
    }

    fn text(&self, key: &str) -> Result<Option<String>, ImportError> {
        Ok(self
            .get::<String>(key)?
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()))
    }

    fn list(&self, key: &str) -> Result<Vec<String>, ImportError> {
        Ok(self
            .get::<OneOrMany>(key)?
            .map(OneOrMany::into_vec)
            .unwrap_or_default())
    }

    /// A date written as text (YAML, TOML strings) or as a TOML datetime.
    fn date(&self, key: &str) -> Result<Option<String>, ImportError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Object(o)) if o.len() == 1 => match o.values().next() {
                Some(Value::String(s)) => Ok(Some(s.clone())),
                _ => Err(ImportError::field(key, "is not a date")),
            },
            Some(v) => Err(ImportError::field(
                key,
                format!("is not a date ({})", kind(v)),
            )),
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

/// Splits `text` into (front matter, format, body).
fn split(text: &str) -> Result<(&str, Format, &str), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (fence, format) = if text.starts_with("---") {
        ("---", Format::Yaml)
    } else if text.starts_with("+++") {
        ("+++", Format::Toml)
    } else {
        return Err(ImportError::general(
            "no front matter: the file must start with `---` (YAML) or `+++` (TOML)",
        ));
    };
    let after_open = text
        .get(fence.len()..)
        .and_then(|rest| {
            rest.strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
        })
        .ok_or_else(|| {
            ImportError::general(format!("the opening `{fence}` must be alone on its line"))
        })?;
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == fence {
            let front = after_open.get(..offset).unwrap_or("");
            let body = after_open.get(offset + line.len()..).unwrap_or("");
            return Ok((front, format, body));
        }
        offset += line.len();
    }
    Err(ImportError::general(format!(
        "front matter is not closed: no line with `{fence}`"
    )))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
}

fn parse_front(front: &str, format: Format) -> Result<FrontMatter, ImportError> {
    if front.trim().is_empty() {
        return Ok(FrontMatter(BTreeMap::new()));
    }
    let parsed = match format {
        Format::Yaml => serde_norway::from_str::<BTreeMap<String, serde_norway::Value>>(front)
            .map_err(|e| e.to_string())
            .and_then(|m| serde_json::to_value(m).map_err(|e| e.to_string())),
        Format::Toml => toml::from_str::<toml::Table>(front)
            .map_err(|e| e.message().to_string())
            .and_then(|m| serde_json::to_value(m).map_err(|e| e.to_string())),
    };
    match parsed {
        Ok(Value::Object(map)) => Ok(FrontMatter(map.into_iter().collect())),
        Ok(_) => Err(ImportError::general(
            "invalid front matter: not a table of keys",
        )),
        Err(message) => Err(ImportError::general(format!(
            "invalid front matter: {}",
            message.lines().next().unwrap_or("")
        ))),
    }
}

fn parse_date(text: &str, field: &str, tz: &TimeZone) -> Result<Timestamp, ImportError> {
    let text = khabar_arabic::digits::to_western(text.trim());
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    let civil = text.replace(' ', "T").parse::<DateTime>().or_else(|_| {
        text.parse::<Date>()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
    });
    civil
        .ok()
        .and_then(|dt| dt.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| {
            ImportError::field(
                field,
                format!("`{text}` is not a date (use 2026-11-03T09:15:00+03:00 or 2026-11-03)"),
            )
        })
}

fn taxonomy(name: &str) -> NewTaxonomy {
    let name = khabar_arabic::strip_bidi_controls(name.trim())
        .trim()
        .to_string();
    let mut slug = khabar_arabic::slugify(&name, 60);
    if slug.is_empty() {
        slug = "x".into();
    }
    NewTaxonomy { name, slug }
}

/// Parses one Markdown file into a validated article.
///
/// # Errors
/// [`ImportError`] naming the field when the front matter is missing, malformed,
/// or breaks a validation rule. `Ok` also returns the ignored keys.
pub fn parse_article(
    text: &str,
    options: &ImportOptions,
) -> Result<(NewArticle, Vec<String>), ImportError> {
    let (front, format, body) = split(text)?;
    let fm = parse_front(front, format)?;
    let title = fm
        .text("title")?
        .ok_or_else(|| ImportError::field("title", "is required"))?;
    let status = match (fm.text("status")?, fm.get::<bool>("draft")?) {
        (Some(s), _) => ArticleStatus::parse(&s.to_lowercase()).ok_or_else(|| {
            ImportError::field(
                "status",
                format!("`{s}` is not one of draft, scheduled, published, unpublished"),
            )
        })?,
        (None, Some(true)) => ArticleStatus::Draft,
        (None, _) => ArticleStatus::Published,
    };
    let (date_field, date) = match fm.date("published_at")? {
        Some(d) => ("published_at", Some(d)),
        None => ("date", fm.date("date")?),
    };
    let published_at = match date {
        Some(d) => Some(parse_date(&d, date_field, &options.time_zone)?),
        None if status == ArticleStatus::Published => Some(options.now),
        None => None,
    };
    let source = match (fm.text("source_name")?, fm.text("source_url")?) {
        (None, None) => None,
        (Some(_), None) => {
            return Err(ImportError::field(
                "source_url",
                "is required with source_name",
            ));
        }
        (name, Some(url)) => Some(Source {
            name: name.unwrap_or_default(),
            url,
        }),
    };
    let cover = match fm.text("cover")? {
        Some(url) => Some(Cover {
            url,
            alt: fm.text("cover_alt")?.unwrap_or_default(),
            credit: fm.text("cover_credit")?.unwrap_or_default(),
        }),
        None => None,
    };
    let slug = fm
        .text("slug")?
        .map(|s| khabar_arabic::slugify(&s, Limits::SLUG_CHARS))
        .unwrap_or_else(|| khabar_arabic::slugify(&title, 80));
    let section = match fm.text("section")? {
        Some(s) => Some(s),
        None => fm.list("categories")?.into_iter().next(),
    };
    let author = match fm.text("author")? {
        Some(a) => Some(a),
        None => fm.list("authors")?.into_iter().next(),
    };
    let lead = match fm.text("lead")? {
        Some(l) => l,
        None => fm
            .text("description")?
            .or(fm.text("summary")?)
            .unwrap_or_default(),
    };
    let article = NewArticle {
        slug: if slug.is_empty() {
            "article".into()
        } else {
            slug
        },
        lead,
        body: body.trim().to_string(),
        section: section
            .filter(|s| !s.trim().is_empty())
            .map(|s| taxonomy(&s)),
        tags: fm
            .list("tags")?
            .iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| taxonomy(t))
            .collect(),
        author: author
            .filter(|s| !s.trim().is_empty())
            .map(|s| taxonomy(&s)),
        source,
        status,
        published_at,
        cover,
        title,
    };
    article.validate().map_err(|errors| {
        let first = &errors.0[0];
        let field = match first.field() {
            "source_url" if matches!(first, khabar_core::ValidationError::SourceNameRequired) => {
                "source_name"
            }
            f => f,
        };
        ImportError::field(field, first.to_string())
    })?;
    let ignored =
        fm.0.keys()
            .filter(|k| !KNOWN_KEYS.contains(&k.as_str()))
            .cloned()
            .collect();
    Ok((article, ignored))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> ImportOptions {
        ImportOptions {
            time_zone: TimeZone::get("Asia/Riyadh").unwrap_or(TimeZone::UTC),
            now: "2026-11-26T10:00:00Z"
                .parse()
                .unwrap_or(Timestamp::UNIX_EPOCH),
        }
    }

    const YAML: &str = "---\ntitle: \"أحمد يزور الصين\"\nlead: \"مقدمة\"\nsection: \"سياسة\"\ntags: [\"الصين\", \"تجارة\"]\nauthor: \"سلمى الحسيني\"\nsource_name: \"وكالة أنباء الواحة\"\nsource_url: \"https://wahanews.example.org/1\"\nstatus: \"published\"\npublished_at: \"2026-11-03T09:15:00+03:00\"\n---\nفقرة أولى.\n\n## عنوان فرعي\n\nفقرة ثانية.\n";

    #[test]
    fn yaml_front_matter() {
        let (a, ignored) = parse_article(YAML, &options()).expect("valid");
        assert_eq!(a.title, "أحمد يزور الصين");
        assert_eq!(a.slug, "أحمد-يزور-الصين");
        assert_eq!(a.section.as_ref().map(|s| s.name.as_str()), Some("سياسة"));
        assert_eq!(a.tags.len(), 2);
        assert_eq!(
            a.source.as_ref().map(|s| s.name.as_str()),
            Some("وكالة أنباء الواحة")
        );
        assert_eq!(
            a.published_at.map(|t| t.to_string()).as_deref(),
            Some("2026-11-03T06:15:00Z")
        );
        assert!(a.body.starts_with("فقرة أولى."));
        assert!(ignored.is_empty());
    }

    #[test]
    fn toml_front_matter_hugo_style() {
        let text = "+++\ntitle = \"خبر من هوغو\"\ndate = 2026-10-01T08:00:00Z\ndraft = true\ncategories = [\"اقتصاد\"]\nweight = 3\n+++\nنص.\n";
        let (a, ignored) = parse_article(text, &options()).expect("valid");
        assert_eq!(a.status, ArticleStatus::Draft);
        assert_eq!(a.section.map(|s| s.name).as_deref(), Some("اقتصاد"));
        assert_eq!(
            a.published_at.map(|t| t.to_string()).as_deref(),
            Some("2026-10-01T08:00:00Z")
        );
        assert_eq!(ignored, ["weight"]);
    }

    #[test]
    fn published_without_date_is_published_now_and_local_dates_use_the_zone() {
        let (a, _) = parse_article("---\ntitle: س\n---\nنص", &options()).expect("valid");
        assert_eq!(a.published_at, Some(options().now));
        let (b, _) = parse_article("---\ntitle: س\ndate: 2026-11-03 09:00\n---\n", &options())
            .expect("valid");
        assert_eq!(
            b.published_at.map(|t| t.to_string()).as_deref(),
            Some("2026-11-03T06:00:00Z")
        );
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            ("---\nlead: x\n---\n", Some("title")),
            (
                "---\ntitle: x\nsource_url: \"javascript:alert(1)\"\nsource_name: y\n---\n",
                Some("source_url"),
            ),
            ("---\ntitle: x\nsource_name: y\n---\n", Some("source_url")),
            ("---\ntitle: x\nstatus: live\n---\n", Some("status")),
            (
                "---\ntitle: x\npublished_at: yesterday\n---\n",
                Some("published_at"),
            ),
            ("---\ntitle: x\ntags: {a: 1}\n---\n", Some("tags")),
            ("---\ntitle: [unclosed\n---\n", None),
            ("no front matter", None),
            ("---\ntitle: x\n", None),
        ];
        for (text, field) in cases {
            let err = parse_article(text, &options()).expect_err(text);
            assert_eq!(err.field.as_deref(), field, "{text:?} → {err}");
        }
    }
}
