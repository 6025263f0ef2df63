//! Visitor statistics storage: [`StatsStore`] keeps the day's salts, takes
//! flushed [`Batch`]es as additive updates (never read-modify-write, so any
//! number of servers can flush into one database), and answers the reports.
//!
//! Days are site-local days counted from 1970-01-01 (`i32`); hours are Unix
//! seconds of the hour's start (UTC); months are calendar months counted from
//! 1970-01 ([`month_of`]). Backends keep monthly roll-ups beside the daily
//! ones so that a long range reads a few rows per article and month instead
//! of one per article and day: [`DayRange::split_months`] says which part of
//! a range is whole months.

use crate::StoreResult;
use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;
use khabar_core::ArticleId;
use khabar_stats::{Batch, Salt};
use std::sync::Arc;

const EPOCH: Date = Date::constant(1970, 1, 1);

/// The civil date of a stats day (days since 1970-01-01); days outside
/// jiff's range (years -9999..=9999) are clamped to its ends.
pub fn day_date(day: i32) -> Date {
    EPOCH
        .checked_add(jiff::Span::new().days(i64::from(day)))
        .unwrap_or(if day < 0 { Date::MIN } else { Date::MAX })
}

/// The stats day of a civil date.
pub fn date_day(date: Date) -> i32 {
    date.since(EPOCH).map(|s| s.get_days()).unwrap_or(0)
}

/// The month of a stats day, as months since January 1970 (`0` is
/// 1970-01, `-1` is 1969-12).
pub fn month_of(day: i32) -> i32 {
    let d = day_date(day);
    (i32::from(d.year()) - 1970) * 12 + i32::from(d.month()) - 1
}

/// The first day of `month` (months since January 1970).
pub fn month_first_day(month: i32) -> i32 {
    let year = 1970 + month.div_euclid(12);
    let m = month.rem_euclid(12) + 1;
    let (Ok(year), Ok(m)) = (i16::try_from(year), i8::try_from(m)) else {
        return if month < 0 {
            i32::MIN / 2
        } else {
            i32::MAX / 2
        };
    };
    Date::new(year, m, 1).map_or(0, date_day)
}

/// Days `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub first: i32,
    pub last: i32,
}

impl DayRange {
    /// Days in the range (0 when `last < first`).
    pub fn len(self) -> usize {
        usize::try_from(i64::from(self.last) - i64::from(self.first) + 1).unwrap_or(0)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The range cut into whole calendar months and the days before and
    /// after them: `head` days, then months `first..=last`, then `tail`
    /// days. Any part may be absent; together they cover the range exactly
    /// once.
    pub fn split_months(self) -> MonthSplit {
        if self.is_empty() {
            return MonthSplit::default();
        }
        let first_full = if month_first_day(month_of(self.first)) == self.first {
            month_of(self.first)
        } else {
            month_of(self.first) + 1
        };
        // The month after `last` starts the day after `last` only when
        // `last` ends its month.
        let last_full = if month_first_day(month_of(self.last) + 1) == self.last + 1 {
            month_of(self.last)
        } else {
            month_of(self.last) - 1
        };
        if first_full > last_full {
            return MonthSplit {
                head: Some(self),
                months: None,
                tail: None,
            };
        }
        let head_end = month_first_day(first_full) - 1;
        let tail_start = month_first_day(last_full + 1);
        MonthSplit {
            head: (head_end >= self.first).then_some(DayRange {
                first: self.first,
                last: head_end,
            }),
            months: Some((first_full, last_full)),
            tail: (tail_start <= self.last).then_some(DayRange {
                first: tail_start,
                last: self.last,
            }),
        }
    }
}

/// A [`DayRange`] as days, whole months (`first..=last`, months since
/// January 1970), days; see [`DayRange::split_months`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonthSplit {
    pub head: Option<DayRange>,
    pub months: Option<(i32, i32)>,
    pub tail: Option<DayRange>,
}

/// One day's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    pub day: i32,
    pub views: u64,
    /// Distinct visitors of that day (with at least one counted view).
    pub visitors: u64,
}

/// A name and its views (a section, a browser, a referrer site …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub name: String,
    pub views: u64,
}

/// An article and its views in a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopArticle {
    pub id: ArticleId,
    pub title: String,
    pub views: u64,
}

/// The dashboard's report for a range of days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every day of the range, in order, zeros included.
    pub days: Vec<DayCount>,
    pub views: u64,
    /// The sum of daily visitors (a visitor is known for one day only).
    pub visitor_days: u64,
    pub top_articles: Vec<TopArticle>,
    pub top_sections: Vec<Ranked>,
    /// Per dimension (`referrer_group`, `referrer_site`, `browser`, `os`,
    /// `device`), its values, most viewed first.
    pub dimensions: Vec<(String, Vec<Ranked>)>,
    /// Hits answered but not counted, per reason code.
    pub filtered: Vec<Ranked>,
}

/// Totals for the visitor badge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SiteTotals {
    pub views_today: u64,
    pub visitors_today: u64,
    pub views_total: u64,
    /// The sum of every day's visitors (visitor-days: a visitor is known
    /// for one day only).
    pub visitors_total: u64,
}

/// What one flush wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlushReport {
    pub views: u64,
    /// Visitors new to their day's set.
    pub new_visitors: u64,
}

/// Where statistics live.
#[async_trait]
pub trait StatsStore: Send + Sync + 'static {
    /// The salt of `day`: the stored one, or `candidate` stored now when the
    /// day has none (the first server to ask wins, every server gets the
    /// same). Salts older than the day before `day` are deleted.
    async fn day_salt(&self, day: i32, candidate: &Salt, now: Timestamp) -> StoreResult<Salt>;

    /// Adds a batch in one transaction.
    async fn flush(&self, batch: &Batch) -> StoreResult<FlushReport>;

    /// All-time views of an article.
    async fn article_views(&self, id: ArticleId) -> StoreResult<u64>;

    /// Published articles (at `now`) with the most views in hours starting
    /// at or after `since_hour`, most first.
    async fn most_read(
        &self,
        since_hour: i64,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<Vec<(ArticleId, u64)>>;

    /// Views and visitors of `today`, and all views ever.
    async fn site_totals(&self, today: i32) -> StoreResult<SiteTotals>;

    /// The dashboard report; lists hold at most `limit` entries.
    async fn report(&self, range: DayRange, limit: u32) -> StoreResult<Report>;

    /// One article's views per day in `range` (every day, zeros included;
    /// `visitors` is 0: visitors are kept per site, not per article).
    async fn article_days(&self, id: ArticleId, range: DayRange) -> StoreResult<Vec<DayCount>>;

    /// Where one article's readers came from in `range`: per dimension
    /// (`referrer_group`, `referrer_site`) its values, most viewed first, at
    /// most `limit` each. Only views counted since per-article referrers
    /// were kept (migration `20261202002001`) appear.
    async fn article_sources(
        &self,
        id: ArticleId,
        range: DayRange,
        limit: u32,
    ) -> StoreResult<Vec<(String, Vec<Ranked>)>>;

    /// Deletes hourly buckets before `hours_before` and visitor sets of days
    /// before `visitors_before`; daily and monthly roll-ups are kept. Returns
    /// rows deleted.
    async fn prune(&self, hours_before: i64, visitors_before: i32) -> StoreResult<u64>;
}

/// A shared handle to the statistics backend.
pub type SharedStatsStore = Arc<dyn StatsStore>;

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i16, m: i8, d: i8) -> i32 {
        date_day(Date::constant(y, m, d))
    }

    #[test]
    fn days_months_and_dates_agree_with_the_calendar() {
        assert_eq!(date_day(Date::constant(1970, 1, 2)), 1);
        assert_eq!(day_date(day(2026, 11, 26)), Date::constant(2026, 11, 26));
        assert_eq!(month_of(0), 0);
        assert_eq!(month_of(-1), -1, "1969-12-31");
        assert_eq!(month_of(day(2026, 2, 28)), 56 * 12 + 1);
        assert_eq!(month_first_day(-1), day(1969, 12, 1));
        // Every day of four years, leap day included.
        for d in day(2023, 1, 1)..day(2027, 1, 1) {
            let date = day_date(d);
            let first = month_first_day(month_of(d));
            assert_eq!(day_date(first), date.first_of_month(), "{date}");
        }
    }

    #[test]
    fn a_range_splits_into_days_whole_months_and_days() {
        let r = |a: i32, b: i32| DayRange { first: a, last: b };
        let split = r(day(2025, 12, 3), day(2026, 12, 2)).split_months();
        assert_eq!(split.head, Some(r(day(2025, 12, 3), day(2025, 12, 31))));
        assert_eq!(
            split.months,
            Some((month_of(day(2026, 1, 1)), month_of(day(2026, 11, 1))))
        );
        assert_eq!(split.tail, Some(r(day(2026, 12, 1), day(2026, 12, 2))));
        // Exactly one month, exactly February of a leap year.
        let feb = r(day(2028, 2, 1), day(2028, 2, 29)).split_months();
        assert_eq!(feb.head, None);
        assert_eq!(feb.tail, None);
        assert_eq!(
            feb.months,
            Some((month_of(day(2028, 2, 1)), month_of(day(2028, 2, 1))))
        );
        // Inside one month, or across one boundary without a whole month.
        let short = r(day(2026, 11, 3), day(2026, 12, 2));
        assert_eq!(short.split_months().head, Some(short));
        assert_eq!(short.split_months().months, None);
        assert_eq!(r(5, 4).split_months(), MonthSplit::default());
        // Every range of a year of starts and lengths is covered exactly once.
        for first in day(2026, 1, 1)..day(2026, 3, 5) {
            for len in [1, 2, 27, 28, 29, 31, 32, 60, 62, 365, 400] {
                let range = r(first, first + len - 1);
                let s = range.split_months();
                let mut covered = Vec::new();
                for part in [s.head, s.tail].into_iter().flatten() {
                    covered.extend(part.first..=part.last);
                }
                if let Some((a, b)) = s.months {
                    covered.extend(month_first_day(a)..month_first_day(b + 1));
                }
                covered.sort_unstable();
                assert_eq!(
                    covered,
                    (range.first..=range.last).collect::<Vec<_>>(),
                    "{range:?}"
                );
            }
        }
    }
}
