//! A light stemmer for news text: Larkey's light10 with length guards
//! tuned for names, a two-step article rule, and a table of protected stems.
//!
//! See the crate documentation for why this one and where it fails.

use std::borrow::Cow;

/// Stems at which stemming stops, in normalised spelling, sorted by bytes
/// (a test checks both). A word stops at an entry when it *is* the entry, or
/// reaches it by stripping suffixes, or by stripping a proclitic first:
/// «بالولايات» → «ولايات», «اللبنانيين» → «لبنان», «وزيرها» → «وزير».
///
/// Three kinds of words need it:
/// - names and loanwords that end like a suffix: «فلسطين» (-ين), «بوتين»,
///   «ماكرون» (-ون), «تلفزيون», «سليمان» (-ان), «ثلاثين» (would become 3);
/// - frequent words whose first letter و is a radical, not "and": «وزير»,
///   «وكالة», «وطن», «وقت»; a و before them is kept, so «وزيرها» → «وزير»
///   and not «زير»;
/// - words whose first ل is a radical, after the preposition لـ:
///   «للاجئين» is لـ + «لاجئين», not «لل» + «اجئين».
const PROTECTED: &[&str] = &[
    "ابوظبي",
    "اربعين",
    "ارجنتين",
    "اردوغان",
    "الله",
    "انقره",
    "ايران",
    "بحرين",
    "برلين",
    "بريطانيا",
    "بنزين",
    "بوتين",
    "بيتكوين",
    "تسعين",
    "تشرين",
    "تلفزيون",
    "ثلاثين",
    "ثمانين",
    "جونسون",
    "حزيران",
    "خمسين",
    "سبعين",
    "سليمان",
    "سودان",
    "عشرين",
    "فرنسا",
    "فلبين",
    "فلسطين",
    "قانون",
    "قاهره",
    "كاميرون",
    "كانون",
    "لاجء",
    "لاعب",
    "لافروف",
    "لبنان",
    "لجن",
    "لغه",
    "لقاء",
    "لندن",
    "لواء",
    "ليبيا",
    "ماكرون",
    "ملايين",
    "مليون",
    "نيسان",
    "واءل",
    "واجب",
    "وادي",
    "واشنطن",
    "واقع",
    "والد",
    "وثاءق",
    "وثيق",
    "وجه",
    "وجود",
    "وحد",
    "وحيد",
    "ورد",
    "ورش",
    "ورق",
    "وزار",
    "وزراء",
    "وزن",
    "وزير",
    "وساءل",
    "وسام",
    "وسط",
    "وسطاء",
    "وسيط",
    "وصول",
    "وضع",
    "وطن",
    "وظاءف",
    "وظيف",
    "وعد",
    "وعود",
    "وفاه",
    "وفود",
    "وقت",
    "وقع",
    "وقف",
    "وقود",
    "وكال",
    "وكلاء",
    "وكيل",
    "ولايات",
    "ولايه",
    "ولد",
    "ولي",
    "وليد",
    "يابان",
    "يونان",
];

/// The definite article alone and fused with a preposition or conjunction,
/// in the order they are tried. «وال» needs no entry: the conjunction و is
/// stripped first and «ال» then matches.
const ARTICLES: &[&str] = &["ال", "بال", "كال", "فال", "لل"];

/// One-letter prepositions. Stripped only in front of a protected stem:
/// alone they begin too many words («برلمان», «كتاب», «لجنة», «فريق»).
const PREPOSITIONS: &[char] = &['ب', 'ل', 'ك', 'ف'];

/// Suffixes in light10's order, each tried once; ة and ى are already ه and ي
/// after normalisation, so «ية» is «يه» and «ة» is «ه». The number is how
/// many letters must remain.
const SUFFIXES: &[(&str, usize)] = &[
    ("ها", 3),
    // Most five-letter words in -ان keep it in the stem: «إعلان», «سودان»,
    // «لبنان», «رمضان», «إيران». The dual «الطرفان» is the price.
    ("ان", 4),
    ("ات", 3),
    ("ون", 3),
    ("ين", 3),
    ("يه", 3),
    ("ه", 3),
    ("ي", 3),
];

/// Letters that must remain after stripping the conjunction و.
const MIN_AFTER_WAW: usize = 3;
/// Letters that must remain after stripping an article form.
const MIN_AFTER_ARTICLE: usize = 2;

/// Returns the light stem of one *normalised* word (see
/// [`normalize`](crate::normalize)); the stem is always a substring of the
/// word, often the word itself.
///
/// The rules, in order (each stops stemming when it reaches a protected
/// stem, see the crate docs):
///
/// 1. Words of fewer than three letters are left alone: «من» → «من».
/// 2. The conjunction و is stripped if three letters remain: «ومصر» →
///    «مصر», «وقال» → «قال», but «وطن» → «وطن».
/// 3. A one-letter preposition ب ل ك ف is stripped only before a protected
///    stem: «لبوتين» → «بوتين», «للبنان» → «لبنان»; «برلمان» keeps its ب.
/// 4. One article form ال بال كال فال لل is stripped if two letters remain:
///    «الصين» → «صين», «بالصين» → «صين», «للصين» → «صين», «الام» → «ام».
///    When what remains starts with ال again (the word itself began with
///    أل/إل), that is stripped too, so «الإلغاء» meets «إلغاء» as «غاء».
/// 5. Suffixes ها ان ات ون ين يه ه ي are tried once each in that order,
///    each only if three letters remain (four for ان): «سيارات» → «سيار»,
///    «سيارة» → «سيار», «المصريين» → «مصر», «اتفاقية» → «اتفاق», but «علي»,
///    «حسين», «بيان» and «إعلان» stay whole.
///
/// ```
/// use khabar_arabic::{normalize, stem};
/// assert_eq!(stem("وبالصين"), "صين");
/// assert_eq!(stem("وللصين"), "صين");
/// assert_eq!(stem(&normalize("السيارات")), "سيار");
/// assert_eq!(stem("فلسطين"), "فلسطين");
/// ```
#[must_use]
pub fn stem(word: &str) -> Cow<'_, str> {
    let (start, end) = stem_span(word);
    Cow::Borrowed(word.get(start..end).unwrap_or(word))
}

/// The byte range of [`stem`] within `word`. Lets callers stem in place.
#[must_use]
pub fn stem_span(word: &str) -> (usize, usize) {
    let whole = View::new(word);
    if whole.n < 3 {
        return whole.span();
    }
    let (mut best, hit) = whole.suffix_chain();
    if hit {
        return best.span();
    }
    let mut w = whole;
    // 2. The conjunction.
    if w.n > MIN_AFTER_WAW
        && let Some(rest) = w.strip_prefix_char('و')
    {
        w = rest;
        let (s, hit) = w.suffix_chain();
        if hit {
            return s.span();
        }
        best = s;
    }
    // 3. A one-letter preposition before a protected stem.
    if w.n >= 4 {
        for &p in PREPOSITIONS {
            if let Some(rest) = w.strip_prefix_char(p) {
                let (s, hit) = rest.suffix_chain();
                if hit {
                    return s.span();
                }
            }
        }
    }
    // 4. The article, then the suffixes.
    for article in ARTICLES {
        if let Some(rest) = w.strip_prefix(article, MIN_AFTER_ARTICLE) {
            let mut rest = rest;
            if !is_protected(rest.as_str())
                && let Some(again) = rest.strip_prefix("ال", MIN_AFTER_ARTICLE)
            {
                rest = again;
            }
            return rest.suffix_chain().0.span();
        }
    }
    best.span()
}

/// Returns true if and only if `word` is a protected stem.
fn is_protected(word: &str) -> bool {
    // Most words are not protected; a 1024-bit filter says so without a
    // single string comparison.
    let h = protected_hash(word.as_bytes());
    let bit = PROTECTED_FILTER
        .get(h / 64)
        .is_some_and(|w| w & (1 << (h % 64)) != 0);
    bit && PROTECTED.binary_search(&word).is_ok()
}

/// A hash of a word's length, second byte and last byte, in 0..1024. For
/// Arabic these are the first and last letters' distinguishing bytes.
const fn protected_hash(b: &[u8]) -> usize {
    let n = b.len();
    let last = if n > 0 { b[n - 1] } else { 0 };
    let second = if n > 1 { b[1] } else { 0 };
    let h = (n as u32).wrapping_mul(0x9E37_79B9)
        ^ (last as u32).wrapping_mul(0x85EB_CA6B)
        ^ (second as u32).wrapping_mul(0xC2B2_AE35);
    (h >> 22) as usize
}

/// The bits of [`protected_hash`] of every entry of [`PROTECTED`].
const PROTECTED_FILTER: [u64; 16] = {
    let mut filter = [0u64; 16];
    let mut i = 0;
    while i < PROTECTED.len() {
        let h = protected_hash(PROTECTED[i].as_bytes());
        filter[h / 64] |= 1 << (h % 64);
        i += 1;
    }
    filter
};

/// A substring of the word being stemmed, with its length in letters.
#[derive(Clone, Copy)]
struct View<'a> {
    word: &'a str,
    start: usize,
    end: usize,
    n: usize,
}

impl<'a> View<'a> {
    fn new(word: &'a str) -> Self {
        Self {
            word,
            start: 0,
            end: word.len(),
            n: word.chars().count(),
        }
    }

    fn as_str(&self) -> &'a str {
        self.word.get(self.start..self.end).unwrap_or("")
    }

    fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }

    fn strip_prefix_char(&self, c: char) -> Option<Self> {
        self.as_str().starts_with(c).then(|| Self {
            start: self.start + c.len_utf8(),
            n: self.n - 1,
            ..*self
        })
    }

    /// Strips `prefix` if at least `min_left` letters remain.
    fn strip_prefix(&self, prefix: &str, min_left: usize) -> Option<Self> {
        let letters = prefix.chars().count();
        (self.n >= letters + min_left && self.as_str().starts_with(prefix)).then(|| Self {
            start: self.start + prefix.len(),
            n: self.n - letters,
            ..*self
        })
    }

    /// Strips `suffix` if at least `min_left` letters remain.
    fn strip_suffix(&self, suffix: &str, min_left: usize) -> Option<Self> {
        let letters = suffix.chars().count();
        (self.n >= letters + min_left && self.as_str().ends_with(suffix)).then(|| Self {
            end: self.end - suffix.len(),
            n: self.n - letters,
            ..*self
        })
    }

    /// Light10's suffix pass. Returns the result and whether it stopped at a
    /// protected stem (checked before the first suffix and after each one).
    fn suffix_chain(self) -> (Self, bool) {
        let mut w = self;
        if is_protected(w.as_str()) {
            return (w, true);
        }
        // Every suffix ends in ا ن ت ه or ي; most words end otherwise.
        if !w.as_str().ends_with(['ا', 'ن', 'ت', 'ه', 'ي']) {
            return (w, false);
        }
        for &(suffix, min_left) in SUFFIXES {
            if let Some(rest) = w.strip_suffix(suffix, min_left) {
                w = rest;
                if is_protected(w.as_str()) {
                    return (w, true);
                }
            }
        }
        (w, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    fn check(table: &[(&str, &str)]) {
        let mut failures = Vec::new();
        for (input, expected) in table {
            let normalized = normalize(input);
            let got = stem(&normalized);
            if got != *expected {
                failures.push(format!(
                    "{input} (normalised {normalized}): expected {expected}, got {got}"
                ));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn required_behaviour() {
        check(&[
            ("وبالصين", "صين"),
            ("الصين", "صين"),
            ("وللصين", "صين"),
            ("بالصين", "صين"),
            ("أحمد", "احمد"),
            ("فلسطين", "فلسطين"),
            ("سيارات", "سيار"),
        ]);
    }

    #[test]
    fn prefixes() {
        check(&[
            ("والحكومة", "حكوم"),
            ("فالمشكلة", "مشكل"),
            ("كالعادة", "عاد"),
            ("للمرة", "مره"),
            ("ومصر", "مصر"),
            ("وقال", "قال"),
            ("وأكد", "اكد"),
            ("والأمم", "امم"),
            ("الإلغاء", "غاء"),
            ("إلغاء", "غاء"),
            ("الإلكترونية", "كترون"),
            ("إلكتروني", "كترون"),
            ("الأم", "ام"),
        ]);
    }

    #[test]
    fn suffixes() {
        check(&[
            ("انتخابات", "انتخاب"),
            ("الانتخابات", "انتخاب"),
            ("سيارة", "سيار"),
            ("مصري", "مصر"),
            ("المصرية", "مصر"),
            ("المصريين", "مصر"),
            ("المصريون", "مصر"),
            ("اتفاقية", "اتفاق"),
            ("الأمنية", "امن"),
            ("بيانات", "بيان"),
            ("موظفين", "موظف"),
            ("الطرفين", "طرف"),
            ("سياستها", "سياست"),
            ("كتابه", "كتاب"),
            ("الحكومات", "حكوم"),
        ]);
    }

    #[test]
    fn short_words_and_roots_survive() {
        check(&[
            ("من", "من"),
            ("في", "في"),
            ("علي", "علي"),
            ("على", "علي"),
            ("قال", "قال"),
            ("بيت", "بيت"),
            ("دول", "دول"),
            ("وطن", "وطن"),
            ("وقت", "وقت"),
            ("ولد", "ولد"),
            ("غزة", "غزه"),
            ("قوة", "قوه"),
            ("مرة", "مره"),
            ("حسين", "حسين"),
            ("أمين", "امين"),
            ("بيان", "بيان"),
            ("مكان", "مكان"),
            ("سكان", "سكان"),
            ("إعلان", "اعلان"),
            ("رمضان", "رمضان"),
            ("الدين", "دين"),
            ("عمان", "عمان"),
            ("بكين", "بكين"),
            ("جنين", "جنين"),
            ("الله", "الله"),
        ]);
    }

    #[test]
    fn names_and_loanwords_are_not_damaged() {
        check(&[
            ("بوتين", "بوتين"),
            ("لافروف", "لافروف"),
            ("ماكرون", "ماكرون"),
            ("أردوغان", "اردوغان"),
            ("واشنطن", "واشنطن"),
            ("بريطانيا", "بريطانيا"),
            ("فرنسا", "فرنسا"),
            ("لبنان", "لبنان"),
            ("إيران", "ايران"),
            ("السودان", "سودان"),
            ("الولايات", "ولايات"),
            ("اليابان", "يابان"),
            ("البحرين", "بحرين"),
            ("برلين", "برلين"),
            ("تلفزيون", "تلفزيون"),
            ("التلفزيون", "تلفزيون"),
            ("التلفزيونية", "تلفزيون"),
            ("إنترنت", "انترنت"),
            ("الإنترنت", "انترنت"),
            ("بالإنترنت", "انترنت"),
            ("مليون", "مليون"),
            ("ملايين", "ملايين"),
            ("القانون", "قانون"),
            ("كانون", "كانون"),
            ("ثلاثين", "ثلاثين"),
            ("القاهرة", "قاهره"),
            ("ترامب", "ترامب"),
            ("بايدن", "بايدن"),
            ("موسكو", "موسكو"),
        ]);
    }

    #[test]
    fn protected_stems_with_clitics_and_suffixes() {
        check(&[
            ("الفلسطينيين", "فلسطين"),
            ("الفلسطينية", "فلسطين"),
            ("وفلسطين", "فلسطين"),
            ("لفلسطين", "فلسطين"),
            ("اللبناني", "لبنان"),
            ("اللبنانيين", "لبنان"),
            ("ولبنان", "لبنان"),
            ("للبنان", "لبنان"),
            ("وللبنان", "لبنان"),
            ("لبوتين", "بوتين"),
            ("وبوتين", "بوتين"),
            ("الإيراني", "ايران"),
            ("السودانية", "سودان"),
            ("بالولايات", "ولايات"),
            ("لليبيا", "ليبيا"),
            ("للاجئين", "لاجء"),
            ("اللاجئين", "لاجء"),
            ("لاجئون", "لاجء"),
            ("اللجنة", "لجن"),
            ("للجنة", "لجن"),
            ("للقاء", "لقاء"),
            ("اللقاء", "لقاء"),
        ]);
    }

    #[test]
    fn words_whose_waw_is_a_radical() {
        check(&[
            ("وزير", "وزير"),
            ("الوزير", "وزير"),
            ("وزيرة", "وزير"),
            ("وزيرها", "وزير"),
            ("والوزير", "وزير"),
            ("للوزير", "وزير"),
            ("ووزير", "وزير"),
            ("الوزراء", "وزراء"),
            ("وزراء", "وزراء"),
            ("وزارة", "وزار"),
            ("الوزارات", "وزار"),
            ("ووزارة", "وزار"),
            ("وكالة", "وكال"),
            ("وكالات", "وكال"),
            ("الوكالة", "وكال"),
            ("وطني", "وطن"),
            ("الوطنية", "وطن"),
            ("وقته", "وقت"),
            ("ولاية", "ولايه"),
            ("وجود", "وجود"),
            ("الوجود", "وجود"),
            ("وفد", "وفد"),
            ("وفود", "وفود"),
        ]);
    }

    #[test]
    fn non_arabic_and_degenerate_words() {
        check(&[
            ("", ""),
            ("و", "و"),
            ("ال", "ال"),
            ("وال", "وال"),
            ("بال", "بال"),
            ("لل", "لل"),
            ("google", "google"),
            ("2024", "2024"),
            ("g20", "g20"),
        ]);
    }

    #[test]
    fn protected_table_is_sorted_normalised_and_stable() {
        assert!(
            PROTECTED.is_sorted(),
            "PROTECTED must be sorted for binary search"
        );
        for entry in PROTECTED {
            assert_eq!(normalize(entry), *entry, "entry not in normalised spelling");
            assert_eq!(stem(entry), *entry, "a protected stem must stem to itself");
        }
    }
}
