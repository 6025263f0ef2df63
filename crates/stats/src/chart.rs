//! The dashboard's daily chart as a self-contained SVG: bars for views, a
//! line for visitors, a scale with gridlines and a legend. Right-to-left
//! pages read time from right to left, so with `rtl` the first day is drawn
//! on the right and the scale and legend stand on the right. Text is
//! escaped; the SVG needs no script and no external resource.
//!
//! The drawing itself keeps `direction="ltr"`: SVG's `direction` would
//! swap what `text-anchor` start and end mean, and every position here is
//! already computed for the reading direction. Arabic words still shape
//! and order themselves by the bidi algorithm.
//!
//! An SVG scales its text with its width, so one drawing cannot be readable
//! both at 1280 and at 360 pixels: [`Layout::WIDE`] and [`Layout::NARROW`]
//! draw the same data for wide screens and for phones (the page shows one).

use std::fmt::Write;

/// One day of the chart.
#[derive(Debug, Clone)]
pub struct Point {
    /// The axis label, already localised (e.g. «26/11» in the site's digits).
    pub label: String,
    pub views: u64,
    pub visitors: u64,
}

/// The chart's words, already localised.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    /// The accessible name.
    pub title: &'a str,
    pub views: &'a str,
    /// `None` draws no visitors line (e.g. one article: visitors are kept
    /// per site only).
    pub visitors: Option<&'a str>,
}

/// The drawing's size in SVG units and how much text it carries.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub font: f64,
    /// Day labels along the axis at most.
    pub max_labels: usize,
}

impl Layout {
    /// For a desktop column about 1 000 pixels wide.
    pub const WIDE: Layout = Layout {
        width: 960.0,
        height: 300.0,
        font: 13.0,
        max_labels: 12,
    };
    /// For a phone about 360 pixels wide: drawn at that size, so its text
    /// is as large as the page's.
    pub const NARROW: Layout = Layout {
        width: 360.0,
        height: 240.0,
        font: 11.0,
        max_labels: 5,
    };
}

const VIEWS_COLOUR: &str = "#1d4ed8";
const VISITORS_COLOUR: &str = "#e07a00";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The smallest round number at or above `max` (1–10, then 10, 12, 15,
/// 20, 25, 30, 40, 50, 60, 80 × 10ⁿ), so the scale reads in round numbers
/// without leaving half the chart empty.
pub fn nice_ceiling(max: u64) -> u64 {
    if max <= 10 {
        return [1, 2, 3, 4, 5, 6, 8, 10]
            .into_iter()
            .find(|&v| v >= max)
            .unwrap_or(10);
    }
    let mut step = 1u64;
    loop {
        for m in [10, 12, 15, 20, 25, 30, 40, 50, 60, 80] {
            let v = step.saturating_mul(m);
            if v >= max || v == u64::MAX {
                return v;
            }
        }
        step = step.saturating_mul(10);
    }
}

/// Draws `points` in `layout`; `number` writes a count in the site's digits.
pub fn daily(
    points: &[Point],
    rtl: bool,
    text: Text<'_>,
    layout: Layout,
    number: &dyn Fn(u64) -> String,
) -> String {
    let Layout {
        width,
        height,
        font,
        ..
    } = layout;
    let top = font * 2.6;
    let bottom = font * 2.2;
    // Room for the scale's widest label beside the plot.
    let widest = number(nice_ceiling(max_of(points))).chars().count() as f64;
    let scale_room = (widest * font * 0.62 + 8.0).max(font * 2.0);
    let (plot_left, plot_right) = if rtl {
        (6.0, width - scale_room)
    } else {
        (scale_room, width - 6.0)
    };
    let plot = Plot {
        left: plot_left,
        right: plot_right,
        top,
        base: height - bottom,
        slots: points.len().max(1),
        max: nice_ceiling(max_of(points)),
        rtl,
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{t}\" direction=\"ltr\" font-size=\"{font}\" class=\"stats-chart\"><title>{t}</title>",
        t = escape(text.title),
    );
    scale(&mut svg, &plot, font, number);
    legend(&mut svg, &plot, font, text, width);
    bars(&mut svg, &plot, points, number);
    day_labels(&mut svg, &plot, points, font, layout.max_labels);
    if text.visitors.is_some() && !points.is_empty() {
        let line: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", plot.x(i), plot.y(p.visitors)))
            .collect();
        let _ = write!(
            svg,
            "<polyline class=\"visitors\" fill=\"none\" stroke=\"{VISITORS_COLOUR}\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"{}\"/>",
            line.join(" ")
        );
    }
    svg.push_str("</svg>");
    svg
}

fn max_of(points: &[Point]) -> u64 {
    points
        .iter()
        .map(|p| p.views.max(p.visitors))
        .max()
        .unwrap_or(0)
        .max(1)
}

/// Where the data goes.
struct Plot {
    left: f64,
    right: f64,
    top: f64,
    base: f64,
    slots: usize,
    max: u64,
    rtl: bool,
}

impl Plot {
    fn slot(&self) -> f64 {
        (self.right - self.left) / self.slots as f64
    }

    /// The centre of day `i`: from the right edge in right-to-left charts.
    fn x(&self, i: usize) -> f64 {
        let offset = (i as f64 + 0.5) * self.slot();
        if self.rtl {
            self.right - offset
        } else {
            self.left + offset
        }
    }

    fn y(&self, v: u64) -> f64 {
        self.base - (v as f64 / self.max as f64) * (self.base - self.top)
    }
}

/// The scale's values for a [`nice_ceiling`]: two to five equal steps,
/// the step with the fewest significant digits winning, then four or five
/// steps over fewer, then the rounder step, then more steps; every whole
/// number up to 5.
fn ticks(max: u64) -> Vec<u64> {
    if max <= 5 {
        return (0..=max).collect();
    }
    let digits = |mut n: u64| {
        let mut zeros = 0;
        while n > 0 && n.is_multiple_of(10) {
            n /= 10;
            zeros += 1;
        }
        (n.to_string().len(), std::cmp::Reverse(zeros))
    };
    let best = [5u64, 4, 3, 2]
        .into_iter()
        .filter(|d| max.is_multiple_of(*d))
        .min_by_key(|d| {
            let (sig, zeros) = digits(max / d);
            (sig, *d < 4, zeros, std::cmp::Reverse(*d))
        });
    match best {
        Some(d) => (0..=d).map(|q| max / d * q).collect(),
        None => vec![0, max],
    }
}

/// Gridlines with their values on the reading side.
fn scale(svg: &mut String, plot: &Plot, font: f64, number: &dyn Fn(u64) -> String) {
    let (x, anchor) = if plot.rtl {
        (plot.right + 4.0, "start")
    } else {
        (plot.left - 4.0, "end")
    };
    for v in ticks(plot.max) {
        let y = plot.y(v);
        let _ = write!(
            svg,
            "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{}\"/>",
            plot.left,
            plot.right,
            if v == 0 { "#8a93a0" } else { "#e3e6ea" }
        );
        let _ = write!(
            svg,
            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"#59636e\">{}</text>",
            y + font * 0.35,
            escape(&number(v))
        );
    }
}

/// A swatch and a name per series, at the top on the reading side.
fn legend(svg: &mut String, plot: &Plot, font: f64, text: Text<'_>, width: f64) {
    let mut items = vec![(VIEWS_COLOUR, text.views)];
    if let Some(v) = text.visitors {
        items.push((VISITORS_COLOUR, v));
    }
    let y = font * 1.2;
    let mut x = if plot.rtl { width - 6.0 } else { 6.0 };
    for (colour, name) in items {
        let w = name.chars().count() as f64 * font * 0.6 + font * 2.0;
        let (swatch, label, anchor) = if plot.rtl {
            (x - font, x - font * 1.4, "end")
        } else {
            (x, x + font * 1.4, "start")
        };
        let _ = write!(
            svg,
            "<rect x=\"{swatch:.1}\" y=\"{:.1}\" width=\"{font}\" height=\"{font}\" rx=\"2\" fill=\"{colour}\"/><text x=\"{label:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>",
            y - font * 0.85,
            escape(name)
        );
        x = if plot.rtl { x - w } else { x + w };
    }
}

fn bars(svg: &mut String, plot: &Plot, points: &[Point], number: &dyn Fn(u64) -> String) {
    let bar_w = (plot.slot() * 0.7).max(1.0);
    for (i, p) in points.iter().enumerate() {
        let y = plot.y(p.views);
        let _ = write!(
            svg,
            "<rect class=\"views\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" fill=\"{VIEWS_COLOUR}\"><title>{}: {}</title></rect>",
            plot.x(i) - bar_w / 2.0,
            plot.base - y,
            escape(&p.label),
            escape(&number(p.views))
        );
    }
}

/// Every n-th day's label under the axis, so at most `max_labels` show.
fn day_labels(svg: &mut String, plot: &Plot, points: &[Point], font: f64, max_labels: usize) {
    let every = points.len().div_ceil(max_labels.max(1)).max(1);
    for (i, p) in points.iter().enumerate() {
        if i % every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#59636e\">{}</text>",
                plot.x(i),
                plot.base + font * 1.4,
                escape(&p.label)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts() -> Vec<Point> {
        (1..=3)
            .map(|d| Point {
                label: format!("{d}/11"),
                views: d * 10,
                visitors: d * 5,
            })
            .collect()
    }

    const TEXT: Text<'static> = Text {
        title: "المشاهدات والزوار",
        views: "المشاهدات",
        visitors: Some("الزوار"),
    };

    fn first_bar_x(svg: &str) -> f64 {
        let at = svg.find("class=\"views\" x=\"").expect("a bar") + 17;
        let rest = svg.get(at..).unwrap_or("");
        rest.split('"')
            .next()
            .and_then(|s| s.parse().ok())
            .expect("x")
    }

    #[test]
    fn rtl_puts_the_first_day_on_the_right() {
        let fmt = |n: u64| n.to_string();
        for layout in [Layout::WIDE, Layout::NARROW] {
            let rtl = daily(&pts(), true, TEXT, layout, &fmt);
            let ltr = daily(&pts(), false, TEXT, layout, &fmt);
            assert!(first_bar_x(&rtl) > layout.width / 2.0);
            assert!(first_bar_x(&ltr) < layout.width / 2.0);
            assert_eq!(rtl.matches("class=\"views\"").count(), 3);
            assert!(rtl.contains("<polyline"));
            assert!(rtl.contains(">3/11<"));
            assert!(rtl.contains(">الزوار<"), "legend");
        }
    }

    #[test]
    fn the_scale_is_round_and_in_the_sites_digits() {
        assert_eq!(nice_ceiling(1), 1);
        assert_eq!(nice_ceiling(7), 8);
        assert_eq!(nice_ceiling(30), 30);
        assert_eq!(nice_ceiling(31), 40);
        assert_eq!(nice_ceiling(101), 120);
        assert_eq!(nice_ceiling(1021), 1200);
        assert_eq!(nice_ceiling(u64::MAX), u64::MAX);
        assert_eq!(ticks(2), vec![0, 1, 2]);
        assert_eq!(ticks(8), vec![0, 2, 4, 6, 8]);
        assert_eq!(ticks(30), vec![0, 6, 12, 18, 24, 30]);
        assert_eq!(ticks(60), vec![0, 20, 40, 60]);
        assert_eq!(ticks(200), vec![0, 40, 80, 120, 160, 200]);
        assert_eq!(ticks(50), vec![0, 10, 20, 30, 40, 50]);
        assert_eq!(ticks(1200), vec![0, 300, 600, 900, 1200]);
        assert_eq!(ticks(1500), vec![0, 300, 600, 900, 1200, 1500]);
        // Every scale is whole steps from 0 to the ceiling.
        for max in 1..100_000u64 {
            let top = nice_ceiling(max);
            let t = ticks(top);
            assert_eq!((t[0], t[t.len() - 1]), (0, top), "{max}");
            assert!(t.windows(2).all(|w| w[1] - w[0] == t[1]), "{max}");
        }
        let indic = |n: u64| {
            n.to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x660).unwrap_or(c))
                .collect::<String>()
        };
        let svg = daily(&pts(), true, TEXT, Layout::WIDE, &indic);
        // 30 views at most: a scale up to ٣٠.
        assert!(svg.contains(">٣٠<"), "{svg}");
        assert!(svg.contains(": ٣٠</title>"), "bar tooltips too");
        assert!(!svg.contains(">30<"));
    }

    #[test]
    fn one_series_draws_no_line() {
        let text = Text {
            visitors: None,
            ..TEXT
        };
        let svg = daily(&pts(), true, text, Layout::NARROW, &|n| n.to_string());
        assert!(!svg.contains("<polyline"));
        assert!(!svg.contains(">الزوار<"), "no legend entry");
    }

    #[test]
    fn labels_are_thinned_escaped_and_empty_input_is_fine() {
        let many: Vec<Point> = (0..365)
            .map(|d| Point {
                label: format!("d{d}"),
                views: d,
                visitors: 0,
            })
            .collect();
        let svg = daily(&many, false, TEXT, Layout::NARROW, &|n| n.to_string());
        let labels = many
            .iter()
            .filter(|p| svg.contains(&format!(">{}<", p.label)))
            .count();
        assert!(labels <= Layout::NARROW.max_labels, "{labels}");
        let p = vec![Point {
            label: "<script>&".into(),
            views: 0,
            visitors: 0,
        }];
        let text = Text {
            title: "\"x\"",
            ..TEXT
        };
        let svg = daily(&p, true, text, Layout::WIDE, &|n| n.to_string());
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;&amp;"));
        assert!(daily(&[], true, TEXT, Layout::WIDE, &|n| n.to_string()).ends_with("</svg>"));
    }
}
