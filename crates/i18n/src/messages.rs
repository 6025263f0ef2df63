//! The message bundles ([`I18n`]) and the per-request view of them
//! ([`Localizer`]).

use std::fmt;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use jiff::Timestamp;
use jiff::civil;
use unic_langid::LanguageIdentifier;

use crate::calendar::{HijriCalendar, HijriDate, gregorian_month_name, hijri_month_name};
use crate::digits::{convert_digits, format_integer, localize_ascii_number};
use crate::plural;
use crate::settings::{DigitStyle, Lang, LocaleSettings};

/// `("ar/common.ftl", <its text>)`, embedded at compile time.
macro_rules! ftl {
    ($path:literal) => {
        ($path, include_str!(concat!("../locales/", $path)))
    };
}

/// A translation file: its path under `locales/` and its text.
type Source = (&'static str, &'static str);

/// The Arabic translation files, loaded in this order. To ship a new file,
/// add one line here and one in [`EN_FILES`].
const AR_FILES: &[Source] = &[
    ftl!("ar/common.ftl"),
    ftl!("ar/site.ftl"),
    ftl!("ar/newsroom.ftl"),
    ftl!("ar/comments.ftl"),
    ftl!("ar/stats.ftl"),
    ftl!("ar/search.ftl"),
];

/// The English translation files, loaded in this order.
const EN_FILES: &[Source] = &[
    ftl!("en/common.ftl"),
    ftl!("en/site.ftl"),
    ftl!("en/newsroom.ftl"),
    ftl!("en/comments.ftl"),
    ftl!("en/stats.ftl"),
    ftl!("en/search.ftl"),
];

/// The files shipped for `lang`, in load order. A message id may appear in
/// only one file per language.
pub fn shipped_files(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Ar => AR_FILES,
        Lang::En => EN_FILES,
    }
}

type Bundle = FluentBundle<Arc<FluentResource>>;

/// Every message of every language, parsed once at start-up.
///
/// Build one with [`I18n::new`], keep it in the application state (it is
/// `Send + Sync`), and take a [`Localizer`] from it per site or request.
///
/// Inside, each language has one Fluent bundle per [`DigitStyle`], sharing
/// the parsed files: Fluent writes numbers through a plain `fn` pointer that
/// cannot see per-call settings, so the digit style is fixed per bundle.
pub struct I18n {
    /// Indexed by `[Lang::index()][DigitStyle::index()]`.
    bundles: [[Bundle; 2]; 2],
}

impl I18n {
    /// Parses the translation files embedded in the binary.
    ///
    /// # Panics
    ///
    /// Panics if a shipped `.ftl` file does not parse or defines a message
    /// twice. That is a build defect, caught by this crate's tests, not a
    /// run-time condition.
    pub fn new() -> I18n {
        match I18n::from_sources(AR_FILES, EN_FILES) {
            Ok(i18n) => i18n,
            Err(e) => panic!("a shipped translation file is broken: {e}"),
        }
    }

    fn from_sources(ar: &[Source], en: &[Source]) -> Result<I18n, LoadError> {
        Ok(I18n {
            bundles: [bundles_for(Lang::Ar, ar)?, bundles_for(Lang::En, en)?],
        })
    }

    /// A view of the messages in `settings`' language, digits, month names
    /// and time zone. Cheap: a reference and a clone of the settings (the
    /// time zone is reference-counted).
    pub fn localizer(&self, settings: &LocaleSettings) -> Localizer<'_> {
        Localizer {
            i18n: self,
            settings: settings.clone(),
        }
    }

    fn bundle(&self, lang: Lang, digits: DigitStyle) -> &Bundle {
        &self.bundles[lang.index()][digits.index()]
    }
}

impl Default for I18n {
    fn default() -> Self {
        I18n::new()
    }
}

impl fmt::Debug for I18n {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("I18n").finish_non_exhaustive()
    }
}

/// Why a set of translation files could not be loaded.
#[derive(Debug)]
struct LoadError(String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn bundles_for(lang: Lang, files: &[Source]) -> Result<[Bundle; 2], LoadError> {
    let mut resources = Vec::with_capacity(files.len());
    for &(path, text) in files {
        let resource = FluentResource::try_new(text.to_owned()).map_err(|(_, errors)| {
            LoadError(format!("locales/{path} does not parse: {errors:?}"))
        })?;
        resources.push((path, Arc::new(resource)));
    }
    let langid: LanguageIdentifier = lang
        .code()
        .parse()
        .map_err(|e| LoadError(format!("bad language code {lang}: {e}")))?;
    let build = |digits: DigitStyle| -> Result<Bundle, LoadError> {
        let mut bundle = Bundle::new_concurrent(vec![langid.clone()]);
        // No FSI/PDI (U+2068/U+2069) around placeables. Our output goes into
        // HTML, where the web layer isolates user text with <bdi> and
        // dir="auto" (DESIGN §2) — isolation belongs in the markup, where it
        // is visible and tested. Fluent's invisible marks would instead leak
        // into <title>, attributes, feeds, JSON and copied text, are the very
        // characters we strip from user input, and would make every expected
        // string in a test carry them. The placeables we control are numbers,
        // which the bidi algorithm already lays out correctly in either
        // direction. For plain-text output with an opposite-direction user
        // string, pass `Arg::Isolated`.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match digits {
            DigitStyle::Western => format_western,
            DigitStyle::ArabicIndic => format_arabic_indic,
        }));
        bundle
            .add_function(plural::FUNCTION_NAME, plural::fluent_function(lang))
            .map_err(|e| LoadError(format!("cannot add {}(): {e:?}", plural::FUNCTION_NAME)))?;
        for (path, resource) in &resources {
            bundle
                .add_resource(Arc::clone(resource))
                .map_err(|errors| {
                    LoadError(format!(
                        "locales/{path} clashes with an earlier file: {errors:?}"
                    ))
                })?;
        }
        Ok(bundle)
    };
    Ok([build(DigitStyle::Western)?, build(DigitStyle::ArabicIndic)?])
}

fn format_western<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(value, DigitStyle::Western)
}

fn format_arabic_indic<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(value, DigitStyle::ArabicIndic)
}

/// Fluent's number hook: every number a message prints goes through here.
fn format_number(value: &FluentValue, digits: DigitStyle) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(localize_ascii_number(&n.as_string(), digits)),
        _ => None,
    }
}

/// A value for a message variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg<'a> {
    /// Text, inserted as is.
    Str(&'a str),
    /// An integer: written in the site's digit style, and selects the
    /// plural variant in `{ $n -> … }`.
    Num(i64),
    /// Text wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, for
    /// plain-text output (no HTML to put a `<bdi>` in) where the text may
    /// run in the other direction from the message, e.g. a Latin section
    /// name ending in punctuation inside an Arabic sentence.
    Isolated(&'a str),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(s)
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

/// A noun [`Localizer::count`] can count, each a `count-…` message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Noun {
    /// مشاهدة — a page view.
    View,
    /// تعليق — a comment.
    Comment,
    /// رد — a reply to a comment.
    Reply,
    /// مقال — an article.
    Article,
    /// زائر — a (daily unique) visitor.
    Visitor,
    /// نتيجة — a search result.
    Result,
    /// صفحة — a page of a listing.
    Page,
    /// دقيقة — e.g. reading time.
    Minute,
    /// ساعة
    Hour,
    /// يوم
    Day,
}

impl Noun {
    /// Every noun.
    pub const ALL: [Noun; 10] = [
        Noun::View,
        Noun::Comment,
        Noun::Reply,
        Noun::Article,
        Noun::Visitor,
        Noun::Result,
        Noun::Page,
        Noun::Minute,
        Noun::Hour,
        Noun::Day,
    ];

    /// The Fluent message that counts this noun, with its count in `$n`.
    pub fn message_id(self) -> &'static str {
        match self {
            Noun::View => "count-view",
            Noun::Comment => "count-comment",
            Noun::Reply => "count-reply",
            Noun::Article => "count-article",
            Noun::Visitor => "count-visitor",
            Noun::Result => "count-result",
            Noun::Page => "count-page",
            Noun::Minute => "count-minute",
            Noun::Hour => "count-hour",
            Noun::Day => "count-day",
        }
    }
}

/// Under a minute ago reads «الآن»; so does up to this far in the future
/// (clocks of two servers disagree a little).
const NOW_TOLERANCE_SECONDS: i64 = 60;
/// Relative times go up to «منذ 7 أيام»; older, and future, times are dates.
const RELATIVE_MAX_DAYS: i64 = 7;

/// Messages, numbers and dates in one language, digit style, month-name set
/// and time zone. Obtained from [`I18n::localizer`]; cheap to make and to
/// clone.
#[derive(Clone, Debug)]
pub struct Localizer<'a> {
    i18n: &'a I18n,
    settings: LocaleSettings,
}

impl Localizer<'_> {
    /// The settings this localizer applies.
    pub fn settings(&self) -> &LocaleSettings {
        &self.settings
    }

    /// The language messages are looked up in first.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Returns true if and only if the localizer's own language defines
    /// message `key` (not counting the fallback to Arabic).
    pub fn has(&self, key: &str) -> bool {
        let bundle = self.i18n.bundle(self.settings.lang, self.settings.digits);
        lookup(bundle, key).is_some()
    }

    /// The message `key` (or attribute, `"key.attr"`) without variables.
    ///
    /// Never panics. A key missing from English is taken from Arabic; a key
    /// missing everywhere comes back as the key itself. Both are logged at
    /// `warn`, as are messages that needed a variable.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with variables, e.g.
    /// `t_args("page-n", &[("n", Arg::Num(3))])` → «الصفحة ٣» on a site
    /// with Arabic-Indic digits. Missing keys behave as in [`Localizer::t`];
    /// a missing variable shows as `{$name}` and is logged.
    pub fn t_args(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for &(name, arg) in args {
            match arg {
                Arg::Str(s) => fluent_args.set(name, s),
                Arg::Num(n) => fluent_args.set(name, n),
                Arg::Isolated(s) => fluent_args.set(name, format!("\u{2068}{s}\u{2069}")),
            }
        }
        self.format(key, Some(&fluent_args))
    }

    /// `n` of `noun` with the right plural form: «لا مشاهدات», «مشاهدة
    /// واحدة», «مشاهدتان», «3 مشاهدات», «11 مشاهدة», «100 مشاهدة»; in
    /// English "no views", "1 view", "2 views". These are nominative forms
    /// for labels; see [`Localizer::relative`] for «منذ دقيقتين».
    pub fn count(&self, noun: Noun, n: u64) -> String {
        let mut args = FluentArgs::with_capacity(1);
        args.set("n", n);
        self.format(noun.message_id(), Some(&args))
    }

    /// `n` in the site's digit style: «128» or «١٢٨». Thousands are grouped
    /// from 10 000 on («12,345», «١٢٬٣٤٥»), not below («1000», «2026»).
    pub fn number(&self, n: i64) -> String {
        format_integer(n, self.settings.digits)
    }

    /// `s` with its ASCII digits in the site's digit style, for text that is
    /// already formatted («09:15» → «٠٩:١٥»). With Arabic-Indic digits a `.`
    /// or `,` between two digits becomes `٫` or `٬`; nothing else changes.
    pub fn digits(&self, s: &str) -> String {
        convert_digits(s, self.settings.digits)
    }

    /// The calendar date of `ts` in the site's time zone: «26 نوفمبر 2026»
    /// (or «26 تشرين الثاني 2026» …, per the month-name set), "26 November
    /// 2026" in English.
    pub fn date(&self, ts: Timestamp) -> String {
        self.format_civil_date(self.settings.time_zone.to_datetime(ts).date())
    }

    /// The wall-clock time of `ts` in the site's time zone, 24-hour:
    /// «09:15» or «٠٩:١٥».
    pub fn time(&self, ts: Timestamp) -> String {
        self.format_civil_time(self.settings.time_zone.to_datetime(ts).time())
    }

    /// Date and time in the site's time zone: «26 نوفمبر 2026، 09:15»,
    /// "26 November 2026, 09:15".
    pub fn date_time(&self, ts: Timestamp) -> String {
        let dt = self.settings.time_zone.to_datetime(ts);
        let date = self.format_civil_date(dt.date());
        let time = self.format_civil_time(dt.time());
        match self.settings.lang {
            Lang::Ar => format!("{date}، {time}"),
            Lang::En => format!("{date}, {time}"),
        }
    }

    /// The Umm al-Qura Hijri date of `ts`'s calendar day in the site's time
    /// zone: «16 جمادى الآخرة 1448 هـ», "16 Jumada al-Akhirah 1448 AH".
    ///
    /// Returns `None` if the site does not show Hijri dates
    /// ([`LocaleSettings::show_hijri`]) or the date precedes the Hijri era.
    /// The day changes at midnight, not at sunset as the Islamic day does.
    pub fn hijri_date(&self, ts: Timestamp) -> Option<String> {
        if !self.settings.show_hijri {
            return None;
        }
        let civil = self.settings.time_zone.to_datetime(ts).date();
        let hijri = HijriDate::from_gregorian(civil, HijriCalendar::UmmAlQura)?;
        Some(self.format_hijri(hijri))
    }

    /// A Hijri date as this localizer writes it (whatever `show_hijri` says).
    pub fn format_hijri(&self, date: HijriDate) -> String {
        let lang = self.settings.lang;
        let day = self.number(i64::from(date.day));
        let month = hijri_month_name(lang, date.month);
        let year = self.number(i64::from(date.year));
        match lang {
            Lang::Ar => format!("{day} {month} {year} هـ"),
            Lang::En => format!("{day} {month} {year} AH"),
        }
    }

    /// How long before `now` `ts` was: «الآن» (under a minute), «منذ دقيقة»,
    /// «منذ دقيقتين», «منذ 5 دقائق», «منذ ساعتين», «منذ 3 أيام», up to
    /// «منذ 7 أيام». Older times, and times more than a minute in the future
    /// (a scheduled article), are shown as [`Localizer::date`]. Units are
    /// whole and rounded down: 119 seconds is «منذ دقيقة».
    ///
    /// Pair it with [`Localizer::iso_date_time`] in `<time datetime>`:
    /// the text goes stale in a cached page, the attribute does not.
    pub fn relative(&self, ts: Timestamp, now: Timestamp) -> String {
        let elapsed = now.as_second().saturating_sub(ts.as_second());
        let (key, n) = match elapsed {
            e if e < -NOW_TOLERANCE_SECONDS => return self.date(ts),
            e if e < 60 => return self.t("relative-now"),
            e if e < 3_600 => ("relative-minutes", e / 60),
            e if e < 86_400 => ("relative-hours", e / 3_600),
            e if e / 86_400 <= RELATIVE_MAX_DAYS => ("relative-days", e / 86_400),
            _ => return self.date(ts),
        };
        self.t_args(key, &[("n", Arg::Num(n))])
    }

    /// The calendar date of `ts` in the site's time zone as `YYYY-MM-DD`,
    /// for `<time datetime>` next to [`Localizer::date`]. Not localised.
    pub fn iso_date(&self, ts: Timestamp) -> String {
        self.settings.time_zone.to_datetime(ts).date().to_string()
    }

    /// `ts` as RFC 3339 with the site's UTC offset, to the second:
    /// `2026-11-26T09:15:00+03:00`, for `<time datetime>` next to
    /// [`Localizer::date_time`] or [`Localizer::relative`]. Not localised.
    pub fn iso_date_time(&self, ts: Timestamp) -> String {
        let offset = self.settings.time_zone.to_offset(ts);
        let whole = Timestamp::from_second(ts.as_second()).unwrap_or(ts);
        whole.display_with_offset(offset).to_string()
    }

    fn format_civil_date(&self, d: civil::Date) -> String {
        let day = self.number(i64::from(d.day()));
        let month = u8::try_from(d.month()).unwrap_or(0);
        let month = gregorian_month_name(self.settings.lang, self.settings.months, month);
        let year = self.number(i64::from(d.year()));
        format!("{day} {month} {year}")
    }

    fn format_civil_time(&self, t: civil::Time) -> String {
        self.digits(&format!("{:02}:{:02}", t.hour(), t.minute()))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let lang = self.settings.lang;
        if let Some(s) = self.format_in(lang, key, args) {
            return s;
        }
        if lang != Lang::Ar
            && let Some(s) = self.format_in(Lang::Ar, key, args)
        {
            tracing::warn!(key, %lang, "message missing; showing the Arabic one");
            return s;
        }
        tracing::warn!(key, %lang, "message missing in every language; showing its key");
        key.to_owned()
    }

    fn format_in(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let bundle = self.i18n.bundle(lang, self.settings.digits);
        let pattern = lookup(bundle, key)?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, %lang, ?errors, "message formatted with errors");
        }
        Some(text.into_owned())
    }
}

/// The pattern of message `key`, or of attribute `attr` for `"key.attr"`.
fn lookup<'b>(bundle: &'b Bundle, key: &str) -> Option<&'b fluent_syntax::ast::Pattern<&'b str>> {
    match key.split_once('.') {
        Some((id, attr)) => Some(bundle.get_message(id)?.get_attribute(attr)?.value()),
        None => bundle.get_message(key)?.value(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_files_load() {
        let _ = I18n::new();
    }

    #[test]
    fn a_file_that_does_not_parse_is_an_error_naming_it() {
        let broken: &[Source] = &[("ar/broken.ftl", "ok = fine\nbad = { $n ->\n")];
        let err = I18n::from_sources(broken, EN_FILES).unwrap_err();
        assert!(err.0.contains("locales/ar/broken.ftl"), "{err}");
    }

    #[test]
    fn a_message_defined_in_two_files_is_an_error_naming_the_second() {
        let twice: &[Source] = &[
            ("en/common.ftl", "site-name = Khabar\n"),
            ("en/site.ftl", "site-name = Khabar again\n"),
        ];
        let err = I18n::from_sources(AR_FILES, twice).unwrap_err();
        assert!(err.0.contains("locales/en/site.ftl"), "{err}");
    }

    #[test]
    fn attributes_are_addressed_with_a_dot() {
        let src: &[Source] = &[("ar/a.ftl", "search = بحث\n    .placeholder = ابحث…\n")];
        let i18n = I18n::from_sources(src, src).unwrap();
        let l = i18n.localizer(&LocaleSettings::default());
        assert_eq!(l.t("search.placeholder"), "ابحث…");
        assert_eq!(l.t("search.missing"), "search.missing");
    }
}
