//! Newsroom accounts, their sessions, login throttling and the audit log.

use async_trait::async_trait;
use jiff::Timestamp;
use khabar_core::{NewUser, User, UserId};
use std::sync::Arc;

use crate::StoreResult;

/// A signed-in browser. The token itself is never stored, only its SHA-256,
/// so a copy of the database does not let anyone sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub user_id: UserId,
    /// The form token every state-changing request of this session carries.
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

/// One line of the audit log: who did what to which thing, from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub user_id: Option<UserId>,
    /// e.g. `login`, `login_failed`, `article_publish`.
    pub action: String,
    /// e.g. `article:12`, or the e-mail address tried at login.
    pub target: String,
    pub address: String,
}

/// Consecutive failed logins for one key (an account or an address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailures {
    pub count: u32,
    pub last_at: Timestamp,
}

#[async_trait]
pub trait AccountStore: Send + Sync + 'static {
    /// Creates an account. `StoreError::Conflict` when the e-mail is taken.
    async fn create_user(&self, user: &NewUser, now: Timestamp) -> StoreResult<UserId>;
    async fn user(&self, id: UserId) -> StoreResult<Option<User>>;
    /// The account with this (normalised) e-mail and its password hash.
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<(User, String)>>;
    async fn users(&self) -> StoreResult<Vec<User>>;
    /// Replaces the password hash and ends every session of the account.
    /// Returns false when there is no such account.
    async fn set_password(&self, id: UserId, hash: &str) -> StoreResult<bool>;
    /// Disables or re-enables an account; disabling ends its sessions.
    async fn set_disabled(&self, id: UserId, disabled: bool) -> StoreResult<bool>;
    async fn set_lang(&self, id: UserId, lang: &str) -> StoreResult<()>;

    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    async fn session(&self, token_hash: &str) -> StoreResult<Option<Session>>;
    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> StoreResult<()>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Ends every session of `user` except `keep`; returns how many ended.
    async fn delete_other_sessions(&self, user: UserId, keep: &str) -> StoreResult<u64>;

    async fn login_failures(&self, key: &str) -> StoreResult<Option<LoginFailures>>;
    /// Counts one more failure for `key` and returns the new count.
    async fn record_login_failure(&self, key: &str, now: Timestamp) -> StoreResult<u32>;
    async fn clear_login_failures(&self, key: &str) -> StoreResult<()>;

    async fn audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    /// The newest `limit` entries, newest first.
    async fn audit_log(&self, limit: u32) -> StoreResult<Vec<AuditEntry>>;
}

pub type SharedAccounts = Arc<dyn AccountStore>;
