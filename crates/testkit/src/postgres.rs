//! A fresh PostgreSQL database per test, on the server named by
//! `KHABAR_TEST_POSTGRES_URL` (e.g. `postgres://postgres@127.0.0.1:5432/postgres`).

use std::sync::atomic::{AtomicU32, Ordering};

/// The environment variable naming the PostgreSQL server tests may use.
pub const POSTGRES_URL_VAR: &str = "KHABAR_TEST_POSTGRES_URL";

/// A database created for one test and dropped when the test ends.
pub struct TestPostgres {
    admin_url: String,
    name: String,
    /// The URL of the new, empty database.
    pub url: String,
}

fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let head = match base.rfind('/') {
        Some(i)
            if base
                .get(..i)
                .is_some_and(|h| h.ends_with(|c: char| c != '/')) =>
        {
            base.get(..i).unwrap_or(base)
        }
        _ => base,
    };
    format!("{head}/{db}{query}")
}

impl TestPostgres {
    /// Creates an empty database, or returns `None` when no server is
    /// configured (the PostgreSQL half of the story is then skipped; CI always
    /// configures one).
    ///
    /// # Panics
    /// When a server is configured but the database cannot be created.
    pub async fn create() -> Option<TestPostgres> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let admin_url = std::env::var(POSTGRES_URL_VAR).ok()?;
        let name = format!(
            "khabar_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        let mut admin = admin_connection(&admin_url).await;
        sqlx_execute(&mut admin, &format!("create database {name}")).await;
        Some(TestPostgres {
            url: with_database(&admin_url, &name),
            admin_url,
            name,
        })
    }

    /// Drops the database (call after closing every connection to it).
    pub async fn drop_database(self) {
        let mut admin = admin_connection(&self.admin_url).await;
        sqlx_execute(
            &mut admin,
            &format!("drop database if exists {} with (force)", self.name),
        )
        .await;
    }
}

async fn admin_connection(url: &str) -> sqlx::PgConnection {
    use sqlx::Connection;
    sqlx::PgConnection::connect(url)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR} is set but unreachable: {e}"))
}

async fn sqlx_execute(conn: &mut sqlx::PgConnection, sql: &str) {
    use sqlx::Executor;
    conn.execute(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_replace_the_path() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
    }
}
