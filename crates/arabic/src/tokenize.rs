//! Word tokens with byte offsets into the original text.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

use crate::{normalize_into, stem_span};

/// A word of the original text: its text and byte range, nothing computed.
///
/// `start..end` is always a char-boundary range of the original text and
/// `text == &original[start..end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written, harakat and tatweel included.
    pub text: &'a str,
    /// Byte offset of the first byte of the word in the original text.
    pub start: usize,
    /// Byte offset one past the last byte of the word.
    pub end: usize,
}

/// The words of a text, in order: Arabic and Latin words and numbers;
/// punctuation, whitespace and emoji are not words. Created by [`words`].
///
/// The text is first cut at whitespace; within each run, words are the
/// Unicode word-boundary segments (UAX #29, `unicode-segmentation`) that
/// contain a letter or digit, less any invisible formatting characters
/// (bidi marks, zero-width spaces) at their edges. Harakat, tatweel and
/// zero-width joiners inside a word do not split it, because UAX #29
/// treats them as part of the letter before.
///
/// Most runs in news text are a plain Arabic or Latin word with perhaps a
/// quote or a comma around it; those take a fast path that yields exactly
/// what UAX #29 would, and everything else (emoji, other scripts, «3.5»,
/// «don't») goes through `unicode-segmentation`.
#[derive(Debug)]
pub struct Words<'a> {
    text: &'a str,
    /// Where the next whitespace run starts.
    pos: usize,
    /// A run being segmented by UAX #29, with its offset in `text`.
    slow: Option<(usize, UnicodeWordIndices<'a>)>,
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        loop {
            if let Some((base, segments)) = &mut self.slow {
                match segments.next() {
                    Some((i, segment)) => match trim_format(base.saturating_add(i), segment) {
                        Some(word) => return Some(word),
                        None => continue,
                    },
                    None => self.slow = None,
                }
            }
            let rest = self.text.get(self.pos..)?;
            let after_space = rest.trim_start_matches(is_run_separator);
            if after_space.is_empty() {
                self.pos = self.text.len();
                return None;
            }
            let start = self.pos + (rest.len() - after_space.len());
            let len = after_space
                .find(is_run_separator)
                .unwrap_or(after_space.len());
            let run = after_space.get(..len).unwrap_or("");
            self.pos = start + len;
            match fast_word(run) {
                Fast::Word(offset, text) => {
                    let start = start + offset;
                    return Some(Word {
                        text,
                        start,
                        end: start + text.len(),
                    });
                }
                Fast::NoWord => {}
                Fast::Slow => self.slow = Some((start, run.unicode_word_indices())),
            }
        }
    }
}

/// Characters at which the text is cut into runs before UAX #29: each is
/// a word boundary on both sides.
///
/// The colon is one too: UAX #29 counts it as MidLetter (for Swedish
/// abbreviations), which would join «قال:الوزير», typed without a space,
/// into one unsearchable word.
fn is_run_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{A0}' | ':'
    )
}

/// Invisible formatting characters (UAX #29 Format, plus ZWSP) that may
/// sit at a word's edge without being part of it.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Letters and digits that UAX #29 joins with each other (ALetter and
/// Numeric): ASCII, and the Arabic block's letters and digits.
fn is_fast_base(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c,
            '\u{0620}'..='\u{064A}'
            | '\u{0660}'..='\u{0669}'
            | '\u{066E}'..='\u{066F}'
            | '\u{0671}'..='\u{06D3}'
            | '\u{06D5}'
            | '\u{06E5}'..='\u{06E6}'
            | '\u{06EE}'..='\u{06FC}'
            | '\u{06FF}')
}

/// Characters that UAX #29 attaches to the letter before them (Extend,
/// ZWJ, Format): harakat, Quranic marks, joiners, bidi marks.
fn is_fast_extend(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{200C}'
        | '\u{200D}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{00AD}'
        | '\u{FEFF}')
}

/// Punctuation that is never part of a word when nothing but punctuation
/// stands on its other side (no UAX #29 rule joins it then).
fn is_fast_punctuation(c: char) -> bool {
    (c.is_ascii_punctuation() && c != '_')
        || matches!(
            c,
            '«' | '»'
                | '،'
                | '؛'
                | '؟'
                | '٪'
                | '۔'
                | '…'
                | '–'
                | '—'
                | '‘'
                | '’'
                | '“'
                | '”'
        )
}

enum Fast<'a> {
    /// The run holds exactly this word, at this byte offset.
    Word(usize, &'a str),
    /// The run holds no word.
    NoWord,
    /// The run needs UAX #29.
    Slow,
}

/// The fast path: a run that is punctuation, then letters, digits and
/// marks starting with a letter or digit, then punctuation, is one word.
fn fast_word(run: &str) -> Fast<'_> {
    let edge = |c: char| is_fast_punctuation(c) || is_format(c);
    let head = run.trim_start_matches(edge);
    let core = head.trim_end_matches(edge);
    let mut chars = core.chars();
    match chars.next() {
        None => Fast::NoWord,
        Some(first)
            if is_fast_base(first) && chars.all(|c| is_fast_base(c) || is_fast_extend(c)) =>
        {
            Fast::Word(run.len() - head.len(), core)
        }
        Some(_) => Fast::Slow,
    }
}

/// A UAX #29 segment without the formatting characters at its edges, if it
/// is a word at all.
fn trim_format(start: usize, segment: &str) -> Option<Word<'_>> {
    let trimmed = segment.trim_start_matches(is_format);
    let start = start + (segment.len() - trimmed.len());
    let trimmed = trimmed.trim_end_matches(is_format);
    (!trimmed.is_empty()).then(|| Word {
        text: trimmed,
        start,
        end: start + trimmed.len(),
    })
}

/// Returns the words of `text`, the cheap variant of [`tokenize`]: no
/// normalisation, no stems, no allocation.
///
/// A "word" whose matching form is empty (a lone haraka, a run of tatweel)
/// is still yielded here; [`tokenize`] and the tantivy adapter skip it.
///
/// ```
/// let words: Vec<_> = khabar_arabic::words("قالَ: «نعم»، 2024").map(|w| w.text).collect();
/// assert_eq!(words, ["قالَ", "نعم", "2024"]);
/// ```
#[must_use]
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        pos: 0,
        slow: None,
    }
}

/// A word token: where it is in the original text, and its matching form
/// and stem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as written in the original text.
    pub text: &'a str,
    /// Byte offset of the word in the original text (a char boundary).
    pub start: usize,
    /// Byte offset one past the word (a char boundary).
    pub end: usize,
    /// [`normalize`](crate::normalize)d `text`; never empty.
    pub normalized: String,
    /// [`stem`](crate::stem) of `normalized`.
    pub stem: String,
}

/// Splits `text` into word tokens (see [`words`]), each with its matching
/// form and stem. Words whose matching form is empty (a lone haraka, a run of
/// tatweel) are skipped.
///
/// ```
/// let tokens = khabar_arabic::tokenize("وبالصِّين أحمد");
/// assert_eq!(tokens[0].text, "وبالصِّين");
/// assert_eq!(tokens[0].normalized, "وبالصين");
/// assert_eq!(tokens[0].stem, "صين");
/// assert_eq!((tokens[1].start, tokens[1].end), (19, 27));
/// assert_eq!(tokens[1].stem, "احمد");
/// ```
#[must_use]
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for_each_token(text, |t| {
        out.push(Token {
            text: t.text,
            start: t.start,
            end: t.end,
            normalized: t.normalized.to_owned(),
            stem: t.stem.to_owned(),
        });
    });
    out
}

/// A token whose matching form and stem borrow a buffer that
/// [`for_each_token`] reuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenRef<'t, 'b> {
    /// The word as written in the original text.
    pub text: &'t str,
    /// Byte offset of the word in the original text.
    pub start: usize,
    /// Byte offset one past the word.
    pub end: usize,
    /// The matching form; never empty.
    pub normalized: &'b str,
    /// The stem of `normalized` (a substring of it).
    pub stem: &'b str,
}

/// Calls `f` with every token of `text`, as [`tokenize`] would produce them,
/// without allocating per token: the fast path for indexing and
/// relatedness.
///
/// ```
/// let mut stems = Vec::new();
/// khabar_arabic::for_each_token("السيارات الكهربائية", |t| stems.push(t.stem.to_owned()));
/// assert_eq!(stems, ["سيار", "كهرباء"]);
/// ```
pub fn for_each_token<'t>(text: &'t str, mut f: impl FnMut(TokenRef<'t, '_>)) {
    let mut buf = String::new();
    for w in words(text) {
        buf.clear();
        normalize_into(w.text, &mut buf);
        if buf.is_empty() {
            continue;
        }
        let (s, e) = stem_span(&buf);
        f(TokenRef {
            text: w.text,
            start: w.start,
            end: w.end,
            normalized: &buf,
            stem: buf.get(s..e).unwrap_or(&buf),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).map(|w| w.text).collect()
    }

    #[test]
    fn a_colon_without_a_space_separates_words() {
        assert_eq!(texts("قال:الوزير"), ["قال", "الوزير"]);
        assert_eq!(texts("title:الصين"), ["title", "الصين"]);
        assert_eq!(texts("الساعة 10:30"), ["الساعة", "10", "30"]);
        let w: Vec<_> = words("أ:ب").map(|w| (w.start, w.end)).collect();
        assert_eq!(w, [(0, 2), (3, 5)]);
    }

    #[test]
    fn marks_tatweel_and_joiners_do_not_split_words() {
        assert_eq!(texts("مُحَمَّدٌ وَصَلَ"), ["مُحَمَّدٌ", "وَصَلَ"]);
        assert_eq!(texts("عـــاجـــل"), ["عـــاجـــل"]);
        assert_eq!(texts("هٰذا"), ["هٰذا"]);
        assert_eq!(
            texts("خ\u{200D}بر ب\u{200C}ه"),
            ["خ\u{200D}بر", "ب\u{200C}ه"]
        );
        assert_eq!(texts("\u{200F}غزة\u{200F}"), ["غزة"]);
    }

    #[test]
    fn punctuation_emoji_and_numbers() {
        assert_eq!(
            texts("عاجل: الرئيس (أحمد) يصل، اليوم؟ 🔴🔴 نعم!"),
            ["عاجل", "الرئيس", "أحمد", "يصل", "اليوم", "نعم"]
        );
        assert_eq!(texts("«فلسطين» و\"لبنان\""), ["فلسطين", "و", "لبنان"]);
        assert_eq!(
            texts("قمة G20 عام ٢٠٢٤ بنسبة 3.5%"),
            ["قمة", "G20", "عام", "٢٠٢٤", "بنسبة", "3.5"]
        );
        assert_eq!(texts("COVID-19 e-mail"), ["COVID", "19", "e", "mail"]);
    }

    #[test]
    fn offsets_point_into_the_original() {
        let text = "  «وبالصِّين» 🔴 Beijing ١٢ ";
        for w in words(text) {
            assert_eq!(text.get(w.start..w.end), Some(w.text));
        }
        let tokens = tokenize(text);
        let got: Vec<_> = tokens
            .iter()
            .map(|t| (t.text, t.normalized.as_str(), t.stem.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("وبالصِّين", "وبالصين", "صين"),
                ("Beijing", "beijing", "beijing"),
                ("١٢", "12", "12")
            ]
        );
    }

    /// The words of `text` by UAX #29 alone, within whitespace runs.
    fn reference(text: &str) -> Vec<Word<'_>> {
        let mut out = Vec::new();
        let mut start = 0;
        for run in text.split(is_run_separator) {
            for (i, segment) in run.unicode_word_indices() {
                out.extend(trim_format(start + i, segment));
            }
            start += run.len()
                + text
                    .get(start + run.len()..)
                    .and_then(|r| r.chars().next())
                    .map_or(0, char::len_utf8);
        }
        out
    }

    #[test]
    fn fast_path_classes_agree_with_uax29() {
        let ranges = [
            (0x20u32, 0x7E),
            (0xA0, 0xBF),
            (0x600, 0x6FF),
            (0x2000, 0x206F),
            (0xFEFF, 0xFEFF),
        ];
        for cp in ranges.iter().flat_map(|&(a, b)| a..=b) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let cases = [
                format!("ب{c}ب"),
                format!("{c}ب"),
                format!("ب{c}"),
                format!("1{c}1"),
                format!("{c}1"),
                format!("1{c}"),
                format!("{c}"),
            ];
            for case in &cases {
                let fast: Vec<_> = words(case).collect();
                assert_eq!(fast, reference(case), "U+{cp:04X} in {case:?}");
            }
            if is_fast_base(c) {
                assert_eq!(texts(&format!("ب{c}1")), [format!("ب{c}1")], "U+{cp:04X}");
            }
            if is_fast_extend(c) {
                assert_eq!(texts(&format!("ب{c}ب")), [format!("ب{c}ب")], "U+{cp:04X}");
            }
            if is_fast_punctuation(c) {
                assert!(!c.is_alphanumeric(), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn fast_path_agrees_with_uax29_on_news_text() {
        let text = "قالَ الرئيسُ: «إنّ الاتفاقَ (الذي وُقِّع) سيُطبَّق»، مضيفاً أن 3.5% من الـ١٠٠ مليون دولار… \
                    don't U.S. e-mail co_op 🔴 \u{200F}غزة\u{200F} خ\u{200D}بر «ب\u{200C}ه» ـــ \u{064E}بيت";
        let fast: Vec<_> = words(text).collect();
        assert_eq!(fast, reference(text));
    }

    proptest::proptest! {
        #[test]
        fn fast_path_agrees_with_uax29_everywhere(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::char::range('\u{0600}', '\u{06FF}'),
                    proptest::char::range(' ', '~'),
                    proptest::char::range('\u{2000}', '\u{206F}'),
                    proptest::prelude::any::<char>(),
                ],
                0..40,
            )
        ) {
            let text = String::from_iter(chars);
            let fast: Vec<_> = words(&text).collect();
            proptest::prop_assert_eq!(fast, reference(&text));
        }
    }

    #[test]
    fn empty_matching_forms_are_skipped() {
        assert!(tokenize("").is_empty());
        assert!(tokenize("ـــــ").is_empty());
        assert!(tokenize("\u{064E}\u{064E}").is_empty());
        assert_eq!(tokenize("ـــ خبر ـــ").len(), 1);
    }
}
