//! The counting rule in memory: one view per visitor and article per dedup
//! window, additive counts gathered into a [`Batch`] until the next flush.
//!
//! Memory is bounded: the dedup map holds one 16-byte key and a timestamp per
//! (visitor, article) pair seen within the window, is pruned as windows
//! expire, and has a hard cap ([`AggregatorLimits::max_tracked`]); a hit that
//! would pass the cap is not counted (never counted twice). The per-address
//! counter caps counted views per address per hour far above what a mobile
//! carrier's shared address produces, so a flood from one machine cannot
//! inflate counts however it varies its user agent.

use crate::agent::Agent;
use crate::bots::FilterReason;
use crate::referrer::Source;
use crate::visitor::VisitorId;
use std::collections::{HashMap, HashSet};

/// Seconds a reader stays "reading now" after their last hit.
pub const ONLINE_SECS: i64 = 5 * 60;

/// The rule's parameters and the memory caps.
#[derive(Debug, Clone, Copy)]
pub struct AggregatorLimits {
    /// A visitor's views of one article within this many seconds count once.
    pub dedup_secs: i64,
    /// (visitor, article) pairs remembered at most (≈ 40 bytes each).
    pub max_tracked: usize,
    /// Counted views per address per hour at most.
    pub address_cap_per_hour: u32,
    /// Distinct (day, dimension, value) keys per batch; beyond, values
    /// become `"other"`.
    pub max_dimension_keys: usize,
}

impl Default for AggregatorLimits {
    fn default() -> Self {
        AggregatorLimits {
            dedup_secs: 30 * 60,
            max_tracked: 2_000_000,
            address_cap_per_hour: 20_000,
            max_dimension_keys: 10_000,
        }
    }
}

/// One beacon that passed the bot filter, for a published article.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub article: i64,
    pub visitor: VisitorId,
    /// Keyed digest of the client address ([`crate::visitor::address_key`]).
    pub address: u64,
    /// Unix seconds.
    pub at: i64,
    /// The site-local day of `at` (days since 1970-01-01).
    pub day: i32,
    pub source: &'a Source,
    pub agent: &'a Agent,
}

/// What became of a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Counted,
    /// The same visitor saw the same article within the window.
    Duplicate,
    Filtered(FilterReason),
    /// Not an article readers may see: not counted, no trace left.
    Ignored,
}

/// Dimension names stored per day.
pub const DIMENSIONS: [&str; 5] = ["referrer_group", "referrer_site", "browser", "os", "device"];

/// Dimensions also stored per article and day.
pub const ARTICLE_DIMENSIONS: [&str; 2] = ["referrer_group", "referrer_site"];

/// Additive counts waiting to be flushed. Every number is an increment.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Batch {
    /// (article, hour start in Unix seconds) → views.
    pub article_hours: HashMap<(i64, i64), u64>,
    /// (article, day) → views.
    pub article_days: HashMap<(i64, i32), u64>,
    /// day → views.
    pub site_days: HashMap<i32, u64>,
    /// day → visitors with a counted view (the store keeps each day's set,
    /// so a visitor already stored is not counted twice).
    pub visitors: HashMap<i32, HashSet<VisitorId>>,
    /// (day, dimension, value) → views.
    pub dimensions: HashMap<(i32, &'static str, String), u64>,
    /// (article, day, dimension, value) → views, for the referrer
    /// dimensions only ([`ARTICLE_DIMENSIONS`]): where one article's readers
    /// came from.
    pub article_sources: HashMap<(i64, i32, &'static str, String), u64>,
    /// (day, reason) → hits not counted.
    pub filtered: HashMap<(i32, FilterReason), u64>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.site_days.is_empty() && self.filtered.is_empty()
    }

    /// Counted views in the batch.
    pub fn views(&self) -> u64 {
        self.site_days.values().sum()
    }

    /// Adds `other` into `self` (a failed flush is merged back, so nothing is
    /// lost while the database is unavailable).
    pub fn merge(&mut self, other: Batch) {
        fn add<K: std::hash::Hash + Eq>(a: &mut HashMap<K, u64>, b: HashMap<K, u64>) {
            for (k, v) in b {
                *a.entry(k).or_default() += v;
            }
        }
        add(&mut self.article_hours, other.article_hours);
        add(&mut self.article_days, other.article_days);
        add(&mut self.site_days, other.site_days);
        add(&mut self.dimensions, other.dimensions);
        add(&mut self.article_sources, other.article_sources);
        add(&mut self.filtered, other.filtered);
        for (day, set) in other.visitors {
            self.visitors.entry(day).or_default().extend(set);
        }
    }
}

/// The in-memory side of counting. Not thread-safe by itself; the web layer
/// keeps it behind a mutex held for microseconds.
#[derive(Debug)]
pub struct Aggregator {
    limits: AggregatorLimits,
    /// (visitor, article) → when its last view was counted.
    seen: HashMap<(VisitorId, i64), i64>,
    last_prune: i64,
    /// address digest → views counted this hour.
    addresses: HashMap<u64, u32>,
    address_hour: i64,
    /// visitor → (last hit, article), for "reading now".
    online: HashMap<VisitorId, (i64, i64)>,
    batch: Batch,
}

impl Aggregator {
    pub fn new(limits: AggregatorLimits) -> Aggregator {
        Aggregator {
            limits,
            seen: HashMap::new(),
            last_prune: 0,
            addresses: HashMap::new(),
            address_hour: 0,
            online: HashMap::new(),
            batch: Batch::default(),
        }
    }

    /// Applies the counting rule to a hit.
    pub fn record(&mut self, hit: &Hit<'_>) -> Outcome {
        self.prune(hit.at);
        if self.online.len() < self.limits.max_tracked {
            self.online.insert(hit.visitor, (hit.at, hit.article));
        }
        let key = (hit.visitor, hit.article);
        if let Some(&last) = self.seen.get(&key)
            && hit.at - last < self.limits.dedup_secs
        {
            return Outcome::Duplicate;
        }
        let hour = hit.at.div_euclid(3600);
        if hour != self.address_hour {
            self.addresses.clear();
            self.address_hour = hour;
        }
        let by_address = self.addresses.get(&hit.address).copied().unwrap_or(0);
        let outcome = if by_address >= self.limits.address_cap_per_hour {
            Outcome::Filtered(FilterReason::AddressCap)
        } else if (!self.seen.contains_key(&key) && self.seen.len() >= self.limits.max_tracked)
            || (by_address == 0 && self.addresses.len() >= self.limits.max_tracked)
        {
            Outcome::Filtered(FilterReason::Overload)
        } else {
            Outcome::Counted
        };
        match outcome {
            Outcome::Filtered(reason) => self.record_filtered(reason, hit.day),
            _ => {
                self.seen.insert(key, hit.at);
                *self.addresses.entry(hit.address).or_default() += 1;
                self.count(hit);
            }
        }
        outcome
    }

    fn count(&mut self, hit: &Hit<'_>) {
        let b = &mut self.batch;
        *b.article_hours
            .entry((hit.article, hit.at.div_euclid(3600) * 3600))
            .or_default() += 1;
        *b.article_days.entry((hit.article, hit.day)).or_default() += 1;
        *b.site_days.entry(hit.day).or_default() += 1;
        b.visitors.entry(hit.day).or_default().insert(hit.visitor);
        let values: [&str; 5] = [
            hit.source.group.code(),
            &hit.source.site,
            &hit.agent.browser,
            &hit.agent.os,
            hit.agent.device.code(),
        ];
        for (dimension, value) in DIMENSIONS.into_iter().zip(values) {
            if value.is_empty() {
                continue;
            }
            let mut key = (hit.day, dimension, value.to_string());
            if !b.dimensions.contains_key(&key)
                && b.dimensions.len() >= self.limits.max_dimension_keys
            {
                key.2 = "other".into();
            }
            if ARTICLE_DIMENSIONS.contains(&dimension) {
                let mut per_article = (hit.article, hit.day, dimension, key.2.clone());
                if !b.article_sources.contains_key(&per_article)
                    && b.article_sources.len() >= self.limits.max_dimension_keys
                {
                    per_article.3 = "other".into();
                }
                *b.article_sources.entry(per_article).or_default() += 1;
            }
            *b.dimensions.entry(key).or_default() += 1;
        }
    }

    /// Returns true if and only if this visitor's view of `article` was
    /// counted less than the dedup window before `at` (a cheap pre-check
    /// before classifying the hit).
    pub fn seen_recently(&self, visitor: VisitorId, article: i64, at: i64) -> bool {
        self.seen
            .get(&(visitor, article))
            .is_some_and(|&last| at - last < self.limits.dedup_secs)
    }

    /// Marks a visitor as reading `article` at `at` without counting a
    /// view (a reload within the window), so "reading now" stays true.
    pub fn touch_online(&mut self, visitor: VisitorId, article: i64, at: i64) {
        if self.online.len() < self.limits.max_tracked || self.online.contains_key(&visitor) {
            self.online.insert(visitor, (at, article));
        }
    }

    /// Tallies a request the bot filter (or the caller) refused.
    pub fn record_filtered(&mut self, reason: FilterReason, day: i32) {
        *self.batch.filtered.entry((day, reason)).or_default() += 1;
    }

    /// Takes the counts gathered since the last call.
    pub fn take(&mut self) -> Batch {
        std::mem::take(&mut self.batch)
    }

    /// Puts back a batch whose flush failed.
    pub fn restore(&mut self, batch: Batch) {
        let newer = std::mem::replace(&mut self.batch, batch);
        self.batch.merge(newer);
    }

    /// Views counted but not yet taken, for one article.
    pub fn pending_views(&self, article: i64) -> u64 {
        self.batch
            .article_days
            .iter()
            .filter(|((a, _), _)| *a == article)
            .map(|(_, v)| *v)
            .sum()
    }

    /// Readers active within [`ONLINE_SECS`] of `now`: the total and, per
    /// article, how many are on it (most first).
    pub fn reading_now(&self, now: i64) -> (u64, Vec<(i64, u64)>) {
        let mut per: HashMap<i64, u64> = HashMap::new();
        let mut total = 0;
        for &(at, article) in self.online.values() {
            if now - at < ONLINE_SECS {
                total += 1;
                *per.entry(article).or_default() += 1;
            }
        }
        let mut per: Vec<_> = per.into_iter().collect();
        per.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        (total, per)
    }

    /// Remembered (visitor, article) pairs (for tests and metrics).
    pub fn tracked(&self) -> usize {
        self.seen.len()
    }

    /// Forgets pairs whose window has passed, at most once a minute — or at
    /// once when a map is full.
    fn prune(&mut self, now: i64) {
        let full = self.seen.len() >= self.limits.max_tracked
            || self.online.len() >= self.limits.max_tracked;
        if now - self.last_prune < 60 && !full {
            return;
        }
        self.last_prune = now;
        let dedup = self.limits.dedup_secs;
        self.seen.retain(|_, at| now - *at < dedup);
        self.online.retain(|_, (at, _)| now - *at < ONLINE_SECS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::{self, Device};
    use crate::referrer::{self, Group};
    use crate::visitor::Salt;

    fn fixture() -> (Source, Agent, Salt) {
        (
            referrer::classify("https://www.google.com/", "k.example"),
            agent::classify(
                "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0",
            ),
            Salt {
                day: 1,
                key: [7; 32],
            },
        )
    }

    fn hit<'a>(
        v: u32,
        article: i64,
        at: i64,
        src: &'a Source,
        ag: &'a Agent,
        salt: &Salt,
    ) -> Hit<'a> {
        Hit {
            article,
            visitor: VisitorId::new(salt, &format!("10.0.{}.{}", v / 256, v % 256), "ua", "s"),
            address: u64::from(v),
            at,
            day: 20_000,
            source: src,
            agent: ag,
        }
    }

    #[test]
    fn distinct_visitors_count_once_each_and_reloads_do_not() {
        let (src, ag, salt) = fixture();
        let mut agg = Aggregator::new(AggregatorLimits::default());
        for v in 0..500 {
            assert_eq!(
                agg.record(&hit(v, 1, 1_000, &src, &ag, &salt)),
                Outcome::Counted
            );
        }
        for _ in 0..100 {
            assert_eq!(
                agg.record(&hit(3, 1, 1_100, &src, &ag, &salt)),
                Outcome::Duplicate
            );
        }
        // Another article is another view.
        assert_eq!(
            agg.record(&hit(3, 2, 1_100, &src, &ag, &salt)),
            Outcome::Counted
        );
        let b = agg.take();
        assert_eq!(b.views(), 501);
        assert_eq!(b.article_days[&(1, 20_000)], 500);
        assert_eq!(b.visitors[&20_000].len(), 500);
        assert_eq!(
            b.dimensions[&(20_000, "referrer_group", Group::Search.code().into())],
            501
        );
        assert_eq!(
            b.dimensions[&(20_000, "device", Device::Desktop.code().into())],
            501
        );
        assert_eq!(
            b.article_sources[&(1, 20_000, "referrer_group", Group::Search.code().into())],
            500
        );
        assert_eq!(
            b.article_sources[&(2, 20_000, "referrer_site", "google".into())],
            1
        );
        assert!(
            !b.article_sources.keys().any(|k| k.2 == "browser"),
            "browsers are kept per site only"
        );
        assert!(agg.take().is_empty());
    }

    #[test]
    fn the_window_expires() {
        let (src, ag, salt) = fixture();
        let mut agg = Aggregator::new(AggregatorLimits {
            dedup_secs: 600,
            ..AggregatorLimits::default()
        });
        assert_eq!(
            agg.record(&hit(1, 1, 0, &src, &ag, &salt)),
            Outcome::Counted
        );
        assert_eq!(
            agg.record(&hit(1, 1, 599, &src, &ag, &salt)),
            Outcome::Duplicate
        );
        assert_eq!(
            agg.record(&hit(1, 1, 600, &src, &ag, &salt)),
            Outcome::Counted
        );
        assert_eq!(agg.take().views(), 2);
        // Pruning forgets expired pairs.
        agg.record(&hit(2, 1, 5_000, &src, &ag, &salt));
        assert_eq!(agg.tracked(), 1);
    }

    #[test]
    fn memory_is_capped_and_a_full_map_never_double_counts() {
        let (src, ag, salt) = fixture();
        let mut agg = Aggregator::new(AggregatorLimits {
            max_tracked: 100,
            ..AggregatorLimits::default()
        });
        let mut counted = 0;
        for v in 0..1_000 {
            if agg.record(&hit(v, 1, 10, &src, &ag, &salt)) == Outcome::Counted {
                counted += 1;
            }
        }
        assert_eq!(counted, 100);
        assert!(agg.tracked() <= 100);
        // Those already counted are still duplicates, not recounted.
        assert_eq!(
            agg.record(&hit(5, 1, 11, &src, &ag, &salt)),
            Outcome::Duplicate
        );
        let b = agg.take();
        assert_eq!(b.views(), 100);
        assert_eq!(b.filtered[&(20_000, FilterReason::Overload)], 900);
    }

    #[test]
    fn one_address_is_capped_per_hour() {
        let (src, ag, salt) = fixture();
        let mut agg = Aggregator::new(AggregatorLimits {
            address_cap_per_hour: 50,
            ..AggregatorLimits::default()
        });
        for v in 0..80u32 {
            let mut h = hit(v, 1, 7_200, &src, &ag, &salt);
            h.address = 42; // many browsers behind one address
            agg.record(&h);
        }
        let b = agg.take();
        assert_eq!(b.views(), 50);
        assert_eq!(b.filtered[&(20_000, FilterReason::AddressCap)], 30);
        // A new hour, a new allowance.
        let mut h = hit(99, 1, 10_800, &src, &ag, &salt);
        h.address = 42;
        assert_eq!(agg.record(&h), Outcome::Counted);
    }

    #[test]
    fn restore_merges_a_failed_batch_back() {
        let (src, ag, salt) = fixture();
        let mut agg = Aggregator::new(AggregatorLimits::default());
        agg.record(&hit(1, 1, 10, &src, &ag, &salt));
        let failed = agg.take();
        agg.record(&hit(2, 1, 11, &src, &ag, &salt));
        agg.restore(failed);
        let b = agg.take();
        assert_eq!(b.views(), 2);
        assert_eq!(b.visitors[&20_000].len(), 2);
    }

    #[test]
    fn reading_now_counts_recent_visitors() {
        let (src, ag, salt) = fixture();
        let mut agg = Aggregator::new(AggregatorLimits::default());
        agg.record(&hit(1, 1, 1_000, &src, &ag, &salt));
        agg.record(&hit(2, 1, 1_100, &src, &ag, &salt));
        agg.record(&hit(3, 2, 1_200, &src, &ag, &salt));
        assert_eq!(agg.reading_now(1_250), (3, vec![(1, 2), (2, 1)]));
        assert_eq!(agg.reading_now(1_000 + ONLINE_SECS).0, 2);
        // Reader 1 reloads (not a view) and is still reading later on.
        let v1 = hit(1, 1, 1_000, &src, &ag, &salt).visitor;
        agg.touch_online(v1, 1, 1_200);
        assert_eq!(agg.reading_now(1_000 + ONLINE_SECS).0, 3);
    }
}
