//! CLDR plural categories, from ICU4X, and the `PLURAL()` function that
//! puts them in front of Fluent.
//!
//! # Why not Fluent's own plural selection
//!
//! `{ $n -> [few] … }` makes Fluent pick the variant with `intl_pluralrules`
//! 7.0.2, whose generated Arabic rule drops CLDR's modulo: it tests
//! `n in 3..=10` where CLDR says `n % 100 in 3..=10`. So 103 comes out
//! `other` («103 مشاهدة») instead of `few` («103 مشاهدات»), and 128 `other`
//! instead of `many` («128 تعليق» for «128 تعليقًا») — every count from 100
//! on whose last two digits are 3–99. The crate's tests caught it.
//!
//! Arabic messages therefore select on `PLURAL($n)`, a Fluent function that
//! returns the category ICU4X's compiled CLDR data gives for `$n` as a
//! string (`"zero"` … `"other"`), which Fluent then matches against the
//! variant keys literally. A test fails if an Arabic file selects on a bare
//! variable with category keys. English selects on `$n` directly, so that
//! `[0]` can still name zero; its rule (one = exactly 1) is simple enough
//! that `intl_pluralrules` gets it right, and a test checks that too.

use std::sync::OnceLock;

use fluent_bundle::{FluentArgs, FluentValue};
use icu_plurals::{PluralCategory, PluralOperands, PluralRules};

use crate::settings::Lang;

/// The name of the Fluent function, as written in `.ftl` files.
pub(crate) const FUNCTION_NAME: &str = "PLURAL";

/// The CLDR cardinal plural category of `n` in `lang`, as Fluent variant
/// keys spell it: `"zero"`, `"one"`, `"two"`, `"few"`, `"many"` or
/// `"other"`.
pub fn plural_category(lang: Lang, n: i64) -> &'static str {
    category_name(rules(lang).category_for(n))
}

/// The rules of `lang`, loaded from the compiled data on first use.
fn rules(lang: Lang) -> &'static PluralRules {
    static RULES: [OnceLock<PluralRules>; 2] = [OnceLock::new(), OnceLock::new()];
    RULES[lang.index()].get_or_init(|| {
        let locale = match lang {
            Lang::Ar => icu_locale_core::locale!("ar"),
            Lang::En => icu_locale_core::locale!("en"),
        };
        // Compiled data covers every CLDR locale; ar and en cannot be missing.
        PluralRules::try_new_cardinal((&locale).into())
            .unwrap_or_else(|e| panic!("ICU4X has no plural rules for {lang}: {e}"))
    })
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// Builds the `PLURAL()` Fluent function for `lang`: `PLURAL($n)` is the
/// category of `$n`, or an error value (so the default variant is chosen)
/// when `$n` is missing or not a number.
pub(crate) fn fluent_function(
    lang: Lang,
) -> impl for<'a> Fn(&[FluentValue<'a>], &FluentArgs) -> FluentValue<'a> + Send + Sync + 'static {
    let rules = rules(lang);
    move |positional, _named| {
        let operands = match positional.first() {
            Some(FluentValue::Number(n)) if n.value.fract() == 0.0 && n.value.abs() < 9.0e15 => {
                // Integral and exact in an f64: the common case.
                Some(PluralOperands::from(n.value as i64))
            }
            // Fractions keep their visible digits ("1.50" is not "1.5").
            Some(FluentValue::Number(n)) => decimal_operands(&n.as_string()),
            Some(FluentValue::String(s)) => decimal_operands(s.trim()),
            _ => None,
        };
        match operands {
            Some(op) => FluentValue::String(category_name(rules.category_for(op)).into()),
            None => FluentValue::Error,
        }
    }
}

fn decimal_operands(s: &str) -> Option<PluralOperands> {
    let decimal = fixed_decimal::Decimal::try_from_str(s).ok()?;
    Some(PluralOperands::from(&decimal))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CLDR's Arabic cardinal rule, written out independently.
    fn cldr_arabic(n: i64) -> &'static str {
        match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        }
    }

    #[test]
    fn icu4x_agrees_with_the_cldr_arabic_rule() {
        let wrong: Vec<_> = (0..=2_000)
            .chain([10_003, 10_011, 10_100, 1_000_000, 1_000_099, i64::MAX])
            .filter(|&n| plural_category(Lang::Ar, n) != cldr_arabic(n))
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn english_is_one_for_exactly_one() {
        for n in 0..=2_000 {
            let expected = if n == 1 { "one" } else { "other" };
            assert_eq!(plural_category(Lang::En, n), expected, "{n}");
        }
    }

    #[test]
    fn the_fluent_function_handles_numbers_strings_and_garbage() {
        let f = fluent_function(Lang::Ar);
        let args = FluentArgs::new();
        let call = |v: FluentValue<'static>| match f(&[v], &args) {
            FluentValue::String(s) => s.into_owned(),
            FluentValue::Error => "error".to_owned(),
            other => format!("{other:?}"),
        };
        assert_eq!(call(FluentValue::from(103)), "few");
        assert_eq!(call(FluentValue::from(128_u64)), "many");
        assert_eq!(call(FluentValue::from(-3)), "few");
        assert_eq!(call(FluentValue::from(2.5)), "other");
        assert_eq!(call(FluentValue::from("11")), "many");
        assert_eq!(call(FluentValue::from("كثير")), "error");
        assert_eq!(call(FluentValue::from(f64::NAN)), "error");
        let _ = call(FluentValue::from(1e300));
        assert!(matches!(f(&[], &args), FluentValue::Error));
    }
}
