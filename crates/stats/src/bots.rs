//! Which requests are not readers: crawlers, headless browsers, prefetches,
//! empty or malformed user agents, and readers who opted out (DNT/GPC).
//!
//! The crawler list is the `isbot` crate's embedded copy of the
//! crawler-user-agents and isbot patterns, compiled once into one regex.

use std::sync::LazyLock;

static BOTS: LazyLock<isbot::Bots> = LazyLock::new(|| {
    let mut bots = isbot::Bots::default();
    // Link-preview fetchers of messengers popular with Arab readers, which
    // the upstream list leaves out (their in-app browsers send a normal
    // browser user agent, so readers are not affected).
    bots.append(&[r"^whatsapp/", r"^viber", r"^imo[ /]", r"^botim"]);
    bots
});

/// Longest user agent we take as a browser's; real ones stay under 500 bytes.
const MAX_USER_AGENT: usize = 1_024;

/// Why a hit was answered but not counted. The code is stored per day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FilterReason {
    /// No `User-Agent` header, or a blank one.
    EmptyAgent,
    /// Control characters or an absurd length.
    MalformedAgent,
    /// A headless or automated browser (HeadlessChrome, PhantomJS, …).
    Headless,
    /// A known crawler, monitor, feed reader or HTTP library.
    Crawler,
    /// A speculative prefetch or prerender that nobody may ever look at.
    Prefetch,
    /// The reader sent `DNT: 1` or `Sec-GPC: 1` and the site respects it.
    OptOut,
    /// More counted views from one address in an hour than any carrier NAT
    /// produces.
    AddressCap,
    /// The aggregator's memory cap was reached (a flood); not counted rather
    /// than counted twice.
    Overload,
}

impl FilterReason {
    pub const ALL: [FilterReason; 8] = [
        FilterReason::EmptyAgent,
        FilterReason::MalformedAgent,
        FilterReason::Headless,
        FilterReason::Crawler,
        FilterReason::Prefetch,
        FilterReason::OptOut,
        FilterReason::AddressCap,
        FilterReason::Overload,
    ];

    /// The stable code stored in the database and shown in reports.
    pub fn code(self) -> &'static str {
        match self {
            FilterReason::EmptyAgent => "empty_agent",
            FilterReason::MalformedAgent => "malformed_agent",
            FilterReason::Headless => "headless",
            FilterReason::Crawler => "crawler",
            FilterReason::Prefetch => "prefetch",
            FilterReason::OptOut => "opt_out",
            FilterReason::AddressCap => "address_cap",
            FilterReason::Overload => "overload",
        }
    }
}

/// What the bot filter looks at, taken from the request headers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signals<'a> {
    pub user_agent: Option<&'a str>,
    /// `Sec-Purpose`, `Purpose` or `X-Purpose` (whichever is present).
    pub purpose: Option<&'a str>,
    /// `X-Moz: prefetch` (older Firefox).
    pub x_moz: Option<&'a str>,
    /// `DNT: 1`.
    pub do_not_track: bool,
    /// `Sec-GPC: 1`.
    pub global_privacy_control: bool,
    /// Whether the site honours DNT/GPC (`stats.respect_dnt`).
    pub respect_opt_out: bool,
}

/// Returns the reason a request must not be counted, or `None` for a reader.
pub fn classify(s: &Signals<'_>) -> Option<FilterReason> {
    let is_prefetch = |v: &str| {
        let v = v.to_ascii_lowercase();
        v.contains("prefetch") || v.contains("prerender") || v.contains("preview")
    };
    if s.purpose.is_some_and(is_prefetch) || s.x_moz.is_some_and(is_prefetch) {
        return Some(FilterReason::Prefetch);
    }
    let ua = s.user_agent.map(str::trim).unwrap_or("");
    if ua.is_empty() {
        return Some(FilterReason::EmptyAgent);
    }
    if ua.len() > MAX_USER_AGENT || ua.chars().any(char::is_control) {
        return Some(FilterReason::MalformedAgent);
    }
    if is_headless(ua) {
        return Some(FilterReason::Headless);
    }
    if BOTS.is_bot(ua) {
        return Some(FilterReason::Crawler);
    }
    if s.respect_opt_out && (s.do_not_track || s.global_privacy_control) {
        return Some(FilterReason::OptOut);
    }
    None
}

fn is_headless(ua: &str) -> bool {
    let lower = ua.to_ascii_lowercase();
    [
        "headless",
        "phantomjs",
        "slimerjs",
        "puppeteer",
        "playwright",
        "selenium",
        "webdriver",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    const SAMSUNG: &str = "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36";
    const FB_APP: &str = "Mozilla/5.0 (Linux; Android 13; SM-A515F Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/448.0.0.38.110;]";

    fn ua(ua: &str) -> Option<FilterReason> {
        classify(&Signals {
            user_agent: Some(ua),
            ..Signals::default()
        })
    }

    #[test]
    fn browsers_are_readers() {
        for agent in [CHROME, IPHONE, SAMSUNG, FB_APP] {
            assert_eq!(ua(agent), None, "{agent}");
        }
    }

    #[test]
    fn crawlers_are_filtered() {
        for agent in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Twitterbot/1.0",
            "TelegramBot (like TwitterBot)",
            "WhatsApp/2.23.20.0",
            "curl/8.5.0",
            "python-requests/2.31.0",
            "Wget/1.21.4",
            "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
            "GPTBot/1.0 (+https://openai.com/gptbot)",
        ] {
            assert_eq!(ua(agent), Some(FilterReason::Crawler), "{agent}");
        }
    }

    #[test]
    fn headless_empty_and_malformed_agents() {
        assert_eq!(
            ua(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"
            ),
            Some(FilterReason::Headless)
        );
        assert_eq!(ua(""), Some(FilterReason::EmptyAgent));
        assert_eq!(ua("   "), Some(FilterReason::EmptyAgent));
        assert_eq!(
            classify(&Signals::default()),
            Some(FilterReason::EmptyAgent)
        );
        assert_eq!(ua("Mozilla\u{0}5.0"), Some(FilterReason::MalformedAgent));
        assert_eq!(ua(&"a".repeat(5000)), Some(FilterReason::MalformedAgent));
    }

    #[test]
    fn prefetches_and_opt_outs() {
        for purpose in ["prefetch", "prefetch;prerender", "Prefetch", "preview"] {
            let s = Signals {
                user_agent: Some(CHROME),
                purpose: Some(purpose),
                ..Signals::default()
            };
            assert_eq!(classify(&s), Some(FilterReason::Prefetch), "{purpose}");
        }
        let dnt = Signals {
            user_agent: Some(CHROME),
            do_not_track: true,
            ..Signals::default()
        };
        assert_eq!(
            classify(&dnt),
            None,
            "DNT ignored unless the site respects it"
        );
        let respected = Signals {
            respect_opt_out: true,
            ..dnt
        };
        assert_eq!(classify(&respected), Some(FilterReason::OptOut));
        let gpc = Signals {
            user_agent: Some(CHROME),
            global_privacy_control: true,
            respect_opt_out: true,
            ..Signals::default()
        };
        assert_eq!(classify(&gpc), Some(FilterReason::OptOut));
    }

    #[test]
    fn codes_are_distinct() {
        let mut codes: Vec<_> = FilterReason::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), FilterReason::ALL.len());
    }
}
