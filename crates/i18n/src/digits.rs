//! Digits and number rendering.
//!
//! Numbers are produced in ASCII first (Rust's own formatting, or Fluent's)
//! and then *localised*: thousands grouped, digits and separators swapped for
//! the site's [`DigitStyle`]. Keeping one path means a count inside a Fluent
//! message, a bare [`crate::Localizer::number`] and a date all agree.
//!
//! Grouping starts at five integer digits: «1000 مشاهدة» but «12,345 مشاهدة».
//! Four-digit numbers are mostly years and small counts, and a separator in
//! «2,026» or «1,000 مشاهدة» looks wrong to Arab readers (CLDR's
//! `minimumGroupingDigits = 2` idea, as in Spanish or Polish).

use crate::settings::DigitStyle;

/// The Arabic-Indic digits ٠ to ٩ (U+0660–U+0669).
const ARABIC_INDIC: [char; 10] = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];
/// ARABIC DECIMAL SEPARATOR.
const AR_DECIMAL: char = '\u{066B}';
/// ARABIC THOUSANDS SEPARATOR.
const AR_GROUP: char = '\u{066C}';
/// CLDR's minus sign for the `arab` numbering system: ARABIC LETTER MARK
/// then HYPHEN-MINUS, so the sign stays on the left of the digits (where
/// Arabic readers expect it) inside right-to-left text.
const AR_MINUS: &str = "\u{061C}-";

/// Integer parts with at least this many digits are grouped in thousands.
const GROUPING_MIN_DIGITS: usize = 5;

/// Writes `s` with its ASCII digits in `style`.
///
/// With [`DigitStyle::ArabicIndic`], a `.` or `,` standing between two ASCII
/// digits becomes the Arabic decimal (`٫`) or thousands (`٬`) separator, so
/// «3.5» becomes «٣٫٥» and «10,000» becomes «١٠٬٠٠٠»; every other character,
/// `:` in times and `-` in ISO dates included, is kept. With
/// [`DigitStyle::Western`] the string is returned unchanged.
pub fn convert_digits(s: &str, style: DigitStyle) -> String {
    match style {
        DigitStyle::Western => s.to_owned(),
        DigitStyle::ArabicIndic => {
            let mut out = String::with_capacity(s.len() * 2);
            let mut prev_digit = false;
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                let next_digit = chars.peek().is_some_and(char::is_ascii_digit);
                match c {
                    '0'..='9' => out.push(arabic_indic_digit(c)),
                    '.' if prev_digit && next_digit => out.push(AR_DECIMAL),
                    ',' if prev_digit && next_digit => out.push(AR_GROUP),
                    _ => out.push(c),
                }
                prev_digit = c.is_ascii_digit();
            }
            out
        }
    }
}

fn arabic_indic_digit(c: char) -> char {
    c.to_digit(10)
        .and_then(|d| ARABIC_INDIC.get(d as usize).copied())
        .unwrap_or(c)
}

/// Renders an integer in `style`, grouping thousands from 10 000 on.
pub(crate) fn format_integer(n: i64, style: DigitStyle) -> String {
    localize_ascii_number(&n.to_string(), style)
}

/// Localises a plain ASCII number such as `-12345.25`: groups the integer
/// part (from five digits on), then writes sign, separators and digits in
/// `style`. Anything that is not such a number is only digit-converted.
pub(crate) fn localize_ascii_number(ascii: &str, style: DigitStyle) -> String {
    let (negative, unsigned) = match ascii.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, ascii),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let is_plain = !int_part.is_empty()
        && int_part.bytes().all(|b| b.is_ascii_digit())
        && frac_part.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()));
    if !is_plain {
        return convert_digits(ascii, style);
    }

    let (group_sep, decimal_sep, minus) = match style {
        DigitStyle::Western => (',', '.', "-"),
        DigitStyle::ArabicIndic => (AR_GROUP, AR_DECIMAL, AR_MINUS),
    };
    let digit = |c: char| match style {
        DigitStyle::Western => c,
        DigitStyle::ArabicIndic => arabic_indic_digit(c),
    };

    let mut out = String::with_capacity(ascii.len() * 3);
    if negative {
        out.push_str(minus);
    }
    let len = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if len >= GROUPING_MIN_DIGITS && i > 0 && (len - i) % 3 == 0 {
            out.push(group_sep);
        }
        out.push(digit(c));
    }
    if let Some(frac) = frac_part {
        out.push(decimal_sep);
        out.extend(frac.chars().map(digit));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use DigitStyle::{ArabicIndic, Western};

    #[test]
    fn integers_group_from_five_digits() {
        let cases: &[(i64, &str, &str)] = &[
            (0, "0", "٠"),
            (7, "7", "٧"),
            (128, "128", "١٢٨"),
            (1000, "1000", "١٠٠٠"),
            (2026, "2026", "٢٠٢٦"),
            (9999, "9999", "٩٩٩٩"),
            (10_000, "10,000", "١٠٬٠٠٠"),
            (123_456, "123,456", "١٢٣٬٤٥٦"),
            (1_234_567, "1,234,567", "١٬٢٣٤٬٥٦٧"),
            (-5, "-5", "\u{061C}-٥"),
            (-12_345, "-12,345", "\u{061C}-١٢٬٣٤٥"),
            (
                i64::MIN,
                "-9,223,372,036,854,775,808",
                "\u{061C}-٩٬٢٢٣٬٣٧٢٬٠٣٦٬٨٥٤٬٧٧٥٬٨٠٨",
            ),
        ];
        for &(n, western, arabic) in cases {
            assert_eq!(format_integer(n, Western), western, "{n} western");
            assert_eq!(format_integer(n, ArabicIndic), arabic, "{n} arabic-indic");
        }
    }

    #[test]
    fn decimals_use_the_arabic_decimal_separator() {
        assert_eq!(localize_ascii_number("3.5", ArabicIndic), "٣٫٥");
        assert_eq!(localize_ascii_number("12345.25", Western), "12,345.25");
        assert_eq!(localize_ascii_number("12345.25", ArabicIndic), "١٢٬٣٤٥٫٢٥");
        // Not a plain number: only the digits change.
        assert_eq!(localize_ascii_number("NaN", ArabicIndic), "NaN");
        assert_eq!(localize_ascii_number("1e21", ArabicIndic), "١e٢١");
    }

    #[test]
    fn converting_a_formatted_string() {
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("0123456789", "٠١٢٣٤٥٦٧٨٩"),
            ("09:15", "٠٩:١٥"),
            ("2026-11-26", "٢٠٢٦-١١-٢٦"),
            ("ارتفع 3.5% إلى 10,000 نقطة", "ارتفع ٣٫٥% إلى ١٠٬٠٠٠ نقطة"),
            // Separators away from digits are punctuation, not numbers.
            ("نعم, لا. 5, 6.", "نعم, لا. ٥, ٦."),
            ("كأس العالم 2026 🏆", "كأس العالم ٢٠٢٦ 🏆"),
            // Already Arabic-Indic, Persian and fullwidth digits are left alone.
            ("٣ و۴ و５", "٣ و۴ و５"),
            ("H2O و CO2", "H٢O و CO٢"),
        ];
        for &(input, expected) in cases {
            assert_eq!(convert_digits(input, ArabicIndic), expected, "{input:?}");
            assert_eq!(convert_digits(input, Western), input, "{input:?}");
        }
    }
}
