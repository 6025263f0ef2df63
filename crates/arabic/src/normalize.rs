//! Matching normalisation: the spelling that search, "read also" and
//! duplicate detection compare. Never shown to readers.

use unicode_normalization::char::decompose_compatible;

use crate::digits;

/// Returns the matching form of `text`: the spelling under which variants of
/// one word compare equal. Never use it for display.
///
/// The rules, each with an example (left: input, right: output):
///
/// | rule | example |
/// |---|---|
/// | harakat, tanween, shadda, sukun (U+064B–U+0652) removed | «مُحَمَّدٌ» → «محمد» |
/// | superscript alef (U+0670) and other Arabic combining marks (U+0653–U+065F) removed | «هٰذا» → «هذا» |
/// | Quranic annotation marks (U+0610–U+061A, U+06D6–U+06ED, U+08D3–U+08FF) removed | «ٱلرَّحِيمِۖ» → «الرحيم» |
/// | tatweel (U+0640) removed | «خـــبر» → «خبر» |
/// | alef forms أ إ آ ٱ → ا | «أحمد»، «إيران»، «آخر» → «احمد»، «ايران»، «اخر» |
/// | alef maqsura ى → ي | «مستشفى» → «مستشفي» |
/// | taa marbuta ة → ه | «مدينة» → «مدينه» |
/// | hamza seats ؤ ئ → ء (see below) | «مسؤول»، «مسئول» → «مسءول» |
/// | a combining hamza (U+0654/U+0655) on و or ي → ء; elsewhere removed | «و\u{654}» → «ء» |
/// | Arabic-Indic ٠–٩ and Persian ۰–۹ digits → ASCII | «٢٠٢٤»، «۲۰۲۴» → «2024» |
/// | Persian and Urdu letter variants → Arabic: ک → ك, ی ې ے → ي, ە ہ ۃ ھ → ه | «کیف» → «كيف» |
/// | presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) → NFKC letters | «ﻻ» → «لا», «ﷲ» → «الله» |
/// | fullwidth ASCII (U+FF01–U+FF5E) → ASCII | «ＢＢＣ» → «bbc» |
/// | zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, CGJ, variation selectors) removed | «ب\u{200c}ه» → «به» |
/// | bidi controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069) removed | «\u{202b}غزة\u{202c}» → «غزه» |
/// | letters of every cased script lower-cased | «CNN» → «cnn», «ΑΘΗΝΑ» → «αθηνα» |
///
/// Everything else (other letters, whitespace, punctuation, emoji) is kept as
/// it is. The function is idempotent: `normalize(&normalize(s)) ==
/// normalize(s)` for every string.
///
/// # Hamza on waw and yaa
///
/// «مسؤول» and «مسئول» are the same word ("official") in two house styles:
/// the hamza sits on waw in most of the Levant and the Gulf, on yaa in much of
/// the Egyptian press («شؤون» / «شئون», «مسؤولية» / «مسئولية»). A reader who
/// types one must find the other, so both seats fold to the bare hamza ء.
/// Folding ؤ → و and ئ → ي (as some normalisers do) would not make these
/// meet («مسوول» ≠ «مسيول»), and dropping the hamza altogether would merge
/// unrelated words. The price: «رئيس» matches as «رءيس», which is harmless
/// because every spelling of it folds the same way.
///
/// ```
/// assert_eq!(khabar_arabic::normalize("مسؤول"), khabar_arabic::normalize("مسئول"));
/// assert_eq!(khabar_arabic::normalize("أَحْمَد"), "احمد");
/// ```
#[must_use]
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Appends the matching form of `text` (see [`normalize`]) to `out`, so that
/// one buffer can serve many words.
///
/// ```
/// let mut buf = String::from("x:");
/// khabar_arabic::normalize_into("الـصـين", &mut buf);
/// assert_eq!(buf, "x:الصين");
/// ```
pub fn normalize_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    // `base` is where this call's output starts: a combining hamza only ever
    // looks at a letter this call wrote, never at the caller's prefix.
    let base = out.len();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            push_normalized(c, out, base);
        }
    }
}

/// What the matching normalisation does with one non-ASCII character.
fn push_normalized(c: char, out: &mut String, base: usize) {
    match c {
        // The common case first: Arabic letters that stay as they are.
        '\u{0621}'
        | '\u{0627}'..='\u{0628}'
        | '\u{062A}'..='\u{063A}'
        | '\u{0641}'..='\u{0648}'
        | '\u{064A}' => {
            out.push(c);
        }
        // Harakat, tanween, shadda, sukun; madda and the other combining
        // marks of the Arabic block; superscript alef; tatweel.
        '\u{064B}'..='\u{0653}' | '\u{0656}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
        // Combining hamza above / below: on waw or yaa it makes ؤ / ئ.
        '\u{0654}' | '\u{0655}' => {
            if out.len() > base && (out.ends_with('و') || out.ends_with('ي')) {
                out.pop();
                out.push('ء');
            }
        }
        // Quranic annotation signs and small high letters.
        '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}' => {}
        // Alef with hamza above / below, with madda, wasla, wavy hamzas, high hamza.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}'..='\u{0673}' | '\u{0675}' => {
            out.push('ا')
        }
        // Hamza on waw / yaa (and their high-hamza variants) → bare hamza.
        '\u{0624}' | '\u{0626}' | '\u{0676}' | '\u{0678}' | '\u{06D3}' => out.push('ء'),
        // Alef maqsura, Farsi yeh, Pashto yeh, yeh barree → yeh.
        '\u{0649}' | '\u{06CC}' | '\u{06D0}' | '\u{06D2}' => out.push('ي'),
        // Taa marbuta (and its Urdu form), Persian/Urdu heh variants → heh.
        '\u{0629}' | '\u{06C3}' | '\u{06BE}' | '\u{06C0}'..='\u{06C2}' | '\u{06D5}' => {
            out.push('ه')
        }
        // Keheh and swash kaf → kaf.
        '\u{06A9}' | '\u{06AA}' => out.push('ك'),
        // Arabic-Indic and Extended (Persian) Arabic-Indic digits → ASCII.
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => {
            out.push(digits::to_ascii_digit(c).unwrap_or(c));
        }
        // Zero-width characters, bidi marks and controls, soft hyphen,
        // combining grapheme joiner, variation selectors.
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{E0100}'..='\u{E01EF}' => {}
        // Arabic presentation forms: their compatibility decomposition is the
        // plain letters, which then go through the rules above. The isolated
        // forms of the marks decompose to a space plus the mark; that
        // leading space is not part of the text.
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => {
            let mut leading = true;
            decompose_compatible(c, |d| {
                if leading && d == ' ' {
                    return;
                }
                leading = false;
                if d.is_ascii() {
                    out.push(d.to_ascii_lowercase());
                } else if matches!(d, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}') {
                    // No decomposition (ornate parentheses, unassigned).
                    out.push(d);
                } else {
                    push_normalized(d, out, base);
                }
            });
        }
        // Fullwidth ASCII → ASCII.
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c);
            out.push(ascii.to_ascii_lowercase());
        }
        // Other Arabic-block characters (Persian letters without an Arabic
        // twin such as پ چ ژ گ, punctuation ، ؛ ؟) are kept.
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' => out.push(c),
        _ => {
            if c.is_lowercase() || !c.is_alphabetic() {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// Returns true if and only if `c` is removed by [`normalize`] and carries no
/// letter: a haraka, Quranic mark, tatweel, zero-width or bidi control.
/// Slugs drop the same characters.
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{0610}'..='\u{061A}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}'
        | '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{E0100}'..='\u{E01EF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per rule, with real news vocabulary.
    const TABLE: &[(&str, &str, &str)] = &[
        // (rule, input, expected)
        ("harakat", "مُحَمَّدٌ", "محمد"),
        ("tanween fath", "شكرًا", "شكرا"),
        ("tanween kasr", "بيتٍ", "بيت"),
        ("shadda and sukun", "الشَّمْس", "الشمس"),
        ("superscript alef", "هٰذا", "هذا"),
        ("superscript alef in a name", "الرَّحْمٰن", "الرحمن"),
        ("quranic small high marks", "ٱلرَّحِيمِۖ", "الرحيم"),
        ("quranic sign U+0615", "محمد\u{0615}", "محمد"),
        ("tatweel", "خـــبر", "خبر"),
        ("tatweel flood in a headline", "عـــــاجـــــل", "عاجل"),
        ("alef hamza above", "أحمد", "احمد"),
        ("alef hamza below", "إيران", "ايران"),
        ("alef madda", "آخر", "اخر"),
        ("alef wasla", "ٱلصين", "الصين"),
        ("decomposed alef hamza", "ا\u{0654}حمد", "احمد"),
        ("decomposed alef madda", "ا\u{0653}خر", "اخر"),
        ("alef maqsura", "مستشفى", "مستشفي"),
        ("alef maqsura in a preposition", "على", "علي"),
        ("taa marbuta", "مدينة", "مدينه"),
        ("taa marbuta in a place name", "غزة", "غزه"),
        ("hamza on waw", "مسؤول", "مسءول"),
        ("hamza on yaa", "مسئول", "مسءول"),
        ("hamza on waw, plural", "شؤون", "شءون"),
        ("hamza on yaa, plural", "شئون", "شءون"),
        ("hamza on yaa inside a word", "رئيس", "رءيس"),
        ("decomposed hamza on waw", "مسو\u{0654}ول", "مسءول"),
        ("decomposed hamza on yaa", "مسي\u{0654}ول", "مسءول"),
        ("bare hamza kept", "سماء", "سماء"),
        ("arabic-indic digits", "٢٠٢٤", "2024"),
        ("persian digits", "۲۰۲۴", "2024"),
        ("mixed digits", "عام ١٩٤٨ و۱۹۶۷", "عام 1948 و1967"),
        ("persian kaf and yeh", "کیف", "كيف"),
        ("farsi yeh final", "علی", "علي"),
        ("persian ae", "خانە", "خانه"),
        ("urdu heh goal", "ہ", "ه"),
        ("urdu heh doachashmee", "ھ", "ه"),
        ("persian letter without twin kept", "پاکستان", "پاكستان"),
        ("presentation form lam-alef", "ﻻ", "لا"),
        ("presentation form lam-alef hamza", "ﻷ", "لا"),
        ("presentation forms B word", "ﺍﻟﺼﻴﻦ", "الصين"),
        ("ligature allah", "ﷲ", "الله"),
        ("isolated haraka form leaves nothing", "ب\u{FE70}", "ب"),
        ("fullwidth ascii", "ＢＢＣ", "bbc"),
        ("zwnj", "ب\u{200C}ه", "به"),
        ("zwj and zwsp", "خ\u{200D}ب\u{200B}ر", "خبر"),
        ("bom", "\u{FEFF}خبر", "خبر"),
        ("soft hyphen", "inter\u{00AD}net", "internet"),
        ("bidi embedding", "\u{202B}غزة\u{202C}", "غزه"),
        ("bidi isolate", "\u{2067}بيروت\u{2069}", "بيروت"),
        ("bidi marks", "\u{200F}خبر\u{200E}\u{061C}", "خبر"),
        ("latin lower", "CNN", "cnn"),
        ("latin accented", "ÉLYSÉE", "élysée"),
        ("greek lower", "ΑΘΗΝΑ", "αθηνα"),
        (
            "mixed script headline",
            "قمة G20 في الرياض",
            "قمه g20 في الرياض",
        ),
        ("emoji kept", "عاجل 🔴", "عاجل 🔴"),
        (
            "arabic punctuation kept",
            "لماذا؟ نعم، لا؛",
            "لماذا؟ نعم، لا؛",
        ),
        ("empty", "", ""),
    ];

    #[test]
    fn every_rule_in_the_table() {
        let mut failures = Vec::new();
        for (rule, input, expected) in TABLE {
            let got = normalize(input);
            if got != *expected {
                failures.push(format!(
                    "{rule}: {input:?} → expected {expected:?}, got {got:?}"
                ));
            }
            let twice = normalize(&got);
            if twice != got {
                failures.push(format!("{rule}: not idempotent: {got:?} → {twice:?}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn hamza_spellings_meet() {
        for (a, b) in [("مسؤول", "مسئول"), ("مسؤولية", "مسئولية"), ("شؤون", "شئون")]
        {
            assert_eq!(normalize(a), normalize(b), "{a} vs {b}");
        }
    }

    #[test]
    fn normalize_into_appends_and_hamza_does_not_reach_into_the_prefix() {
        let mut buf = String::from("و");
        normalize_into("\u{0654}", &mut buf);
        assert_eq!(buf, "و");
        normalize_into(" أحمد", &mut buf);
        assert_eq!(buf, "و احمد");
    }

    #[test]
    fn floods_of_marks_vanish() {
        let s = format!("ب{}", "\u{064E}".repeat(10_000));
        assert_eq!(normalize(&s), "ب");
        let s = "ـ".repeat(10_000);
        assert_eq!(normalize(&s), "");
        let s = "\u{0654}".repeat(1000);
        assert_eq!(normalize(&s), "");
    }

    #[test]
    fn every_presentation_form_normalises_idempotently() {
        for cp in (0xFB50..=0xFDFF).chain(0xFE70..=0xFEFE) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let once = normalize(&c.to_string());
            assert_eq!(normalize(&once), once, "U+{cp:04X}");
            assert!(once.len() <= 64, "U+{cp:04X} expands to {once:?}");
        }
    }
}
