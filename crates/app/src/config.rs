//! Configuration: a TOML file, `KHABAR_<SECTION>__<KEY>` environment overrides,
//! then command-line flags. Parsed loosely into [`RawConfig`] (every key has a
//! default and unknown keys are errors), then validated into [`Config`].

use crate::notify::{SmtpSecurity, SmtpSettings};
use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use khabar_comments::policy::Moderation;
use khabar_core::CommentLimits;
use khabar_i18n::{DigitStyle, Lang, LocaleSettings, MonthNames};
use khabar_web::comments::CommentSettings;
use khabar_web::comments::limiter::RateLimits;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A commented configuration file with every key at its default value
/// (`khabar config example`).
pub const EXAMPLE: &str = include_str!("../khabar.example.toml");

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawConfig {
    pub server: ServerSection,
    pub database: DatabaseSection,
    pub site: SiteSection,
    pub newsroom: NewsroomSection,
    pub comments: CommentsSection,
    pub stats: StatsSection,
    pub search: SearchSection,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NewsroomSection {
    /// Serve the newsroom under /newsroom/.
    pub enabled: bool,
    /// Minutes a session may stay unused (5–1440).
    pub session_idle_minutes: u64,
    /// Hours after sign-in a session ends (1–720).
    pub session_max_hours: u64,
    /// Seconds between scheduler runs (1–60, so articles appear within a minute).
    pub scheduler_interval_secs: u64,
    /// Largest newsroom form, in bytes.
    pub max_form_bytes: usize,
    /// Largest image upload, in bytes.
    pub max_upload_bytes: usize,
    /// Folder for uploaded images; empty means `media/` beside the database file.
    pub media_dir: String,
}

impl Default for NewsroomSection {
    fn default() -> Self {
        NewsroomSection {
            enabled: true,
            session_idle_minutes: 240,
            session_max_hours: 24,
            scheduler_interval_secs: 20,
            max_form_bytes: 4 * 1024 * 1024,
            max_upload_bytes: 20 * 1024 * 1024,
            media_dir: String::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StatsSection {
    /// Minutes within which one visitor's views of one article count once (1–1440).
    pub dedup_minutes: u64,
    /// Milliseconds between flushes of counted views to the database (100–60000).
    pub flush_interval_ms: u64,
    /// Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed,
    /// by the statistics and the comment rate limits.
    pub trusted_proxies: Vec<String>,
    /// Do not count readers who send DNT: 1 or Sec-GPC: 1.
    pub respect_dnt: bool,
    /// Days hourly view buckets are kept; daily roll-ups are kept for good (2–3650).
    pub retention_days: u32,
    /// Serve the header's visitor badge numbers publicly.
    pub visitor_badge: bool,
    /// Counted views per client address per hour at most (far above a carrier NAT).
    pub address_cap_per_hour: u32,
}

impl Default for StatsSection {
    fn default() -> Self {
        StatsSection {
            dedup_minutes: 30,
            flush_interval_ms: 1_000,
            trusted_proxies: Vec::new(),
            respect_dnt: true,
            retention_days: 400,
            visitor_badge: false,
            address_cap_per_hour: 20_000,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSection {
    /// Address and port to listen on.
    pub listen: String,
    /// Public origin (e.g. `https://news.example.com`) for canonical links;
    /// empty means `http://` + the listening address.
    pub base_url: String,
    /// Seconds to produce a whole response.
    pub request_timeout_secs: u64,
    /// Seconds a client has to send its request headers.
    pub header_read_timeout_secs: u64,
    /// Open connections at most.
    pub max_connections: usize,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
}

impl Default for ServerSection {
    fn default() -> Self {
        ServerSection {
            listen: "127.0.0.1:8080".into(),
            base_url: String::new(),
            request_timeout_secs: 15,
            header_read_timeout_secs: 10,
            max_connections: 4_096,
            max_body_bytes: 64 * 1024,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseSection {
    /// `sqlite://PATH` (created when missing) or `postgres://USER:PASSWORD@HOST/DB`.
    pub url: String,
}

impl Default for DatabaseSection {
    fn default() -> Self {
        DatabaseSection {
            url: "sqlite://khabar-data/khabar.db".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteSection {
    /// Language of the reader-facing pages: "ar" or "en".
    pub language: Lang,
    /// "western" (0-9) or "arabic_indic" (٠-٩).
    pub digits: DigitStyle,
    /// Gregorian month names: "egypt" (يناير), "levant" (كانون الثاني), "maghreb" (جانفي).
    pub month_names: MonthNames,
    /// IANA time zone for dates shown to readers.
    pub time_zone: String,
    /// Show the Hijri date beside the Gregorian one on articles.
    pub show_hijri: bool,
    /// Articles per page on section, tag and author pages (1–100).
    pub per_page: u32,
    /// Seconds browsers and CDNs may cache public pages.
    pub page_max_age: u32,
    /// Milliseconds this server keeps a rendered public page in memory
    /// (0 turns the in-memory page cache off).
    pub page_cache_ms: u64,
}

impl Default for SiteSection {
    fn default() -> Self {
        SiteSection {
            language: Lang::Ar,
            digits: DigitStyle::Western,
            month_names: MonthNames::Egypt,
            time_zone: "Asia/Riyadh".into(),
            show_hijri: false,
            per_page: 20,
            page_max_age: 60,
            page_cache_ms: 2_000,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CommentsSection {
    /// Show comments and the «اترك تعليقاً» form under articles.
    pub enabled: bool,
    /// "all" (every comment waits for a moderator), "first_time" (commenters
    /// with an approved comment are published directly) or "none".
    pub moderation: Moderation,
    /// Close comments this many days after publication; 0 never.
    pub close_after_days: u32,
    /// Refuse a form sent sooner than this many seconds after it was served.
    pub min_seconds: u32,
    /// Refuse a form older than this many hours.
    pub max_age_hours: u32,
    /// At most one comment per this many seconds from one visitor or network.
    pub min_interval_secs: u64,
    /// At most this many comments per hour from one visitor or network.
    pub per_hour: u32,
    /// Longest comment accepted, in characters (longer ones are refused, never cut).
    pub max_body_chars: usize,
    /// Longest name accepted, in characters.
    pub max_name_chars: usize,
    /// Seconds to gather held comments into one digest for moderators.
    pub notify_batch_secs: u64,
    /// POST a JSON digest of held comments here (http or https); empty: no webhook.
    pub webhook_url: String,
    /// SMTP server for the moderators' digest email; empty: no email.
    pub smtp_host: String,
    pub smtp_port: u16,
    /// "starttls", "tls" or "none" (only for a relay on the same machine).
    pub smtp_security: SmtpSecurity,
    pub smtp_username: String,
    pub smtp_password: Secret,
    /// Sender, e.g. "Khabar <news@example.com>".
    pub smtp_from: String,
    /// Moderators' addresses.
    pub smtp_to: Vec<String>,
}

/// A configuration value that never appears in logs or `Debug` output.
#[derive(Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "***" })
    }
}

/// Where moderators hear about held comments.
#[derive(Debug, Clone)]
pub struct CommentNotify {
    pub batch: Duration,
    pub webhook_url: Option<String>,
    pub smtp: Option<SmtpSettings>,
}

impl Default for CommentsSection {
    fn default() -> Self {
        CommentsSection {
            enabled: true,
            moderation: Moderation::FirstTime,
            close_after_days: 0,
            min_seconds: 3,
            max_age_hours: 24,
            min_interval_secs: 15,
            per_hour: 20,
            max_body_chars: 3_000,
            max_name_chars: 60,
            notify_batch_secs: 300,
            webhook_url: String::new(),
            smtp_host: String::new(),
            smtp_port: 587,
            smtp_security: SmtpSecurity::Starttls,
            smtp_username: String::new(),
            smtp_password: Secret::default(),
            smtp_from: String::new(),
            smtp_to: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchSection {
    /// Folder of the search index; empty means `search-index` beside the
    /// database file. Rebuilt automatically when missing or outdated.
    pub index_dir: String,
    /// The «اقرأ أيضا» link goes after this paragraph (0 = no inline link).
    pub read_also_after_paragraph: u32,
    /// Related articles kept per article and shown at its end (0-20).
    pub related_count: u32,
    /// Milliseconds between polls of the database for changed articles.
    pub poll_interval_ms: u64,
}

impl Default for SearchSection {
    fn default() -> Self {
        SearchSection {
            index_dir: String::new(),
            read_also_after_paragraph: 3,
            related_count: 5,
            poll_interval_ms: 2_000,
        }
    }
}

/// Validated `[search]` settings.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    pub index_dir: PathBuf,
    pub read_also_after_paragraph: u32,
    pub related_count: u32,
    pub poll_interval: Duration,
}

/// The index folder beside the SQLite file of `database_url`.
pub fn default_index_dir(database_url: &str) -> PathBuf {
    let rest = database_url.strip_prefix("sqlite:").unwrap_or(database_url);
    let path = rest.trim_start_matches("//");
    let path = path.split('?').next().unwrap_or(path);
    match Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() && path != ":memory:" => dir.join("search-index"),
        _ => PathBuf::from("search-index"),
    }
}

/// Validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub base_url: Option<String>,
    pub database_url: String,
    pub request_timeout: Duration,
    pub header_read_timeout: Duration,
    pub max_connections: usize,
    pub max_body_bytes: usize,
    pub locale: LocaleSettings,
    pub per_page: u32,
    pub page_max_age: u32,
    pub page_cache: Duration,
    pub newsroom: NewsroomConfig,
    /// `None` when comments are off.
    pub comments: Option<CommentSettings>,
    /// `None` when nobody is to be told about held comments.
    pub comment_notify: Option<CommentNotify>,
    pub stats: khabar_web::stats::StatsSettings,
    pub flush_interval: Duration,
    pub search: SearchConfig,
}

/// Validated `[newsroom]` settings.
#[derive(Debug, Clone)]
pub struct NewsroomConfig {
    pub enabled: bool,
    pub session_idle: Duration,
    pub session_max: Duration,
    pub scheduler_interval: Duration,
    pub max_form_bytes: usize,
    pub max_upload_bytes: usize,
    pub media_dir: std::path::PathBuf,
}

/// Values given on the command line (or their environment variables), which
/// override the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub listen: Option<String>,
    pub database_url: Option<String>,
}

impl RawConfig {
    /// Reads the file (when given; it must exist) and the environment.
    ///
    /// # Errors
    /// Unknown keys, wrong types, unreadable file.
    pub fn load(file: Option<&Path>) -> anyhow::Result<RawConfig> {
        let mut figment = Figment::from(Serialized::defaults(RawConfig::default()));
        if let Some(path) = file {
            if !path.is_file() {
                bail!("configuration file {} does not exist", path.display());
            }
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(
            Env::prefixed("KHABAR_")
                .filter(|key| key.as_str().contains("__"))
                .split("__"),
        );
        figment
            .extract()
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))
    }

    /// Applies overrides and checks every value.
    ///
    /// # Errors
    /// A one-line reason naming the key.
    pub fn validate(mut self, overrides: Overrides) -> anyhow::Result<Config> {
        if let Some(listen) = overrides.listen {
            self.server.listen = listen;
        }
        if let Some(url) = overrides.database_url {
            self.database.url = url;
        }
        let listen: SocketAddr = self.server.listen.parse().with_context(|| {
            format!(
                "server.listen: `{}` is not an address like 127.0.0.1:8080",
                self.server.listen
            )
        })?;
        let base_url = match self.server.base_url.trim().trim_end_matches('/') {
            "" => None,
            url if khabar_core::is_http_url(url) => Some(url.to_string()),
            url => bail!("server.base_url: `{url}` is not an http(s) URL"),
        };
        let url = &self.database.url;
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
        {
            bail!(
                "database.url: `{}` is not supported (use sqlite://PATH or postgres://USER@HOST/DB)",
                redact(url)
            );
        }
        let time_zone = jiff::tz::TimeZone::get(&self.site.time_zone).with_context(|| {
            format!(
                "site.time_zone: `{}` is not an IANA time zone",
                self.site.time_zone
            )
        })?;
        if !(1..=100).contains(&self.site.per_page) {
            bail!("site.per_page: must be between 1 and 100");
        }
        for (key, secs) in [
            (
                "server.request_timeout_secs",
                self.server.request_timeout_secs,
            ),
            (
                "server.header_read_timeout_secs",
                self.server.header_read_timeout_secs,
            ),
        ] {
            if !(1..=3600).contains(&secs) {
                bail!("{key}: must be between 1 and 3600 seconds");
            }
        }
        if self.site.page_cache_ms > 60_000 {
            bail!("site.page_cache_ms: at most 60000 (one minute)");
        }
        if self.server.max_connections == 0 {
            bail!("server.max_connections: must be at least 1");
        }
        let nr = &self.newsroom;
        if !(5..=1440).contains(&nr.session_idle_minutes) {
            bail!("newsroom.session_idle_minutes: must be between 5 and 1440");
        }
        if !(1..=720).contains(&nr.session_max_hours) {
            bail!("newsroom.session_max_hours: must be between 1 and 720");
        }
        if !(1..=60).contains(&nr.scheduler_interval_secs) {
            bail!("newsroom.scheduler_interval_secs: must be between 1 and 60");
        }
        if nr.max_form_bytes < 64 * 1024 {
            bail!("newsroom.max_form_bytes: must be at least 65536");
        }
        if nr.max_upload_bytes < 64 * 1024 {
            bail!("newsroom.max_upload_bytes: must be at least 65536");
        }
        let media_dir = if nr.media_dir.trim().is_empty() {
            let db = self.database.url.trim_start_matches("sqlite:");
            let db = db.trim_start_matches("//");
            let db = db.split('?').next().unwrap_or(db);
            Path::new(db)
                .parent()
                .map_or_else(|| Path::new("media").to_path_buf(), |p| p.join("media"))
        } else {
            Path::new(nr.media_dir.trim()).to_path_buf()
        };
        if self.server.max_body_bytes < 1024 {
            bail!("server.max_body_bytes: must be at least 1024");
        }
        if self.search.related_count > 20 {
            bail!("search.related_count: must be between 0 and 20");
        }
        if !(100..=3_600_000).contains(&self.search.poll_interval_ms) {
            bail!("search.poll_interval_ms: must be between 100 and 3600000");
        }
        let search = SearchConfig {
            index_dir: match self.search.index_dir.trim() {
                "" => default_index_dir(&self.database.url),
                dir => PathBuf::from(dir),
            },
            read_also_after_paragraph: self.search.read_also_after_paragraph,
            related_count: self.search.related_count,
            poll_interval: Duration::from_millis(self.search.poll_interval_ms),
        };
        let comment_notify = self.comments.notify()?;
        let comments = self.comments.validate()?;
        let stats = self.stats.validate()?;
        Ok(Config {
            search,
            stats,
            flush_interval: Duration::from_millis(self.stats.flush_interval_ms),
            listen,
            base_url,
            database_url: self.database.url,
            request_timeout: Duration::from_secs(self.server.request_timeout_secs),
            header_read_timeout: Duration::from_secs(self.server.header_read_timeout_secs),
            max_connections: self.server.max_connections,
            max_body_bytes: self.server.max_body_bytes,
            locale: LocaleSettings {
                lang: self.site.language,
                digits: self.site.digits,
                months: self.site.month_names,
                time_zone,
                show_hijri: self.site.show_hijri,
            },
            per_page: self.site.per_page,
            page_max_age: self.site.page_max_age,
            page_cache: Duration::from_millis(self.site.page_cache_ms),
            newsroom: NewsroomConfig {
                enabled: nr.enabled,
                session_idle: Duration::from_secs(nr.session_idle_minutes * 60),
                session_max: Duration::from_secs(nr.session_max_hours * 3600),
                scheduler_interval: Duration::from_secs(nr.scheduler_interval_secs),
                max_form_bytes: nr.max_form_bytes,
                max_upload_bytes: nr.max_upload_bytes,
                media_dir,
            },
            comments,
            comment_notify,
        })
    }
}

impl CommentsSection {
    fn notify(&self) -> anyhow::Result<Option<CommentNotify>> {
        if !self.enabled {
            return Ok(None);
        }
        let webhook_url = match self.webhook_url.trim() {
            "" => None,
            url if khabar_core::is_http_url(url) => Some(url.to_string()),
            _ => bail!("comments.webhook_url: not an http(s) URL"),
        };
        let smtp = if self.smtp_host.trim().is_empty() {
            None
        } else {
            let from = self
                .smtp_from
                .parse()
                .map_err(|_| anyhow::anyhow!("comments.smtp_from: not an email address"))?;
            let to = self
                .smtp_to
                .iter()
                .map(|a| a.parse())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| anyhow::anyhow!("comments.smtp_to: not a list of email addresses"))?;
            if to.is_empty() {
                bail!("comments.smtp_to: give at least one moderator's address");
            }
            Some(SmtpSettings {
                host: self.smtp_host.trim().to_string(),
                port: self.smtp_port,
                security: self.smtp_security,
                username: self.smtp_username.clone(),
                password: self.smtp_password.0.clone(),
                from,
                to,
            })
        };
        if webhook_url.is_none() && smtp.is_none() {
            return Ok(None);
        }
        Ok(Some(CommentNotify {
            batch: Duration::from_secs(self.notify_batch_secs.min(86_400)),
            webhook_url,
            smtp,
        }))
    }

    fn validate(self) -> anyhow::Result<Option<CommentSettings>> {
        if !self.enabled {
            return Ok(None);
        }
        if !(1..=100_000).contains(&self.max_body_chars) {
            bail!("comments.max_body_chars: must be between 1 and 100000");
        }
        if !(1..=200).contains(&self.max_name_chars) {
            bail!("comments.max_name_chars: must be between 1 and 200");
        }
        if !(1..=24 * 30).contains(&self.max_age_hours) {
            bail!("comments.max_age_hours: must be between 1 and 720");
        }
        if i64::from(self.min_seconds) >= i64::from(self.max_age_hours) * 3_600 {
            bail!("comments.min_seconds: must be shorter than comments.max_age_hours");
        }
        if self.per_hour == 0 {
            bail!("comments.per_hour: must be at least 1");
        }
        Ok(Some(CommentSettings {
            moderation: self.moderation,
            close_after_days: self.close_after_days,
            min_seconds: i64::from(self.min_seconds),
            max_age_hours: i64::from(self.max_age_hours),
            rate: RateLimits {
                min_interval_secs: self.min_interval_secs,
                per_hour: self.per_hour,
            },
            limits: CommentLimits {
                name_chars: self.max_name_chars,
                body_chars: self.max_body_chars,
                ..CommentLimits::default()
            },
        }))
    }
}

impl StatsSection {
    fn validate(&self) -> anyhow::Result<khabar_web::stats::StatsSettings> {
        if !(1..=1440).contains(&self.dedup_minutes) {
            bail!("stats.dedup_minutes: must be between 1 and 1440");
        }
        if !(100..=60_000).contains(&self.flush_interval_ms) {
            bail!("stats.flush_interval_ms: must be between 100 and 60000");
        }
        if !(2..=3650).contains(&self.retention_days) {
            bail!("stats.retention_days: must be between 2 and 3650");
        }
        if self.address_cap_per_hour == 0 {
            bail!("stats.address_cap_per_hour: must be at least 1");
        }
        let trusted_proxies = self
            .trusted_proxies
            .iter()
            .map(|p| {
                khabar_web::stats::parse_proxy(p).with_context(|| {
                    format!("stats.trusted_proxies: `{p}` is not an address or CIDR range")
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(khabar_web::stats::StatsSettings {
            dedup: Duration::from_secs(self.dedup_minutes * 60),
            trusted_proxies,
            respect_dnt: self.respect_dnt,
            visitor_badge: self.visitor_badge,
            retention_days: self.retention_days,
            address_cap_per_hour: self.address_cap_per_hour,
        })
    }
}

/// Hides a password in a database URL for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let head = url.get(..scheme + 3).unwrap_or("");
            let tail = url.get(at..).unwrap_or("");
            format!("{head}***{tail}")
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_is_valid_and_complete() {
        let raw: RawConfig = Figment::from(Toml::string(EXAMPLE))
            .extract()
            .expect("example parses");
        let config = raw
            .validate(Overrides::default())
            .expect("example validates");
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        // Every key the example shows is a real key: re-serialising the defaults
        // gives the same set of keys.
        let defaults = toml_keys(&Figment::from(Serialized::defaults(RawConfig::default())));
        let example = toml_keys(&Figment::from(Toml::string(EXAMPLE)));
        assert_eq!(defaults, example);
    }

    fn toml_keys(f: &Figment) -> Vec<String> {
        let dict: figment::value::Dict = f.extract().expect("a table");
        let mut keys: Vec<String> = dict
            .iter()
            .flat_map(|(section, v)| {
                v.as_dict()
                    .map(|d| {
                        d.keys()
                            .map(|k| format!("{section}.{k}"))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        let bad = Figment::from(Toml::string("[server]\nlisten = \"x\"\ncolour = 1\n"))
            .extract::<RawConfig>();
        assert!(bad.unwrap_err().to_string().contains("colour"));
        let raw = RawConfig::default();
        let err = raw
            .clone()
            .validate(Overrides {
                listen: Some("nowhere".into()),
                database_url: None,
            })
            .unwrap_err();
        assert!(err.to_string().starts_with("server.listen"), "{err}");
        let err = raw
            .validate(Overrides {
                listen: None,
                database_url: Some("mysql://user:secret@host/db".into()),
            })
            .unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
    }
}
