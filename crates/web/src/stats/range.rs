//! The dashboard's date range, from the query string: `range=today`, `7`,
//! `30` or `custom` with `from` and `to` (`YYYY-MM-DD`, Western or
//! Arabic-Indic digits). A custom range is refused with a message per field
//! when a date is missing or malformed, the dates are reversed, the range
//! reaches past today or is longer than [`MAX_DAYS`].

use khabar_store::stats::{DayRange, date_day, day_date};
use serde::Deserialize;

/// The longest custom range: two years and a leap day.
pub const MAX_DAYS: usize = 731;

/// The query of `/newsroom/stats` and its CSV export.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RangeQuery {
    pub range: String,
    pub from: String,
    pub to: String,
}

/// The ranges offered as links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Today,
    Days7,
    Days30,
    Custom,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::Today, Preset::Days7, Preset::Days30, Preset::Custom];

    /// The value of `range=` in the query.
    pub fn code(self) -> &'static str {
        match self {
            Preset::Today => "today",
            Preset::Days7 => "7",
            Preset::Days30 => "30",
            Preset::Custom => "custom",
        }
    }
}

/// Why a custom range was refused: a message key per field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeErrors {
    pub from: Option<&'static str>,
    pub to: Option<&'static str>,
}

impl RangeErrors {
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// A range the dashboard can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chosen {
    pub preset: Preset,
    pub days: DayRange,
}

impl Chosen {
    /// The query string that shows this range again (for links and the CSV).
    pub fn query(&self) -> String {
        match self.preset {
            Preset::Custom => format!(
                "range=custom&from={}&to={}",
                day_date(self.days.first),
                day_date(self.days.last)
            ),
            p => format!("range={}", p.code()),
        }
    }
}

/// Parses `YYYY-MM-DD`, with either kind of digits.
fn parse_date(raw: &str) -> Result<jiff::civil::Date, &'static str> {
    let s = khabar_arabic::digits::to_western(raw.trim());
    if s.is_empty() {
        return Err("stats-error-date-missing");
    }
    let mut parts = s.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("stats-error-date-invalid");
    };
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err("stats-error-date-invalid");
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return Err("stats-error-date-invalid");
    };
    jiff::civil::Date::new(y, m, d).map_err(|_| "stats-error-date-invalid")
}

/// The range the query asks for, `today` being the site-local day. An
/// unknown or missing `range` is the last 7 days.
///
/// # Errors
/// For a custom range only: the message key of each refused field.
pub fn choose(q: &RangeQuery, today: i32) -> Result<Chosen, RangeErrors> {
    let last = |n: i32| DayRange {
        first: today - (n - 1),
        last: today,
    };
    let preset = match q.range.as_str() {
        "today" => Preset::Today,
        "30" => Preset::Days30,
        "custom" => Preset::Custom,
        _ => Preset::Days7,
    };
    let days = match preset {
        Preset::Today => last(1),
        Preset::Days7 => last(7),
        Preset::Days30 => last(30),
        Preset::Custom => custom(q, today)?,
    };
    Ok(Chosen { preset, days })
}

fn custom(q: &RangeQuery, today: i32) -> Result<DayRange, RangeErrors> {
    let from = parse_date(&q.from).map(date_day);
    let to = parse_date(&q.to).map(date_day);
    let mut errors = RangeErrors {
        from: from.err(),
        to: to.err(),
    };
    if let (Ok(from), Ok(to)) = (from, to) {
        if from > today {
            errors.from = Some("stats-error-date-future");
        }
        if to > today {
            errors.to = Some("stats-error-date-future");
        } else if from > to {
            errors.to = Some("stats-error-range-reversed");
        } else if (DayRange {
            first: from,
            last: to,
        })
        .len()
            > MAX_DAYS
        {
            errors.to = Some("stats-error-range-too-long");
        }
        if errors.is_empty() {
            return Ok(DayRange {
                first: from,
                last: to,
            });
        }
    }
    Err(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(range: &str, from: &str, to: &str) -> RangeQuery {
        RangeQuery {
            range: range.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    fn day(s: &str) -> i32 {
        date_day(s.parse().expect("date"))
    }

    #[test]
    fn presets_end_today() {
        let today = day("2026-12-02");
        let got = |r: &str| choose(&q(r, "", ""), today).expect("ok");
        assert_eq!(
            got("today").days,
            DayRange {
                first: today,
                last: today
            }
        );
        assert_eq!(got("7").days.len(), 7);
        assert_eq!(got("30").days.first, day("2026-11-03"));
        assert_eq!(got("").preset, Preset::Days7);
        assert_eq!(got("<script>").preset, Preset::Days7);
        assert_eq!(got("30").query(), "range=30");
    }

    #[test]
    fn custom_ranges_are_validated_per_field() {
        let today = day("2026-12-02");
        let ok = choose(&q("custom", "2026-11-01", "2026-11-30"), today).expect("ok");
        assert_eq!(ok.days.len(), 30);
        assert_eq!(ok.query(), "range=custom&from=2026-11-01&to=2026-11-30");
        let indic = choose(&q("custom", "٢٠٢٦-١١-٠١", " ٢٠٢٦-١١-٣٠ "), today).expect("ok");
        assert_eq!(indic.days, ok.days);
        let err =
            |from: &str, to: &str| choose(&q("custom", from, to), today).expect_err("refused");
        assert_eq!(
            err("", ""),
            RangeErrors {
                from: Some("stats-error-date-missing"),
                to: Some("stats-error-date-missing")
            }
        );
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "26-11-01",
            "2026/11/01",
            "2026-11-1",
            "x",
            "2026-11-01-02",
            "+026-11-01",
        ] {
            assert_eq!(
                err(bad, "2026-11-30").from,
                Some("stats-error-date-invalid"),
                "{bad}"
            );
        }
        assert_eq!(
            err("2026-11-30", "2026-11-01").to,
            Some("stats-error-range-reversed")
        );
        assert_eq!(
            err("2024-11-01", "2026-11-30").to,
            Some("stats-error-range-too-long")
        );
        assert_eq!(
            err("2026-11-01", "2026-12-03").to,
            Some("stats-error-date-future")
        );
        let both = err("2027-01-01", "2027-01-02");
        assert_eq!(both.from, Some("stats-error-date-future"));
        assert_eq!(both.to, Some("stats-error-date-future"));
        // Exactly two years and a day is allowed; one more day is not.
        assert!(choose(&q("custom", "2024-12-02", "2026-12-02"), today).is_ok());
        assert!(choose(&q("custom", "2024-12-01", "2026-12-02"), today).is_err());
    }
}
