//! Khabar's Arabic text layer: the one place that knows Arabic spelling.
//! Search, "read also", slugs and comments call it; it does no I/O and
//! depends on nothing else in Khabar.
//!
//! # A tour
//!
//! Text meets this crate in two roles, and the two never mix:
//!
//! - **Matching** (search, relatedness, duplicates). [`tokenize`] splits a
//!   text into word [`Token`]s with byte offsets into the original, each
//!   carrying its [`normalize`]d form (one spelling per word: «أحمد»,
//!   «احمد» and «أَحْمَد» all become «احمد») and its [`stem`] (clitics and
//!   suffixes stripped: «وبالصين» → «صين»). [`for_each_token`] is the same
//!   without allocating per token, and [`words`] the bare word boundaries.
//!   With the `tantivy` feature, `tantivy_adapter::ArabicTokenizer` feeds the
//!   same tokens to a search index, in a stemmed and an exact mode, with
//!   offsets into the original so snippets highlight what was written.
//! - **Display** (URLs, names). [`slugify`] keeps the title's letters as
//!   written (hamza, ة and ى included) and only drops harakat, tatweel and
//!   punctuation; [`transliterate_slug`] is the optional Latin variant;
//!   [`strip_bidi_controls`] removes direction overrides from names and
//!   comments; [`digits`] converts between Western and Arabic-Indic digits
//!   and parses numbers typed with either.
//!
//! [`analyze`] puts the matching pipeline and the slug side by side for the
//! `khabar analyze` command (its JSON comes from the `serde` feature).
//!
//! ```
//! use khabar_arabic::{normalize, stem, tokenize};
//!
//! // «احمد» finds «أحمد» and «بالصين» finds «الصين»: the same stems.
//! let doc = tokenize("وصل أحمد إلى الصين");
//! let stems: Vec<&str> = doc.iter().map(|t| t.stem.as_str()).collect();
//! assert!(stems.contains(&stem(&normalize("احمد")).as_ref()));
//! assert!(stems.contains(&stem(&normalize("بالصين")).as_ref()));
//! ```
//!
//! # The stemmer, and why this one
//!
//! Three well-known light stemmers were weighed:
//!
//! - **Snowball's Arabic stemmer** (rust-stemmers, tantivy's
//!   `Language::Arabic`, PostgreSQL's `arabic`) strips verb and noun affixes
//!   in many layers. On news text it merges names with unrelated words and
//!   cuts loanwords, so it is not used.
//! - **Lucene's `ArabicStemmer`** is light10 with one change: ال-forms need
//!   only two letters left, and every suffix may cascade.
//! - **Larkey's light10** strips و (if three letters remain), one article
//!   form (ال، وال، بال، كال، فال، لل) and then the suffixes
//!   ها ان ات ون ين يه ية ه ة ي, each once, in that order, if two letters
//!   remain. It is the usual baseline of Arabic retrieval studies and is
//!   predictable, which matters more here than the last point of recall.
//!
//! [`stem`] is light10 with these changes, each for news vocabulary:
//!
//! - suffixes need **three** letters left (light10: two), so «علي»,
//!   «حسين», «أمين», «بيان», «مكان» survive; ان needs **four**, because
//!   most five-letter words in -ان carry it in the stem («إعلان»، «سودان»،
//!   «لبنان»، «رمضان»);
//! - a one-letter preposition ب ل ك ف is stripped alone only before a
//!   protected stem («للبنان», «لبوتين»): stripped everywhere it would cut
//!   «برلمان», «كتاب», «فريق»;
//! - after the article, a second ال is stripped, so «الإلغاء» and «إلغاء»
//!   meet;
//! - a table of **protected stems** stops stemming: names and loanwords
//!   that end like a suffix («فلسطين», «بوتين», «ماكرون», «تلفزيون»),
//!   frequent words whose first و or ل is a radical («وزير», «وكالة»,
//!   «وطن», «لجنة», «لاجئين»); the stemmer stops on them also after
//!   stripping prefixes or suffixes, so «اللبنانيين» → «لبنان» and
//!   «وزيرها» → «وزير».
//!
//! ## Known failure cases
//!
//! A light stemmer sees letters, not morphology. Expect these:
//!
//! - **و that belongs to the word** outside the table is taken for "and":
//!   «وثيقة» is protected, but «وصفه» (his description) → «صفه» is not.
//! - **ل after the preposition لـ**: «للاعبين» (لـ + «لاعبين») is protected
//!   through «لاعب», but an unlisted word such as «للوحة» becomes «وحه»
//!   while «اللوحة» becomes «لوح».
//! - **Bare one-letter prepositions** are kept: «لمصر» and «بمصر» do not
//!   meet «مصر»; article forms such as «بالمصري» do.
//! - **A final ه of the root** looks like ة (which normalises to ه) and is
//!   cut: «اتجاه» → «اتجا», «مياه» → «ميا».
//! - **ة before a pronoun** is written ت: «سياستها» → «سياست» does not
//!   meet «سياسة» → «سياس».
//! - **Broken plurals** are different stems: «وزير»/«وزراء», «دولة»/«دول»
//!   meet only by accident.
//! - **Over-conflation**: «مدرسة» and «مدرس» (school/teacher), «جامعة» and
//!   «جامع» (university/mosque), «عملية» and «عمل» share a stem.
//! - **The nominative dual** is not stripped: «الطرفان» → «طرفان», while
//!   «الطرفين» → «طرف».
//! - **Country and nationality** differ: «فرنسا» vs «الفرنسي» → «فرنس».
//! - Only single-word rules: «عبد الله» is two tokens.
//!
//! # Hamza on waw and yaa
//!
//! «مسؤول» and «مسئول» meet: both seats fold to ء. See [`normalize`].
//!
//! # Robustness
//!
//! Every function takes any `&str` (lone combining marks, floods of
//! harakat or tatweel, mixed scripts, emoji, controls, the empty string)
//! without panicking, and its output is bounded by a small multiple of its
//! input (slugs by `max_chars`). Strings are cut on character and grapheme
//! boundaries only.

mod bidi;
pub mod digits;
mod normalize;
mod slug;
mod stem;
mod tokenize;

#[cfg(feature = "tantivy")]
pub mod tantivy_adapter;

pub use bidi::{is_bidi_control, strip_bidi_controls};
pub use normalize::{normalize, normalize_into};
pub use slug::{slugify, transliterate_slug};
pub use stem::{stem, stem_span};
pub use tokenize::{Token, TokenRef, Word, Words, for_each_token, tokenize, words};

/// The slug length [`analyze`] uses, in characters.
pub const DEFAULT_SLUG_MAX_CHARS: usize = 80;

/// One token of an [`Analysis`]: an owned [`Token`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnalyzedToken {
    /// The word as written.
    pub text: String,
    /// Its matching form.
    pub normalized: String,
    /// Its stem.
    pub stem: String,
    /// Byte offset in the analysed text.
    pub start: usize,
    /// Byte offset one past the word.
    pub end: usize,
}

/// What Khabar does with a text: its tokens and, on request, its slug. With
/// the `serde` feature it serialises as
/// `{"tokens":[{"text","normalized","stem","start","end"}],"slug":…}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Analysis {
    /// The tokens, as [`tokenize`] gives them.
    pub tokens: Vec<AnalyzedToken>,
    /// [`slugify`] of the text with [`DEFAULT_SLUG_MAX_CHARS`] when asked
    /// for (possibly empty), `None` otherwise.
    pub slug: Option<String>,
}

/// Analyses `text` for the `khabar analyze` command: every token with its
/// matching form and stem, and the slug if `with_slug`.
///
/// ```
/// let a = khabar_arabic::analyze("وبالصين", true);
/// assert_eq!(a.tokens[0].stem, "صين");
/// assert_eq!(a.slug.as_deref(), Some("وبالصين"));
/// ```
#[must_use]
pub fn analyze(text: &str, with_slug: bool) -> Analysis {
    let mut tokens = Vec::new();
    for_each_token(text, |t| {
        tokens.push(AnalyzedToken {
            text: t.text.to_owned(),
            normalized: t.normalized.to_owned(),
            stem: t.stem.to_owned(),
            start: t.start,
            end: t.end,
        });
    });
    let slug = with_slug.then(|| slugify(text, DEFAULT_SLUG_MAX_CHARS));
    Analysis { tokens, slug }
}

#[cfg(all(test, feature = "serde"))]
mod serde_tests {
    #[test]
    fn analysis_json_shape() {
        let a = super::analyze("أحمد", true);
        let json = serde_json::to_string(&a).expect("serialise");
        assert_eq!(
            json,
            r#"{"tokens":[{"text":"أحمد","normalized":"احمد","stem":"احمد","start":0,"end":8}],"slug":"أحمد"}"#
        );
        let none = serde_json::to_value(super::analyze("", false)).expect("serialise");
        assert_eq!(none, serde_json::json!({"tokens": [], "slug": null}));
    }
}
