//! The dashboard's daily chart as a self-contained SVG: bars for views, a
//! line for visitors. Right-to-left pages read time from right to left, so
//! with `rtl` the first day is drawn on the right. Text is escaped; the SVG
//! needs no script and no external resource.

use std::fmt::Write;

/// One day of the chart.
#[derive(Debug, Clone)]
pub struct Point {
    /// The axis label, already localised (e.g. «26 نوفمبر»).
    pub label: String,
    pub views: u64,
    pub visitors: u64,
}

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 260.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 40.0;
const SIDE: f64 = 50.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Draws `points`; `title` is the accessible name, `max_label` formats the
/// top of the scale (in the site's digits).
pub fn daily(
    points: &[Point],
    rtl: bool,
    title: &str,
    max_label: &dyn Fn(u64) -> String,
) -> String {
    let n = points.len().max(1) as f64;
    let max = points
        .iter()
        .map(|p| p.views.max(p.visitors))
        .max()
        .unwrap_or(0)
        .max(1);
    let plot_w = WIDTH - 2.0 * SIDE;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / n;
    let x_of = |i: usize| {
        let i = i as f64;
        if rtl {
            WIDTH - SIDE - (i + 0.5) * slot
        } else {
            SIDE + (i + 0.5) * slot
        }
    };
    let y_of = |v: u64| TOP + plot_h - (v as f64 / max as f64) * plot_h;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\" direction=\"{}\" class=\"stats-chart\">",
        escape(title),
        if rtl { "rtl" } else { "ltr" }
    );
    let _ = write!(svg, "<title>{}</title>", escape(title));
    let base = TOP + plot_h;
    let _ = write!(
        svg,
        "<line x1=\"{SIDE}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#999\"/>",
        WIDTH - SIDE
    );
    let scale_x = if rtl { WIDTH - SIDE + 4.0 } else { SIDE - 4.0 };
    let anchor = if rtl { "start" } else { "end" };
    let _ = write!(
        svg,
        "<text x=\"{scale_x}\" y=\"{}\" font-size=\"12\" text-anchor=\"{anchor}\">{}</text>",
        TOP + 4.0,
        escape(&max_label(max))
    );
    let bar_w = (slot * 0.7).max(1.0);
    let label_every = (points.len() / 10).max(1);
    let mut line = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let x = x_of(i);
        let y = y_of(p.views);
        let _ = write!(
            svg,
            "<rect class=\"views\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" fill=\"#14213d\"><title>{}: {}</title></rect>",
            x - bar_w / 2.0,
            base - y,
            escape(&p.label),
            p.views
        );
        line.push(format!("{x:.1},{:.1}", y_of(p.visitors)));
        if i % label_every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{x:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                base + 16.0,
                escape(&p.label)
            );
        }
    }
    if !line.is_empty() {
        let _ = write!(
            svg,
            "<polyline class=\"visitors\" fill=\"none\" stroke=\"#fca311\" stroke-width=\"2\" points=\"{}\"/>",
            line.join(" ")
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts() -> Vec<Point> {
        (1..=3)
            .map(|d| Point {
                label: format!("{d} نوفمبر"),
                views: d * 10,
                visitors: d * 5,
            })
            .collect()
    }

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
        let rtl = daily(&pts(), true, "المشاهدات", &fmt);
        let ltr = daily(&pts(), false, "views", &fmt);
        assert!(first_bar_x(&rtl) > WIDTH / 2.0);
        assert!(first_bar_x(&ltr) < WIDTH / 2.0);
        assert_eq!(rtl.matches("<rect").count(), 3);
        assert!(rtl.contains("<polyline"));
        assert!(rtl.contains("3 نوفمبر"));
    }

    #[test]
    fn labels_are_escaped_and_empty_input_is_fine() {
        let p = vec![Point {
            label: "<script>&".into(),
            views: 0,
            visitors: 0,
        }];
        let svg = daily(&p, true, "\"x\"", &|n| n.to_string());
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;&amp;"));
        assert!(daily(&[], true, "t", &|n| n.to_string()).ends_with("</svg>"));
    }
}
