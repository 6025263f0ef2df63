//! [`DuplicateGuard`]: before an import writes anything, which of its
//! articles are near-copies of a published article or of an earlier file
//! of the same import.
//!
//! It must work whether or not a server runs: the index on disk is opened
//! read-only (tantivy lets readers in beside a running writer), and what it
//! may not hold yet — rows changed since its last commit, or everything
//! when there is no index — goes into a small index in memory, with the
//! import's own articles. A match from the index on disk is checked again
//! against the database, so an article edited or unpublished since the
//! index's last commit is judged by what it is now.

use crate::dup::{NEAR_DUPLICATE, Signature};
use crate::index::{SearchIndex, Watermark};
use crate::related::Subject;
use crate::schema::matching_text;
use crate::service::LAG_SECS;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId, ArticleStatus};
use khabar_store::{SearchStore, SharedStore};
use std::path::Path;
use std::sync::Arc;

/// Ids given to the import's own articles in the memory index, far above
/// any stored id.
const IMPORT_ID_BASE: i64 = 1 << 52;
/// Rows read from the store per query.
const BATCH: u32 = 500;

/// What an imported text is a near-copy of.
#[derive(Debug, Clone, PartialEq)]
pub enum CopyOf {
    /// A published article.
    Article {
        id: ArticleId,
        slug: String,
        title: String,
        similarity: f32,
    },
    /// An earlier text of the same import (its position).
    Earlier { position: usize, similarity: f32 },
}

/// The indexes an import is compared with.
pub struct DuplicateGuard {
    disk: Option<SearchIndex>,
    memory: SearchIndex,
    articles: SharedStore,
    count: usize,
}

impl DuplicateGuard {
    /// Prepares the comparison of `texts` (each an import's title, lead and
    /// plain body, as [`crate::schema::matching_text_of`] makes them) with
    /// the published articles of `store` (`articles` is the same database
    /// through the main trait) and with each other.
    ///
    /// # Errors
    /// Store or tantivy errors.
    pub async fn open(
        store: Arc<dyn SearchStore>,
        articles: SharedStore,
        index_dir: &Path,
        texts: &[String],
    ) -> anyhow::Result<DuplicateGuard> {
        let now = Timestamp::now();
        let (disk, mark) = match SearchIndex::open_read_only(index_dir)? {
            Some((index, mark)) => (Some(index), mark),
            None => (None, Watermark::default()),
        };
        let memory = SearchIndex::in_ram()?;
        // Whatever the index on disk may not have seen yet.
        let since = Timestamp::from_second(mark.updated_at.saturating_sub(LAG_SECS).max(0))?;
        let mut cursor = (since, ArticleId(0));
        loop {
            let batch = store.changed_articles(cursor.0, cursor.1, BATCH).await?;
            let Some(last) = batch.last() else { break };
            cursor = (last.updated_at.max(last.created_at), last.id);
            let public: Vec<Article> = batch.into_iter().filter(|a| a.is_public(now)).collect();
            memory.apply(&public, &[])?;
        }
        if mark.checked_at > 0 {
            // Scheduled articles that came due since the last commit.
            let mut after = ArticleId(0);
            let due_since = Timestamp::from_second(mark.checked_at)?;
            loop {
                let batch = store.came_due(due_since, now, after, BATCH).await?;
                let Some(last) = batch.last() else { break };
                after = last.id;
                memory.apply(&batch, &[])?;
            }
        }
        let imported: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| imported_article(i, text, now))
            .collect();
        memory.apply(&imported, &[])?;
        memory.commit(Watermark::default())?;
        Ok(DuplicateGuard {
            disk,
            memory,
            articles,
            count: texts.len(),
        })
    }

    /// What text `position` (of those given to [`open`](Self::open)) is a
    /// near-copy of: the most similar published article, else the most
    /// similar earlier text; `None` when it is new.
    ///
    /// # Errors
    /// Store or tantivy errors.
    pub async fn copy_of(&self, position: usize, text: &str) -> anyhow::Result<Option<CopyOf>> {
        if position >= self.count {
            return Ok(None);
        }
        let subject = Subject {
            id: import_id(position),
            text: text.to_owned(),
            tag_ids: Vec::new(),
            section_id: None,
        };
        let own = Signature::of(text);
        let mut best_article: Option<CopyOf> = None;
        let mut best_earlier: Option<CopyOf> = None;
        let mut found = self.memory.find_near_duplicates(&subject)?;
        if let Some(disk) = &self.disk {
            found.extend(disk.find_near_duplicates(&subject)?);
        }
        let now = Timestamp::now();
        for d in found {
            if d.id.0 >= IMPORT_ID_BASE {
                let earlier = usize::try_from(d.id.0 - IMPORT_ID_BASE).unwrap_or(usize::MAX);
                if earlier < position && better(&best_earlier, d.similarity) {
                    best_earlier = Some(CopyOf::Earlier {
                        position: earlier,
                        similarity: d.similarity,
                    });
                }
                continue;
            }
            // Judge a stored article by what it is now, not by the index.
            let Some(article) = self.articles.article(d.id).await? else {
                continue;
            };
            if !article.is_public(now) {
                continue;
            }
            let similarity = own.similarity(&Signature::of(&matching_text(&article)));
            if similarity >= NEAR_DUPLICATE && better(&best_article, similarity) {
                best_article = Some(CopyOf::Article {
                    id: article.id,
                    slug: article.slug,
                    title: article.title,
                    similarity,
                });
            }
        }
        Ok(best_article.or(best_earlier))
    }
}

fn better(current: &Option<CopyOf>, similarity: f32) -> bool {
    match current {
        None => true,
        Some(CopyOf::Article { similarity: s, .. } | CopyOf::Earlier { similarity: s, .. }) => {
            similarity > *s
        }
    }
}

fn import_id(position: usize) -> ArticleId {
    ArticleId(IMPORT_ID_BASE + i64::try_from(position).unwrap_or(0))
}

/// An imported text as a document of the memory index (text only: copies
/// are found by their words, not by their tags).
fn imported_article(position: usize, text: &str, now: Timestamp) -> Article {
    Article {
        id: import_id(position),
        slug: String::new(),
        title: String::new(),
        lead: String::new(),
        // Already plain text: it stays as it is through the Markdown reader
        // but for markup characters, which carry no words.
        body: text.to_owned(),
        section: None,
        tags: Vec::new(),
        author: None,
        source: None,
        status: ArticleStatus::Published,
        published_at: Some(now),
        created_at: now,
        updated_at: now,
        cover: None,
        index_changed_at: None,
    }
}
