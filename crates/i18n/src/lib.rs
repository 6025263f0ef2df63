//! Everything the reader sees that depends on language: interface messages,
//! plural forms, digits, Gregorian and Hijri dates, relative times.
//!
//! Arabic is the reference language and the default; English is the second.
//! The crate is pure: no I/O, no async, translation files are compiled in.
//!
//! # The three types
//!
//! - [`I18n`] holds every message of every language, parsed once at start-up
//!   from the embedded `locales/{ar,en}/*.ftl` files. Keep one in the
//!   application state; it is `Send + Sync`.
//! - [`LocaleSettings`] is what a site chose: [`Lang`], [`DigitStyle`]
//!   (0–9 or ٠–٩), [`MonthNames`] (يناير or كانون الثاني or جانفي …), the
//!   time zone dates are shown in, and whether to show the Hijri date.
//! - [`Localizer`] is the two put together — `i18n.localizer(&settings)` —
//!   and is what templates call. It is cheap; make one per request.
//!
//! ```
//! use khabar_i18n::{DigitStyle, I18n, Lang, LocaleSettings, Noun};
//!
//! let i18n = I18n::new();
//! let settings = LocaleSettings {
//!     time_zone: jiff::tz::TimeZone::fixed(jiff::tz::offset(3)),
//!     ..LocaleSettings::default()
//! };
//! let l = i18n.localizer(&settings);
//! assert_eq!(l.t("most-read"), "الأكثر قراءة");
//! assert_eq!(l.count(Noun::View, 128), "128 مشاهدة");
//! assert_eq!(l.count(Noun::Comment, 2), "تعليقان");
//!
//! let ts: jiff::Timestamp = "2026-11-26T06:15:00Z".parse().unwrap();
//! assert_eq!(l.date_time(ts), "26 نوفمبر 2026، 09:15");
//!
//! let indic = LocaleSettings { digits: DigitStyle::ArabicIndic, ..settings.clone() };
//! assert_eq!(i18n.localizer(&indic).count(Noun::View, 128), "١٢٨ مشاهدة");
//!
//! let en = LocaleSettings { lang: Lang::En, ..settings };
//! assert_eq!(i18n.localizer(&en).count(Noun::View, 1), "1 view");
//! ```
//!
//! # Messages
//!
//! [`Localizer::t`] and [`Localizer::t_args`] look up Fluent messages by id.
//! A message missing from English is shown in Arabic; a message missing
//! everywhere is shown as its id. Both are logged with `tracing::warn!` and
//! neither panics, so a typo in a template degrades a page instead of
//! failing it. Tests in this crate check that English defines every Arabic
//! message with the same variables. To ship another file, add one line to
//! each of the per-language file lists in `messages.rs` ([`shipped_files`]).
//!
//! Fluent's bidi isolation marks are switched off: see the comment in
//! `messages.rs` and [`Arg::Isolated`].
//!
//! # Plurals
//!
//! Arabic has six plural categories (CLDR: zero, one, two, few = 3–10,
//! many = 11–99, other = 100–102 …, all by the last two digits from 100 on),
//! each with its own grammar: «لا مشاهدات، مشاهدة واحدة، مشاهدتان، 3
//! مشاهدات، 11 مشاهدة، 100 مشاهدة». [`Localizer::count`] picks the form for
//! a [`Noun`]; the grammar of each form is written up at the top of
//! `locales/ar/common.ftl`.
//!
//! The category comes from ICU4X's compiled CLDR data ([`plural_category`]),
//! exposed to Fluent as the function `PLURAL($n)`: Arabic messages select on
//! `{ PLURAL($n) -> [few] … }`, not on `{ $n -> … }`, because Fluent's own
//! selection (`intl_pluralrules` 7.0.2) ignores CLDR's `n % 100` and puts
//! 103 and 128 in `other`. A test rejects an Arabic file that selects on a
//! bare variable; other tests check every form against CLDR's rule for
//! every n up to 1200.
//!
//! # Numbers and digits
//!
//! Every number — inside a message, from [`Localizer::number`], in a date —
//! is written in the site's [`DigitStyle`], grouped in thousands from 10 000
//! on. [`Localizer::digits`] converts a string that is already formatted.
//!
//! # Dates and times
//!
//! Timestamps are UTC ([`jiff::Timestamp`]) and shown in the site's time
//! zone: [`Localizer::date`] «26 نوفمبر 2026», [`Localizer::date_time`]
//! «26 نوفمبر 2026، 09:15», [`Localizer::relative`] «منذ ساعتين»,
//! [`Localizer::hijri_date`] «16 جمادى الآخرة 1448 هـ» (Umm al-Qura, via
//! ICU4X; see [`HijriCalendar`] for the caveats). [`Localizer::iso_date`]
//! and [`Localizer::iso_date_time`] give the matching machine-readable value
//! for `<time datetime>`. English dates read "26 November 2026", day first.

mod calendar;
mod digits;
mod messages;
mod plural;
mod settings;

pub use calendar::{HijriCalendar, HijriDate, gregorian_month_name, hijri_month_name};
pub use digits::convert_digits;
pub use messages::{Arg, I18n, Localizer, Noun, shipped_files};
pub use plural::plural_category;
pub use settings::{DigitStyle, Lang, LocaleSettings, MonthNames, ParseSettingError};
