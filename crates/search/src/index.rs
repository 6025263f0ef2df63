//! The index on disk: opening (or recreating) it, writing documents, and the
//! commit payload that records the schema version and the indexer's
//! watermarks atomically with the documents.

use crate::schema::{Fields, SCHEMA_VERSION, id_u64};
use anyhow::Context;
use khabar_core::{Article, ArticleId};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Mutex;
use tantivy::collector::Count;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Heap for the index writer (tantivy's minimum is 15 MB per thread).
const WRITER_HEAP_BYTES: usize = 64 * 1024 * 1024;
/// Held by the process that writes the index ([`SearchIndex::open`]).
const LOCK_FILE: &str = "khabar.lock";

/// What is stored with each commit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watermark {
    pub schema: u32,
    /// Articles with `updated_at` at or after this (minus a safety lag) are
    /// looked at again by the next pass.
    pub updated_at: i64,
    /// The `now` of the last pass: articles whose `published_at` falls
    /// after it became public since.
    pub checked_at: i64,
    /// The stored related lists are to be computed for the whole index: set
    /// by a rebuild, cleared once every list is written. Missing (an index
    /// from before lists were stored) reads as true.
    #[serde(default = "yes")]
    pub related_pending: bool,
}

fn yes() -> bool {
    true
}

/// How [`SearchIndex::open`] found the folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    /// An index of the current schema, with its watermark.
    Current(Watermark),
    /// No index, an unreadable one or one of an older schema: it was
    /// replaced by an empty index that needs a full rebuild.
    Created,
}

/// A tantivy index with the Arabic analyzer, one writer and one reader.
pub struct SearchIndex {
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// `None` for an index opened read-only beside a running server.
    writer: Option<Mutex<IndexWriter>>,
    /// The folder's [`LOCK_FILE`], locked while this index writes to it.
    _lock: Option<std::fs::File>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the folder, and replaces it with
    /// an empty one when it is missing, unreadable or of an older schema.
    ///
    /// # Errors
    /// When the folder cannot be created or written, or the index is locked
    /// by another process.
    pub fn open(dir: &Path) -> anyhow::Result<(SearchIndex, Opened)> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the search folder {}", dir.display()))?;
        let lock = lock_dir(dir)?;
        let (schema, fields) = Fields::build();
        let (index, opened) = Self::open_locked(dir, schema, fields)?;
        Ok((
            SearchIndex {
                _lock: Some(lock),
                ..index
            },
            opened,
        ))
    }

    fn open_locked(
        dir: &Path,
        schema: tantivy::schema::Schema,
        fields: Fields,
    ) -> anyhow::Result<(SearchIndex, Opened)> {
        if let Ok(index) = Index::open_in_dir(dir) {
            let payload = index
                .load_metas()
                .ok()
                .and_then(|m| m.payload)
                .and_then(|p| serde_json::from_str::<Watermark>(&p).ok());
            if let Some(mark) = payload.filter(|m| m.schema == SCHEMA_VERSION)
                && index.schema() == schema
            {
                return Ok((Self::from_index(index, fields)?, Opened::Current(mark)));
            }
            tracing::info!(dir = %dir.display(), "search index is of an older schema: recreating it");
        }
        clear_dir(dir)?;
        let index = Index::create_in_dir(dir, schema)
            .with_context(|| format!("cannot create the search index in {}", dir.display()))?;
        Ok((Self::from_index(index, fields)?, Opened::Created))
    }

    /// An index in memory (tests, benchmarks).
    ///
    /// # Errors
    /// Only if tantivy cannot allocate its writer.
    pub fn in_ram() -> anyhow::Result<SearchIndex> {
        let (schema, fields) = Fields::build();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    /// Opens the current index in `dir` for reading only, even while a
    /// server holds its write lock: `None` when it is missing, unreadable or
    /// of an older schema. With the watermark of its last commit.
    ///
    /// # Errors
    /// When tantivy cannot open a reader on it.
    pub fn open_read_only(dir: &Path) -> anyhow::Result<Option<(SearchIndex, Watermark)>> {
        let (schema, fields) = Fields::build();
        let Ok(index) = Index::open_in_dir(dir) else {
            return Ok(None);
        };
        let mark = index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str::<Watermark>(&p).ok())
            .filter(|m| m.schema == SCHEMA_VERSION);
        let Some(mark) = mark.filter(|_| index.schema() == schema) else {
            return Ok(None);
        };
        khabar_arabic::tantivy_adapter::register(index.tokenizers());
        Ok(Some((Self::with_writer(index, fields, None)?, mark)))
    }

    fn from_index(index: Index, fields: Fields) -> anyhow::Result<SearchIndex> {
        khabar_arabic::tantivy_adapter::register(index.tokenizers());
        let writer = index
            .writer_with_num_threads(1, WRITER_HEAP_BYTES)
            .context("cannot open the search index writer (is another khabar using it?)")?;
        Self::with_writer(index, fields, Some(writer))
    }

    fn with_writer(
        index: Index,
        fields: Fields,
        writer: Option<IndexWriter>,
    ) -> anyhow::Result<SearchIndex> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .context("cannot open the search index reader")?;
        Ok(SearchIndex {
            reader,
            fields,
            writer: writer.map(Mutex::new),
            _lock: None,
        })
    }

    fn writer(&self) -> anyhow::Result<std::sync::MutexGuard<'_, IndexWriter>> {
        Ok(self
            .writer
            .as_ref()
            .context("this search index was opened read-only")?
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Adds or replaces public articles and removes the others (not yet
    /// visible until [`commit`](Self::commit)).
    ///
    /// # Errors
    /// tantivy errors (disk full, I/O).
    pub fn apply(&self, upsert: &[Article], remove: &[ArticleId]) -> anyhow::Result<()> {
        let writer = self.writer()?;
        for id in remove.iter().copied().chain(upsert.iter().map(|a| a.id)) {
            writer.delete_term(Term::from_field_u64(self.fields.id, id_u64(id.0)));
        }
        for article in upsert {
            writer.add_document(self.fields.document(article))?;
        }
        Ok(())
    }

    /// Removes every document (before a rebuild).
    ///
    /// # Errors
    /// tantivy errors.
    pub fn clear(&self) -> anyhow::Result<()> {
        self.writer()?.delete_all_documents()?;
        Ok(())
    }

    /// Commits pending changes with `mark` and makes them searchable.
    ///
    /// # Errors
    /// tantivy errors.
    pub fn commit(&self, mark: Watermark) -> anyhow::Result<()> {
        let payload = serde_json::to_string(&Watermark {
            schema: SCHEMA_VERSION,
            ..mark
        })?;
        {
            let mut writer = self.writer()?;
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// The number of indexed articles.
    pub fn len(&self) -> u64 {
        let searcher = self.reader.searcher();
        searcher.search(&AllQuery, &Count).map_or(0, |n| n as u64)
    }

    /// Returns true if and only if no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ids of every indexed article.
    ///
    /// # Errors
    /// tantivy errors.
    pub fn ids(&self) -> anyhow::Result<Vec<ArticleId>> {
        let searcher = self.reader.searcher();
        let mut ids = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64("id")?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                if let Some(id) = column.first(doc) {
                    ids.push(ArticleId(i64::try_from(id).unwrap_or(0)));
                }
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    /// A stored field of a document as text.
    pub(crate) fn stored_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    }
}

/// Locks the folder's [`LOCK_FILE`] before anything in it is read or
/// cleared: a second server given the same folder, or `khabar index rebuild`
/// beside a running server, is refused instead of replacing the files of
/// the process that writes them (tantivy's own lock file would be among
/// the files cleared).
fn lock_dir(dir: &Path) -> anyhow::Result<std::fs::File> {
    let path = dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
            "the search index in {} is in use by another khabar process \
             (stop it, or give each server its own search.index_dir)",
            dir.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

/// Removes an old index's files (only tantivy's, so a misconfigured
/// `index_dir` pointing at another folder loses nothing else).
fn clear_dir(dir: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name == "meta.json"
            || name == ".managed.json"
            || name.starts_with(".tantivy")
            || name.ends_with(".idx")
            || name.ends_with(".pos")
            || name.ends_with(".term")
            || name.ends_with(".store")
            || name.ends_with(".fast")
            || name.ends_with(".fieldnorm")
            || name.ends_with(".del");
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_of_the_folder_is_refused_and_clears_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let (first, opened) = SearchIndex::open(dir.path()).expect("first");
        assert_eq!(opened, Opened::Created);
        // Not committed yet, so the folder holds no current index: the case
        // where a second process used to clear it.
        let err = SearchIndex::open(dir.path()).expect_err("second");
        assert!(err.to_string().contains("another khabar process"), "{err}");
        first
            .commit(Watermark::default())
            .expect("the first still writes");
        drop(first);
        let (_, opened) = SearchIndex::open(dir.path()).expect("reopened");
        assert!(matches!(opened, Opened::Current(_)), "{opened:?}");
    }
}
