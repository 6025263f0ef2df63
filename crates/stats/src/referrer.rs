//! Where readers came from, grouped the way an editor asks: search engines,
//! social networks and messengers (those Arab readers use included), other
//! sites, links inside the site, or no referrer at all.

/// A referrer's group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Direct,
    Internal,
    Search,
    Social,
    Website,
}

impl Group {
    pub fn code(self) -> &'static str {
        match self {
            Group::Direct => "direct",
            Group::Internal => "internal",
            Group::Search => "search",
            Group::Social => "social",
            Group::Website => "website",
        }
    }
}

/// A classified referrer: its group and the site's name («google»,
/// «facebook», or the host of any other site; empty for direct/internal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub group: Group,
    pub site: String,
}

/// Longest host kept; longer ones are cut (they are not real sites).
const MAX_HOST: usize = 100;

/// (host suffix, name) of search engines.
const SEARCH: &[(&str, &str)] = &[
    ("google", "google"),
    ("bing.com", "bing"),
    ("yahoo.com", "yahoo"),
    ("duckduckgo.com", "duckduckgo"),
    ("yandex", "yandex"),
    ("baidu.com", "baidu"),
    ("ecosia.org", "ecosia"),
    ("qwant.com", "qwant"),
    ("search.brave.com", "brave"),
    ("naver.com", "naver"),
    ("seznam.cz", "seznam"),
    ("startpage.com", "startpage"),
    ("petalsearch.com", "petal"),
];

/// (host suffix, name) of social networks and messengers.
const SOCIAL: &[(&str, &str)] = &[
    ("facebook.com", "facebook"),
    ("fb.com", "facebook"),
    ("fb.me", "facebook"),
    ("messenger.com", "facebook"),
    ("instagram.com", "instagram"),
    ("t.co", "x"),
    ("x.com", "x"),
    ("twitter.com", "x"),
    ("whatsapp.com", "whatsapp"),
    ("wa.me", "whatsapp"),
    ("t.me", "telegram"),
    ("telegram.org", "telegram"),
    ("telegram.me", "telegram"),
    ("youtube.com", "youtube"),
    ("youtu.be", "youtube"),
    ("tiktok.com", "tiktok"),
    ("snapchat.com", "snapchat"),
    ("linkedin.com", "linkedin"),
    ("lnkd.in", "linkedin"),
    ("reddit.com", "reddit"),
    ("threads.net", "threads"),
    ("pinterest.com", "pinterest"),
    ("vk.com", "vk"),
    ("bsky.app", "bluesky"),
];

/// (Android package, group, name) for `android-app://` referrers.
const APPS: &[(&str, Group, &str)] = &[
    (
        "com.google.android.googlequicksearchbox",
        Group::Search,
        "google",
    ),
    ("com.google.android.gm", Group::Website, "gmail"),
    ("com.facebook.katana", Group::Social, "facebook"),
    ("com.facebook.lite", Group::Social, "facebook"),
    ("com.facebook.orca", Group::Social, "facebook"),
    ("com.instagram.android", Group::Social, "instagram"),
    ("com.twitter.android", Group::Social, "x"),
    ("org.telegram.messenger", Group::Social, "telegram"),
    ("com.whatsapp", Group::Social, "whatsapp"),
    ("com.zhiliaoapp.musically", Group::Social, "tiktok"),
    ("com.snapchat.android", Group::Social, "snapchat"),
    ("com.linkedin.android", Group::Social, "linkedin"),
];

/// The lower-case host of a URL (no scheme, credentials, port or `www.`),
/// or `None` when there is none.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map(|(_, r)| r)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = if host.starts_with('[') {
        host.split(']').next().map(|h| h.trim_start_matches('['))?
    } else {
        host.split(':').next().unwrap_or("")
    };
    let host = host.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    Some(host.chars().take(MAX_HOST).collect())
}

fn suffix_match(host: &str, suffix: &str) -> bool {
    if !suffix.contains('.') {
        // A brand across country domains: google.com, google.com.sa, google.ae.
        return host.split('.').any(|label| label == suffix);
    }
    host == suffix || host.ends_with(&format!(".{suffix}"))
}

/// Groups `referrer` (the page the reader came from) for a site on
/// `own_host`.
pub fn classify(referrer: &str, own_host: &str) -> Source {
    let referrer = referrer.trim();
    if let Some(package) = referrer.strip_prefix("android-app://") {
        let package = package.split('/').next().unwrap_or("").to_lowercase();
        if let Some((_, group, name)) = APPS.iter().find(|(p, _, _)| *p == package) {
            return Source {
                group: *group,
                site: (*name).to_string(),
            };
        }
    }
    let Some(host) = host_of(referrer) else {
        return Source {
            group: Group::Direct,
            site: String::new(),
        };
    };
    let own = own_host.strip_prefix("www.").unwrap_or(own_host);
    if host == own {
        return Source {
            group: Group::Internal,
            site: String::new(),
        };
    }
    for (table, group) in [(SEARCH, Group::Search), (SOCIAL, Group::Social)] {
        if let Some((_, name)) = table.iter().find(|(s, _)| suffix_match(&host, s)) {
            return Source {
                group,
                site: (*name).to_string(),
            };
        }
    }
    Source {
        group: Group::Website,
        site: host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(r: &str) -> (Group, String) {
        let s = classify(r, "khabar.example");
        (s.group, s.site)
    }

    #[test]
    fn groups_and_names() {
        let cases = [
            ("", Group::Direct, ""),
            ("not a url", Group::Direct, ""),
            ("https://www.google.com/", Group::Search, "google"),
            (
                "https://www.google.com.sa/search?q=x",
                Group::Search,
                "google",
            ),
            (
                "https://news.google.com/articles/1",
                Group::Search,
                "google",
            ),
            ("https://www.bing.com/search?q=خبر", Group::Search, "bing"),
            ("https://duckduckgo.com/", Group::Search, "duckduckgo"),
            (
                "https://l.facebook.com/l.php?u=x",
                Group::Social,
                "facebook",
            ),
            ("https://m.facebook.com/", Group::Social, "facebook"),
            ("https://t.co/abc", Group::Social, "x"),
            ("https://x.com/someone", Group::Social, "x"),
            ("https://web.whatsapp.com/", Group::Social, "whatsapp"),
            ("https://t.me/channel/5", Group::Social, "telegram"),
            ("https://www.tiktok.com/@x", Group::Social, "tiktok"),
            (
                "android-app://org.telegram.messenger/",
                Group::Social,
                "telegram",
            ),
            (
                "android-app://com.google.android.googlequicksearchbox/",
                Group::Search,
                "google",
            ),
            ("https://khabar.example/article/1/x", Group::Internal, ""),
            ("https://www.khabar.example/", Group::Internal, ""),
            (
                "https://user:pw@Blog.Example.ORG:8443/p",
                Group::Website,
                "blog.example.org",
            ),
            (
                "https://notgoogle.example/",
                Group::Website,
                "notgoogle.example",
            ),
            ("https://xt.co/", Group::Website, "xt.co"),
            ("https://[2001:db8::1]:80/", Group::Website, "2001:db8::1"),
            (
                "https://مثال.السعودية/صفحة",
                Group::Website,
                "مثال.السعودية",
            ),
        ];
        for (input, group, site) in cases {
            assert_eq!(c(input), (group, site.to_string()), "{input}");
        }
    }

    #[test]
    fn long_hosts_are_cut_on_characters() {
        let host = "ب".repeat(300);
        let s = classify(&format!("https://{host}.example/"), "k");
        assert_eq!(s.site.chars().count(), MAX_HOST);
    }
}
