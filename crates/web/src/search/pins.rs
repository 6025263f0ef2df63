//! Editor-pinned «اقرأ أيضا» links and the near-duplicate warning, the
//! search feature's part of the newsroom editor.
//!
//! The editor posts `pins`: one line per pinned article, its id (any
//! digits) or its address (`/article/12/…`, or a full URL on this site, as
//! the title suggestions fill in). Up to [`MAX_PINS`]; each must exist, not
//! be the article itself, and appear once. A pin to an article that is not
//! public is kept, and shown to readers once it is published. Pins take
//! precedence over computed links: the inline link is the first pin.
//!
//! Pins are stored beside the article (`article_pins`), not in its
//! revisions: a revision records text, and restoring an old text should not
//! bring back links an editor has since removed.

use crate::AppState;
use crate::error::WebError;
use crate::urls;
use jiff::Timestamp;
use khabar_core::{ArticleId, ArticleStatus};
use khabar_i18n::{Arg, Localizer};

/// Links an editor may pin on one article.
pub const MAX_PINS: usize = 3;
/// Characters of a refused line repeated in its message.
const SHOWN_CHARS: usize = 60;

/// A pinned link as the editor's side panel lists it.
pub struct PinView {
    pub title: String,
    pub editor_url: String,
    /// Set when readers can see the pinned article (and so the link).
    pub public_url: Option<String>,
    pub status_label: String,
}

/// A published article whose text is a near-copy of this one.
pub struct DuplicateView {
    pub title: String,
    pub editor_url: String,
    pub public_url: String,
    /// «تشابه 87%».
    pub similarity: String,
}

/// The search feature's part of the editor page.
#[derive(Default)]
pub struct EditorRelated {
    /// False when the site runs without search: the field is not shown.
    pub enabled: bool,
    pub max_pins: usize,
    pub hint: String,
    pub pinned: Vec<PinView>,
    pub duplicates: Vec<DuplicateView>,
    pub suggest_js: String,
}

/// Reads one line of the field: an article id, or an address of an article
/// on this site. `None` when it is neither.
pub(crate) fn parse_pin(line: &str, base_url: &str) -> Option<ArticleId> {
    let line = khabar_arabic::strip_bidi_controls(line.trim());
    let line = line.trim();
    let id = |digits: &str| {
        khabar_arabic::digits::parse_u64(digits)
            .and_then(|n| i64::try_from(n).ok())
            .filter(|n| *n > 0)
            .map(ArticleId)
    };
    if let Some(found) = id(line) {
        return Some(found);
    }
    let path = if line.starts_with("http://") || line.starts_with("https://") {
        let host = |u: &str| {
            u.split_once("://")
                .map(|(_, rest)| rest.split('/').next().unwrap_or("").to_ascii_lowercase())
        };
        if host(line) != host(base_url) {
            return None;
        }
        let after_scheme = line.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').and_then(|i| after_scheme.get(i..))?
    } else {
        line
    };
    let rest = path.strip_prefix("/article/")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    id(rest.get(..end)?)
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn shown(line: &str) -> String {
    let cut: String = line.chars().take(SHOWN_CHARS).collect();
    if cut.len() < line.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// Checks the posted `pins` of article `own` (`None`: a new article). The
/// message for the field, or `None` when every line is a valid pin.
///
/// # Errors
/// Store errors.
pub(crate) async fn check(
    state: &AppState,
    l: &Localizer<'_>,
    text: &str,
    own: Option<ArticleId>,
) -> Result<Option<String>, WebError> {
    if state.search.is_none() {
        return Ok(None);
    }
    let mut problems: Vec<String> = Vec::new();
    let entries: Vec<&str> = lines(text).collect();
    if entries.len() > MAX_PINS {
        problems.push(l.t_args("search-pin-too-many", &[("max", Arg::Num(MAX_PINS as i64))]));
    }
    let mut seen: Vec<ArticleId> = Vec::new();
    for line in entries.iter().take(MAX_PINS * 3) {
        let Some(id) = parse_pin(line, &state.site().base_url) else {
            problems.push(l.t_args(
                "search-pin-unreadable",
                &[("line", Arg::Isolated(&shown(line)))],
            ));
            continue;
        };
        // An id, not a quantity: no digit grouping.
        let number = id.0.to_string();
        let n = Arg::Str(&number);
        if Some(id) == own {
            problems.push(l.t("search-pin-self"));
        } else if seen.contains(&id) {
            problems.push(l.t_args("search-pin-repeated", &[("id", n)]));
        } else if state.store.article(id).await?.is_none() {
            problems.push(l.t_args("search-pin-missing", &[("id", n)]));
        }
        seen.push(id);
    }
    Ok((!problems.is_empty()).then(|| problems.join(" ")))
}

/// Stores the pins of `id` from the posted field (already checked).
///
/// # Errors
/// Store errors.
pub(crate) async fn save(state: &AppState, id: ArticleId, text: &str) -> Result<(), WebError> {
    let Some(search) = state.search.as_deref() else {
        return Ok(());
    };
    let pins: Vec<ArticleId> = lines(text)
        .filter_map(|line| parse_pin(line, &state.site().base_url))
        .take(MAX_PINS)
        .collect();
    search.service.store().set_pins(id, &pins).await?;
    Ok(())
}

/// The field's text for a stored article: one address per pin.
///
///
/// # Errors
/// Store errors.
pub(crate) async fn pins_text(state: &AppState, id: ArticleId) -> Result<String, WebError> {
    let Some(search) = state.search.as_deref() else {
        return Ok(String::new());
    };
    let pins = search.service.store().pins(id).await?;
    // The slug as written (not percent-encoded): the editor reads it.
    Ok(pins
        .iter()
        .map(|p| format!("/article/{}/{}", p.id, p.slug))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The editor's panel: the stored pins with their status, and the
/// published near-copies of the stored text (a warning, not a refusal).
///
/// # Errors
/// Store or index errors.
pub(crate) async fn editor_panel(
    state: &AppState,
    l: &Localizer<'_>,
    id: Option<ArticleId>,
) -> Result<EditorRelated, WebError> {
    let Some(search) = state.search.as_deref() else {
        return Ok(EditorRelated::default());
    };
    let mut panel = EditorRelated {
        enabled: true,
        max_pins: MAX_PINS,
        hint: l.t_args("search-pins-hint", &[("max", Arg::Num(MAX_PINS as i64))]),
        suggest_js: state.assets.url("js/pins.js"),
        ..EditorRelated::default()
    };
    let Some(id) = id else {
        return Ok(panel);
    };
    let now = Timestamp::now();
    for p in search.service.store().pins(id).await? {
        let public =
            p.status == ArticleStatus::Published && p.published_at.is_some_and(|t| t <= now);
        panel.pinned.push(PinView {
            editor_url: format!("/newsroom/articles/{}", p.id),
            public_url: public.then(|| urls::article(p.id, &p.slug)),
            status_label: if public {
                l.t("search-pin-shown")
            } else {
                l.t("search-pin-hidden")
            },
            title: p.title,
        });
    }
    if let Some(article) = state.store.article(id).await? {
        for d in search
            .service
            .near_duplicates_of(&article)
            .await
            .map_err(WebError::Internal)?
        {
            let Some(other) = state.store.article(d.id).await? else {
                continue;
            };
            panel.duplicates.push(DuplicateView {
                editor_url: format!("/newsroom/articles/{}", other.id),
                public_url: urls::article(other.id, &other.slug),
                title: other.title,
                similarity: l.t_args(
                    "search-similarity",
                    &[("n", Arg::Num((d.similarity * 100.0).round() as i64))],
                ),
            });
        }
    }
    Ok(panel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_ids_or_addresses_on_this_site() {
        let base = "https://news.example.com";
        let table: &[(&str, Option<i64>)] = &[
            ("12", Some(12)),
            (" ١٢ ", Some(12)),
            ("/article/7/مجلس-المدينة", Some(7)),
            ("/article/7", Some(7)),
            ("https://news.example.com/article/9/x?utm=1", Some(9)),
            ("HTTPS://NEWS.EXAMPLE.COM/article/9/x", None),
            ("https://news.example.com/article/٩/x", Some(9)),
            ("https://other.example.com/article/9/x", None),
            ("/section/7", None),
            ("0", None),
            ("-3", None),
            ("مقال", None),
            ("\u{202e}15", Some(15)),
        ];
        for (line, want) in table {
            assert_eq!(parse_pin(line, base).map(|a| a.0), *want, "{line:?}");
        }
    }
}
