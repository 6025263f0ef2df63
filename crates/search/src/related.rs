//! «اقرأ أيضا»: related articles, and near-duplicates found through the index.
//!
//! Two steps. **Candidates** come from a "more like this" query over stems,
//! written here instead of tantivy's `MoreLikeThisQuery` because that one
//! measures word length in bytes (an Arabic letter is two) and reads terms
//! back from stored fields: the article's own text is analysed with the
//! Arabic layer, each stem weighted by tf·idf, and the best [`MLT_TERMS`]
//! become a query over the stemmed title and body, with the article's tags
//! and section. **Ranking** then compares each candidate's whole text with
//! the article's: the cosine of their tf·idf stem vectors, plus a little for
//! each shared tag and for the same section, times a recency decay.
//!
//! Why not rank by the query's own score: BM25 over a few query terms lets
//! one rare word decide — a trade agreement's «ممرات العبور» (transit
//! corridors) matched a bicycle story's «ممرات الدراجات» in its short
//! title, and idf counted twice (in the query weight and in BM25) made that
//! one word outweigh everything the two texts do not share. The cosine over
//! every stem asks how much of the two texts is about the same things.
//! Common news words («قال», «أكد», «خلال», …) are left out of both steps.
//!
//! The article itself and its near-duplicates ([`crate::dup`]) are left
//! out; [`SearchIndex::relations`] returns the near-duplicates it met too,
//! so the indexer records them without another search.

use crate::SearchIndex;
use crate::dup::Signature;
use crate::schema::{id_u64, matching_text};
use crate::search::u64_term;
use jiff::Timestamp;
use khabar_core::{Article, ArticleId};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// Stems used to describe an article in the candidate query.
pub const MLT_TERMS: usize = 25;
/// Stems shorter than this many **characters** are ignored (particles).
pub const MIN_STEM_CHARS: usize = 2;
/// Candidates fetched and ranked.
const CANDIDATES: usize = 30;
/// Stems in more than this share of articles say nothing.
const MAX_DOC_SHARE: f64 = 0.3;
/// Candidate query: a shared tag, the same section, a title match.
const TAG_BOOST: f32 = 2.0;
const SECTION_BOOST: f32 = 0.5;
const TITLE_BOOST: f32 = 1.5;
/// Ranking: added to the cosine (0–1) per shared tag (at most
/// [`MAX_TAGS_COUNTED`]) and for the same section. Two stories on one
/// subject have a cosine around 0.2–0.4; a shared tag is an editor's word
/// that they belong together, worth about a third of that.
const TAG_WEIGHT: f32 = 0.06;
const MAX_TAGS_COUNTED: usize = 3;
const SECTION_WEIGHT: f32 = 0.02;
/// Candidates below this cosine are not related, whatever their tags.
const MIN_COSINE: f32 = 0.02;
/// The title counts this many times in an article's stem vector.
const TITLE_WEIGHT: u32 = 1;
/// Half-life in days of the recency decay on related articles.
const RELATED_HALF_LIFE_DAYS: f32 = 180.0;

/// Words that carry no subject in news text: reporting verbs, particles,
/// time words. Stemmed through the Arabic layer, so every spelling and
/// clitic form of them is covered.
const STOP_WORDS: &str = "قال قالت اضاف اضافت اشار اشارت اكد اكدت اوضح اوضحت مضيفا \
    اعلن اعلنت ذكر ذكرت تابع يذكر يشار بحسب وفق وفقا نحو منذ ضمن لدى اذ اذا فيما بينما \
    ان انه انها التي الذي الذين اللذين اللتين كان كانت يكون تكون كانوا بعد قبل خلال عند \
    حتى الى على عن مع في من هذا هذه هؤلاء ذلك تلك هناك هنا كما ايضا بين حيث لكن غير \
    كل بعض اكثر اقل اول ثاني اخر اخرى عدد عام اليوم امس غدا يوم وقت الآن لم لن قد \
    ما لا او ام ثم بل سوف حين عندما مثل دون جميع معظم اي ليس ليست اما الا";

static STOP_STEMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    khabar_arabic::for_each_token(STOP_WORDS, |t| {
        set.insert(t.stem.to_owned());
    });
    set
});

/// Returns true if and only if `stem` can say what a text is about.
fn meaningful(stem: &str) -> bool {
    stem.chars().count() >= MIN_STEM_CHARS
        && !stem.chars().all(|c| c.is_ascii_digit())
        && !STOP_STEMS.contains(stem)
}

/// One related article.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedArticle {
    pub id: ArticleId,
    pub slug: String,
    pub title: String,
    pub score: f32,
}

/// A near-copy of an article, with the estimated similarity (0.5–1).
#[derive(Clone, Debug, PartialEq)]
pub struct NearDuplicate {
    pub id: ArticleId,
    pub title: String,
    pub similarity: f32,
}

/// What [`SearchIndex::relations`] finds for one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Relations {
    /// Best first.
    pub related: Vec<RelatedArticle>,
    /// Candidates that were copies of the article, most similar first.
    pub duplicates: Vec<NearDuplicate>,
}

/// What relatedness reads of an article: from the article itself when it is
/// being indexed, or from the index's stored fields.
#[derive(Clone, Debug)]
pub struct Subject {
    pub id: ArticleId,
    /// Title, lead and body, separated by blank lines (the title first).
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

/// A candidate found by the "more like this" query (or by a duplicate
/// band, [`crate::copies`]).
pub(crate) struct Candidate {
    pub(crate) related: RelatedArticle,
    published_at: i64,
    pub(crate) text: String,
    tag_ids: Vec<u64>,
    section_id: Option<u64>,
}

/// An article's stems in order (for its signature) and its stem counts,
/// the title counted [`TITLE_WEIGHT`] times (for its vector).
struct Analysed {
    /// Every stem's [`crate::dup::stem_hash`], in order, for the signature.
    hashes: Vec<u64>,
    counts: HashMap<String, u32>,
}

fn analyse(text: &str) -> Analysed {
    let title_end = text.find("\n\n").unwrap_or(text.len());
    let mut hashes = Vec::new();
    let mut counts: HashMap<String, u32> = HashMap::new();
    khabar_arabic::for_each_token(text, |t| {
        hashes.push(crate::dup::stem_hash(t.stem));
        if meaningful(t.stem) {
            let weight = if t.start < title_end { TITLE_WEIGHT } else { 1 };
            // A stem is copied once, at its first occurrence.
            match counts.get_mut(t.stem) {
                Some(n) => *n += weight,
                None => {
                    counts.insert(t.stem.to_owned(), weight);
                }
            }
        }
    });
    Analysed { hashes, counts }
}

/// Inverse document frequencies over the stemmed body, looked up once per
/// stem per computation.
struct Idf<'s> {
    searcher: &'s Searcher,
    field: tantivy::schema::Field,
    docs: f64,
    cache: HashMap<String, f32>,
}

impl Idf<'_> {
    fn of(&mut self, stem: &str) -> f32 {
        if let Some(v) = self.cache.get(stem) {
            return *v;
        }
        let df = self
            .searcher
            .doc_freq(&Term::from_field_text(self.field, stem))
            .unwrap_or(0) as f64;
        let v = (1.0 + (self.docs - df + 0.5) / (df + 0.5)).ln() as f32;
        self.cache.insert(stem.to_owned(), v);
        v
    }

    /// The tf·idf vector of `counts` (sublinear tf) and its norm.
    fn vector<'c>(&mut self, counts: &'c HashMap<String, u32>) -> Vector<'c> {
        let mut v = HashMap::with_capacity(counts.len());
        let mut norm = 0.0f32;
        let mut stems: Vec<(&String, &u32)> = counts.iter().collect();
        stems.sort_unstable();
        for (stem, n) in stems {
            let w = (1.0 + (*n as f32).ln()) * self.of(stem);
            norm += w * w;
            v.insert(stem.as_str(), w);
        }
        (v, norm.sqrt())
    }
}

/// A tf·idf vector over stems, and its norm.
type Vector<'c> = (HashMap<&'c str, f32>, f32);

fn cosine(a: &Vector<'_>, b: &Vector<'_>) -> f32 {
    if a.1 == 0.0 || b.1 == 0.0 {
        return 0.0;
    }
    let (small, large) = if a.0.len() <= b.0.len() {
        (a, b)
    } else {
        (b, a)
    };
    // Summed in stem order: a hash map's order changes from run to run, and
    // with it the last bits of the sum, which would flip ties between runs.
    let mut products: Vec<(&str, f32)> = small
        .0
        .iter()
        .filter_map(|(stem, w)| large.0.get(stem).map(|x| (*stem, w * x)))
        .collect();
    products.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let dot: f32 = products.iter().map(|(_, p)| p).sum();
    dot / (a.1 * b.1)
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
        Ok(self.relations(article, count, now)?.related)
    }

    /// Up to `count` related articles of `article` (without itself and its
    /// near-duplicates), and the near-duplicates met among the candidates.
    ///
    /// # Errors
    /// tantivy errors.
    pub fn relations(
        &self,
        article: &Subject,
        count: usize,
        now: Timestamp,
    ) -> anyhow::Result<Relations> {
        let searcher = self.reader.searcher();
        let own = analyse(&article.text);
        let own_sig = Signature::of_hashes(&own.hashes);
        let mut idf = Idf {
            searcher: &searcher,
            field: self.fields.body,
            docs: searcher.num_docs().max(1) as f64,
            cache: HashMap::new(),
        };
        let own_vec = idf.vector(&own.counts);
        let mut out = Relations::default();
        let mut kept: Vec<(RelatedArticle, Signature)> = Vec::new();
        let candidates = self.candidates(&searcher, article, true)?;
        let mut seen: HashSet<ArticleId> = candidates.iter().map(|c| c.related.id).collect();
        seen.insert(article.id);
        // Copies the text query did not rank among its candidates.
        out.duplicates = self.band_duplicates(&searcher, &own_sig, &seen)?;
        for c in candidates {
            let theirs = analyse(&c.text);
            let sig = Signature::of_hashes(&theirs.hashes);
            let similarity = own_sig.similarity(&sig);
            if similarity >= crate::dup::NEAR_DUPLICATE {
                out.duplicates.push(NearDuplicate {
                    id: c.related.id,
                    title: c.related.title,
                    similarity,
                });
                continue;
            }
            let cos = cosine(&own_vec, &idf.vector(&theirs.counts));
            if cos < MIN_COSINE {
                continue;
            }
            let shared_tags = c
                .tag_ids
                .iter()
                .filter(|t| article.tag_ids.contains(t))
                .count()
                .min(MAX_TAGS_COUNTED);
            let same_section = article.section_id.is_some() && c.section_id == article.section_id;
            let mut r = c.related;
            r.score = (cos
                + TAG_WEIGHT * shared_tags as f32
                + if same_section { SECTION_WEIGHT } else { 0.0 })
                * decay(now.as_second(), c.published_at);
            kept.push((r, sig));
        }
        kept.sort_by(|a, b| b.0.score.total_cmp(&a.0.score).then(a.0.id.cmp(&b.0.id)));
        // Not a copy of a suggestion already made either.
        let mut signatures: Vec<Signature> = Vec::new();
        for (r, sig) in kept {
            if out.related.len() == count {
                break;
            }
            if signatures.iter().any(|k| k.is_near_duplicate(&sig)) {
                continue;
            }
            out.related.push(r);
            signatures.push(sig);
        }
        out.duplicates
            .sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
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

    pub(crate) fn candidates(
        &self,
        searcher: &Searcher,
        article: &Subject,
        with_taxonomy: bool,
    ) -> anyhow::Result<Vec<Candidate>> {
        let Some(query) = self.more_like_this(searcher, article, with_taxonomy)? else {
            return Ok(Vec::new());
        };
        let top = searcher.search(&*query, &TopDocs::with_limit(CANDIDATES).order_by_score())?;
        top.into_iter()
            .map(|(score, addr)| self.candidate(searcher, score, addr))
            .collect()
    }

    /// The candidate stored at `addr`.
    pub(crate) fn candidate(
        &self,
        searcher: &Searcher,
        score: f32,
        addr: tantivy::DocAddress,
    ) -> anyhow::Result<Candidate> {
        let f = self.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let id = doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0);
        Ok(Candidate {
            related: RelatedArticle {
                id: ArticleId(i64::try_from(id).unwrap_or(0)),
                slug: SearchIndex::stored_text(&doc, f.slug),
                title: SearchIndex::stored_text(&doc, f.title),
                score,
            },
            published_at: doc
                .get_first(f.published_at)
                .and_then(|v| v.as_i64())
                .unwrap_or(0),
            text: stored_matching_text(&doc, f),
            tag_ids: doc.get_all(f.tag_ids).filter_map(|v| v.as_u64()).collect(),
            section_id: doc.get_first(f.section_id).and_then(|v| v.as_u64()),
        })
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
            if meaningful(t.stem) {
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
