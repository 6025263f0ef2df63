//! Khabar's comment rules, with no I/O: everything here is a pure function of
//! its inputs, so every rule is table-tested.
//!
//! # A tour
//!
//! - [`token`]: the signed time token every comment form carries
//!   (HMAC-SHA256 of article, issue time and nonce). It proves the form came
//!   from this site (CSRF) and how long ago, so a submission faster than a
//!   human (< 3 s) or older than a day is refused.
//! - [`text`]: links in a body ([`text::count_links`]), moderators' word lists
//!   matched on normalised Arabic ([`text::WordList`]), the tokens the spam
//!   filter learns from, and the body hash duplicate checks compare.
//! - [`bayes`]: a naive Bayes spam score trained on moderators' own approve
//!   and spam decisions. It is advisory: it can hold a comment, never drop one.
//! - [`policy`]: [`policy::decide`] turns the moderation setting and the
//!   signals above into a [`policy::Decision`] — publish, hold (with the
//!   reasons) or mark as spam.
//! - [`render`]: a body to safe HTML: everything escaped, then http(s) URLs
//!   linked with `rel="nofollow ugc noopener"`.
//! - [`digest`]: held comments batched for moderators (email, webhook),
//!   with commenters' text kept out of headers.
//! - [`keyed_hash`]: the keyed hashes stored in place of emails and visitors.

pub mod bayes;
pub mod digest;
pub mod policy;
pub mod render;
pub mod text;
pub mod token;

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub(crate) type HmacSha256 = Hmac<Sha256>;

/// Hex of HMAC-SHA256(`key`, `domain` ‖ 0 ‖ `value`): a stable pseudonym that
/// cannot be reversed without the site's secret. `domain` keeps hashes of
/// different kinds (emails, visitors) from ever colliding.
pub fn keyed_hash(key: &[u8], domain: &str, value: &str) -> String {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(domain.as_bytes());
    mac.update(&[0]);
    mac.update(value.as_bytes());
    hex(&mac.finalize().into_bytes())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keyed_hashes_depend_on_key_domain_and_value() {
        let a = super::keyed_hash(b"k1", "email", "a@example.com");
        assert_eq!(a.len(), 64);
        assert_eq!(a, super::keyed_hash(b"k1", "email", "a@example.com"));
        assert_ne!(a, super::keyed_hash(b"k2", "email", "a@example.com"));
        assert_ne!(a, super::keyed_hash(b"k1", "visitor", "a@example.com"));
        assert_ne!(a, super::keyed_hash(b"k1", "email", "b@example.com"));
    }
}
