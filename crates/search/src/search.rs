//! Running a reader's query: scoring with a recency boost, filters, counts
//! and highlighted snippets of the original text.

use crate::SearchIndex;
use crate::query::{QueryWord, ReaderQuery};
use crate::schema::id_u64;
use jiff::Timestamp;
use khabar_core::{ArticleId, AuthorId, SectionId};
use std::ops::Bound;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// Results further than this are not served (deep pages cost a heap of
/// `offset + limit` entries).
pub const MAX_OFFSET: u64 = 1_000;
/// Results per request at most.
pub const MAX_LIMIT: u32 = 50;
/// Snippet length in **bytes** (tantivy counts bytes): about 90–100 Arabic
/// letters with their spaces.
pub const SNIPPET_BYTES: usize = 220;

/// Field boosts: a title match counts most, exact (unstemmed) matches above
/// stem-only conflations.
const BOOSTS: Boosts = Boosts {
    title: 3.0,
    title_exact: 4.0,
    lead: 1.5,
    lead_exact: 2.0,
    body: 1.0,
    body_exact: 1.5,
    meta: 1.5,
};

struct Boosts {
    title: f32,
    title_exact: f32,
    lead: f32,
    lead_exact: f32,
    body: f32,
    body_exact: f32,
    meta: f32,
}

/// Half-life, in days, of the recency boost: a result published today
/// scores up to `1 + RECENCY_WEIGHT` times one of long ago.
const RECENCY_HALF_LIFE_DAYS: f32 = 30.0;
const RECENCY_WEIGHT: f32 = 0.5;

/// What to search and how much of it.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    pub query: ReaderQuery,
    pub section: Option<SectionId>,
    pub author: Option<AuthorId>,
    /// Published at or after (inclusive).
    pub from: Option<Timestamp>,
    /// Published before (exclusive).
    pub until: Option<Timestamp>,
    pub limit: u32,
    pub offset: u64,
}

/// One result.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub id: ArticleId,
    pub slug: String,
    /// The title with matching words in `<mark>`, escaped.
    pub title_html: String,
    pub title: String,
    /// A piece of the body (or lead) around the matches, escaped, matching
    /// words in `<mark>`.
    pub snippet_html: String,
    pub published_at: Timestamp,
    pub score: f32,
}

/// A page of results and how many there are in all.
#[derive(Clone, Debug, Default)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub total: u64,
}

impl SearchIndex {
    /// Runs `request`. An empty query finds nothing; offsets past
    /// [`MAX_OFFSET`] give an empty page with the real total.
    ///
    /// # Errors
    /// tantivy errors (I/O).
    pub fn search(&self, request: &SearchRequest, now: Timestamp) -> anyhow::Result<SearchResults> {
        if request.query.is_empty() {
            return Ok(SearchResults::default());
        }
        let searcher = self.reader.searcher();
        let mut results = self.run(&searcher, request, Occur::Must, now)?;
        // Nothing has every word: show what has some, best first.
        if results.total == 0 && request.query.words.len() > 1 {
            results = self.run(&searcher, request, Occur::Should, now)?;
        }
        Ok(results)
    }

    /// The ids of every article matching `query` (all words), unranked:
    /// for recall measurements and tests.
    ///
    /// # Errors
    /// tantivy errors.
    pub fn matching_ids(&self, query: &ReaderQuery) -> anyhow::Result<Vec<ArticleId>> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let q = self.text_query(query, Occur::Must);
        let docs = searcher.search(&*q, &tantivy::collector::DocSetCollector)?;
        let mut out = Vec::with_capacity(docs.len());
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let id = doc
                .get_first(self.fields.id)
                .and_then(|v| tantivy::schema::Value::as_u64(&v))
                .unwrap_or(0);
            out.push(ArticleId(i64::try_from(id).unwrap_or(0)));
        }
        Ok(out)
    }

    fn run(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
        words_occur: Occur,
        now: Timestamp,
    ) -> anyhow::Result<SearchResults> {
        let text_query = self.text_query(&request.query, words_occur);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        clauses.extend(self.filters(request));
        let query = BooleanQuery::new(clauses);
        let limit = request.limit.clamp(1, MAX_LIMIT) as usize;
        let total = searcher.search(&query, &Count)? as u64;
        if request.offset >= MAX_OFFSET || request.offset >= total {
            return Ok(SearchResults {
                hits: Vec::new(),
                total,
            });
        }
        let offset = usize::try_from(request.offset).unwrap_or(0);
        let now_s = now.as_second();
        let collector = TopDocs::with_limit(limit).and_offset(offset).tweak_score(
            move |segment: &tantivy::SegmentReader| {
                let published = segment
                    .fast_fields()
                    .i64("published_at")
                    .ok()
                    .map(|c| c.first_or_default_col(0));
                move |doc: tantivy::DocId, score: tantivy::Score| {
                    let at = published.as_ref().map_or(0, |c| c.get_val(doc));
                    score * recency(now_s, at)
                }
            },
        );
        let top = searcher.search(&query, &collector)?;
        let hits = self.hits(searcher, &*text_query, top)?;
        Ok(SearchResults { hits, total })
    }

    fn hits(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        top: Vec<(f32, DocAddress)>,
    ) -> anyhow::Result<Vec<SearchHit>> {
        let f = self.fields;
        let snippet = |field: Field, max: usize| -> anyhow::Result<SnippetGenerator> {
            let mut g = SnippetGenerator::create(searcher, query, field)?;
            g.set_max_num_chars(max);
            Ok(g)
        };
        let body_gen = snippet(f.body, SNIPPET_BYTES)?;
        let lead_gen = snippet(f.lead, SNIPPET_BYTES)?;
        let title_gen = snippet(f.title, 10_000)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let title = SearchIndex::stored_text(&doc, f.title);
            let lead = SearchIndex::stored_text(&doc, f.lead);
            let body = SearchIndex::stored_text(&doc, f.body);
            let mut snip = body_gen.snippet(&body);
            if snip.is_empty() {
                let lead_snip = lead_gen.snippet(&lead);
                if !lead_snip.is_empty() || !lead.is_empty() {
                    snip = lead_snip;
                }
            }
            snip.set_snippet_prefix_postfix("<mark>", "</mark>");
            let mut snippet_html = snip.to_html();
            if snippet_html.trim().is_empty() {
                snippet_html = escape(&first_chars(
                    if lead.is_empty() { &body } else { &lead },
                    120,
                ));
            }
            let mut title_snip = title_gen.snippet(&title);
            title_snip.set_snippet_prefix_postfix("<mark>", "</mark>");
            let title_html = if title_snip.is_empty() {
                escape(&title)
            } else {
                title_snip.to_html()
            };
            let id = doc
                .get_first(f.id)
                .and_then(|v| tantivy::schema::Value::as_u64(&v))
                .unwrap_or(0);
            let at = doc
                .get_first(f.published_at)
                .and_then(|v| tantivy::schema::Value::as_i64(&v))
                .unwrap_or(0);
            hits.push(SearchHit {
                id: ArticleId(i64::try_from(id).unwrap_or(0)),
                slug: SearchIndex::stored_text(&doc, f.slug),
                title_html,
                title,
                snippet_html,
                published_at: Timestamp::from_second(at).unwrap_or(Timestamp::UNIX_EPOCH),
                score,
            });
        }
        Ok(hits)
    }

    /// Each word in any field (stem or exact form); every word must match
    /// when `words_occur` is `Must`. Phrases must always match.
    fn text_query(&self, q: &ReaderQuery, words_occur: Occur) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in &q.words {
            clauses.push((words_occur, self.word_query(word)));
        }
        for phrase in &q.phrases {
            clauses.push((Occur::Must, self.phrase_query(phrase)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn word_query(&self, w: &QueryWord) -> Box<dyn Query> {
        let f = self.fields;
        let b = &BOOSTS;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !w.stem.is_empty() {
            for (field, boost) in [
                (f.title, b.title),
                (f.lead, b.lead),
                (f.body, b.body),
                (f.meta, b.meta),
            ] {
                should.push((Occur::Should, term(field, &w.stem, boost)));
            }
        }
        if !w.exact.is_empty() {
            for (field, boost) in [
                (f.title_exact, b.title_exact),
                (f.lead_exact, b.lead_exact),
                (f.body_exact, b.body_exact),
            ] {
                should.push((Occur::Should, term(field, &w.exact, boost)));
            }
        }
        Box::new(BooleanQuery::new(should))
    }

    /// A one-word phrase is that exact word; longer phrases match stems in
    /// sequence in the title, lead or body.
    fn phrase_query(&self, words: &[QueryWord]) -> Box<dyn Query> {
        let f = self.fields;
        let b = &BOOSTS;
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let [w] = words {
            for (field, boost) in [
                (f.title_exact, b.title_exact),
                (f.lead_exact, b.lead_exact),
                (f.body_exact, b.body_exact),
            ] {
                should.push((Occur::Should, term(field, &w.exact, boost)));
            }
            // Also the stemmed fields, so the snippet can highlight it; the
            // exact clause above is what decides the match.
            let exact_only: Box<dyn Query> = Box::new(BooleanQuery::new(should));
            return Box::new(BooleanQuery::new(vec![
                (Occur::Must, exact_only),
                (Occur::Should, term(f.body, &w.stem, 0.0)),
                (Occur::Should, term(f.title, &w.stem, 0.0)),
                (Occur::Should, term(f.lead, &w.stem, 0.0)),
            ]));
        }
        for (field, boost) in [(f.title, b.title), (f.lead, b.lead), (f.body, b.body)] {
            let terms: Vec<Term> = words
                .iter()
                .map(|w| Term::from_field_text(field, &w.stem))
                .collect();
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), boost)),
            ));
        }
        Box::new(BooleanQuery::new(should))
    }

    fn filters(&self, r: &SearchRequest) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.fields;
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(s) = r.section {
            out.push((Occur::Must, u64_term(f.section_id, id_u64(s.0))));
        }
        if let Some(a) = r.author {
            out.push((Occur::Must, u64_term(f.author_id, id_u64(a.0))));
        }
        if r.from.is_some() || r.until.is_some() {
            let lower = r.from.map_or(Bound::Unbounded, |t| {
                Bound::Included(Term::from_field_i64(f.published_at, t.as_second()))
            });
            let upper = r.until.map_or(Bound::Unbounded, |t| {
                Bound::Excluded(Term::from_field_i64(f.published_at, t.as_second()))
            });
            out.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        out
    }
}

fn term(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqsAndPositions,
    );
    Box::new(BoostQuery::new(Box::new(q), boost))
}

pub(crate) fn u64_term(field: Field, value: u64) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}

/// The recency factor: `1 + RECENCY_WEIGHT` for today, halving the bonus
/// every [`RECENCY_HALF_LIFE_DAYS`].
pub(crate) fn recency(now: i64, published: i64) -> f32 {
    let days = (now.saturating_sub(published)).max(0) as f32 / 86_400.0;
    1.0 + RECENCY_WEIGHT * (0.5f32).powf(days / RECENCY_HALF_LIFE_DAYS)
}

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The first `n` characters, cut after a whole word when one ends near.
fn first_chars(s: &str, n: usize) -> String {
    let cut: String = s.chars().take(n).collect();
    if cut.len() == s.len() {
        return cut;
    }
    match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => format!("{}…", cut.get(..space).unwrap_or(&cut)),
        _ => format!("{cut}…"),
    }
}
