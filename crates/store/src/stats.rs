//! Visitor statistics storage: [`StatsStore`] keeps the day's salts, takes
//! flushed [`Batch`]es as additive updates (never read-modify-write, so any
//! number of servers can flush into one database), and answers the reports.
//!
//! Days are site-local days counted from 1970-01-01 (`i32`); hours are Unix
//! seconds of the hour's start (UTC).

use crate::StoreResult;
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::ArticleId;
use khabar_stats::{Batch, Salt};
use std::sync::Arc;

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

    /// Deletes hourly buckets before `hours_before` and visitor sets of days
    /// before `visitors_before`; daily roll-ups are kept. Returns rows deleted.
    async fn prune(&self, hours_before: i64, visitors_before: i32) -> StoreResult<u64>;
}

/// A shared handle to the statistics backend.
pub type SharedStatsStore = Arc<dyn StatsStore>;
