//! The statistics state a server keeps: the aggregator, the day's salt, a
//! short cache of which articles may be counted, and the flush.

use super::client::client_ip;
use crate::AppState;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use khabar_core::ArticleId;
use khabar_stats::bots::{self, Signals};
use khabar_stats::{Aggregator, AggregatorLimits, Hit, Outcome, Salt, VisitorId, agent, referrer};
use khabar_store::StoreResult;
use khabar_store::stats::{FlushReport, SharedStatsStore};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError, RwLock};
use std::time::Duration;

/// The `[stats]` settings the web layer needs.
#[derive(Debug, Clone)]
pub struct StatsSettings {
    /// A visitor's views of one article within this time count once.
    pub dedup: Duration,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Do not count readers who send `DNT: 1` or `Sec-GPC: 1`.
    pub respect_dnt: bool,
    /// Serve the public visitor badge numbers.
    pub visitor_badge: bool,
    /// Days hourly buckets are kept (daily roll-ups are kept for good).
    pub retention_days: u32,
    /// Counted views per client address per hour at most.
    pub address_cap_per_hour: u32,
}

impl Default for StatsSettings {
    fn default() -> Self {
        StatsSettings {
            dedup: Duration::from_secs(30 * 60),
            trusted_proxies: Vec::new(),
            respect_dnt: true,
            visitor_badge: false,
            retention_days: 400,
            address_cap_per_hour: 20_000,
        }
    }
}

/// Seconds an article's "may be counted" answer is trusted.
const PUBLIC_CACHE_SECS: i64 = 30;

/// Request facts a hit is judged on (copied out of the headers).
#[derive(Debug, Default)]
pub(crate) struct HitRequest<'a> {
    pub peer: Option<IpAddr>,
    pub forwarded_for: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub purpose: Option<&'a str>,
    pub x_moz: Option<&'a str>,
    pub do_not_track: bool,
    pub global_privacy_control: bool,
}

/// Statistics of one server process.
pub struct Stats {
    store: SharedStatsStore,
    settings: StatsSettings,
    site_host: String,
    time_zone: TimeZone,
    agg: Mutex<Aggregator>,
    salt: RwLock<Option<Salt>>,
    salt_refresh: tokio::sync::Mutex<()>,
    public: quick_cache::sync::Cache<i64, (bool, i64)>,
    flushing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stats")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Stats {
    /// `base_url` names the site in visitor ids and tells internal referrers
    /// apart; `time_zone` decides where a day ends.
    pub fn new(
        store: SharedStatsStore,
        settings: StatsSettings,
        base_url: &str,
        time_zone: TimeZone,
    ) -> Stats {
        let limits = AggregatorLimits {
            dedup_secs: i64::try_from(settings.dedup.as_secs()).unwrap_or(i64::MAX),
            address_cap_per_hour: settings.address_cap_per_hour,
            ..AggregatorLimits::default()
        };
        Stats {
            store,
            site_host: referrer::host_of(base_url).unwrap_or_default(),
            settings,
            time_zone,
            agg: Mutex::new(Aggregator::new(limits)),
            salt: RwLock::new(None),
            salt_refresh: tokio::sync::Mutex::new(()),
            public: quick_cache::sync::Cache::new(10_000),
            flushing: tokio::sync::Mutex::new(()),
        }
    }

    pub fn settings(&self) -> &StatsSettings {
        &self.settings
    }

    pub fn store(&self) -> &SharedStatsStore {
        &self.store
    }

    /// The site-local day of `ts` (days since 1970-01-01).
    pub fn day_of(&self, ts: Timestamp) -> i32 {
        let offset = i64::from(self.time_zone.to_offset(ts).seconds());
        i32::try_from((ts.as_second() + offset).div_euclid(86_400)).unwrap_or(0)
    }

    fn aggregator(&self) -> std::sync::MutexGuard<'_, Aggregator> {
        self.agg.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Writes what was counted since the last flush, in one transaction. On
    /// failure the counts go back to memory for the next try.
    ///
    /// # Errors
    /// The store's error; nothing is lost.
    pub async fn flush(&self) -> StoreResult<FlushReport> {
        let _one_at_a_time = self.flushing.lock().await;
        let batch = self.aggregator().take();
        if batch.is_empty() {
            return Ok(FlushReport::default());
        }
        match self.store.flush(&batch).await {
            Ok(report) => Ok(report),
            Err(e) => {
                self.aggregator().restore(batch);
                Err(e)
            }
        }
    }

    /// Deletes raw data past retention and visitor sets whose salt is gone.
    ///
    /// # Errors
    /// The store's error.
    pub async fn prune(&self, now: Timestamp) -> StoreResult<u64> {
        let keep = i64::from(self.settings.retention_days) * 86_400;
        let hours_before = (now.as_second() - keep).div_euclid(3600) * 3600;
        self.store.prune(hours_before, self.day_of(now) - 1).await
    }

    /// The salt of `day`, from memory or the shared store.
    async fn salt_for(&self, day: i32, now: Timestamp) -> StoreResult<Salt> {
        let cached = |s: &RwLock<Option<Salt>>| {
            s.read()
                .unwrap_or_else(PoisonError::into_inner)
                .as_ref()
                .filter(|salt| salt.day == day)
                .cloned()
        };
        if let Some(salt) = cached(&self.salt) {
            return Ok(salt);
        }
        let _one_refresh = self.salt_refresh.lock().await;
        if let Some(salt) = cached(&self.salt) {
            return Ok(salt);
        }
        let candidate =
            Salt::generate(day).map_err(|e| khabar_store::StoreError::Backend(Box::new(e)))?;
        let salt = self.store.day_salt(day, &candidate, now).await?;
        *self.salt.write().unwrap_or_else(PoisonError::into_inner) = Some(salt.clone());
        Ok(salt)
    }

    /// Returns true if and only if readers may see `id` now (cached briefly).
    pub(crate) async fn is_countable(
        &self,
        state: &AppState,
        id: ArticleId,
        now: Timestamp,
    ) -> StoreResult<bool> {
        if let Some((public, at)) = self.public.get(&id.0)
            && now.as_second() - at < PUBLIC_CACHE_SECS
        {
            return Ok(public);
        }
        let public = state
            .store
            .article(id)
            .await?
            .is_some_and(|a| a.is_public(now));
        self.public.insert(id.0, (public, now.as_second()));
        Ok(public)
    }

    /// Judges and counts one hit. Unknown and unpublished articles leave no
    /// trace; bots are tallied per reason.
    ///
    /// # Errors
    /// When the store cannot be read (the article check or the day's salt).
    pub(crate) async fn record(
        &self,
        state: &AppState,
        req: &HitRequest<'_>,
        article: ArticleId,
        referrer_url: &str,
    ) -> StoreResult<Outcome> {
        let now = Timestamp::now();
        let day = self.day_of(now);
        let signals = Signals {
            user_agent: req.user_agent,
            purpose: req.purpose,
            x_moz: req.x_moz,
            do_not_track: req.do_not_track,
            global_privacy_control: req.global_privacy_control,
            respect_opt_out: self.settings.respect_dnt,
        };
        if !self.is_countable(state, article, now).await? {
            return Ok(Outcome::Ignored);
        }
        if let Some(reason) = bots::classify(&signals) {
            self.aggregator().record_filtered(reason, day);
            return Ok(Outcome::Filtered(reason));
        }
        let salt = self.salt_for(day, now).await?;
        let ip = client_ip(req.peer, req.forwarded_for, &self.settings.trusted_proxies);
        let ip = ip.map(|ip| ip.to_string()).unwrap_or_default();
        let ua = req.user_agent.unwrap_or("");
        let visitor = VisitorId::new(&salt, &ip, ua, &self.site_host);
        {
            let mut agg = self.aggregator();
            if agg.seen_recently(visitor, article.0, now.as_second()) {
                // A reload is not a view, but the reader is still reading.
                agg.touch_online(visitor, article.0, now.as_second());
                return Ok(Outcome::Duplicate);
            }
        }
        let source = referrer::classify(referrer_url, &self.site_host);
        let agent = agent::classify(ua);
        let hit = Hit {
            article: article.0,
            visitor,
            address: khabar_stats::visitor::address_key(&salt, &ip),
            at: now.as_second(),
            day,
            source: &source,
            agent: &agent,
        };
        Ok(self.aggregator().record(&hit))
    }

    /// An article's views: stored plus counted but not yet flushed.
    ///
    /// # Errors
    /// The store's error.
    pub async fn views(&self, id: ArticleId) -> StoreResult<u64> {
        let stored = self.store.article_views(id).await?;
        Ok(stored + self.aggregator().pending_views(id.0))
    }

    /// Readers active in the last minutes on this server: total and per article.
    pub fn reading_now(&self) -> (u64, Vec<(i64, u64)>) {
        self.aggregator().reading_now(Timestamp::now().as_second())
    }
}
