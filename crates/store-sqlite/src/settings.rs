//! [`SettingsStore`] on SQLite: the single row of `site_settings`.

use crate::{SqliteStore, backend};
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::UserId;
use khabar_store::{SettingsStore, StoreError, StoreResult, StoredSettings};
use sqlx::Row;

#[async_trait]
impl SettingsStore for SqliteStore {
    async fn site_settings(&self) -> StoreResult<Option<StoredSettings>> {
        let Some(row) = sqlx::query(
            "select site_name, logo_url, logo_alt, digits, month_names, time_zone, show_hijri, \
             comment_moderation, comments_close_after_days, updated_at, updated_by \
             from site_settings where id = 1",
        )
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)?
        else {
            return Ok(None);
        };
        let days: i64 = row.try_get("comments_close_after_days").map_err(backend)?;
        Ok(Some(StoredSettings {
            site_name: row.try_get("site_name").map_err(backend)?,
            logo_url: row.try_get("logo_url").map_err(backend)?,
            logo_alt: row.try_get("logo_alt").map_err(backend)?,
            digits: row.try_get("digits").map_err(backend)?,
            month_names: row.try_get("month_names").map_err(backend)?,
            time_zone: row.try_get("time_zone").map_err(backend)?,
            show_hijri: row.try_get::<i64, _>("show_hijri").map_err(backend)? != 0,
            comment_moderation: row.try_get("comment_moderation").map_err(backend)?,
            comments_close_after_days: u32::try_from(days).unwrap_or(0),
            updated_at: Timestamp::from_second(row.try_get("updated_at").map_err(backend)?)
                .map_err(|e| StoreError::Backend(Box::new(e)))?,
            updated_by: row
                .try_get::<Option<i64>, _>("updated_by")
                .map_err(backend)?
                .map(UserId),
        }))
    }

    async fn save_site_settings(&self, s: &StoredSettings) -> StoreResult<()> {
        let mut tx = self.begin_immediate().await?;
        sqlx::query(
            "insert into site_settings (id, site_name, logo_url, logo_alt, digits, month_names, \
             time_zone, show_hijri, comment_moderation, comments_close_after_days, updated_at, \
             updated_by) values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             on conflict (id) do update set site_name = excluded.site_name, \
             logo_url = excluded.logo_url, logo_alt = excluded.logo_alt, \
             digits = excluded.digits, month_names = excluded.month_names, \
             time_zone = excluded.time_zone, show_hijri = excluded.show_hijri, \
             comment_moderation = excluded.comment_moderation, \
             comments_close_after_days = excluded.comments_close_after_days, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(&s.site_name)
        .bind(s.logo_url.as_deref())
        .bind(&s.logo_alt)
        .bind(&s.digits)
        .bind(&s.month_names)
        .bind(&s.time_zone)
        .bind(i64::from(s.show_hijri))
        .bind(&s.comment_moderation)
        .bind(i64::from(s.comments_close_after_days))
        .bind(s.updated_at.as_second())
        .bind(s.updated_by.map(|u| u.0))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn clear_site_settings(&self) -> StoreResult<()> {
        let mut tx = self.begin_immediate().await?;
        sqlx::query("delete from site_settings")
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }
}
