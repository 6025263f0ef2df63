//! Page contexts of the statistics pages: every number already written in
//! the site's digits and plural forms, every code already named.

use crate::newsroom::views::NrChrome;
use crate::stats::labels;
use crate::stats::range::{Chosen, Preset, RangeErrors, RangeQuery};
use crate::stats::report::{chart_svg, day_label};
use crate::urls;
use askama::Template;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId};
use khabar_i18n::{Arg, DigitStyle, Localizer, Noun};
use khabar_stats::aggregate::ONLINE_SECS;
use khabar_stats::chart::Layout;
use khabar_store::stats::{DayCount, Ranked, Report, day_date};

/// A range offered as a link.
pub struct PresetLink {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// One date input: what the editor typed stays in it. A value the browser's
/// date picker cannot hold is shown in a text input instead, so it is not
/// silently emptied.
pub struct DateInput {
    pub value: String,
    pub kind: &'static str,
    pub error: Option<String>,
}

impl DateInput {
    fn new(value: &str) -> DateInput {
        let value = value.trim().to_string();
        let iso = value.len() == 10 && value.parse::<jiff::civil::Date>().is_ok();
        DateInput {
            kind: if iso || value.is_empty() {
                "date"
            } else {
                "text"
            },
            value,
            error: None,
        }
    }
}

/// The range links and the custom range form.
pub struct RangeForm {
    pub path: String,
    pub presets: Vec<PresetLink>,
    pub custom: bool,
    pub from: DateInput,
    pub to: DateInput,
    /// Today, `YYYY-MM-DD`, the inputs' `max`.
    pub max: String,
    /// The chosen range in words («26 نوفمبر 2026 – 2 ديسمبر 2026»).
    pub label: String,
    /// `range=…` of the chosen range, for the CSV and article links.
    pub query: String,
}

impl RangeForm {
    /// The form at `path` as the query asked for it, before validation.
    pub fn new(l: &Localizer<'_>, q: &RangeQuery, today: i32, path: &str) -> RangeForm {
        let custom = q.range == "custom";
        let presets = Preset::ALL
            .into_iter()
            .filter(|p| *p != Preset::Custom)
            .map(|p| PresetLink {
                label: match p {
                    Preset::Today => l.t("stats-range-today"),
                    Preset::Days7 => last(l, 7),
                    _ => last(l, 30),
                },
                href: format!("{path}?range={}", p.code()),
                current: !custom
                    && (q.range == p.code() || (q.range.is_empty() && p == Preset::Days7)),
            })
            .collect();
        RangeForm {
            path: path.to_string(),
            presets,
            custom,
            from: DateInput::new(&q.from),
            to: DateInput::new(&q.to),
            max: day_date(today).to_string(),
            label: String::new(),
            query: String::new(),
        }
    }

    /// The refused fields' messages; the typed values stay.
    pub fn with_errors(mut self, l: &Localizer<'_>, errors: &RangeErrors, today: i32) -> Self {
        let example = l.digits(&day_date(today).to_string());
        let message = |key: &str| l.t_args(key, &[("example", Arg::Str(&example))]);
        self.from.error = errors.from.map(message);
        self.to.error = errors.to.map(message);
        self.custom = true;
        self
    }

    /// The range that is shown, its dates in the inputs.
    pub fn chosen(mut self, l: &Localizer<'_>, chosen: Chosen) -> Self {
        self.from = DateInput::new(&day_date(chosen.days.first).to_string());
        self.to = DateInput::new(&day_date(chosen.days.last).to_string());
        self.label = if chosen.days.first == chosen.days.last {
            day_label(l, chosen.days.first)
        } else {
            format!(
                "{} – {}",
                day_label(l, chosen.days.first),
                day_label(l, chosen.days.last)
            )
        };
        self.query = chosen.query();
        self
    }
}

fn last(l: &Localizer<'_>, days: u64) -> String {
    let days = l.count(Noun::Day, days);
    l.t_args("stats-range-last", &[("days", Arg::Str(&days))])
}

/// A share of a whole, in the site's digits with the right percent sign.
fn percent(l: &Localizer<'_>, part: u64, whole: u64) -> (u32, String) {
    let p = if whole == 0 {
        0
    } else {
        u32::try_from((u128::from(part) * 100 + u128::from(whole) / 2) / u128::from(whole))
            .unwrap_or(100)
            .min(100)
    };
    let text = match l.settings().digits {
        DigitStyle::ArabicIndic => format!("{}٪", l.number(i64::from(p))),
        DigitStyle::Western => format!("{p}%"),
    };
    (p, text)
}

fn number(l: &Localizer<'_>, n: u64) -> String {
    l.number(i64::try_from(n).unwrap_or(i64::MAX))
}

/// One row of a ranked list.
pub struct RankRow {
    pub name: String,
    /// Where the name links (an article's statistics), if anywhere.
    pub href: Option<String>,
    pub views: String,
    /// 0–100, the bar's length.
    pub share: u32,
    pub percent: String,
}

impl RankRow {
    pub fn new(l: &Localizer<'_>, name: String, views: u64, total: u64) -> RankRow {
        let (share, percent) = percent(l, views, total);
        RankRow {
            name,
            href: None,
            views: number(l, views),
            share,
            percent,
        }
    }
}

/// A titled ranked list.
pub struct RankTable {
    pub id: String,
    pub heading: String,
    /// The first column's heading.
    pub column: String,
    pub rows: Vec<RankRow>,
}

/// A headline number.
pub struct Card {
    pub id: &'static str,
    pub label: String,
    pub value: String,
    pub note: Option<String>,
}

/// One line of the day-by-day table.
pub struct DayRow {
    pub date: String,
    pub iso: String,
    pub views: String,
    pub visitors: String,
}

fn day_rows(l: &Localizer<'_>, days: &[DayCount]) -> Vec<DayRow> {
    days.iter()
        .rev()
        .map(|d| DayRow {
            date: day_label(l, d.day),
            iso: day_date(d.day).to_string(),
            views: number(l, d.views),
            visitors: number(l, d.visitors),
        })
        .collect()
}

/// The site's report for a range, ready to show.
pub struct ReportView {
    pub cards: Vec<Card>,
    pub chart_wide: String,
    pub chart_narrow: String,
    pub days: Vec<DayRow>,
    /// Top articles, reading now, top sections, the dimensions, what was
    /// not counted: in the page's order.
    pub tables: Vec<RankTable>,
    pub csv_href: String,
    pub empty: bool,
}

impl ReportView {
    pub fn new(
        l: &Localizer<'_>,
        r: &Report,
        chosen: Chosen,
        (online, reading): (u64, Vec<(ArticleId, String, u64)>),
    ) -> ReportView {
        let query = chosen.query();
        let filtered_total: u64 = r.filtered.iter().map(|f| f.views).sum();
        let cards = site_cards(l, r, chosen, online, filtered_total);
        let article_rows = r
            .top_articles
            .iter()
            .map(|a| article_row(l, a.id, &a.title, a.views, r.views, &query))
            .collect();
        let reading_total: u64 = reading.iter().map(|(_, _, n)| n).sum();
        let mut tables = vec![
            RankTable {
                id: "top-articles".into(),
                heading: l.t("stats-top-articles"),
                column: l.t("stats-article"),
                rows: article_rows,
            },
            RankTable {
                id: "reading-now".into(),
                heading: l.t("stats-reading-now"),
                column: l.t("stats-article"),
                rows: reading
                    .iter()
                    .map(|(id, title, n)| article_row(l, *id, title, *n, reading_total, &query))
                    .collect(),
            },
        ];
        tables.extend(site_tables(l, r));
        tables.push(RankTable {
            id: "filtered".into(),
            heading: l.t("stats-filtered"),
            column: l.t("stats-reason"),
            rows: r
                .filtered
                .iter()
                .map(|f| RankRow::new(l, labels::reason(l, &f.name), f.views, filtered_total))
                .collect(),
        });
        ReportView {
            cards,
            chart_wide: chart_svg(&r.days, true, l, Layout::WIDE),
            chart_narrow: chart_svg(&r.days, true, l, Layout::NARROW),
            days: day_rows(l, &r.days),
            tables,
            csv_href: format!("/newsroom/stats/export.csv?{query}"),
            empty: r.views == 0,
        }
    }
}

/// Views, visitors, reading now, not counted.
fn site_cards(
    l: &Localizer<'_>,
    r: &Report,
    chosen: Chosen,
    online: u64,
    filtered_total: u64,
) -> Vec<Card> {
    let minutes = l.count(Noun::Minute, u64::try_from(ONLINE_SECS / 60).unwrap_or(5));
    vec![
        Card {
            id: "views",
            label: l.t("stats-views"),
            value: l.count(Noun::View, r.views),
            note: None,
        },
        Card {
            id: "visitors",
            label: l.t("stats-visitors"),
            value: l.count(Noun::Visitor, r.visitor_days),
            note: (chosen.days.len() > 1).then(|| l.t("stats-visitors-note")),
        },
        Card {
            id: "reading-now",
            label: l.t("stats-reading-now"),
            value: l.count(Noun::Visitor, online),
            note: Some(l.t_args("stats-reading-now-note", &[("minutes", Arg::Str(&minutes))])),
        },
        Card {
            id: "filtered",
            label: l.t("stats-filtered"),
            value: number(l, filtered_total),
            note: Some(l.t("stats-filtered-note")),
        },
    ]
}

fn article_row(
    l: &Localizer<'_>,
    id: ArticleId,
    title: &str,
    views: u64,
    total: u64,
    query: &str,
) -> RankRow {
    let (name, href) = if title.is_empty() {
        (l.t("stats-deleted-article"), None)
    } else {
        (
            title.to_string(),
            Some(format!("/newsroom/stats/articles/{}?{query}", id.0)),
        )
    };
    RankRow {
        href,
        ..RankRow::new(l, name, views, total)
    }
}

/// Top sections, then one table per dimension (referrer groups and sites,
/// browsers, systems, devices).
fn site_tables(l: &Localizer<'_>, r: &Report) -> Vec<RankTable> {
    let sections = RankTable {
        id: "top-sections".into(),
        heading: l.t("stats-top-sections"),
        column: l.t("stats-section"),
        rows: r
            .top_sections
            .iter()
            .map(|s| {
                let name = if s.name.is_empty() {
                    l.t("stats-no-section")
                } else {
                    s.name.clone()
                };
                RankRow::new(l, name, s.views, r.views)
            })
            .collect(),
    };
    let order = ["referrer_group", "referrer_site", "browser", "os", "device"];
    let mut tables = vec![sections];
    for code in order {
        let items = r
            .dimensions
            .iter()
            .find(|(d, _)| d == code)
            .map_or(&[][..], |(_, items)| items.as_slice());
        tables.push(dimension_table(l, code, items, r.views));
    }
    tables
}

fn dimension_table(l: &Localizer<'_>, code: &str, items: &[Ranked], total: u64) -> RankTable {
    RankTable {
        id: code.replace('_', "-"),
        heading: labels::dimension(l, code),
        column: labels::column(l, code),
        rows: items
            .iter()
            .map(|i| RankRow::new(l, labels::value(l, code, &i.name), i.views, total))
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "newsroom/stats.html")]
pub struct StatsPage<'a> {
    pub chrome: NrChrome<'a>,
    pub form: RangeForm,
    pub report: Option<ReportView>,
}

/// The article a statistics page is about.
pub struct ArticleView {
    pub id: i64,
    pub title: String,
    /// Its public address, when readers may see it.
    pub public_url: Option<String>,
}

impl ArticleView {
    pub fn new(article: &Article, now: Timestamp) -> ArticleView {
        ArticleView {
            id: article.id.0,
            title: article.title.clone(),
            public_url: article
                .is_public(now)
                .then(|| urls::article(article.id, &article.slug)),
        }
    }
}

/// One article's numbers for a range.
pub struct ArticleReport {
    pub cards: Vec<Card>,
    pub chart_wide: String,
    pub chart_narrow: String,
    pub days: Vec<DayRow>,
    pub sources: Vec<RankTable>,
}

impl ArticleReport {
    pub fn new(
        l: &Localizer<'_>,
        days: &[DayCount],
        sources: &[(String, Vec<Ranked>)],
        all_time: u64,
    ) -> ArticleReport {
        let in_range: u64 = days.iter().map(|d| d.views).sum();
        ArticleReport {
            cards: vec![
                Card {
                    id: "views",
                    label: l.t("stats-in-range"),
                    value: l.count(Noun::View, in_range),
                    note: None,
                },
                Card {
                    id: "all-time",
                    label: l.t("stats-all-time"),
                    value: l.count(Noun::View, all_time),
                    note: None,
                },
            ],
            chart_wide: chart_svg(days, false, l, Layout::WIDE),
            chart_narrow: chart_svg(days, false, l, Layout::NARROW),
            days: day_rows(l, days),
            sources: ["referrer_group", "referrer_site"]
                .into_iter()
                .filter_map(|code| {
                    let items = sources.iter().find(|(d, _)| d == code)?;
                    Some(dimension_table(l, code, &items.1, in_range))
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "newsroom/stats_article.html")]
pub struct StatsArticlePage<'a> {
    pub chrome: NrChrome<'a>,
    pub form: RangeForm,
    pub article: ArticleView,
    pub report: Option<ArticleReport>,
}
