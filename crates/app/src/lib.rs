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

use anyhow::Context;
use config::Config;
use khabar_search::{SearchService, SearchSettings};
use khabar_store::SharedStore;
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
    Ok(open_sqlite(url).await?)
}

/// The SQLite backend itself, for the feature traits it implements beside
/// [`khabar_store::Store`] (e.g. [`khabar_store::SearchFeed`]).
///
/// # Errors
/// As [`open_store`].
pub async fn open_sqlite(url: &str) -> anyhow::Result<Arc<khabar_store_sqlite::SqliteStore>> {
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
    let store = khabar_store_sqlite::SqliteStore::open(url)
        .await
        .with_context(|| format!("cannot open the database {url}"))?;
    Ok(Arc::new(store))
}

/// Opens the search index of `config` over `backend`.
///
/// # Errors
/// When the index folder cannot be created or another process holds it.
pub fn open_search(
    config: &Config,
    backend: Arc<khabar_store_sqlite::SqliteStore>,
) -> anyhow::Result<SearchService> {
    SearchService::open(
        backend,
        SearchSettings {
            index_dir: Some(config.search.index_dir.clone()),
            related_count: config.search.related_count as usize,
            poll_interval: config.search.poll_interval,
        },
    )
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
    serve_with_hooks(config, listener, shutdown, demo, |_| {}).await
}

/// [`serve_with_listener`], handing the search service to `on_search` once
/// it is open, so tests can await [`SearchService::catch_up`].
///
/// # Errors
/// As [`serve_with_listener`], and when the search index cannot be opened.
pub async fn serve_with_hooks(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
    demo: bool,
    on_search: impl FnOnce(Arc<SearchService>),
) -> anyhow::Result<()> {
    let backend = open_sqlite(&config.database_url).await?;
    let store: SharedStore = backend.clone();
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
    let search = Arc::new(open_search(&config, backend)?);
    on_search(search.clone());
    let (stop_indexer, indexer_stopped) = tokio::sync::oneshot::channel::<()>();
    let indexer = tokio::spawn(search.clone().run(async move {
        let _ = indexer_stopped.await;
    }));
    let state = AppState::new(
        store.clone(),
        SiteSettings {
            base_url,
            locale: config.locale.clone(),
            per_page: config.per_page,
            page_max_age: config.page_max_age,
        },
    )
    .with_search(khabar_web::search::SearchFeature {
        service: search,
        read_also_after_paragraph: config.search.read_also_after_paragraph as usize,
    });
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
    let _ = stop_indexer.send(());
    if let Err(e) = indexer.await {
        tracing::error!(error = %e, "search indexer stopped abnormally");
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
