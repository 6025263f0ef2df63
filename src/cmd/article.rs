//! `khabar article add FILE.md | DIR`.
//!
//! Every file is parsed and validated before anything is written: one bad file
//! in a folder means nothing from that folder is added. Then each article is
//! compared with the published ones and with the files before it
//! ([`DuplicateGuard`]): a near-copy is skipped with one line naming what it
//! copies, the others are added, and the command ends with an error, unless
//! `--allow-duplicates`.

use super::{load_config, progress};
use crate::cli::SiteArgs;
use anyhow::{Context, bail};
use jiff::Timestamp;
use khabar_core::NewArticle;
use khabar_ingest::{ImportOptions, parse_article};
use khabar_search::schema::matching_text_of;
use khabar_search::{CopyOf, DuplicateGuard};
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

/// Drops the near-copies from `articles` (and `files`), printing a line for
/// each; returns how many were dropped.
async fn skip_duplicates(
    backend: &khabar_app::Backend,
    index_dir: &Path,
    base: &str,
    files: &mut Vec<PathBuf>,
    articles: &mut Vec<NewArticle>,
) -> anyhow::Result<usize> {
    let Some(store) = backend.search.clone() else {
        eprintln!("khabar: this database backend cannot look for duplicates yet; not checked");
        return Ok(0);
    };
    let texts: Vec<String> = articles
        .iter()
        .map(|a| matching_text_of(&a.title, &a.lead, &a.body))
        .collect();
    let guard = DuplicateGuard::open(store, backend.store.clone(), index_dir, &texts).await?;
    let mut keep = Vec::with_capacity(articles.len());
    for (i, text) in texts.iter().enumerate() {
        let copy = guard.copy_of(i, text).await?;
        match copy {
            None => keep.push(true),
            Some(CopyOf::Article {
                id,
                slug,
                title,
                similarity,
            }) => {
                eprintln!(
                    "khabar: {}: skipped, a near-copy ({:.0}%) of article {id} «{title}» {base}{}",
                    files[i].display(),
                    similarity * 100.0,
                    article_path(id, &slug)
                );
                keep.push(false);
            }
            Some(CopyOf::Earlier {
                position,
                similarity,
            }) => {
                eprintln!(
                    "khabar: {}: skipped, a near-copy ({:.0}%) of {} in this import",
                    files[i].display(),
                    similarity * 100.0,
                    files[position].display()
                );
                keep.push(false);
            }
        }
    }
    let skipped = keep.iter().filter(|k| !**k).count();
    let mut flags = keep.iter();
    articles.retain(|_| *flags.next().unwrap_or(&true));
    let mut flags = keep.iter();
    files.retain(|_| *flags.next().unwrap_or(&true));
    Ok(skipped)
}

pub async fn add(site: &SiteArgs, path: &Path, allow_duplicates: bool) -> anyhow::Result<()> {
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
    let backend = khabar_app::open_backend(&config.database_url).await?;
    let store = backend.store.clone();
    let base = config
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", config.listen));
    let mut files = files;
    let skipped = if allow_duplicates {
        0
    } else {
        skip_duplicates(
            &backend,
            &config.search.index_dir,
            &base,
            &mut files,
            &mut articles,
        )
        .await?
    };
    if articles.is_empty() {
        // Every file was a copy: nothing to write.
    } else if articles.len() == 1 {
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
    if skipped > 0 {
        bail!(
            "{skipped} of {} files skipped as near-copies, {} added \
             (--allow-duplicates adds the copies too)",
            skipped + articles.len(),
            articles.len()
        );
    }
    Ok(())
}

fn article_path(id: khabar_core::ArticleId, slug: &str) -> String {
    khabar_web::urls::article(id, slug)
}
