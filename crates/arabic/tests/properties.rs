//! Properties that hold for every string, Arabic-heavy or arbitrary.

use khabar_arabic::{
    analyze, digits, normalize, normalize_into, slugify, stem, strip_bidi_controls, tokenize,
    transliterate_slug, words,
};
use proptest::prelude::*;

/// Characters that make Arabic text hard: letters, harakat, tatweel, hamza
/// marks, presentation forms, Persian digits, bidi and zero-width controls,
/// Latin, digits, emoji, and anything at all.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('\u{0600}', '\u{06FF}'),
        2 => proptest::char::range('\u{064B}', '\u{0655}'),
        1 => Just('\u{0640}'),
        2 => Just(' '),
        1 => proptest::char::range('\u{FB50}', '\u{FDFF}'),
        1 => proptest::char::range('\u{FE70}', '\u{FEFF}'),
        1 => proptest::char::range('\u{0750}', '\u{077F}'),
        1 => proptest::char::range('\u{08A0}', '\u{08FF}'),
        1 => proptest::char::range('\u{2000}', '\u{206F}'),
        1 => proptest::char::range('A', 'z'),
        1 => proptest::char::range('0', '9'),
        1 => proptest::char::range('\u{1F300}', '\u{1FAFF}'),
        1 => proptest::char::range('\u{0300}', '\u{036F}'),
        1 => proptest::char::range('\u{0900}', '\u{097F}'),
        1 => any::<char>(),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..120).prop_map(String::from_iter)
}

fn any_string() -> impl Strategy<Value = String> {
    prop_oneof![tricky_string(), any::<String>()]
}

/// Returns a description of what makes `slug` unusable as a URL path
/// segment or over `max_chars`, if anything.
fn slug_problem(slug: &str, max_chars: usize) -> Option<String> {
    if slug.chars().count() > max_chars {
        return Some(format!("longer than {max_chars} characters"));
    }
    if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        return Some("stray hyphen".into());
    }
    if let Some(c) = slug.chars().find(|&c| c != '-' && !c.is_alphanumeric()) {
        return Some(format!("contains U+{:04X}", u32::from(c)));
    }
    None
}

proptest! {
    // 512 cases by default; PROPTEST_CASES=20000 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn normalize_is_idempotent(s in any_string()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
        // Bounded: presentation-form ligatures expand at most ~18 times.
        prop_assert!(once.len() <= 20 * s.len());
    }

    #[test]
    fn normalize_into_appends(prefix in any_string(), s in any_string()) {
        let mut buf = prefix.clone();
        normalize_into(&s, &mut buf);
        prop_assert_eq!(buf, format!("{prefix}{}", normalize(&s)));
    }

    #[test]
    fn token_offsets_are_exact(s in any_string()) {
        let mut last_end = 0;
        for t in tokenize(&s) {
            prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            prop_assert!(t.start >= last_end && t.start < t.end);
            prop_assert_eq!(s.get(t.start..t.end), Some(t.text));
            prop_assert!(!t.normalized.is_empty());
            prop_assert_eq!(&t.normalized, &normalize(t.text));
            prop_assert!(t.normalized.contains(t.stem.as_str()));
            prop_assert_eq!(stem(&t.normalized), t.stem.as_str());
            last_end = t.end;
        }
        for w in words(&s) {
            prop_assert_eq!(s.get(w.start..w.end), Some(w.text));
        }
    }

    #[test]
    fn stems_are_substrings(s in tricky_string()) {
        let n = normalize(&s);
        let st = stem(&n);
        prop_assert!(n.contains(st.as_ref()));
    }

    #[test]
    fn slugs_are_path_segments(s in any_string(), max in 0usize..100) {
        let slug = slugify(&s, max);
        if let Some(problem) = slug_problem(&slug, max) {
            prop_assert!(false, "slugify({:?}, {}) = {:?}: {}", s, max, slug, problem);
        }
        prop_assert_eq!(slugify(&slug, max), slug.clone(), "slugify is not stable");
        let latin = transliterate_slug(&s, max);
        if let Some(problem) = slug_problem(&latin, max) {
            prop_assert!(false, "transliterate_slug({:?}, {}) = {:?}: {}", s, max, latin, problem);
        }
        prop_assert!(latin.is_ascii());
    }

    #[test]
    fn nothing_panics(s in any_string()) {
        let a = analyze(&s, true);
        prop_assert!(a.slug.is_some());
        let _ = strip_bidi_controls(&s);
        let _ = digits::parse_u64(&s);
        let western = digits::to_western(&s);
        prop_assert_eq!(digits::to_western(&digits::to_arabic_indic(&s)), western);
        prop_assert!(!strip_bidi_controls(&s).chars().any(khabar_arabic::is_bidi_control));
    }

    #[test]
    fn numbers_round_trip_through_every_digit_set(n in any::<u64>()) {
        let western = n.to_string();
        prop_assert_eq!(digits::parse_u64(&western), Some(n));
        prop_assert_eq!(digits::parse_u64(&digits::to_arabic_indic(&western)), Some(n));
    }
}

#[test]
fn pathological_inputs_stay_bounded() {
    let inputs = [
        format!("ب{}", "\u{064E}".repeat(10_000)),
        "ـ".repeat(10_000),
        "\u{0654}".repeat(10_000),
        "\u{202E}".repeat(10_000),
        "🔴".repeat(5_000),
        "ﷺ".repeat(2_000),
        "وال".repeat(3_000),
        "a".repeat(100_000),
        format!("{}x", "\u{0301}".repeat(10_000)),
        "\0\u{1}\u{7f}\u{85}".repeat(1_000),
    ];
    for s in &inputs {
        let a = analyze(s, true);
        let slug = a.slug.unwrap_or_default();
        assert!(slug.chars().count() <= khabar_arabic::DEFAULT_SLUG_MAX_CHARS);
        assert!(transliterate_slug(s, 40).len() <= 40);
        for t in &a.tokens {
            assert_eq!(s.get(t.start..t.end), Some(t.text.as_str()));
        }
    }
}
