//! `khabar demo generate --articles N`.

use super::{load_config, progress};
use crate::cli::SiteArgs;
use jiff::Timestamp;
use khabar_app::demo::Generator;

const BATCH: u64 = 1_000;

pub async fn generate(site: &SiteArgs, count: u64, seed: u64) -> anyhow::Result<()> {
    let config = load_config(site, None)?;
    let store = khabar_app::open_store(&config.database_url).await?;
    let mut generator = Generator::new(seed)?;
    let bar = progress(count, "generating");
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        let batch: Vec<_> = (0..n).map(|_| generator.article()).collect();
        store.create_articles(&batch, Timestamp::now()).await?;
        done += n;
        bar.inc(n);
    }
    bar.finish_with_message(format!("generated {count} articles"));
    store.close().await;
    Ok(())
}
