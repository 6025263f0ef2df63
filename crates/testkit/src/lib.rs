//! Test support: [`TestServer`] runs the real Khabar server — real SQLite file,
//! real socket on port 0 — inside the test process. The listener is bound
//! before the server task starts, so a test can send requests at once: no
//! sleeping, no polling.

mod postgres;

pub use postgres::{POSTGRES_URL_VAR, TestPostgres};

use khabar_app::config::{Config, Overrides, RawConfig};
use khabar_search::SearchService;
use std::net::SocketAddr;
use std::sync::Arc;
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running server and the temporary folder holding its database.
pub struct TestServer {
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    /// The database URL, for opening a second connection from the test.
    pub database_url: String,
    pub dir: TempDir,
    /// The server's search service: `server.search.catch_up().await` makes
    /// every change in the database searchable before the test goes on.
    pub search: Arc<SearchService>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

/// A configuration for a test: port 0, a database in `dir`, no in-memory page
/// cache (so a test sees its own writes at once), defaults otherwise.
///
/// # Panics
/// If the default configuration does not validate (a bug).
pub fn test_config(dir: &TempDir) -> Config {
    let mut config = RawConfig::default()
        .validate(Overrides {
            listen: Some("127.0.0.1:0".into()),
            database_url: Some(format!("sqlite://{}/khabar.db", dir.path().display())),
        })
        .expect("default test configuration is valid");
    config.page_cache = std::time::Duration::ZERO;
    config
}

impl TestServer {
    /// Starts a server over an empty database.
    pub async fn start() -> TestServer {
        Self::start_with(false, |_| {}).await
    }

    /// Starts a server over a database filled with the demo articles.
    pub async fn start_demo() -> TestServer {
        Self::start_with(true, |_| {}).await
    }

    /// Starts a server, letting the test adjust the configuration first.
    ///
    /// # Panics
    /// When the temporary folder or the socket cannot be created.
    pub async fn start_with(demo: bool, adjust: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut config = test_config(&dir);
        adjust(&mut config);
        Self::start_in(dir, config, demo).await
    }

    /// Starts a server with a given folder and configuration (e.g. to restart
    /// over the same database).
    ///
    /// # Panics
    /// When the socket cannot be bound.
    pub async fn start_in(dir: TempDir, config: Config, demo: bool) -> TestServer {
        let listener = TcpListener::bind(config.listen).await.expect("bind port 0");
        let addr = listener.local_addr().expect("local address");
        let database_url = config.database_url.clone();
        let (tx, rx) = oneshot::channel::<()>();
        let (search_tx, search_rx) = oneshot::channel::<Arc<SearchService>>();
        let task = tokio::spawn(khabar_app::serve_with_hooks(
            config,
            listener,
            async move {
                let _ = rx.await;
            },
            demo,
            move |search| {
                let _ = search_tx.send(search);
            },
        ));
        let search = match search_rx.await {
            Ok(search) => search,
            Err(_) => match task.await {
                Ok(Err(e)) => panic!("the server did not start: {e:#}"),
                other => panic!("the server did not start: {other:?}"),
            },
        };
        TestServer {
            addr,
            base: format!("http://{addr}"),
            database_url,
            dir,
            search,
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the server gracefully and returns its folder (to restart over it).
    ///
    /// # Panics
    /// When the server task failed.
    pub async fn stop(mut self) -> TempDir {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await
                .expect("server task")
                .expect("server ran cleanly");
        }
        let dir = tempfile::tempdir().expect("temporary folder");
        std::mem::replace(&mut self.dir, dir)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
