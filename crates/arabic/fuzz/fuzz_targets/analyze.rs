//! Any input: the analyzer, normaliser and slugs must not panic, and their
//! contracts must hold.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();

    let analysis = khabar_arabic::analyze(text, true);
    let mut last_end = 0;
    for t in &analysis.tokens {
        assert!(
            t.start >= last_end && t.start < t.end,
            "offsets out of order"
        );
        assert_eq!(
            text.get(t.start..t.end),
            Some(t.text.as_str()),
            "offsets off char boundaries"
        );
        assert!(!t.normalized.is_empty());
        assert!(
            t.normalized.contains(t.stem.as_str()),
            "stem not a substring"
        );
        last_end = t.end;
    }

    let normalized = khabar_arabic::normalize(text);
    assert_eq!(
        khabar_arabic::normalize(&normalized),
        normalized,
        "normalize not idempotent"
    );

    for (slug, max) in [
        (
            analysis.slug.unwrap_or_default(),
            khabar_arabic::DEFAULT_SLUG_MAX_CHARS,
        ),
        (khabar_arabic::slugify(text, 7), 7),
        (khabar_arabic::transliterate_slug(text, 40), 40),
    ] {
        assert!(slug.chars().count() <= max, "slug too long: {slug:?}");
        assert!(
            !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
            "{slug:?}"
        );
        assert!(
            slug.chars().all(|c| c == '-' || c.is_alphanumeric()),
            "{slug:?}"
        );
    }

    let _ = khabar_arabic::strip_bidi_controls(text);
    let _ = khabar_arabic::digits::parse_u64(text);
    let _ = khabar_arabic::digits::to_arabic_indic(text);
});
