//! `khabar serve`.

use super::load_config;
use crate::cli::SiteArgs;
use anyhow::Context;

pub async fn run(site: &SiteArgs, listen: Option<String>, demo: bool) -> anyhow::Result<()> {
    let config = load_config(site, listen)?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    khabar_app::serve_with_listener(config, listener, khabar_app::shutdown_signal(), demo).await
}
