//! What the rules read in a comment body: links, listed words, learnable
//! tokens, and a fingerprint for duplicates.

use khabar_arabic::{normalize, tokenize};
use linkify::{LinkFinder, LinkKind};
use sha2::{Digest, Sha256};

/// The number of web addresses in `body`, with or without a scheme
/// (`https://x.example`, `www.x.example`, `x.example/path`). Email addresses
/// are not counted.
pub fn count_links(body: &str) -> usize {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(false);
    finder.links(body).count()
}

/// What a listed word does to a comment that contains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WordAction {
    /// Held for a moderator.
    Hold,
    /// Stored as spam: never shown, reviewable in the spam tab.
    Spam,
}

impl WordAction {
    pub fn as_str(self) -> &'static str {
        match self {
            WordAction::Hold => "hold",
            WordAction::Spam => "spam",
        }
    }

    pub fn parse(s: &str) -> Option<WordAction> {
        match s {
            "hold" => Some(WordAction::Hold),
            "spam" => Some(WordAction::Spam),
            _ => None,
        }
    }
}

/// One moderator-maintained entry: a word or phrase as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedWord {
    pub phrase: String,
    pub action: WordAction,
}

struct Entry {
    /// Per word of the phrase: its normalised form and its stem.
    words: Vec<(String, String)>,
    phrase: String,
    action: WordAction,
}

/// Moderators' word lists, matched on normalised Arabic: «قمار» matches
/// «القِمار» and «والقمار»; «أحمد» and «احمد» are the same entry. A phrase
/// matches whole words in sequence, never inside a longer word.
pub struct WordList {
    entries: Vec<Entry>,
}

/// A listed phrase found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordHit {
    pub phrase: String,
    pub action: WordAction,
}

impl WordList {
    pub fn new(words: &[ListedWord]) -> WordList {
        let entries = words
            .iter()
            .filter_map(|w| {
                let words: Vec<(String, String)> = tokenize(&w.phrase)
                    .into_iter()
                    .map(|t| (t.normalized, t.stem))
                    .collect();
                (!words.is_empty()).then(|| Entry {
                    words,
                    phrase: w.phrase.clone(),
                    action: w.action,
                })
            })
            .collect();
        WordList { entries }
    }

    /// The strongest listed phrase in `body` (spam before hold), if any.
    pub fn find(&self, body: &str) -> Option<WordHit> {
        if self.entries.is_empty() {
            return None;
        }
        let tokens: Vec<(String, String)> = tokenize(body)
            .into_iter()
            .map(|t| (t.normalized, t.stem))
            .collect();
        let matches = |e: &Entry| {
            tokens.windows(e.words.len()).any(|window| {
                window
                    .iter()
                    .zip(&e.words)
                    .all(|((tn, ts), (en, es))| tn == en || ts == es)
            })
        };
        self.entries
            .iter()
            .filter(|e| matches(e))
            .max_by_key(|e| e.action)
            .map(|e| WordHit {
                phrase: e.phrase.clone(),
                action: e.action,
            })
    }
}

/// The distinct stems of `body` the spam filter learns from, sorted, at most
/// 200 (a long body says nothing more).
pub fn learnable_tokens(body: &str) -> Vec<String> {
    let mut stems: Vec<String> = tokenize(body)
        .into_iter()
        .map(|t| t.stem)
        .filter(|s| s.chars().count() >= 2 && s.chars().count() <= 40)
        .collect();
    stems.sort();
    stems.dedup();
    stems.truncate(200);
    stems
}

/// A fingerprint of what a body says: normalised, whitespace folded, hashed.
/// Two bodies differing only in harakat, tatweel, case or spacing collide.
pub fn body_fingerprint(body: &str) -> String {
    let folded = normalize(body)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    crate::hex(&Sha256::digest(folded.as_bytes()))
}

/// The matching form of a listed phrase (for storing and de-duplicating entries).
pub fn normalize_phrase(phrase: &str) -> String {
    tokenize(phrase)
        .into_iter()
        .map(|t| t.normalized)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_counted_with_or_without_scheme() {
        let cases = [
            ("لا روابط هنا", 0),
            ("راجع https://example.com/a?b=1 للمزيد", 1),
            ("www.example.com و http://x.example", 2),
            ("(https://example.com/ar/خبر)، وهناك example.org/x", 2),
            ("javascript:alert(1)", 0),
            ("البريد a@b.example ليس رابطاً", 0),
            ("نهاية الجملة.بداية", 0),
        ];
        for (body, want) in cases {
            assert_eq!(count_links(body), want, "{body}");
        }
    }

    #[test]
    fn word_lists_match_normalised_words_not_substrings() {
        let list = WordList::new(&[
            ListedWord {
                phrase: "قمار".into(),
                action: WordAction::Spam,
            },
            ListedWord {
                phrase: "ربح سريع".into(),
                action: WordAction::Hold,
            },
            ListedWord {
                phrase: "CASINO".into(),
                action: WordAction::Spam,
            },
        ]);
        let cases: &[(&str, Option<(&str, WordAction)>)] = &[
            ("موقع للقِمار", Some(("قمار", WordAction::Spam))),
            ("والقمار حرام", Some(("قمار", WordAction::Spam))),
            ("طريقة رِبح سريع", Some(("ربح سريع", WordAction::Hold))),
            ("ربح كبير وسريع", None),
            ("best casino online", Some(("CASINO", WordAction::Spam))),
            ("casinos", None),
            ("مقال رائع", None),
            ("ربح سريع في القمار", Some(("قمار", WordAction::Spam))),
        ];
        for (body, want) in cases {
            let got = list.find(body);
            let got = got.as_ref().map(|h| (h.phrase.as_str(), h.action));
            assert_eq!(got, *want, "{body}");
        }
        assert_eq!(WordList::new(&[]).find("قمار"), None);
    }

    #[test]
    fn fingerprints_ignore_spelling_variants_and_spacing() {
        assert_eq!(
            body_fingerprint("شُكراً   للكاتب"),
            body_fingerprint("شكرا للكاتب")
        );
        assert_eq!(
            body_fingerprint("Great POST"),
            body_fingerprint("great post")
        );
        assert_ne!(body_fingerprint("شكرا"), body_fingerprint("شكرا جزيلا"));
        assert_eq!(normalize_phrase(" أحمد  القمار "), "احمد القمار");
    }

    #[test]
    fn learnable_tokens_are_distinct_stems() {
        let t = learnable_tokens("الصين والصين بالصين، و a");
        assert_eq!(t, vec!["صين".to_string()]);
    }
}
