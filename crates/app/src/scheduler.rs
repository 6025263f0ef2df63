//! The publishing scheduler: a background task that publishes scheduled
//! articles whose time has come, whether or not anyone visits the site.
//!
//! It runs once at start-up (catching up on articles that fell due while the
//! server was down) and then every `interval`. Each run is one atomic
//! `scheduled → published` update in the store, so several servers running
//! their own schedulers against one database never publish an article twice.

use jiff::Timestamp;
use khabar_store::SharedEditorial;
use std::time::Duration;

/// Publishes due articles now; returns how many.
pub async fn run_once(editorial: &SharedEditorial) -> usize {
    match editorial.publish_due(Timestamp::now()).await {
        Ok(ids) => {
            for id in &ids {
                tracing::info!(article = id.0, "scheduled article published");
            }
            ids.len()
        }
        Err(e) => {
            tracing::error!(error = %e, "scheduler run failed");
            0
        }
    }
}

/// Runs the scheduler until the task is aborted.
pub async fn run(editorial: SharedEditorial, interval: Duration) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        run_once(&editorial).await;
    }
}
