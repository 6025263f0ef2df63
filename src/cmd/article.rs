//! `khabar article add FILE.md | DIR`.
//!
//! Every file is parsed and validated before anything is written: one bad file
//! in a folder means nothing from that folder is added.

use super::{load_config, progress};
use crate::cli::SiteArgs;
use anyhow::{Context, bail};
use jiff::Timestamp;
use khabar_core::NewArticle;
use khabar_ingest::{ImportOptions, parse_article};
use std::path::{Path, PathBuf};

const BATCH: usize = 200;

fn markdown_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in
            std::fs::read_dir(&d).with_context(|| format!("cannot read {}", d.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn parse_file(path: &Path, options: &ImportOptions) -> anyhow::Result<NewArticle> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: not valid UTF-8 text", path.display()))?;
    let (article, ignored) =
        parse_article(&text, options).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if !ignored.is_empty() {
        tracing::debug!(file = %path.display(), keys = ?ignored, "front matter keys ignored");
    }
    Ok(article)
}

pub async fn add(site: &SiteArgs, path: &Path) -> anyhow::Result<()> {
    let config = load_config(site, None)?;
    let options = ImportOptions {
        time_zone: config.locale.time_zone.clone(),
        now: Timestamp::now(),
    };
    let files = if path.is_dir() {
        markdown_files(path)?
    } else if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        bail!("{}: no such file or folder", path.display());
    };
    if files.is_empty() {
        bail!("{}: no .md files found", path.display());
    }
    let mut articles = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in &files {
        match parse_file(file, &options) {
            Ok(a) => articles.push(a),
            Err(e) => errors.push(e),
        }
    }
    if let Some(first) = errors.first() {
        for e in errors.iter().skip(1) {
            eprintln!("khabar: {e}");
        }
        bail!(
            "{first}{}",
            if errors.len() > 1 {
                format!(" (and {} more; nothing was added)", errors.len() - 1)
            } else {
                " (nothing was added)".into()
            }
        );
    }
    let store = khabar_app::open_store(&config.database_url).await?;
    let base = config
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", config.listen));
    if articles.len() == 1 {
        let id = store.create_article(&articles[0], Timestamp::now()).await?;
        println!("{id}\t{base}{}", article_path(id, &articles[0].slug));
    } else {
        let bar = progress(articles.len() as u64, "importing");
        for chunk in articles.chunks(BATCH) {
            let ids = store.create_articles(chunk, Timestamp::now()).await?;
            for (id, a) in ids.iter().zip(chunk) {
                let line = format!("{id}\t{base}{}", article_path(*id, &a.slug));
                bar.suspend(|| println!("{line}"));
            }
            bar.inc(chunk.len() as u64);
        }
        bar.finish_with_message(format!("imported {} articles", articles.len()));
    }
    store.close().await;
    Ok(())
}

fn article_path(id: khabar_core::ArticleId, slug: &str) -> String {
    khabar_web::urls::article(id, slug)
}
