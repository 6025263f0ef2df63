//! The per-site (or per-request) choices that change what a reader sees:
//! language, digits, Gregorian month names, time zone, and whether to show
//! the Hijri date.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language the interface is translated into.
///
/// Arabic is the default and the reference: every message exists in Arabic,
/// and a message missing from another language falls back to Arabic.
///
/// Parses from and serialises to its BCP 47 code, `"ar"` or `"en"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Arabic, right to left.
    #[default]
    Ar,
    /// English, left to right.
    En,
}

impl Lang {
    /// Every language, Arabic first.
    pub const ALL: [Lang; 2] = [Lang::Ar, Lang::En];

    /// The BCP 47 code, for `<html lang="…">`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The writing direction, for `<html dir="…">`: `"rtl"` or `"ltr"`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    /// Returns true if and only if the language is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Lang::Ar => 0,
            Lang::En => 1,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = ParseSettingError;

    /// Accepts `"ar"` and `"en"`, in any letter case, and nothing else: a
    /// region (`"ar-EG"`) is a request to negotiate, which is the web layer's
    /// job, not a configuration value.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" => Ok(Lang::Ar),
            "en" => Ok(Lang::En),
            _ => Err(ParseSettingError::new("language", s, &["ar", "en"])),
        }
    }
}

/// Which digits numbers are written with.
///
/// Arab news sites are split: most in Egypt, the Levant, the Gulf and the
/// Maghreb print Western digits (0–9); others print Arabic-Indic digits
/// (٠–٩). The same choice applies to counts, dates, times and page numbers.
///
/// Serialised as `"western"` or `"arabic_indic"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DigitStyle {
    /// 0123456789, with `,` grouping and `.` decimals.
    #[default]
    Western,
    /// ٠١٢٣٤٥٦٧٨٩ (U+0660–U+0669), with `٬` (U+066C) grouping and `٫`
    /// (U+066B) decimals, as CLDR's `arab` numbering system.
    ArabicIndic,
}

impl DigitStyle {
    pub(crate) fn index(self) -> usize {
        match self {
            DigitStyle::Western => 0,
            DigitStyle::ArabicIndic => 1,
        }
    }
}

impl FromStr for DigitStyle {
    type Err = ParseSettingError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "western" => Ok(DigitStyle::Western),
            "arabic_indic" => Ok(DigitStyle::ArabicIndic),
            _ => Err(ParseSettingError::new(
                "digit style",
                s,
                &["western", "arabic_indic"],
            )),
        }
    }
}

/// Which Arabic names the Gregorian months go by. Readers expect their own
/// country's set; a Syrian reader finds «نوفمبر» foreign, an Egyptian one
/// finds «تشرين الثاني» foreign. English ignores this setting.
///
/// Serialised as `"egypt"`, `"levant"`, `"maghreb"` or `"morocco"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthNames {
    /// يناير، فبراير، مارس … ديسمبر — transliterated from the Latin names.
    /// Egypt, Sudan, Libya, Saudi Arabia and the Gulf states, Yemen; the
    /// pan-Arab channels; CLDR's plain `ar`.
    #[default]
    Egypt,
    /// كانون الثاني، شباط، آذار … كانون الأول — the Syriac names. Syria,
    /// Lebanon, Jordan, Palestine, Iraq.
    Levant,
    /// جانفي، فيفري، مارس … ديسمبر — from French. Algeria and Tunisia
    /// (CLDR `ar-DZ`, `ar-TN`).
    Maghreb,
    /// يناير، فبراير، مارس، أبريل، ماي، يونيو، يوليوز، غشت، شتنبر، أكتوبر،
    /// نونبر، دجنبر — Morocco's own set (CLDR `ar-MA`).
    Morocco,
}

impl FromStr for MonthNames {
    type Err = ParseSettingError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "egypt" => Ok(MonthNames::Egypt),
            "levant" => Ok(MonthNames::Levant),
            "maghreb" => Ok(MonthNames::Maghreb),
            "morocco" => Ok(MonthNames::Morocco),
            _ => Err(ParseSettingError::new(
                "month names",
                s,
                &["egypt", "levant", "maghreb", "morocco"],
            )),
        }
    }
}

/// Everything [`crate::I18n::localizer`] needs to know about a site (or a
/// reader who switched language).
///
/// The default is Arabic, Western digits, Egyptian month names, UTC and no
/// Hijri date. UTC is a placeholder: a real site sets its own zone, since a
/// story published at 01:30 in Riyadh is dated the day before in UTC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocaleSettings {
    /// The interface language.
    pub lang: Lang,
    /// The digits every number, date and time is written with.
    pub digits: DigitStyle,
    /// The Arabic Gregorian month-name set; ignored in English.
    pub months: MonthNames,
    /// The zone dates and times are shown in. Timestamps are stored in UTC.
    pub time_zone: jiff::tz::TimeZone,
    /// Returns true if and only if the site shows Hijri dates;
    /// [`crate::Localizer::hijri_date`] returns `None` otherwise.
    pub show_hijri: bool,
}

impl Default for LocaleSettings {
    fn default() -> Self {
        LocaleSettings {
            lang: Lang::default(),
            digits: DigitStyle::default(),
            months: MonthNames::default(),
            time_zone: jiff::tz::TimeZone::UTC,
            show_hijri: false,
        }
    }
}

/// A language, digit style or month-name set that is not one we know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseSettingError {
    what: &'static str,
    got: String,
    expected: &'static [&'static str],
}

impl ParseSettingError {
    fn new(what: &'static str, got: &str, expected: &'static [&'static str]) -> Self {
        ParseSettingError {
            what,
            got: got.to_owned(),
            expected,
        }
    }
}

impl fmt::Display for ParseSettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}, expected one of: {}",
            self.what,
            self.got,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for ParseSettingError {}
