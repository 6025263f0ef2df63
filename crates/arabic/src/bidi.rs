//! Removal of bidirectional formatting characters from user-supplied names,
//! comments and slugs.

use std::borrow::Cow;

/// Returns true if and only if `c` is a bidirectional formatting character:
/// the embeddings and overrides U+202A–U+202E (LRE, RLE, PDF, LRO, RLO), the
/// isolates U+2066–U+2069 (LRI, RLI, FSI, PDI), or the marks U+200E (LRM),
/// U+200F (RLM) and U+061C (ALM).
///
/// ```
/// assert!(khabar_arabic::is_bidi_control('\u{202E}'));
/// assert!(!khabar_arabic::is_bidi_control('\u{200D}')); // ZWJ is not one
/// ```
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Removes bidirectional formatting characters (see [`is_bidi_control`])
/// from `text`; borrows when there are none, which is the usual case.
///
/// An override such as U+202E in a commenter's name can make the rest of the
/// page read backwards, and marks let two names that look the same differ;
/// the page sets direction itself with `dir="auto"` and `<bdi>`. Zero-width
/// joiners and non-joiners are *not* removed: emoji sequences and Persian
/// words need them.
///
/// ```
/// use khabar_arabic::strip_bidi_controls;
/// assert_eq!(strip_bidi_controls("\u{202E}احمد\u{202C}"), "احمد");
/// assert_eq!(strip_bidi_controls("Ali\u{200F} علي"), "Ali علي");
/// assert!(matches!(strip_bidi_controls("خبر"), std::borrow::Cow::Borrowed(_)));
/// ```
#[must_use]
pub fn strip_bidi_controls(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_bidi_control) {
        Cow::Owned(text.chars().filter(|&c| !is_bidi_control(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_is_removed() {
        let controls = [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ];
        for c in controls {
            let s = format!("أ{c}ب");
            assert_eq!(strip_bidi_controls(&s), "أب", "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn joiners_and_emoji_survive() {
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(strip_bidi_controls(family), family);
        assert_eq!(strip_bidi_controls("می\u{200C}خواهم"), "می\u{200C}خواهم");
        assert_eq!(strip_bidi_controls(""), "");
    }
}
