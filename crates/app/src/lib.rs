//! Khabar's composition root.
//!
//! [`config`] turns a file, the environment and flags into a validated
//! [`config::Config`]; [`open_store`] picks the backend from the database URL;
//! [`serve_with_listener`] wires store → web state → router → server and runs
//! until its shutdown future resolves. Tests bind port 0 and call it directly,
//! so no test ever sleeps waiting for a server to come up. [`demo`] holds the
//! demo articles and the synthetic-content generator.

pub mod config;
pub mod demo;
pub mod hits;

use anyhow::Context;
use config::Config;
use khabar_store::{SharedStatsStore, SharedStore};
use khabar_web::server::ConnectionLimits;
use khabar_web::{AppState, HttpLimits, SiteSettings};
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Opens the backend named by `url` (only `sqlite:` for now), creating the
/// SQLite file's folder when missing, and applies migrations.
///
/// # Errors
/// An unsupported URL, a folder that cannot be created, a database that cannot
/// be opened or migrated.
pub async fn open_store(url: &str) -> anyhow::Result<SharedStore> {
    Ok(open_backend(url).await?.0)
}

/// Opens the backend named by `url` as both the article store and the
/// statistics store (one database).
///
/// # Errors
/// As [`open_store`].
pub async fn open_backend(url: &str) -> anyhow::Result<(SharedStore, SharedStatsStore)> {
    let Some(rest) = url.strip_prefix("sqlite:") else {
        anyhow::bail!(
            "unsupported database URL `{}` (use sqlite://PATH)",
            config::redact(url)
        );
    };
    let path = rest.trim_start_matches("//");
    let path = path.split('?').next().unwrap_or(path);
    let folder = Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && path != ":memory:");
    if let Some(dir) = folder {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the database folder {}", dir.display()))?;
    }
    let store = Arc::new(
        khabar_store_sqlite::SqliteStore::open(url)
            .await
            .with_context(|| format!("cannot open the database {url}"))?,
    );
    Ok((store.clone(), store))
}

/// Serves the site on `listener` until `shutdown` resolves, then finishes
/// requests in flight and closes the database. With `demo`, an empty database
/// is first filled with the demo articles.
///
/// # Errors
/// When the database cannot be opened or the demo content cannot be loaded.
pub async fn serve_with_listener(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
    demo: bool,
) -> anyhow::Result<()> {
    let (store, stats_store) = open_backend(&config.database_url).await?;
    if demo {
        let loaded = demo::load_if_empty(&store, &config.locale.time_zone).await?;
        if loaded > 0 {
            tracing::info!(articles = loaded, "demo content loaded");
        }
    }
    let local = listener.local_addr().context("listener has no address")?;
    let base_url = config
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    let stats = Arc::new(khabar_web::stats::Stats::new(
        stats_store,
        config.stats.clone(),
        &base_url,
        config.locale.time_zone.clone(),
    ));
    let state = AppState::new(
        store.clone(),
        SiteSettings {
            base_url,
            locale: config.locale.clone(),
            per_page: config.per_page,
            page_max_age: config.page_max_age,
        },
    )
    .with_stats(stats.clone());
    // Counted views are flushed every interval; after the server has
    // stopped (no request in flight) the flusher writes the rest.
    let (stop_flusher, flusher_stopped) = tokio::sync::oneshot::channel::<()>();
    let flusher = tokio::spawn(khabar_web::stats::run_flusher(
        stats,
        config.flush_interval,
        async move {
            let _ = flusher_stopped.await;
        },
    ));
    let router = khabar_web::router(
        state,
        HttpLimits {
            request_timeout: config.request_timeout,
            max_body_bytes: config.max_body_bytes,
        },
    );
    tracing::info!(address = %local, "serving");
    khabar_web::server::serve(
        listener,
        router,
        ConnectionLimits {
            header_read_timeout: config.header_read_timeout,
            max_connections: config.max_connections,
            ..ConnectionLimits::default()
        },
        shutdown,
    )
    .await;
    let _ = stop_flusher.send(());
    if let Err(e) = flusher.await {
        tracing::error!(error = %e, "the statistics flusher failed");
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown requested");
}
