//! [`SearchService`]: the index kept in step with the store, and the cached
//! «اقرأ أيضا» lists.
//!
//! Every writer (the CLI in another process, the newsroom, other servers)
//! writes only to the store; the service polls it ([`SearchFeed`]) for rows
//! changed since a watermark, plus scheduled articles whose publication
//! time has come, and upserts or removes their documents. The watermark is
//! saved in tantivy's commit payload, atomically with the documents, so a
//! restart continues where the last commit stopped. Deleted rows leave no
//! trace to poll, so every [`RECONCILE_EVERY`] passes the index's ids are
//! compared with the store's public ids.
//!
//! Related articles are computed when an article is indexed and written to
//! the store ([`khabar_store::RelatedStore`], see the `lists` module); pages read them from
//! there, joined with the articles so an unpublished one is never shown. A
//! restart computes nothing: only a rebuild recomputes every list.

use crate::index::{Opened, SearchIndex, Watermark};
use crate::related::Subject;
use crate::search::{SearchRequest, SearchResults};
use anyhow::Context;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId};
use khabar_store::SearchStore;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

/// Seconds the watermark is read back, so a transaction that committed
/// after a later one (its `updated_at` older than the watermark) is seen.
pub const LAG_SECS: i64 = 30;
/// Articles read from the store per query.
const BATCH: u32 = 500;
/// Passes between comparisons of the index's ids with the store's.
pub const RECONCILE_EVERY: u64 = 15;

/// When the row last changed, as [`SearchFeed::changed_articles`] orders.
fn changed_at(a: &Article) -> Timestamp {
    let own = a.updated_at.max(a.created_at);
    a.index_changed_at.map_or(own, |at| at.max(own))
}

/// A hash of everything the index and visibility depend on.
fn fingerprint(a: &Article) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    serde_json::to_string(a).unwrap_or_default().hash(&mut h);
    h.finish()
}

/// Settings of the service (`[search]` in the configuration).
#[derive(Clone, Debug)]
pub struct SearchSettings {
    /// `None`: an index in memory (tests).
    pub index_dir: Option<PathBuf>,
    /// Related articles kept per article.
    pub related_count: usize,
    /// Time between polls of the store.
    pub poll_interval: Duration,
}

/// What one pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PassReport {
    pub rebuilt: bool,
    pub upserted: usize,
    pub removed: usize,
}

#[derive(Default)]
pub(crate) struct Progress {
    pub(crate) mark: Watermark,
    needs_rebuild: bool,
    /// `updated_at` and content fingerprint of articles handled within the
    /// lag window (two edits in one second share an `updated_at`).
    recent: HashMap<i64, (i64, u64)>,
    passes: u64,
    reconcile: bool,
}

/// The search index, and the store it follows and keeps related lists in.
pub struct SearchService {
    pub(crate) index: Arc<SearchIndex>,
    pub(crate) store: Arc<dyn SearchStore>,
    progress: tokio::sync::Mutex<Progress>,
    pub(crate) settings: SearchSettings,
    /// Related lists computed since the service opened.
    pub(crate) computed: AtomicU64,
}

impl std::fmt::Debug for SearchService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchService")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl SearchService {
    /// Opens (or creates) the index. Nothing is read from the store until
    /// the first [`catch_up`](Self::catch_up), which rebuilds a new or
    /// outdated index.
    ///
    /// # Errors
    /// When the index folder cannot be created or is locked.
    pub fn open(
        store: Arc<dyn SearchStore>,
        settings: SearchSettings,
    ) -> anyhow::Result<SearchService> {
        let (index, opened) = match &settings.index_dir {
            Some(dir) => SearchIndex::open(dir)?,
            None => (SearchIndex::in_ram()?, Opened::Created),
        };
        let mut progress = Progress::default();
        match opened {
            Opened::Current(mark) => progress.mark = mark,
            Opened::Created => progress.needs_rebuild = true,
        }
        Ok(SearchService {
            index: Arc::new(index),
            store,
            progress: tokio::sync::Mutex::new(progress),
            settings,
            computed: AtomicU64::new(0),
        })
    }

    /// The store search follows and keeps its lists in (pins, duplicates).
    pub fn store(&self) -> &Arc<dyn SearchStore> {
        &self.store
    }

    /// Related articles kept per article (`search.related_count`).
    pub fn related_count(&self) -> usize {
        self.settings.related_count
    }

    /// The index (for search and duplicate lookups).
    pub fn index(&self) -> &Arc<SearchIndex> {
        &self.index
    }

    /// Searches on a blocking thread.
    ///
    /// # Errors
    /// tantivy errors.
    pub async fn search(&self, request: SearchRequest) -> anyhow::Result<SearchResults> {
        let index = self.index.clone();
        tokio::task::spawn_blocking(move || index.search(&request, Timestamp::now()))
            .await
            .context("search task")?
    }

    /// Polls the store every `poll_interval` until `shutdown` resolves.
    pub async fn run(self: Arc<Self>, shutdown: impl std::future::Future<Output = ()>) {
        let mut tick = tokio::time::interval(self.settings.poll_interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                _ = tick.tick() => {
                    if let Err(e) = self.catch_up().await {
                        tracing::error!(error = format!("{e:#}"), "search indexing failed");
                    }
                }
            }
        }
    }

    /// Brings the index up to date with the store now, and returns when the
    /// changes are searchable and their related lists computed. Passes never
    /// overlap; tests await this instead of sleeping.
    ///
    /// # Errors
    /// Store or tantivy errors; the next pass retries.
    pub async fn catch_up(&self) -> anyhow::Result<PassReport> {
        let mut progress = self.progress.lock().await;
        let mut report = PassReport::default();
        if progress.needs_rebuild {
            self.rebuild_locked(&mut progress, |_, _| {}).await?;
            report.rebuilt = true;
        }
        let now = Timestamp::now();
        let (upserts, removes, max_seen) = self.changes(&mut progress, now).await?;
        report.upserted = upserts.len();
        report.removed = removes.len();
        let mark = Watermark {
            schema: 0,
            updated_at: progress.mark.updated_at.max(max_seen),
            checked_at: now.as_second(),
            related_pending: progress.mark.related_pending,
        };
        let subjects: Vec<Subject> = upserts.iter().map(Subject::of).collect();
        let changed = !upserts.is_empty() || !removes.is_empty();
        let lists = self.settings.related_count > 0;
        // With changes, the documents are committed under the old watermark
        // first and the new one only once their lists are stored: a crash in
        // between reads the same rows again at the next start.
        let first = if changed && lists {
            progress.mark
        } else {
            mark
        };
        let index = self.index.clone();
        let ids_removed = removes.clone();
        tokio::task::spawn_blocking(move || {
            index.apply(&upserts, &ids_removed)?;
            index.commit(first)
        })
        .await
        .context("indexing task")??;
        progress.passes += 1;
        let mut mark = mark;
        if lists {
            if mark.related_pending {
                self.compute_all_related().await?;
                mark.related_pending = false;
            } else {
                self.refresh_related(subjects, &removes).await?;
            }
            if mark != first {
                self.commit(mark).await?;
            }
        }
        progress.mark = mark;
        Ok(report)
    }

    async fn commit(&self, mark: Watermark) -> anyhow::Result<()> {
        let index = self.index.clone();
        tokio::task::spawn_blocking(move || index.commit(mark))
            .await
            .context("indexing task")?
    }

    /// Like [`catch_up`](Self::catch_up), and also removes articles deleted
    /// from the store (which otherwise happens every [`RECONCILE_EVERY`]
    /// passes).
    ///
    /// # Errors
    /// Store or tantivy errors.
    pub async fn catch_up_fully(&self) -> anyhow::Result<PassReport> {
        self.progress.lock().await.reconcile = true;
        self.catch_up().await
    }

    /// Replaces the index with every public article, reporting `(done,
    /// total)` as it goes.
    ///
    /// # Errors
    /// Store or tantivy errors.
    pub async fn rebuild(&self, on_progress: impl FnMut(u64, u64)) -> anyhow::Result<u64> {
        let mut progress = self.progress.lock().await;
        self.rebuild_locked(&mut progress, on_progress).await
    }

    async fn rebuild_locked(
        &self,
        progress: &mut Progress,
        mut on_progress: impl FnMut(u64, u64),
    ) -> anyhow::Result<u64> {
        let started = Timestamp::now();
        let total = self.store.public_article_count(started).await?;
        tracing::info!(articles = total, "rebuilding the search index");
        self.index.clear()?;
        let mut after = ArticleId(0);
        let mut done = 0u64;
        loop {
            let batch = self
                .store
                .public_articles_after(after, BATCH, started)
                .await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            done += batch.len() as u64;
            let index = self.index.clone();
            tokio::task::spawn_blocking(move || index.apply(&batch, &[]))
                .await
                .context("indexing task")??;
            on_progress(done, total.max(done));
            if done % 10_000 < u64::from(BATCH) {
                tracing::info!(done, total, "search index rebuild");
            }
        }
        // Everything changed up to the start is in; the next pass looks
        // again from `started - LAG_SECS` and computes every related list.
        let mark = Watermark {
            schema: 0,
            updated_at: started.as_second(),
            checked_at: started.as_second(),
            related_pending: true,
        };
        self.commit(mark).await?;
        progress.mark = mark;
        progress.needs_rebuild = false;
        progress.recent.clear();
        tracing::info!(articles = done, "search index rebuilt");
        Ok(done)
    }

    /// Articles to upsert and ids to remove since the watermark.
    async fn changes(
        &self,
        progress: &mut Progress,
        now: Timestamp,
    ) -> anyhow::Result<(Vec<Article>, Vec<ArticleId>, i64)> {
        // The latest change time seen: the next watermark.
        let mut max_seen = 0;
        let mut upserts: HashMap<ArticleId, Article> = HashMap::new();
        let mut removes: HashSet<ArticleId> = HashSet::new();
        let since =
            Timestamp::from_second(progress.mark.updated_at.saturating_sub(LAG_SECS).max(0))?;
        let mut cursor = (since, ArticleId(0));
        loop {
            let batch = self
                .store
                .changed_articles(cursor.0, cursor.1, BATCH)
                .await?;
            let Some(last) = batch.last() else { break };
            cursor = (changed_at(last), last.id);
            max_seen = max_seen.max(cursor.0.as_second());
            for a in batch {
                let stamp = (changed_at(&a).as_second(), fingerprint(&a));
                if progress.recent.get(&a.id.0) == Some(&stamp) {
                    continue;
                }
                progress.recent.insert(a.id.0, stamp);
                Self::classify(a, now, &mut upserts, &mut removes);
            }
        }
        let due_since = Timestamp::from_second(progress.mark.checked_at)?;
        let mut after = ArticleId(0);
        loop {
            let batch = self.store.came_due(due_since, now, after, BATCH).await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            for a in batch {
                Self::classify(a, now, &mut upserts, &mut removes);
            }
        }
        let horizon = progress.mark.updated_at.saturating_sub(LAG_SECS);
        progress.recent.retain(|_, (at, _)| *at >= horizon);
        if progress.passes.is_multiple_of(RECONCILE_EVERY)
            || std::mem::take(&mut progress.reconcile)
        {
            let public: HashSet<ArticleId> = self
                .store
                .public_article_ids(now)
                .await?
                .into_iter()
                .collect();
            let index = self.index.clone();
            let indexed = tokio::task::spawn_blocking(move || index.ids())
                .await
                .context("index ids")??;
            removes.extend(
                indexed
                    .into_iter()
                    .filter(|id| !public.contains(id) && !upserts.contains_key(id)),
            );
        }
        Ok((
            upserts.into_values().collect(),
            removes.into_iter().collect(),
            max_seen,
        ))
    }

    fn classify(
        a: Article,
        now: Timestamp,
        upserts: &mut HashMap<ArticleId, Article>,
        removes: &mut HashSet<ArticleId>,
    ) {
        if a.is_public(now) {
            removes.remove(&a.id);
            upserts.insert(a.id, a);
        } else {
            upserts.remove(&a.id);
            removes.insert(a.id);
        }
    }
}
