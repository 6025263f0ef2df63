//! A user agent as the dashboard groups it: browser, operating system and
//! device class, through woothee's tables. Only these three names are kept;
//! the user agent itself is never stored.

/// The device classes shown in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Device {
    Desktop,
    Mobile,
    Tablet,
    Other,
}

impl Device {
    pub fn code(self) -> &'static str {
        match self {
            Device::Desktop => "desktop",
            Device::Mobile => "mobile",
            Device::Tablet => "tablet",
            Device::Other => "other",
        }
    }
}

/// The browser, system and device class of a user agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub browser: String,
    pub os: String,
    pub device: Device,
}

const UNKNOWN: &str = "other";

/// Classifies `ua`; unknown parts are `"other"`.
pub fn classify(ua: &str) -> Agent {
    let parsed = woothee::parser::Parser::new().parse(ua);
    let name = |s: &str| {
        if s.is_empty() || s == "UNKNOWN" {
            UNKNOWN.to_string()
        } else {
            s.to_string()
        }
    };
    let Some(r) = parsed else {
        return Agent {
            browser: UNKNOWN.into(),
            os: UNKNOWN.into(),
            device: Device::Other,
        };
    };
    // woothee calls Chromium-based Edge "Edge", Samsung Internet "Chrome";
    // its tablet class does not exist, so tablets are told apart here.
    let mut browser = name(r.name);
    if ua.contains("SamsungBrowser/") {
        browser = "Samsung Internet".into();
    } else if ua.contains("OPR/") {
        browser = "Opera".into();
    }
    let lower = ua.to_ascii_lowercase();
    let tablet = lower.contains("ipad")
        || lower.contains("tablet")
        || (lower.contains("android") && !lower.contains("mobile"));
    let device = match r.category {
        _ if tablet => Device::Tablet,
        "pc" => Device::Desktop,
        "smartphone" | "mobilephone" => Device::Mobile,
        _ => Device::Other,
    };
    Agent {
        browser,
        os: name(r.os),
        device,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_agents() {
        let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                "Chrome",
                Device::Desktop,
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                "Safari",
                Device::Mobile,
            ),
            (
                "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                "Safari",
                Device::Tablet,
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
                "Samsung Internet",
                Device::Mobile,
            ),
            (
                "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                "Chrome",
                Device::Tablet,
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0",
                "Firefox",
                Device::Desktop,
            ),
        ];
        for (ua, browser, device) in cases {
            let a = classify(ua);
            assert_eq!((a.browser.as_str(), a.device), (browser, device), "{ua}");
            assert_ne!(a.os, "");
        }
        assert_eq!(classify("").browser, "other");
        assert_eq!(classify("zzz").device, Device::Other);
    }
}
