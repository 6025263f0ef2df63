//! Near-duplicates of a text among all indexed articles.
//!
//! Two ways in, because each misses what the other finds: the "more like
//! this" candidates of [`crate::related`] (a copy shares the text's best
//! stems, so it usually ranks first), and the MinHash band keys indexed with
//! every article ([`Signature::bands`]), which find a copy even when dozens
//! of articles on the same story outrank it in the text query. Either way a
//! candidate counts only when the signatures agree ([`NEAR_DUPLICATE`]).

use crate::SearchIndex;
use crate::dup::{NEAR_DUPLICATE, Signature};
use crate::related::{Candidate, NearDuplicate, Subject};
use crate::search::u64_term;
use khabar_core::ArticleId;
use std::collections::HashSet;
use tantivy::Searcher;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};

/// Articles sharing band keys with a text that are compared with it, those
/// sharing the most keys first.
const BAND_CANDIDATES: usize = 10;

impl SearchIndex {
    /// Indexed articles whose text is a near-duplicate of `article`'s, with
    /// their estimated similarity (0.5–1), most similar first; never the
    /// article itself.
    ///
    /// # Errors
    /// tantivy errors.
    pub fn find_near_duplicates(&self, article: &Subject) -> anyhow::Result<Vec<NearDuplicate>> {
        let searcher = self.reader.searcher();
        let own = Signature::of(&article.text);
        let candidates = self.candidates(&searcher, article, false)?;
        let mut seen: HashSet<ArticleId> = candidates.iter().map(|c| c.related.id).collect();
        seen.insert(article.id);
        let mut out = self.band_duplicates(&searcher, &own, &seen)?;
        out.extend(
            candidates
                .into_iter()
                .filter_map(|c| near_duplicate(&own, c)),
        );
        out.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
        Ok(out)
    }

    /// The near-duplicates of `signature` among the articles sharing band
    /// keys with it, leaving out those in `seen`.
    pub(crate) fn band_duplicates(
        &self,
        searcher: &Searcher,
        signature: &Signature,
        seen: &HashSet<ArticleId>,
    ) -> anyhow::Result<Vec<NearDuplicate>> {
        Ok(self
            .band_candidates(searcher, signature, seen)?
            .into_iter()
            .filter_map(|c| near_duplicate(signature, c))
            .collect())
    }

    /// Up to [`BAND_CANDIDATES`] articles sharing at least one band key
    /// with `signature`, most keys first, leaving out those in `seen`.
    fn band_candidates(
        &self,
        searcher: &Searcher,
        signature: &Signature,
        seen: &HashSet<ArticleId>,
    ) -> anyhow::Result<Vec<Candidate>> {
        let should: Vec<(Occur, Box<dyn Query>)> = signature
            .bands()
            .into_iter()
            .map(|band| {
                let key = ConstScoreQuery::new(u64_term(self.fields.dup_bands, band), 1.0);
                (Occur::Should, Box::new(key) as Box<dyn Query>)
            })
            .collect();
        if should.is_empty() {
            return Ok(Vec::new());
        }
        let limit = BAND_CANDIDATES + seen.len();
        let top = searcher.search(
            &BooleanQuery::new(should),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        let mut out = Vec::new();
        for (score, addr) in top {
            if out.len() == BAND_CANDIDATES {
                break;
            }
            let c = self.candidate(searcher, score, addr)?;
            if !seen.contains(&c.related.id) {
                out.push(c);
            }
        }
        Ok(out)
    }
}

/// `candidate` as a near-duplicate of the text signed `own`, if it is one.
fn near_duplicate(own: &Signature, candidate: Candidate) -> Option<NearDuplicate> {
    let similarity = own.similarity(&Signature::of(&candidate.text));
    (similarity >= NEAR_DUPLICATE).then_some(NearDuplicate {
        id: candidate.related.id,
        title: candidate.related.title,
        similarity,
    })
}
