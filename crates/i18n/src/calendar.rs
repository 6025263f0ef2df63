//! Month names and the Hijri calendar.
//!
//! Month names are data chosen by a setting, not translations, so they live
//! here as constants rather than in the `.ftl` files.

use icu_calendar::cal::Hijri;
use icu_calendar::cal::hijri::{TabularAlgorithmEpoch, TabularAlgorithmLeapYears};
use icu_calendar::{AsCalendar, Date};
use serde::{Deserialize, Serialize};

use crate::settings::{Lang, MonthNames};

const EGYPT: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

const LEVANT: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];

const MAGHREB: [&str; 12] = [
    "جانفي",
    "فيفري",
    "مارس",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

const MOROCCO: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
];

const ENGLISH: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The names used by the Umm al-Qura calendar and Arab newspapers.
const HIJRI_AR: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];

const HIJRI_EN: [&str; 12] = [
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Akhir",
    "Jumada al-Ula",
    "Jumada al-Akhirah",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qadah",
    "Dhu al-Hijjah",
];

/// The name of Gregorian month `month` (1 = January … 12 = December).
///
/// English ignores `set`. Out-of-range months give `"?"` rather than a panic.
pub fn gregorian_month_name(lang: Lang, set: MonthNames, month: u8) -> &'static str {
    let names = match (lang, set) {
        (Lang::En, _) => &ENGLISH,
        (Lang::Ar, MonthNames::Egypt) => &EGYPT,
        (Lang::Ar, MonthNames::Levant) => &LEVANT,
        (Lang::Ar, MonthNames::Maghreb) => &MAGHREB,
        (Lang::Ar, MonthNames::Morocco) => &MOROCCO,
    };
    month_name(names, month)
}

/// The name of Hijri month `month` (1 = Muharram … 12 = Dhu al-Hijjah).
///
/// Out-of-range months give `"?"` rather than a panic.
pub fn hijri_month_name(lang: Lang, month: u8) -> &'static str {
    match lang {
        Lang::Ar => month_name(&HIJRI_AR, month),
        Lang::En => month_name(&HIJRI_EN, month),
    }
}

fn month_name(names: &'static [&'static str; 12], month: u8) -> &'static str {
    usize::from(month)
        .checked_sub(1)
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or("?")
}

/// Which rules decide where Hijri months start.
///
/// Month starts in practice follow crescent sightings announced country by
/// country, so no computed calendar is right everywhere every month: expect
/// a day's difference from Egyptian or Moroccan announcements now and then.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HijriCalendar {
    /// Saudi Arabia's official calendar (KACST tables for 1300–1600 AH, CLDR
    /// `islamic-umalqura`). What Gulf papers print.
    #[default]
    UmmAlQura,
    /// The arithmetic 30-year-cycle calendar (leap years 2, 5, 7, 10, 13,
    /// 16, 18, 21, 24, 26, 29; Friday epoch; CLDR `islamic-civil`).
    /// Predictable, but often a day off the announced month starts.
    Civil,
}

/// A date in the Hijri calendar, in the Hijri era (AH).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HijriDate {
    /// The year after the Hijra, e.g. 1448.
    pub year: i32,
    /// 1 = Muharram … 12 = Dhu al-Hijjah.
    pub month: u8,
    /// 1 to 30.
    pub day: u8,
}

impl HijriDate {
    /// Converts a Gregorian calendar date.
    ///
    /// Returns `None` before 1 Muharram 1 AH (July 622), where no Hijri
    /// year exists to print.
    pub fn from_gregorian(date: jiff::civil::Date, calendar: HijriCalendar) -> Option<HijriDate> {
        let month = u8::try_from(date.month()).ok()?;
        let day = u8::try_from(date.day()).ok()?;
        let iso = Date::try_new_iso(i32::from(date.year()), month, day).ok()?;
        let (year, month, day) = match calendar {
            HijriCalendar::UmmAlQura => ymd(&iso.to_calendar(Hijri::new_umm_al_qura())),
            HijriCalendar::Civil => ymd(&iso.to_calendar(Hijri::new_tabular(
                TabularAlgorithmLeapYears::TypeII,
                TabularAlgorithmEpoch::Friday,
            ))),
        };
        (year >= 1).then_some(HijriDate { year, month, day })
    }
}

fn ymd<A: AsCalendar>(d: &Date<A>) -> (i32, u8, u8) {
    (
        d.year().extended_year(),
        d.month().ordinal,
        d.day_of_month().0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn every_month_set_has_twelve_distinct_names() {
        for set in [
            MonthNames::Egypt,
            MonthNames::Levant,
            MonthNames::Maghreb,
            MonthNames::Morocco,
        ] {
            let names: Vec<_> = (1..=12)
                .map(|m| gregorian_month_name(Lang::Ar, set, m))
                .collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), 12, "{set:?}: {names:?}");
        }
        assert_eq!(gregorian_month_name(Lang::Ar, MonthNames::Egypt, 0), "?");
        assert_eq!(gregorian_month_name(Lang::Ar, MonthNames::Egypt, 13), "?");
        assert_eq!(hijri_month_name(Lang::Ar, 13), "?");
    }

    /// Checked against two independent implementations (see the crate's
    /// integration tests for the table and how it was obtained).
    #[test]
    fn hijri_conversion_matches_icu4c_and_the_kacst_tables() {
        let cases = [
            // (gregorian, umm al-qura, civil)
            (date(2026, 11, 26), (1448, 6, 16), (1448, 6, 15)),
            (date(2026, 11, 11), (1448, 6, 1), (1448, 5, 30)),
            (date(2026, 11, 10), (1448, 5, 30), (1448, 5, 29)),
            (date(2026, 6, 16), (1448, 1, 1), (1447, 12, 30)),
            (date(2026, 2, 18), (1447, 9, 1), (1447, 9, 1)),
            (date(2025, 3, 1), (1446, 9, 1), (1446, 9, 1)),
            (date(2024, 1, 1), (1445, 6, 19), (1445, 6, 19)),
            (date(2000, 1, 1), (1420, 9, 24), (1420, 9, 24)),
        ];
        for (g, uaq, civil) in cases {
            let got = HijriDate::from_gregorian(g, HijriCalendar::UmmAlQura).unwrap();
            assert_eq!((got.year, got.month, got.day), uaq, "umm al-qura {g}");
            let got = HijriDate::from_gregorian(g, HijriCalendar::Civil).unwrap();
            assert_eq!((got.year, got.month, got.day), civil, "civil {g}");
        }
    }

    #[test]
    fn no_hijri_date_before_the_hijra() {
        assert_eq!(
            HijriDate::from_gregorian(date(600, 1, 1), HijriCalendar::UmmAlQura),
            None
        );
        assert!(HijriDate::from_gregorian(date(-9999, 1, 1), HijriCalendar::Civil).is_none());
        assert!(HijriDate::from_gregorian(date(9999, 12, 31), HijriCalendar::UmmAlQura).is_some());
    }
}
