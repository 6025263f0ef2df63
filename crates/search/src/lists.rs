//! The stored «اقرأ أيضا» lists: computed by the indexer, written to the
//! store ([`RelatedStore`]), read by the article page.
//!
//! A list is computed when its article is indexed. When a pass changes few
//! articles, the lists of their new neighbours (a new article usually
//! belongs in theirs too) and the lists that mention a changed or removed
//! article are recomputed as well. Lists keep [`SPARE`] more entries than a
//! page shows, and the page reads them joined with the articles (public
//! ones only), so an unpublished article drops out at once and the next one
//! takes its place even before the list is recomputed.
//!
//! Nothing here runs at request time: the page's read is one indexed query.

use crate::SearchService;
use crate::related::{NearDuplicate, Subject};
use anyhow::Context;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId};
use khabar_store::{ComputedRelated, RelatedLink};
use std::collections::HashSet;
use std::sync::atomic::Ordering;

/// Up to this many changes in a pass, the neighbours' lists are refreshed.
const REFRESH_LIMIT: usize = 50;
/// Entries stored beyond `related_count`, to stand in for unpublished ones.
pub const SPARE: usize = 3;
/// Lists computed per blocking task.
const CHUNK: usize = 256;

impl SearchService {
    /// What the page of `id` shows: pinned links first, then computed ones,
    /// public articles only, up to `related_count` in all (pins always).
    ///
    /// # Errors
    /// Store errors.
    pub async fn shown_related(
        &self,
        id: ArticleId,
        now: Timestamp,
    ) -> anyhow::Result<Vec<RelatedLink>> {
        let limit = u32::try_from(self.settings.related_count).unwrap_or(u32::MAX);
        Ok(self.store.shown_related(id, now, limit).await?)
    }

    /// Published articles whose text is a near-copy of `article`'s, most
    /// similar first, without the pairs an editor dismissed.
    ///
    /// # Errors
    /// Store or tantivy errors.
    pub async fn near_duplicates_of(
        &self,
        article: &Article,
    ) -> anyhow::Result<Vec<NearDuplicate>> {
        let dismissed: HashSet<ArticleId> = self
            .store
            .dismissed_duplicates(article.id)
            .await?
            .into_iter()
            .collect();
        let index = self.index.clone();
        let subject = Subject::of(article);
        let found = tokio::task::spawn_blocking(move || index.find_near_duplicates(&subject))
            .await
            .context("duplicates task")??;
        Ok(found
            .into_iter()
            .filter(|d| d.id != article.id && !dismissed.contains(&d.id))
            .collect())
    }

    /// How many related lists this service computed since it opened (a
    /// restart over an up-to-date index computes none).
    pub fn related_computations(&self) -> u64 {
        self.computed.load(Ordering::Relaxed)
    }

    /// Stores the lists of `subjects` (just indexed) and forgets `removed`;
    /// when few changed, refreshes the lists around them too.
    pub(crate) async fn refresh_related(
        &self,
        subjects: Vec<Subject>,
        removed: &[ArticleId],
    ) -> anyhow::Result<()> {
        self.store.forget_related(removed).await?;
        if subjects.is_empty() && removed.is_empty() {
            return Ok(());
        }
        let few = subjects.len() + removed.len() <= REFRESH_LIMIT;
        let mut changed: HashSet<ArticleId> = subjects.iter().map(|s| s.id).collect();
        changed.extend(removed.iter().copied());
        let computed = self.compute_lists(subjects).await?;
        let mut neighbours: HashSet<ArticleId> = HashSet::new();
        if few {
            for list in &computed {
                neighbours.extend(list.related.iter().map(|(id, _)| *id));
            }
            let ids: Vec<ArticleId> = changed.iter().copied().collect();
            neighbours.extend(self.store.lists_mentioning(&ids).await?);
        }
        self.store.save_related(&computed, Timestamp::now()).await?;
        let neighbours: Vec<ArticleId> = neighbours
            .into_iter()
            .filter(|id| !changed.contains(id))
            .collect();
        if !neighbours.is_empty() {
            let subjects = self.subjects(neighbours).await?;
            let computed = self.compute_lists(subjects).await?;
            self.store.save_related(&computed, Timestamp::now()).await?;
        }
        Ok(())
    }

    /// Computes and stores the list of every indexed article, then drops
    /// the lists of articles no longer indexed.
    pub(crate) async fn compute_all_related(&self) -> anyhow::Result<()> {
        let index = self.index.clone();
        let ids = tokio::task::spawn_blocking(move || index.ids())
            .await
            .context("index ids")??;
        let started = Timestamp::now();
        let clock = std::time::Instant::now();
        for chunk in ids.chunks(CHUNK) {
            let subjects = self.subjects(chunk.to_vec()).await?;
            let computed = self.compute_lists(subjects).await?;
            self.store.save_related(&computed, Timestamp::now()).await?;
        }
        self.store.prune_related(started).await?;
        tracing::info!(
            articles = ids.len(),
            elapsed_ms = clock.elapsed().as_millis() as u64,
            "related articles computed and stored"
        );
        Ok(())
    }

    /// The subjects of indexed articles, from their stored fields.
    async fn subjects(&self, ids: Vec<ArticleId>) -> anyhow::Result<Vec<Subject>> {
        let index = self.index.clone();
        tokio::task::spawn_blocking(move || {
            ids.into_iter()
                .filter_map(|id| index.subject(id).ok().flatten())
                .collect::<Vec<_>>()
        })
        .await
        .context("related task")
    }

    async fn compute_lists(&self, subjects: Vec<Subject>) -> anyhow::Result<Vec<ComputedRelated>> {
        if subjects.is_empty() {
            return Ok(Vec::new());
        }
        let index = self.index.clone();
        let count = self.settings.related_count + SPARE;
        let n = subjects.len() as u64;
        let lists = tokio::task::spawn_blocking(move || {
            let now = Timestamp::now();
            subjects
                .into_iter()
                .map(|s| {
                    let found = index.relations(&s, count, now)?;
                    Ok(ComputedRelated {
                        article_id: s.id,
                        related: found.related.iter().map(|r| (r.id, r.score)).collect(),
                        duplicates: found
                            .duplicates
                            .iter()
                            .map(|d| (d.id, d.similarity))
                            .collect(),
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()
        })
        .await
        .context("related task")??;
        self.computed.fetch_add(n, Ordering::Relaxed);
        Ok(lists)
    }
}
