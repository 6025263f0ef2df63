//! The reader's query: plain words and quoted phrases, nothing else.
//!
//! tantivy's query parser is never exposed: `title:`, `*`, `~`, `AND`,
//! brackets and the like are ordinary text here, so no input is a syntax
//! error. [`ReaderQuery::parse`] caps the text at [`MAX_QUERY_CHARS`]
//! characters and [`MAX_TERMS`] words, splits quoted phrases («…», "…",
//! “…”) from the rest, and analyses every word with the Arabic layer: each
//! becomes its normalised form (for the exact fields) and its stem.

use khabar_arabic::for_each_token;

/// Characters of query text read; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// Words used, phrases' words included; the rest are ignored.
pub const MAX_TERMS: usize = 12;

/// One analysed word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// The normalised word (exact fields).
    pub exact: String,
    /// Its stem (stemmed fields).
    pub stem: String,
}

/// A parsed query: words every result must contain, and phrases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReaderQuery {
    pub words: Vec<QueryWord>,
    /// Each phrase has at least one word; one-word phrases mean "this exact
    /// word" (no stemming).
    pub phrases: Vec<Vec<QueryWord>>,
    /// Returns true when the text was cut at the length or word limit.
    pub truncated: bool,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '“' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '»' | '”' | '“')
}

impl ReaderQuery {
    /// Parses any text; never fails. An unbalanced quote opens a phrase that
    /// runs to the end.
    pub fn parse(raw: &str) -> ReaderQuery {
        let mut q = ReaderQuery::default();
        let text: String = raw.chars().take(MAX_QUERY_CHARS).collect();
        q.truncated = text.len() < raw.len();
        let mut budget = MAX_TERMS;
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let (plain, quoted, tail) = split_phrase(rest);
            q.truncated |= analyse_into(plain, &mut budget, &mut q.words);
            if let Some(phrase_text) = quoted {
                let mut phrase = Vec::new();
                q.truncated |= analyse_into(phrase_text, &mut budget, &mut phrase);
                if !phrase.is_empty() {
                    q.phrases.push(phrase);
                }
            }
            rest = tail;
        }
        q
    }

    /// Returns true if and only if nothing searchable is left (empty text,
    /// punctuation, harakat alone).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

/// Splits `text` into the plain text before the first quote, the quoted
/// text (if any) and what follows.
fn split_phrase(text: &str) -> (&str, Option<&str>, &str) {
    let Some((open, q)) = text.char_indices().find(|(_, c)| is_open_quote(*c)) else {
        return (text, None, "");
    };
    let plain = text.get(..open).unwrap_or("");
    let inner_start = open + q.len_utf8();
    let inner = text.get(inner_start..).unwrap_or("");
    match inner.char_indices().find(|(_, c)| is_close_quote(*c)) {
        Some((close, c)) => (
            plain,
            inner.get(..close),
            inner.get(close + c.len_utf8()..).unwrap_or(""),
        ),
        None => (plain, Some(inner), ""),
    }
}

/// Adds the words of `text` within `budget`; returns true if some were left out.
fn analyse_into(text: &str, budget: &mut usize, out: &mut Vec<QueryWord>) -> bool {
    let mut dropped = false;
    for_each_token(text, |t| {
        if t.stem.is_empty() && t.normalized.is_empty() {
            return;
        }
        if *budget == 0 {
            dropped = true;
            return;
        }
        *budget -= 1;
        out.push(QueryWord {
            exact: t.normalized.to_owned(),
            stem: t.stem.to_owned(),
        });
    });
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &[QueryWord]) -> Vec<&str> {
        words.iter().map(|w| w.stem.as_str()).collect()
    }

    #[test]
    fn words_phrases_and_syntax() {
        let q = ReaderQuery::parse("أحمد «وزير الخارجية» بالصين");
        assert_eq!(stems(&q.words), ["احمد", "صين"]);
        assert_eq!(q.phrases.len(), 1);
        assert_eq!(stems(&q.phrases[0]), ["وزير", "خارج"]);

        // Query syntax is text; unbalanced quotes run to the end.
        let q = ReaderQuery::parse("title:الصين* ~2 \"مجلس");
        assert_eq!(
            q.words.iter().map(|w| w.exact.as_str()).collect::<Vec<_>>(),
            ["title", "الصين", "2"]
        );
        assert_eq!(q.phrases.len(), 1);

        for empty in ["", "   ", "!!! ... ؟؟", "َُِّْ", "\"\"", "«»"] {
            assert!(ReaderQuery::parse(empty).is_empty(), "{empty:?}");
        }
    }

    #[test]
    fn long_queries_are_capped() {
        let long = "كلمة ".repeat(2_000);
        let q = ReaderQuery::parse(&long);
        assert_eq!(q.words.len(), MAX_TERMS);
        assert!(q.truncated);
        let q = ReaderQuery::parse("الصين ٢٠٢٦");
        assert_eq!(
            q.words[1].exact, "2026",
            "Arabic-Indic digits fold to Western"
        );
    }
}
