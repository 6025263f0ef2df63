//! Digits: Western (0–9) and Arabic-Indic (٠–٩) by site setting, and
//! numbers typed with any digit set.
//!
//! A site shows either Western or Arabic-Indic digits; readers and editors
//! type either, or Persian digits (۰–۹) from a Persian keyboard. Everything
//! that *reads* a number goes through [`parse_u64`], which takes all of them.

/// The zero of every run of ten decimal digits (general category Nd) in
/// Unicode, each run being zero to nine in order.
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950,
    0x1FBF0,
];

/// Returns the value of `c` if and only if it is a decimal digit of any
/// script: `'7'`, `'٧'` (Arabic-Indic), `'۷'` (Persian), `'७'` (Devanagari)
/// all give `Some(7)`.
///
/// ```
/// use khabar_arabic::digits::digit_value;
/// assert_eq!(digit_value('٧'), Some(7));
/// assert_eq!(digit_value('۷'), Some(7));
/// assert_eq!(digit_value('x'), None);
/// ```
#[must_use]
pub fn digit_value(c: char) -> Option<u32> {
    let cp = u32::from(c);
    if c.is_ascii() {
        return c.to_digit(10);
    }
    // The runs are sorted: find the last zero at or below `cp`.
    let i = DIGIT_ZEROS.partition_point(|&z| z <= cp);
    let zero = *DIGIT_ZEROS.get(i.checked_sub(1)?)?;
    let v = cp - zero;
    (v < 10).then_some(v)
}

/// The ASCII digit of `c` if `c` is a decimal digit of any script.
pub(crate) fn to_ascii_digit(c: char) -> Option<char> {
    digit_value(c).and_then(|v| char::from_digit(v, 10))
}

/// Rewrites every decimal digit (of any script) as an Arabic-Indic digit
/// (٠–٩) and leaves everything else alone, separators included.
///
/// ```
/// use khabar_arabic::digits::to_arabic_indic;
/// assert_eq!(to_arabic_indic("128 مشاهدة"), "١٢٨ مشاهدة");
/// assert_eq!(to_arabic_indic("2024-05-01"), "٢٠٢٤-٠٥-٠١");
/// assert_eq!(to_arabic_indic("۱۲"), "١٢");
/// ```
#[must_use]
pub fn to_arabic_indic(s: &str) -> String {
    s.chars()
        .map(|c| match digit_value(c) {
            Some(v) => char::from_u32(0x660 + v).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Rewrites every decimal digit (of any script) as a Western digit (0–9) and
/// leaves everything else alone.
///
/// ```
/// use khabar_arabic::digits::to_western;
/// assert_eq!(to_western("١٢٨ مشاهدة"), "128 مشاهدة");
/// assert_eq!(to_western("۱۴۰۳"), "1403");
/// ```
#[must_use]
pub fn to_western(s: &str) -> String {
    s.chars().map(|c| to_ascii_digit(c).unwrap_or(c)).collect()
}

/// Parses a non-negative integer written with any decimal digit set, mixed
/// or not. Surrounding whitespace and bidi marks (which pasting from an
/// Arabic page often brings along) are ignored; signs, separators and
/// anything else make it `None`, and so does overflow or an empty string.
///
/// ```
/// use khabar_arabic::digits::parse_u64;
/// assert_eq!(parse_u64("١٢٨"), Some(128));
/// assert_eq!(parse_u64("۱۲۸"), Some(128));
/// assert_eq!(parse_u64(" 128\u{200f}"), Some(128));
/// assert_eq!(parse_u64("١٬٠٠٠"), None); // thousands separator
/// assert_eq!(parse_u64("-1"), None);
/// assert_eq!(parse_u64(""), None);
/// assert_eq!(parse_u64("99999999999999999999"), None); // overflow
/// ```
#[must_use]
pub fn parse_u64(s: &str) -> Option<u64> {
    let trimmed = s.trim_matches(|c: char| c.is_whitespace() || crate::bidi::is_bidi_control(c));
    if trimmed.is_empty() {
        return None;
    }
    trimmed.chars().try_fold(0u64, |acc, c| {
        let d = digit_value(c)?;
        acc.checked_mul(10)?.checked_add(u64::from(d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_run_is_ten_numeric_characters() {
        assert!(DIGIT_ZEROS.is_sorted());
        for &zero in DIGIT_ZEROS {
            for v in 0..10 {
                let c = char::from_u32(zero + v).expect("valid scalar");
                assert!(c.is_numeric(), "U+{:04X} is not numeric", zero + v);
                assert_eq!(digit_value(c), Some(v), "U+{:04X}", zero + v);
            }
        }
    }

    #[test]
    fn digit_sets() {
        let table = [
            ("0123456789", "0123456789"),
            ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
            ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
            ("०१२३", "0123"),
            ("０１２", "012"),
        ];
        for (input, western) in table {
            assert_eq!(to_western(input), western, "{input}");
            assert_eq!(to_western(&to_arabic_indic(input)), western, "{input}");
        }
    }

    #[test]
    fn parsing() {
        let table: &[(&str, Option<u64>)] = &[
            ("0", Some(0)),
            ("٠", Some(0)),
            ("١٢٨", Some(128)),
            ("۱۲۸", Some(128)),
            ("1٢۳", Some(123)),
            ("\u{200F}٥\u{200E}", Some(5)),
            ("\t42\n", Some(42)),
            ("18446744073709551615", Some(u64::MAX)),
            ("18446744073709551616", None),
            ("", None),
            ("  ", None),
            ("+1", None),
            ("1.5", None),
            ("١٫٥", None),
            ("12a", None),
            ("١ ٢", None),
        ];
        for (input, expected) in table {
            assert_eq!(parse_u64(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn non_digits_untouched() {
        assert_eq!(to_arabic_indic("مشاهدة."), "مشاهدة.");
        assert_eq!(to_western("x٫y"), "x٫y");
        assert_eq!(digit_value('\u{65F}'), None);
        assert_eq!(digit_value('\u{10FFFF}'), None);
    }
}
