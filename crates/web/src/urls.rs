//! The site's URL scheme in one place. Every public URL of an article carries
//! its numeric id, so editing the slug never breaks a link; slugs keep their
//! Arabic letters and are percent-encoded on the wire.

use khabar_core::ArticleId;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters escaped in one path segment (RFC 3986 `pchar` complement).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// Percent-encodes one path segment.
pub fn segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// `/article/{id}/{slug}`.
pub fn article(id: ArticleId, slug: &str) -> String {
    format!("/article/{id}/{}", segment(slug))
}

pub fn section(slug: &str) -> String {
    format!("/section/{}", segment(slug))
}

pub fn tag(slug: &str) -> String {
    format!("/tag/{}", segment(slug))
}

pub fn author(slug: &str) -> String {
    format!("/author/{}", segment(slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_slugs_are_percent_encoded_once() {
        assert_eq!(
            article(ArticleId(7), "أحمد-يزور"),
            "/article/7/%D8%A3%D8%AD%D9%85%D8%AF-%D9%8A%D8%B2%D9%88%D8%B1"
        );
        assert_eq!(section("a/b?c"), "/section/a%2Fb%3Fc");
    }
}
