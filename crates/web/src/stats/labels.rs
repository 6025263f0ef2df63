//! Names editors read for the codes the statistics store: dimensions,
//! referrer groups, device classes and the bot filter's reasons. Browser,
//! system and site names are proper names and stay as stored.

use khabar_i18n::Localizer;

/// The heading of a dimension's table («المتصفحات» for `browser`).
pub fn dimension(l: &Localizer<'_>, code: &str) -> String {
    let key = format!("stats-dimension-{code}");
    if l.has(&key) {
        l.t(&key)
    } else {
        code.to_string()
    }
}

/// The heading of a dimension table's first column («المتصفح»).
pub fn column(l: &Localizer<'_>, code: &str) -> String {
    let key = format!("stats-column-{code}");
    if l.has(&key) {
        l.t(&key)
    } else {
        code.to_string()
    }
}

/// A stored value as shown: referrer groups and device classes translated,
/// the overflow bucket `other` named, anything else as is.
pub fn value(l: &Localizer<'_>, dimension: &str, value: &str) -> String {
    let key = match dimension {
        "referrer_group" => format!("stats-group-{value}"),
        "device" => format!("stats-device-{value}"),
        _ if value == "other" => "stats-other".to_string(),
        _ => return value.to_string(),
    };
    if l.has(&key) {
        l.t(&key)
    } else {
        value.to_string()
    }
}

/// A bot-filter reason code as shown («زواحف ومحركات فهرسة» for `crawler`).
pub fn reason(l: &Localizer<'_>, code: &str) -> String {
    let key = format!("stats-reason-{code}");
    if l.has(&key) {
        l.t(&key)
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use khabar_i18n::{I18n, Lang, LocaleSettings};
    use khabar_stats::FilterReason;
    use khabar_stats::aggregate::DIMENSIONS;

    /// Every code the counting code can store has a name in both languages.
    #[test]
    fn every_stored_code_has_a_name() {
        let i18n = I18n::new();
        for lang in [Lang::Ar, Lang::En] {
            let l = i18n.localizer(&LocaleSettings {
                lang,
                ..LocaleSettings::default()
            });
            for d in DIMENSIONS {
                assert!(l.has(&format!("stats-dimension-{d}")), "{lang:?} {d}");
                assert!(l.has(&format!("stats-column-{d}")), "{lang:?} {d}");
            }
            for r in FilterReason::ALL {
                assert!(
                    l.has(&format!("stats-reason-{}", r.code())),
                    "{lang:?} {r:?}"
                );
            }
            for g in ["search", "social", "website", "direct", "internal"] {
                assert_ne!(value(&l, "referrer_group", g), g, "{lang:?} {g}");
            }
            for d in ["desktop", "mobile", "tablet", "other"] {
                assert_ne!(value(&l, "device", d), d, "{lang:?} {d}");
            }
            assert_eq!(value(&l, "browser", "Firefox"), "Firefox");
            assert_ne!(value(&l, "browser", "other"), "other");
        }
    }
}
