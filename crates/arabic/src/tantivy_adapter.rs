//! A tantivy tokenizer made of this crate's words, normalisation and stems.
//!
//! Register both modes once per index and name them in the schema:
//!
//! ```
//! use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
//! use khabar_arabic::tantivy_adapter::{self, STEMMED, EXACT};
//!
//! let text = |tokenizer| TextOptions::default().set_stored().set_indexing_options(
//!     TextFieldIndexing::default()
//!         .set_tokenizer(tokenizer)
//!         .set_index_option(IndexRecordOption::WithFreqsAndPositions),
//! );
//! let mut schema = Schema::builder();
//! schema.add_text_field("body", text(STEMMED));
//! schema.add_text_field("body_exact", text(EXACT));
//! let index = tantivy::Index::create_in_ram(schema.build());
//! tantivy_adapter::register(index.tokenizers());
//! ```
//!
//! Each token's offsets are byte offsets into the original text (harakat
//! and tatweel included), so tantivy's snippets highlight the words as they
//! were written, and positions count words, so phrase queries work.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

use crate::{Words, normalize_into, stem_span, words};

/// Name under which [`register`] puts the stemmed tokenizer.
pub const STEMMED: &str = "khabar_ar";
/// Name under which [`register`] puts the exact (normalised, unstemmed)
/// tokenizer.
pub const EXACT: &str = "khabar_ar_exact";

/// Terms longer than this many bytes are skipped, as tantivy's
/// `RemoveLongFilter` would: no real word is that long (tantivy counts
/// bytes, and an Arabic letter is two of them).
pub const MAX_TERM_BYTES: usize = 255;

/// What each token's term is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The [`stem`](crate::stem) of the normalised word: «وبالصين» → «صين».
    /// For the main search field and relatedness.
    #[default]
    Stemmed,
    /// The [`normalize`](crate::normalize)d word, unstemmed: «وبالصين» →
    /// «وبالصين». For an "exact" field that ranks literal matches higher.
    Exact,
}

/// Registers the two modes under [`STEMMED`] and [`EXACT`].
pub fn register(manager: &TokenizerManager) {
    manager.register(STEMMED, ArabicTokenizer::new(Mode::Stemmed));
    manager.register(EXACT, ArabicTokenizer::new(Mode::Exact));
}

/// A [`Tokenizer`] producing this crate's tokens; see the module docs.
#[derive(Clone, Debug, Default)]
pub struct ArabicTokenizer {
    mode: Mode,
    token: Token,
}

impl ArabicTokenizer {
    /// A tokenizer in the given mode.
    #[must_use]
    pub fn new(mode: Mode) -> Self {
        Self {
            mode,
            token: Token::default(),
        }
    }

    /// The stemmed tokenizer.
    #[must_use]
    pub fn stemmed() -> Self {
        Self::new(Mode::Stemmed)
    }

    /// The exact (normalised, unstemmed) tokenizer.
    #[must_use]
    pub fn exact() -> Self {
        Self::new(Mode::Exact)
    }
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        self.token.reset();
        ArabicTokenStream {
            words: words(text),
            mode: self.mode,
            token: &mut self.token,
        }
    }
}

/// The [`TokenStream`] of an [`ArabicTokenizer`].
#[derive(Debug)]
pub struct ArabicTokenStream<'a> {
    words: Words<'a>,
    mode: Mode,
    token: &'a mut Token,
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for word in self.words.by_ref() {
            let term = &mut self.token.text;
            term.clear();
            normalize_into(word.text, term);
            if self.mode == Mode::Stemmed {
                // The stem is a substring of the word: cut in place.
                let (start, end) = stem_span(term);
                term.truncate(end);
                term.drain(..start);
            }
            if term.is_empty() || term.len() > MAX_TERM_BYTES {
                continue;
            }
            self.token.offset_from = word.start;
            self.token.offset_to = word.end;
            self.token.position = self.token.position.wrapping_add(1);
            self.token.position_length = 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::{
        Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value,
    };
    use tantivy::snippet::SnippetGenerator;
    use tantivy::{Index, TantivyDocument, doc};

    use super::*;

    fn terms(mode: Mode, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = ArabicTokenizer::new(mode);
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn tokens_positions_and_offsets() {
        let text = "وبالصِّين ـــ أحمد";
        let stemmed = terms(Mode::Stemmed, text);
        assert_eq!(
            stemmed,
            [("صين".to_owned(), 0, 18, 0), ("احمد".to_owned(), 26, 34, 1)]
        );
        let exact = terms(Mode::Exact, text);
        assert_eq!(
            exact,
            [
                ("وبالصين".to_owned(), 0, 18, 0),
                ("احمد".to_owned(), 26, 34, 1)
            ]
        );
        assert!(
            terms(Mode::Stemmed, &"ب".repeat(200)).is_empty(),
            "over MAX_TERM_BYTES"
        );
    }

    fn text_options(tokenizer: &str) -> TextOptions {
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    }

    fn search(index: &Index, fields: Vec<Field>, query: &str) -> Vec<String> {
        let reader = index.reader().expect("reader");
        let searcher = reader.searcher();
        let query = QueryParser::for_index(index, fields)
            .parse_query(query)
            .expect("query");
        let top = searcher
            .search(&query, &TopDocs::with_limit(10).order_by_score())
            .expect("search");
        top.into_iter()
            .map(|(_, addr)| {
                let doc: TantivyDocument = searcher.doc(addr).expect("doc");
                let title = index.schema().get_field("title").expect("title field");
                doc.get_first(title)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn finds_ahmad_and_china_across_spellings() {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", text_options(STEMMED));
        let body = schema.add_text_field("body", text_options(STEMMED));
        let exact = schema.add_text_field("body_exact", text_options(EXACT));
        let index = Index::create_in_ram(schema.build());
        register(index.tokenizers());

        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let first = "وصل أَحْمَد إلى المطار صباح اليوم";
        let second = "قمة اقتصادية بالصين تبحث التجارة";
        writer
            .add_document(doc!(title => "الأول", body => first, exact => first))
            .expect("add");
        writer
            .add_document(doc!(title => "الثاني", body => second, exact => second))
            .expect("add");
        writer.commit().expect("commit");

        assert_eq!(search(&index, vec![body], "احمد"), ["الأول"]);
        assert_eq!(search(&index, vec![body], "الصين"), ["الثاني"]);
        assert_eq!(search(&index, vec![body], "صيني"), ["الثاني"]);
        assert_eq!(search(&index, vec![exact], "أحمد"), ["الأول"]);
        assert!(
            search(&index, vec![exact], "الصين").is_empty(),
            "exact mode does not stem"
        );
        assert_eq!(
            search(&index, vec![body], "\"المطار صباح\""),
            ["الأول"],
            "phrase"
        );

        // The snippet highlights the word as written, harakat included.
        let reader = index.reader().expect("reader");
        let searcher = reader.searcher();
        let query = QueryParser::for_index(&index, vec![body])
            .parse_query("احمد")
            .expect("query");
        let generator = SnippetGenerator::create(&searcher, &*query, body).expect("snippets");
        let snippet = generator.snippet(first);
        assert!(
            snippet.to_html().contains("<b>أَحْمَد</b>"),
            "{}",
            snippet.to_html()
        );
    }
}
