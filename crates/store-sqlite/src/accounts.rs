//! [`AccountStore`] on SQLite: accounts, sessions, login throttles, audit log.

use crate::{SqliteStore, backend};
use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{NewUser, Role, User, UserId};
use khabar_store::{AccountStore, AuditEntry, LoginFailures, Session, StoreError, StoreResult};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

const USER_COLUMNS: &str = "id, email, name, role, disabled, lang, created_at";

fn ts(secs: i64) -> StoreResult<Timestamp> {
    Timestamp::from_second(secs).map_err(|e| StoreError::Backend(Box::new(e)))
}

fn user(row: &SqliteRow) -> StoreResult<User> {
    let role: String = row.try_get("role").map_err(backend)?;
    Ok(User {
        id: UserId(row.try_get("id").map_err(backend)?),
        email: row.try_get("email").map_err(backend)?,
        name: row.try_get("name").map_err(backend)?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Invalid(format!("role {role}")))?,
        disabled: row.try_get::<i64, _>("disabled").map_err(backend)? != 0,
        lang: row.try_get("lang").map_err(backend)?,
        created_at: ts(row.try_get("created_at").map_err(backend)?)?,
    })
}

fn session(row: &SqliteRow) -> StoreResult<Session> {
    Ok(Session {
        token_hash: row.try_get("token_hash").map_err(backend)?,
        user_id: UserId(row.try_get("user_id").map_err(backend)?),
        csrf_token: row.try_get("csrf_token").map_err(backend)?,
        created_at: ts(row.try_get("created_at").map_err(backend)?)?,
        last_seen_at: ts(row.try_get("last_seen_at").map_err(backend)?)?,
    })
}

impl SqliteStore {
    /// Runs one write statement in its own `BEGIN IMMEDIATE` transaction and
    /// returns the number of rows it changed.
    async fn write_one<'q>(
        &self,
        query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    ) -> StoreResult<u64> {
        let mut tx = self.begin_immediate().await?;
        let n = query
            .execute(&mut *tx)
            .await
            .map_err(backend)?
            .rows_affected();
        tx.commit().await.map_err(backend)?;
        Ok(n)
    }
}

#[async_trait]
impl AccountStore for SqliteStore {
    async fn create_user(&self, u: &NewUser, now: Timestamp) -> StoreResult<UserId> {
        let mut tx = self.begin_immediate().await?;
        let id: i64 = sqlx::query_scalar(
            "insert into users (email, name, role, password_hash, created_at) \
             values (?, ?, ?, ?, ?) returning id",
        )
        .bind(&u.email)
        .bind(u.name.trim())
        .bind(u.role.as_str())
        .bind(&u.password_hash)
        .bind(now.as_second())
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(UserId(id))
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        sqlx::query(&format!("select {USER_COLUMNS} from users where id = ?"))
            .bind(id.0)
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?
            .as_ref()
            .map(user)
            .transpose()
    }

    async fn user_by_email(&self, email: &str) -> StoreResult<Option<(User, String)>> {
        let Some(row) = sqlx::query(&format!(
            "select {USER_COLUMNS}, password_hash from users where email = ?"
        ))
        .bind(email)
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)?
        else {
            return Ok(None);
        };
        Ok(Some((
            user(&row)?,
            row.try_get("password_hash").map_err(backend)?,
        )))
    }

    async fn users(&self) -> StoreResult<Vec<User>> {
        sqlx::query(&format!("select {USER_COLUMNS} from users order by id"))
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?
            .iter()
            .map(user)
            .collect()
    }

    async fn set_password(&self, id: UserId, hash: &str) -> StoreResult<bool> {
        let mut tx = self.begin_immediate().await?;
        let n = sqlx::query("update users set password_hash = ? where id = ?")
            .bind(hash)
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?
            .rows_affected();
        sqlx::query("delete from sessions where user_id = ?")
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(n == 1)
    }

    async fn set_disabled(&self, id: UserId, disabled: bool) -> StoreResult<bool> {
        let mut tx = self.begin_immediate().await?;
        let n = sqlx::query("update users set disabled = ? where id = ?")
            .bind(i64::from(disabled))
            .bind(id.0)
            .execute(&mut *tx)
            .await
            .map_err(backend)?
            .rows_affected();
        if disabled {
            sqlx::query("delete from sessions where user_id = ?")
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(n == 1)
    }

    async fn set_lang(&self, id: UserId, lang: &str) -> StoreResult<()> {
        self.write_one(
            sqlx::query("update users set lang = ? where id = ?")
                .bind(lang.to_string())
                .bind(id.0),
        )
        .await
        .map(|_| ())
    }

    async fn create_session(&self, s: &Session) -> StoreResult<()> {
        self.write_one(
            sqlx::query(
                "insert into sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) \
                 values (?, ?, ?, ?, ?)",
            )
            .bind(s.token_hash.clone())
            .bind(s.user_id.0)
            .bind(s.csrf_token.clone())
            .bind(s.created_at.as_second())
            .bind(s.last_seen_at.as_second()),
        )
        .await
        .map(|_| ())
    }

    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>> {
        sqlx::query(
            "select token_hash, user_id, csrf_token, created_at, last_seen_at \
             from sessions where token_hash = ?",
        )
        .bind(token_hash)
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)?
        .as_ref()
        .map(session)
        .transpose()
    }

    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> StoreResult<()> {
        self.write_one(
            sqlx::query("update sessions set last_seen_at = ? where token_hash = ?")
                .bind(now.as_second())
                .bind(token_hash.to_string()),
        )
        .await
        .map(|_| ())
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        self.write_one(
            sqlx::query("delete from sessions where token_hash = ?").bind(token_hash.to_string()),
        )
        .await
        .map(|_| ())
    }

    async fn delete_other_sessions(&self, user: UserId, keep: &str) -> StoreResult<u64> {
        self.write_one(
            sqlx::query("delete from sessions where user_id = ? and token_hash <> ?")
                .bind(user.0)
                .bind(keep.to_string()),
        )
        .await
    }

    async fn login_failures(&self, key: &str) -> StoreResult<Option<LoginFailures>> {
        let Some(row) = sqlx::query(
            "select failures, last_failure_at from login_throttles where throttle_key = ?",
        )
        .bind(key)
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)?
        else {
            return Ok(None);
        };
        Ok(Some(LoginFailures {
            count: u32::try_from(row.try_get::<i64, _>("failures").map_err(backend)?)
                .unwrap_or(u32::MAX),
            last_at: ts(row.try_get("last_failure_at").map_err(backend)?)?,
        }))
    }

    async fn record_login_failure(&self, key: &str, now: Timestamp) -> StoreResult<u32> {
        let mut tx = self.begin_immediate().await?;
        let n: i64 = sqlx::query_scalar(
            "insert into login_throttles (throttle_key, failures, last_failure_at) values (?, 1, ?) \
             on conflict (throttle_key) do update set failures = login_throttles.failures + 1, \
             last_failure_at = excluded.last_failure_at returning failures",
        )
        .bind(key)
        .bind(now.as_second())
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
        self.write_one(
            sqlx::query("delete from login_throttles where throttle_key = ?").bind(key.to_string()),
        )
        .await
        .map(|_| ())
    }

    async fn audit(&self, e: &AuditEntry) -> StoreResult<()> {
        self.write_one(
            sqlx::query(
                "insert into audit_log (at, user_id, action, target, address) values (?, ?, ?, ?, ?)",
            )
            .bind(e.at.as_second())
            .bind(e.user_id.map(|u| u.0))
            .bind(e.action.clone())
            .bind(e.target.clone())
            .bind(e.address.clone()),
        )
        .await
        .map(|_| ())
    }

    async fn audit_log(&self, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        sqlx::query(
            "select at, user_id, action, target, address from audit_log \
             order by at desc, id desc limit ?",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?
        .iter()
        .map(|row| {
            Ok(AuditEntry {
                at: ts(row.try_get("at").map_err(backend)?)?,
                user_id: row
                    .try_get::<Option<i64>, _>("user_id")
                    .map_err(backend)?
                    .map(UserId),
                action: row.try_get("action").map_err(backend)?,
                target: row.try_get("target").map_err(backend)?,
                address: row.try_get("address").map_err(backend)?,
            })
        })
        .collect()
    }
}
