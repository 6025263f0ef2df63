//! Configuration: a TOML file, `KHABAR_<SECTION>__<KEY>` environment overrides,
//! then command-line flags. Parsed loosely into [`RawConfig`] (every key has a
//! default and unknown keys are errors), then validated into [`Config`].

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use khabar_i18n::{DigitStyle, Lang, LocaleSettings, MonthNames};
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
    pub search: SearchSection,
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
    /// `sqlite://PATH` (created when missing).
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
    pub search: SearchConfig,
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
        if !self.database.url.starts_with("sqlite:") {
            bail!(
                "database.url: `{}` is not supported (use sqlite://PATH)",
                redact(&self.database.url)
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
        if self.server.max_connections == 0 {
            bail!("server.max_connections: must be at least 1");
        }
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
        Ok(Config {
            search,
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
