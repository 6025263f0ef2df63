//! «اقرأ أيضا»: related articles, and near-duplicates found through the index.
//!
//! Relatedness is a "more like this" over stems, written here instead of
//! tantivy's `MoreLikeThisQuery` because that one measures word length in
//! bytes (an Arabic letter is two) and reads terms back from stored fields:
//! here the article's own text is analysed with the Arabic layer, each stem
//! weighted by tf·idf, and the best [`MLT_TERMS`] become a query over the
//! stemmed title and body; shared tags and the same section add to the
//! score, and a recency decay prefers newer articles. The article itself and
//! its near-duplicates ([`crate::dup`]) are left out.

use crate::SearchIndex;
use crate::dup::Signature;
use crate::schema::{id_u64, matching_text};
use crate::search::u64_term;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId};
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// Stems used to describe an article.
pub const MLT_TERMS: usize = 25;
/// Stems shorter than this many **characters** are ignored (particles).
pub const MIN_STEM_CHARS: usize = 2;
/// Candidates fetched before duplicates are removed.
const CANDIDATES: usize = 30;
/// Stems in more than this share of articles say nothing.
const MAX_DOC_SHARE: f64 = 0.3;
const TAG_BOOST: f32 = 2.0;
const SECTION_BOOST: f32 = 0.5;
const TITLE_BOOST: f32 = 2.0;
/// Half-life in days of the recency decay on related articles.
const RELATED_HALF_LIFE_DAYS: f32 = 180.0;

/// One related article.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedArticle {
    pub id: ArticleId,
    pub slug: String,
    pub title: String,
    pub score: f32,
}

/// What relatedness reads of an article: from the article itself when it is
/// being indexed, or from the index's stored fields.
#[derive(Clone, Debug)]
pub struct Subject {
    pub id: ArticleId,
    pub text: String,
    pub tag_ids: Vec<u64>,
    pub section_id: Option<u64>,
}

impl Subject {
    /// The subject of an article about to be indexed.
    pub fn of(article: &Article) -> Subject {
        Subject {
            id: article.id,
            text: matching_text(article),
            tag_ids: article.tags.iter().map(|t| id_u64(t.id.0)).collect(),
            section_id: article.section.as_ref().map(|s| id_u64(s.id.0)),
        }
    }
}

/// A candidate found by the "more like this" query.
struct Candidate {
    related: RelatedArticle,
    published_at: i64,
    text: String,
}

impl SearchIndex {
    /// Up to `count` related articles of `article`, best first, without the
    /// article itself and its near-duplicates.
    ///
    /// # Errors
    /// tantivy errors.
    pub fn related(
        &self,
        article: &Subject,
        count: usize,
        now: Timestamp,
    ) -> anyhow::Result<Vec<RelatedArticle>> {
        let own = Signature::of(&article.text);
        let mut out = Vec::with_capacity(count);
        let mut kept: Vec<Signature> = Vec::new();
        for c in self.candidates(article, true)? {
            let sig = Signature::of(&c.text);
            // Not a copy of the article, nor of a suggestion already made.
            if own.is_near_duplicate(&sig) || kept.iter().any(|k| k.is_near_duplicate(&sig)) {
                continue;
            }
            let mut r = c.related;
            r.score *= decay(now.as_second(), c.published_at);
            out.push(r);
            kept.push(sig);
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out.truncate(count);
        Ok(out)
    }

    /// Indexed articles whose text is a near-duplicate of `article`'s, with
    /// their estimated similarity (0.5–1), most similar first. Copies share
    /// most stems, so they are among the "more like this" candidates.
    ///
    /// # Errors
    /// tantivy errors.
    pub fn find_near_duplicates(
        &self,
        article: &Subject,
    ) -> anyhow::Result<Vec<(ArticleId, String, f32)>> {
        let own = Signature::of(&article.text);
        let mut out: Vec<(ArticleId, String, f32)> = self
            .candidates(article, false)?
            .into_iter()
            .filter_map(|c| {
                let sim = own.similarity(&Signature::of(&c.text));
                (sim >= crate::dup::NEAR_DUPLICATE).then_some((c.related.id, c.related.title, sim))
            })
            .collect();
        out.sort_by(|a, b| b.2.total_cmp(&a.2));
        Ok(out)
    }

    /// The subject of an indexed article, read from its stored fields.
    ///
    /// # Errors
    /// tantivy errors.
    pub fn subject(&self, id: ArticleId) -> anyhow::Result<Option<Subject>> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let top = searcher.search(
            &*u64_term(f.id, id_u64(id.0)),
            &TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*addr)?;
        Ok(Some(Subject {
            id,
            text: stored_matching_text(&doc, f),
            tag_ids: doc.get_all(f.tag_ids).filter_map(|v| v.as_u64()).collect(),
            section_id: doc.get_first(f.section_id).and_then(|v| v.as_u64()),
        }))
    }

    fn candidates(&self, article: &Subject, with_taxonomy: bool) -> anyhow::Result<Vec<Candidate>> {
        let searcher = self.reader.searcher();
        let Some(query) = self.more_like_this(&searcher, article, with_taxonomy)? else {
            return Ok(Vec::new());
        };
        let top = searcher.search(&*query, &TopDocs::with_limit(CANDIDATES).order_by_score())?;
        let f = self.fields;
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let id = doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0);
            let title = SearchIndex::stored_text(&doc, f.title);
            let text = stored_matching_text(&doc, f);
            out.push(Candidate {
                related: RelatedArticle {
                    id: ArticleId(i64::try_from(id).unwrap_or(0)),
                    slug: SearchIndex::stored_text(&doc, f.slug),
                    title,
                    score,
                },
                published_at: doc
                    .get_first(f.published_at)
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0),
                text,
            });
        }
        Ok(out)
    }

    /// The query describing `article`: its best stems by tf·idf over the
    /// stemmed title and body, its tags and section; never the article itself.
    fn more_like_this(
        &self,
        searcher: &Searcher,
        article: &Subject,
        with_taxonomy: bool,
    ) -> anyhow::Result<Option<Box<dyn Query>>> {
        let f = self.fields;
        let mut tf: HashMap<String, u32> = HashMap::new();
        khabar_arabic::for_each_token(&article.text, |t| {
            if t.stem.chars().count() >= MIN_STEM_CHARS
                && !t.stem.chars().all(|c| c.is_ascii_digit())
            {
                *tf.entry(t.stem.to_owned()).or_default() += 1;
            }
        });
        let docs = searcher.num_docs().max(1) as f64;
        let mut weighted: Vec<(String, f64)> = Vec::with_capacity(tf.len());
        for (stem, n) in tf {
            let df = searcher.doc_freq(&Term::from_field_text(f.body, &stem))? as f64;
            if df > 1.0 && df / docs > MAX_DOC_SHARE && docs >= 10.0 {
                continue;
            }
            let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
            weighted.push((stem, f64::from(n).sqrt() * idf));
        }
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        weighted.truncate(MLT_TERMS);
        if weighted.is_empty() {
            return Ok(None);
        }
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (stem, weight) in &weighted {
            let w = *weight as f32;
            for (field, boost) in [(f.body, 1.0), (f.title, TITLE_BOOST)] {
                let q = TermQuery::new(
                    Term::from_field_text(field, stem),
                    IndexRecordOption::WithFreqs,
                );
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), w * boost)),
                ));
            }
        }
        let text: Box<dyn Query> = Box::new(BooleanQuery::new(should));
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, text),
            (Occur::MustNot, u64_term(f.id, id_u64(article.id.0))),
        ];
        if with_taxonomy {
            for tag in &article.tag_ids {
                clauses.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(u64_term(f.tag_ids, *tag), TAG_BOOST)),
                ));
            }
            if let Some(s) = article.section_id {
                clauses.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(
                        u64_term(f.section_id, s),
                        SECTION_BOOST,
                    )),
                ));
            }
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }
}

/// The same text as [`matching_text`], from stored fields.
fn stored_matching_text(doc: &TantivyDocument, f: crate::schema::Fields) -> String {
    format!(
        "{}\n\n{}\n\n{}",
        SearchIndex::stored_text(doc, f.title),
        SearchIndex::stored_text(doc, f.lead),
        SearchIndex::stored_text(doc, f.body)
    )
}

/// 1 for today, ½ after [`RELATED_HALF_LIFE_DAYS`], never below ¼: an old
/// article on the very same subject still beats a new one on another.
fn decay(now: i64, published: i64) -> f32 {
    let days = now.saturating_sub(published).max(0) as f32 / 86_400.0;
    0.25 + 0.75 * 0.5f32.powf(days / RELATED_HALF_LIFE_DAYS)
}
