//! The editors' report in the forms the newsroom and the `khabar stats`
//! command show: JSON, CSV and an SVG chart, all localised.
//!
//! The newsroom page calls [`report_json`] / [`chart_svg`] on a
//! [`Report`] read with [`khabar_store::StatsStore::report`]; nothing here
//! is served publicly.

use jiff::Timestamp;
use khabar_i18n::Localizer;
use khabar_stats::{chart, csv};
use khabar_store::stats::{DayCount, DayRange, Ranked, Report};
use serde_json::{Value, json};

pub use khabar_store::stats::{date_day, day_date};

/// The last `days` days up to and including `today`.
pub fn last_days(today: i32, days: u32) -> DayRange {
    let back = i32::try_from(days.max(1) - 1).unwrap_or(0);
    DayRange {
        first: today - back,
        last: today,
    }
}

/// A localised label for a day: «26 نوفمبر 2026».
pub fn day_label(l: &Localizer<'_>, day: i32) -> String {
    // Noon UTC of that date lies on the same date in every time zone from
    // UTC-11 to UTC+11, so the localizer's zone cannot shift it.
    let noon = Timestamp::from_second(i64::from(day) * 86_400 + 12 * 3600)
        .unwrap_or(Timestamp::UNIX_EPOCH);
    l.date(noon)
}

fn ranked(items: &[Ranked]) -> Value {
    items
        .iter()
        .map(|r| json!({"name": r.name, "views": r.views}))
        .collect()
}

/// The report as JSON: `days`, totals, `top_articles`, `top_sections`,
/// `dimensions` (referrer groups and sites, browsers, systems, devices)
/// and `filtered` (hits not counted, per reason).
pub fn report_json(report: &Report, range: DayRange) -> Value {
    json!({
        "from": day_date(range.first).to_string(),
        "to": day_date(range.last).to_string(),
        "views": report.views,
        "visitor_days": report.visitor_days,
        "days": report.days.iter().map(|d| json!({
            "date": day_date(d.day).to_string(),
            "views": d.views,
            "visitors": d.visitors,
        })).collect::<Vec<_>>(),
        "top_articles": report.top_articles.iter().map(|a| json!({
            "id": a.id.0, "title": a.title, "views": a.views,
        })).collect::<Vec<_>>(),
        "top_sections": ranked(&report.top_sections),
        "dimensions": report.dimensions.iter()
            .map(|(d, items)| (d.clone(), ranked(items)))
            .collect::<serde_json::Map<_, _>>(),
        "filtered": ranked(&report.filtered),
    })
}

/// The report as one CSV table `table,name,date,views,visitors`, every cell
/// safe from formula injection.
pub fn report_csv(report: &Report) -> String {
    let mut out = csv::row(&["table", "name", "date", "views", "visitors"]);
    for d in &report.days {
        out.push_str(&csv::row(&[
            "day".to_string(),
            String::new(),
            day_date(d.day).to_string(),
            d.views.to_string(),
            d.visitors.to_string(),
        ]));
    }
    for a in &report.top_articles {
        out.push_str(&csv::row(&[
            "article".to_string(),
            a.title.clone(),
            String::new(),
            a.views.to_string(),
            String::new(),
        ]));
    }
    let mut lists: Vec<(&str, &[Ranked])> = vec![
        ("section", &report.top_sections),
        ("filtered", &report.filtered),
    ];
    for (d, items) in &report.dimensions {
        lists.push((d.as_str(), items));
    }
    for (table, items) in lists {
        for r in items {
            out.push_str(&csv::row(&[
                table.to_string(),
                r.name.clone(),
                String::new(),
                r.views.to_string(),
                String::new(),
            ]));
        }
    }
    out
}

/// Views (bars) and, with `with_visitors`, visitors (line) per day, right
/// to left for Arabic, labels and scale in the site's digits.
pub fn chart_svg(
    days: &[DayCount],
    with_visitors: bool,
    l: &Localizer<'_>,
    layout: chart::Layout,
) -> String {
    let points: Vec<chart::Point> = days
        .iter()
        .map(|d| chart::Point {
            label: l.digits(&format!(
                "{}/{}",
                day_date(d.day).day(),
                day_date(d.day).month()
            )),
            views: d.views,
            visitors: d.visitors,
        })
        .collect();
    let rtl = l.lang().is_rtl();
    let title = l.t("stats-views-per-day");
    let views = l.t("stats-views");
    let visitors = l.t("stats-visitors");
    let text = chart::Text {
        title: &title,
        views: &views,
        visitors: with_visitors.then_some(visitors.as_str()),
    };
    chart::daily(&points, rtl, text, layout, &|n| {
        l.number(i64::try_from(n).unwrap_or(i64::MAX))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    #[test]
    fn days_and_dates_round_trip() {
        let d = Date::constant(2026, 11, 26);
        assert_eq!(day_date(date_day(d)), d);
        assert_eq!(date_day(Date::constant(1970, 1, 2)), 1);
        assert_eq!(
            last_days(100, 7),
            DayRange {
                first: 94,
                last: 100
            }
        );
        assert_eq!(last_days(100, 1).len(), 1);
    }

    #[test]
    fn csv_cells_from_titles_are_defused() {
        let report = Report {
            top_articles: vec![khabar_store::stats::TopArticle {
                id: khabar_core::ArticleId(1),
                title: "=cmd|' /C calc'!A0".into(),
                views: 3,
            }],
            ..Report::default()
        };
        let csv = report_csv(&report);
        assert!(csv.contains("article,'=cmd|' /C calc'!A0,,3,"), "{csv}");
    }
}
