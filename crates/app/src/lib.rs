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
pub mod notify;
pub mod scheduler;

use anyhow::Context;
use config::Config;
use khabar_search::{SearchService, SearchSettings};
use khabar_store::{
    CommentStore, SearchStore, SharedAccounts, SharedEditorial, SharedSettings, SharedStatsStore,
    SharedStore, SharedTaxonomy,
};
use khabar_web::comments::CommentsState;
use khabar_web::newsroom::{Newsroom, NewsroomSettings};
use khabar_web::server::ConnectionLimits;
use khabar_web::{AppState, HttpLimits, SiteSettings};
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Opens the backend named by `url` (`sqlite://PATH` or `postgres://…`),
/// creating the SQLite file's folder when missing, and applies migrations.
///
/// # Errors
/// An unsupported URL, a folder that cannot be created, a database that cannot
/// be opened or migrated.
pub async fn open_store(url: &str) -> anyhow::Result<SharedStore> {
    Ok(open_backend(url).await?.store)
}

/// The storage traits of one backend, each behind its own shared handle.
/// A feature whose trait a backend does not implement yet is `None` there.
#[derive(Clone)]
pub struct Backend {
    pub store: SharedStore,
    pub accounts: Option<SharedAccounts>,
    pub editorial: Option<SharedEditorial>,
    pub taxonomy: Option<SharedTaxonomy>,
    pub settings: Option<SharedSettings>,
    pub comments: Option<Arc<dyn CommentStore>>,
    pub stats: Option<SharedStatsStore>,
    pub search: Option<Arc<dyn SearchStore>>,
}

/// Like [`open_store`], with every storage trait of the backend.
///
/// # Errors
/// As [`open_store`].
pub async fn open_backend(url: &str) -> anyhow::Result<Backend> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let store = khabar_store_postgres::PostgresStore::open(url)
            .await
            .with_context(|| format!("cannot open the database {}", config::redact(url)))?;
        return Ok(Backend {
            store: Arc::new(store),
            accounts: None,
            editorial: None,
            taxonomy: None,
            settings: None,
            comments: None,
            stats: None,
            search: None,
        });
    }
    let Some(rest) = url.strip_prefix("sqlite:") else {
        anyhow::bail!(
            "unsupported database URL `{}` (use sqlite://PATH or postgres://…)",
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
    let store = Arc::new(store);
    Ok(Backend {
        store: store.clone(),
        accounts: Some(store.clone()),
        editorial: Some(store.clone()),
        taxonomy: Some(store.clone()),
        settings: Some(store.clone()),
        comments: Some(store.clone()),
        stats: Some(store.clone()),
        search: Some(store),
    })
}

/// Opens the search index of `config` over `backend`.
///
/// # Errors
/// When the index folder cannot be created or another process holds it.
pub fn open_search(config: &Config, feed: Arc<dyn SearchStore>) -> anyhow::Result<SearchService> {
    SearchService::open(
        feed,
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
    let backend = open_backend(&config.database_url).await?;
    let store = backend.store.clone();
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
    let search = match backend.search.clone() {
        Some(feed) => Some(Arc::new(open_search(&config, feed)?)),
        None => {
            tracing::warn!("this database backend has no search feed yet; search is off");
            None
        }
    };
    let mut indexer = None;
    if let Some(search) = &search {
        on_search(search.clone());
        let (stop_indexer, indexer_stopped) = tokio::sync::oneshot::channel::<()>();
        indexer = Some((
            stop_indexer,
            tokio::spawn(search.clone().run(async move {
                let _ = indexer_stopped.await;
            })),
        ));
    }
    let mut state = AppState::new(
        store.clone(),
        SiteSettings {
            base_url: base_url.clone(),
            locale: config.locale.clone(),
            per_page: config.per_page,
            page_max_age: config.page_max_age,
            page_cache: config.page_cache,
            name: None,
            logo: None,
            comments: config
                .comments
                .as_ref()
                .map(|c| khabar_web::CommentPolicy {
                    moderation: c.moderation,
                    close_after_days: c.close_after_days,
                })
                .unwrap_or_default(),
        },
    );
    if let Some(taxonomy) = &backend.taxonomy {
        state = state.with_slug_history(taxonomy.clone());
    }
    let mut flusher = None;
    match backend.stats.clone() {
        Some(stats_store) => {
            let stats = Arc::new(khabar_web::stats::Stats::new(
                stats_store,
                config.stats.clone(),
                &base_url,
                config.locale.time_zone.clone(),
            ));
            state = state.with_stats(stats.clone());
            // Counted views are flushed every interval; after the server has
            // stopped (no request in flight) the flusher writes the rest.
            let (stop_flusher, flusher_stopped) = tokio::sync::oneshot::channel::<()>();
            flusher = Some((
                stop_flusher,
                tokio::spawn(khabar_web::stats::run_flusher(
                    stats,
                    config.flush_interval,
                    async move {
                        let _ = flusher_stopped.await;
                    },
                )),
            ));
        }
        None => {
            tracing::warn!("this database backend has no statistics yet; views are not counted")
        }
    }
    let mut scheduler = None;
    let newsroom_stores = backend
        .accounts
        .clone()
        .zip(backend.editorial.clone())
        .zip(backend.taxonomy.clone().zip(backend.settings.clone()));
    if config.newsroom.enabled && newsroom_stores.is_none() {
        tracing::warn!("this database backend has no newsroom yet; serving the reading site only");
    }
    if let (true, Some(((accounts, editorial), (taxonomy, site_settings)))) =
        (config.newsroom.enabled, newsroom_stores)
    {
        let secure_cookies = state.site().base_url.starts_with("https://");
        state = state.with_newsroom(Newsroom {
            accounts,
            editorial: editorial.clone(),
            taxonomy,
            site_settings,
            settings: NewsroomSettings {
                secure_cookies,
                session_idle: config.newsroom.session_idle,
                session_max: config.newsroom.session_max,
                media_dir: config.newsroom.media_dir.clone(),
                public_origin: config
                    .base_url
                    .as_deref()
                    .and_then(khabar_web::newsroom::origin_of),
                max_form_bytes: config.newsroom.max_form_bytes,
            },
        });
        // What an admin saved on the settings page wins over the file.
        khabar_web::newsroom::settings::apply_saved(&state)
            .await
            .map_err(|e| anyhow::anyhow!("cannot read the saved site settings: {e}"))?;
        scheduler = Some(tokio::spawn(scheduler::run(
            editorial,
            config.newsroom.scheduler_interval,
        )));
    }
    let mut notifier = None;
    let comment_store = backend.comments.clone();
    if config.comments.is_some() && comment_store.is_none() {
        tracing::warn!("this database backend has no comments yet; serving articles without them");
    }
    let state = match config.comments.clone().zip(comment_store) {
        Some((settings, comment_store)) => {
            // Comments believe the same proxies as the statistics.
            let mut comments = CommentsState::load(comment_store.clone(), settings)
                .await?
                .with_trusted_proxies(config.stats.trusted_proxies.clone());
            if let Some(n) = config.comment_notify.clone() {
                let (tx, rx) = tokio::sync::mpsc::channel(1);
                comments.held = Some(tx);
                notifier = Some(tokio::spawn(notify::run(
                    comment_store,
                    notify::NotifySettings {
                        batch: n.batch,
                        webhook_url: n.webhook_url,
                        smtp: n.smtp,
                        base_url: base_url.clone(),
                        locale: config.locale.clone(),
                    },
                    rx,
                )));
            }
            state.with_comments(comments)
        }
        None => state,
    };
    let state = match search {
        Some(service) => state.with_search(khabar_web::search::SearchFeature {
            service,
            read_also_after_paragraph: config.search.read_also_after_paragraph as usize,
        }),
        None => state,
    };
    let router = khabar_web::router(
        state,
        HttpLimits {
            request_timeout: config.request_timeout,
            max_body_bytes: config.max_body_bytes,
            max_form_bytes: config.newsroom.max_form_bytes,
            max_upload_bytes: config.newsroom.max_upload_bytes,
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
    if let Some(task) = scheduler {
        task.abort();
        let _ = task.await;
    }
    // The router, and with it the notifier's wake-up sender, is gone: the
    // notifier sends what it gathered and ends. A stuck mail server does not
    // hold the shutdown for long.
    if let Some(task) = notifier {
        let abort = task.abort_handle();
        if tokio::time::timeout(std::time::Duration::from_secs(10), task)
            .await
            .is_err()
        {
            tracing::warn!("moderator notification did not finish; giving up");
            abort.abort();
        }
    }
    if let Some((stop_flusher, task)) = flusher {
        let _ = stop_flusher.send(());
        if let Err(e) = task.await {
            tracing::error!(error = %e, "the statistics flusher failed");
        }
    }
    if let Some((stop_indexer, task)) = indexer {
        let _ = stop_indexer.send(());
        if let Err(e) = task.await {
            tracing::error!(error = %e, "search indexer stopped abnormally");
        }
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
