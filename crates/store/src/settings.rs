//! The site settings an admin edits in the newsroom (site name, logo,
//! digits, month names, time zone, Hijri date, comment policy), kept in the
//! database so every server applies them without a restart.
//!
//! The store keeps what the web layer checked; enumerations travel as
//! their configuration spellings (`western`, `arabic_indic`, `first_time` …)
//! so this crate needs neither the i18n nor the comments crate.

use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::UserId;
use std::sync::Arc;

use crate::StoreResult;

/// The settings page as last saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSettings {
    pub site_name: String,
    /// A `/media/…` address made by the upload pipeline; `None`: no logo.
    pub logo_url: Option<String>,
    pub logo_alt: String,
    /// `western` or `arabic_indic`.
    pub digits: String,
    /// `egypt`, `levant`, `maghreb` or `morocco`.
    pub month_names: String,
    /// An IANA zone name.
    pub time_zone: String,
    pub show_hijri: bool,
    /// `all`, `first_time` or `none`.
    pub comment_moderation: String,
    /// 0: comments never close.
    pub comments_close_after_days: u32,
    pub updated_at: Timestamp,
    pub updated_by: Option<UserId>,
}

#[async_trait]
pub trait SettingsStore: Send + Sync + 'static {
    /// The saved settings, or `None` while no admin has saved the page
    /// (the configuration file's values apply).
    async fn site_settings(&self) -> StoreResult<Option<StoredSettings>>;

    /// Replaces the saved settings.
    async fn save_site_settings(&self, settings: &StoredSettings) -> StoreResult<()>;

    /// Forgets the saved settings: the configuration file applies again.
    async fn clear_site_settings(&self) -> StoreResult<()>;
}

pub type SharedSettings = Arc<dyn SettingsStore>;
