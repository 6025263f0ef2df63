//! Page contexts: what each template receives, already localised and escaped
//! where needed (templates escape every `{{ }}` unless marked `|safe`).

use crate::AppState;
use crate::urls;
use askama::Template;
use jiff::Timestamp;
use khabar_core::{ArticleSummary, Cover, Section};
use khabar_i18n::Localizer;

/// A name and where it links.
#[derive(Debug, Clone)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// A navigation entry.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub name: String,
    pub url: String,
    pub current: bool,
}

/// What every page shares: head, header, navigation, footer.
pub struct Chrome<'a> {
    pub l: &'a Localizer<'a>,
    pub lang: &'static str,
    pub dir: &'static str,
    pub site_name: String,
    pub page_title: String,
    pub description: String,
    pub canonical: String,
    pub css: String,
    /// The search box's title suggestions.
    pub search_js: String,
    pub font_preloads: Vec<String>,
    pub font_faces: String,
    pub nav: Vec<NavItem>,
    pub og_type: &'static str,
    pub og_image: Option<String>,
    pub year: String,
    /// The uploaded logo (site settings); `None` shows the letter mark.
    pub logo: Option<crate::SiteLogo>,
    /// `<meta name="robots">`, e.g. `noindex` on the newsroom's preview.
    pub robots: Option<&'static str>,
    /// A notice above the page (the newsroom's preview says what it is).
    pub banner: Option<String>,
    /// The visitor badge's script, when `stats.visitor_badge` is on (the
    /// header then carries the badge, filled in by the script).
    pub visitor_badge: Option<String>,
}

impl<'a> Chrome<'a> {
    /// `title` empty means the home page (the site name alone).
    pub fn new(
        state: &AppState,
        l: &'a Localizer<'a>,
        sections: &[Section],
        title: &str,
        description: &str,
        path: &str,
        current_section: Option<&str>,
    ) -> Chrome<'a> {
        let site = state.site();
        let site_name = site.name.clone().unwrap_or_else(|| l.t("site-name"));
        let lang = site.locale.lang;
        Chrome {
            l,
            lang: lang.code(),
            dir: lang.dir(),
            page_title: if title.is_empty() {
                site_name.clone()
            } else {
                format!("{title} — {site_name}")
            },
            site_name,
            description: if description.is_empty() {
                l.t("site-tagline")
            } else {
                description.to_string()
            },
            canonical: format!("{}{path}", site.base_url),
            css: state.assets.url("css/site.css"),
            search_js: state.assets.url("js/search.js"),
            font_preloads: vec![
                state.assets.url("fonts/naskh-regular.woff2"),
                state.assets.url("fonts/sans-bold.woff2"),
            ],
            font_faces: state.assets.font_faces(),
            nav: sections
                .iter()
                .map(|s| NavItem {
                    name: s.name.clone(),
                    url: urls::section(&s.slug),
                    current: current_section == Some(s.slug.as_str()),
                })
                .collect(),
            og_type: "website",
            og_image: None,
            visitor_badge: state
                .stats
                .as_ref()
                .filter(|s| s.settings().visitor_badge)
                .map(|_| state.assets.url("js/badge.js")),
            year: l.number(
                Timestamp::now()
                    .to_zoned(site.locale.time_zone.clone())
                    .year()
                    .into(),
            ),
            logo: site.logo.clone(),
            robots: None,
            banner: None,
        }
    }
}

/// A cover image as the page shows it.
#[derive(Debug, Clone)]
pub struct CoverView {
    pub url: String,
    pub alt: String,
    pub credit: String,
    /// Resized copies of an uploaded image: WebP, then the original format.
    pub webp_srcset: Option<String>,
    pub srcset: Option<String>,
}

impl From<&Cover> for CoverView {
    fn from(c: &Cover) -> Self {
        let sets = crate::newsroom::media::srcsets(&c.url);
        CoverView {
            url: c.url.clone(),
            alt: c.alt.clone(),
            credit: c.credit.clone(),
            webp_srcset: sets.as_ref().map(|s| s.0.clone()),
            srcset: sets.map(|s| s.1),
        }
    }
}

/// An article in a list.
#[derive(Debug, Clone)]
pub struct Card {
    pub url: String,
    pub title: String,
    pub lead: String,
    pub section: Option<Link>,
    pub author: Option<Link>,
    pub date: String,
    pub date_iso: String,
    pub cover: Option<CoverView>,
}

impl Card {
    pub fn new(l: &Localizer<'_>, a: &ArticleSummary, now: Timestamp) -> Card {
        let at = a.published_at.unwrap_or(a.updated_at);
        Card {
            url: urls::article(a.id, &a.slug),
            title: a.title.clone(),
            lead: a.lead.clone(),
            section: a.section.as_ref().map(|s| Link {
                name: s.name.clone(),
                url: urls::section(&s.slug),
            }),
            author: a.author.as_ref().map(|s| Link {
                name: s.name.clone(),
                url: urls::author(&s.slug),
            }),
            date: l.relative(at, now),
            date_iso: l.iso_date(at),
            cover: a.cover.as_ref().map(CoverView::from),
        }
    }
}

/// Previous / next links of a paginated list.
#[derive(Debug, Clone)]
pub struct Pagination {
    pub prev: Option<String>,
    pub next: Option<String>,
    pub label: String,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    pub chrome: Chrome<'a>,
    pub status: u16,
    pub title: String,
    pub message: String,
}

/// A section's newest articles on the home page.
pub struct SectionBlock {
    pub link: Link,
    pub cards: Vec<Card>,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage<'a> {
    pub chrome: Chrome<'a>,
    pub lead: Option<Card>,
    pub top: Vec<Card>,
    pub latest: Vec<Card>,
    pub most_read: Vec<Card>,
    /// The week's most read (shown when it differs from today's).
    pub most_read_week: Vec<Card>,
    pub sections: Vec<SectionBlock>,
}

#[derive(Template)]
#[template(path = "listing.html")]
pub struct ListingPage<'a> {
    pub chrome: Chrome<'a>,
    pub kind_label: String,
    pub heading: String,
    pub intro: String,
    pub count_label: String,
    pub cards: Vec<Card>,
    pub pagination: Pagination,
}

/// An entry of the article's table of contents.
#[derive(Debug, Clone)]
pub struct TocItem {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

#[derive(Template)]
#[template(path = "article.html")]
pub struct ArticlePage<'a> {
    pub chrome: Chrome<'a>,
    pub id: i64,
    pub title: String,
    pub lead: String,
    pub section: Option<Link>,
    pub author: Option<Link>,
    pub date: String,
    pub date_iso: String,
    pub hijri: Option<String>,
    pub updated: Option<String>,
    pub cover: Option<CoverView>,
    pub body_html: String,
    pub toc: Vec<TocItem>,
    pub source: Option<Link>,
    pub tags: Vec<Link>,
    pub json_ld: String,
    /// The comments section, rendered by `comments::section_html`.
    pub comments_html: String,
    // Feature fields below: statistics, then search, then comments.
    /// «N مشاهدة» at render time (refreshed by views.js).
    pub views_label: String,
    /// The article's beacon script, `None` when statistics are off.
    pub views_js: Option<String>,
    /// Most read today, beside the article.
    pub most_read: Vec<Card>,
    /// «مقالات ذات صلة» at the end (search).
    pub related: Vec<Link>,
}
