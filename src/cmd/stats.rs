//! `khabar stats`: the editors' report from the command line, until the
//! newsroom shows it (the same data, the same JSON and CSV).

use super::load_config;
use crate::cli::SiteArgs;
use anyhow::Context;
use jiff::Timestamp;
use khabar_core::ArticleId;
use khabar_i18n::I18n;
use khabar_store::stats::DayRange;
use khabar_web::stats::report::{
    chart_svg, date_day, day_date, last_days, report_csv, report_json,
};
use std::path::PathBuf;

pub struct Options {
    pub days: u32,
    pub from: Option<jiff::civil::Date>,
    pub to: Option<jiff::civil::Date>,
    pub article: Option<i64>,
    pub limit: u32,
    pub csv: bool,
    pub json: bool,
    pub svg: Option<PathBuf>,
}

pub async fn run(site: &SiteArgs, o: Options) -> anyhow::Result<()> {
    let config = load_config(site, None)?;
    let backend = khabar_app::open_backend(&config.database_url).await?;
    let store = backend.store;
    let stats = backend
        .stats
        .context("statistics are not available on this database backend yet")?;
    let now = Timestamp::now();
    let offset = i64::from(config.locale.time_zone.to_offset(now).seconds());
    let today = i32::try_from((now.as_second() + offset).div_euclid(86_400))?;
    let range = match (o.from, o.to) {
        (Some(from), Some(to)) => {
            anyhow::ensure!(from <= to, "--from must not be after --to");
            DayRange {
                first: date_day(from),
                last: date_day(to),
            }
        }
        _ => last_days(today, o.days),
    };
    anyhow::ensure!(range.len() <= 3660, "a range of at most ten years");
    if let Some(id) = o.article {
        let days = stats.article_days(ArticleId(id), range).await?;
        let total: u64 = days.iter().map(|d| d.views).sum();
        if o.json {
            let json = serde_json::json!({
                "article_id": id,
                "views": total,
                "days": days.iter().map(|d| serde_json::json!({
                    "date": day_date(d.day).to_string(), "views": d.views,
                })).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&json)?);
        } else {
            let mut out = khabar_stats::csv::row(&["date", "views"]);
            for d in &days {
                out.push_str(&khabar_stats::csv::row(&[
                    day_date(d.day).to_string(),
                    d.views.to_string(),
                ]));
            }
            print!("{out}");
        }
        store.close().await;
        return Ok(());
    }
    let report = stats.report(range, o.limit).await?;
    if let Some(path) = &o.svg {
        let i18n = I18n::new();
        let l = i18n.localizer(&config.locale);
        std::fs::write(
            path,
            chart_svg(&report.days, true, &l, khabar_stats::chart::Layout::WIDE),
        )
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    if o.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report_json(&report, range))?
        );
    } else if o.csv {
        print!("{}", report_csv(&report));
    } else {
        print_table(&report, range);
    }
    store.close().await;
    Ok(())
}

fn print_table(r: &khabar_store::stats::Report, range: DayRange) {
    println!(
        "{} .. {}: {} views, {} visitor-days",
        day_date(range.first),
        day_date(range.last),
        r.views,
        r.visitor_days
    );
    println!("\ndate        views  visitors");
    for d in &r.days {
        println!("{}  {:>6}  {:>8}", day_date(d.day), d.views, d.visitors);
    }
    println!("\ntop articles");
    for a in &r.top_articles {
        println!("{:>8}  #{:<6} {}", a.views, a.id.0, a.title);
    }
    println!("\ntop sections");
    for s in &r.top_sections {
        println!("{:>8}  {}", s.views, s.name);
    }
    for (dimension, items) in &r.dimensions {
        println!("\n{dimension}");
        for i in items {
            println!("{:>8}  {}", i.views, i.name);
        }
    }
    println!("\nnot counted");
    for f in &r.filtered {
        println!("{:>8}  {}", f.views, f.name);
    }
}
