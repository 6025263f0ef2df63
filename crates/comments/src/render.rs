//! A comment body (plain text) to HTML that is safe anywhere: every
//! character that means something in HTML is escaped, then http(s) URLs —
//! and nothing else — become links with `rel="nofollow ugc noopener"`.
//! Blank lines separate paragraphs; single line breaks become `<br>`.
//!
//! The order matters: links are found in the raw text and each piece (link
//! text, href, plain text) is escaped on its own, so no input can open a tag
//! or an attribute. `javascript:`, `data:` and every other scheme stay text.

use linkify::{LinkFinder, LinkKind};

/// Escapes `&`, `<`, `>`, `"` and `'` — enough for text and for attribute
/// values in double or single quotes.
pub fn escape_html(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn render_line(line: &str, finder: &LinkFinder, out: &mut String) {
    for span in finder.spans(line) {
        match span.kind() {
            Some(LinkKind::Url) if is_web_url(span.as_str()) => {
                out.push_str("<a href=\"");
                escape_html(span.as_str(), out);
                out.push_str("\" rel=\"nofollow ugc noopener\" dir=\"ltr\">");
                escape_html(span.as_str(), out);
                out.push_str("</a>");
            }
            _ => escape_html(span.as_str(), out),
        }
    }
}

/// The body as a sequence of `<p>` elements.
pub fn render_body(body: &str) -> String {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(true);
    let text = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 32);
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, out: &mut String| {
        if paragraph.is_empty() {
            return;
        }
        out.push_str("<p>");
        for (i, line) in paragraph.iter().enumerate() {
            if i > 0 {
                out.push_str("<br>");
            }
            render_line(line, &finder, out);
        }
        out.push_str("</p>");
        paragraph.clear();
    };
    for line in text.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lines_and_links() {
        let cases = [
            ("شكراً", "<p>شكراً</p>"),
            ("سطر\nسطر\n\n\nفقرة", "<p>سطر<br>سطر</p><p>فقرة</p>"),
            ("a\r\nb", "<p>a<br>b</p>"),
            (
                "انظر https://example.com/خبر?a=1&b=2 هنا",
                "<p>انظر <a href=\"https://example.com/خبر?a=1&amp;b=2\" rel=\"nofollow ugc noopener\" dir=\"ltr\">https://example.com/خبر?a=1&amp;b=2</a> هنا</p>",
            ),
            (
                "(HTTP://EXAMPLE.COM)",
                "<p>(<a href=\"HTTP://EXAMPLE.COM\" rel=\"nofollow ugc noopener\" dir=\"ltr\">HTTP://EXAMPLE.COM</a>)</p>",
            ),
            ("www.example.com", "<p>www.example.com</p>"),
            ("javascript:alert(1)", "<p>javascript:alert(1)</p>"),
            ("ftp://example.com/x", "<p>ftp://example.com/x</p>"),
        ];
        for (body, want) in cases {
            assert_eq!(render_body(body), want, "{body}");
        }
    }

    /// Markup from a corpus of XSS payloads must come out as text: no tag
    /// other than p, br and our own a, no attribute we did not write.
    #[test]
    fn xss_payloads_are_inert() {
        for payload in XSS {
            let html = render_body(payload);
            let mut rest = html.as_str();
            while let Some(i) = rest.find('<') {
                let tail = rest.get(i..).unwrap_or("");
                assert!(
                    tail.starts_with("<p>")
                        || tail.starts_with("</p>")
                        || tail.starts_with("<br>")
                        || tail.starts_with("</a>")
                        || tail.starts_with("<a href=\"http"),
                    "{payload:?} gave {html}"
                );
                rest = tail.get(1..).unwrap_or("");
            }
            assert!(!html.contains("javascript:alert") || !html.contains("href=\"javascript"));
            for attr in [" onerror=", " onload=", " onclick=", " style=", " src="] {
                let unescaped_tag = html.contains(&format!("<img{attr}"));
                assert!(!unescaped_tag, "{payload:?} gave {html}");
            }
            // Quotes never survive unescaped inside an href.
            for link in html.split("<a href=\"").skip(1) {
                let href = link.split('"').next().unwrap_or("");
                assert!(!href.contains('<') && !href.contains('\''), "{href}");
            }
        }
    }

    pub(crate) const XSS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "https://example.com/\"onmouseover=\"alert(1)",
        "https://example.com/'><script>alert(1)</script>",
        "https://example.com/<script>",
        "<iframe src=\"data:text/html,<script>alert(1)</script>\">",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "<body onload=alert(1)>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<scr<script>ipt>alert(1)</script>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "{{7*7}} ${alert(1)} <%= 7*7 %>",
        "</textarea><script>alert(1)</script>",
        "--><script>alert(1)</script><!--",
        "<style>*{display:none}</style>",
        "\u{202E}<script>alert(1)</script>",
    ];
}
