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
//! - [`deletion`]: the secret key that lets a reader delete their own
//!   comment without an account (only its hash is stored).
//! - [`keyed_hash`]: the keyed hashes stored in place of emails, and
//!   [`visitor_day_key`], the day's key of the visitor hash.

pub mod bayes;
pub mod deletion;
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

/// The key of `day`'s visitor hashes for comments (days since 1970-01-01),
/// derived from the site's comment secret, so every server on one database
/// derives the same one and nobody without the secret can.
///
/// Comments hash visitors with the statistics' own function
/// (`khabar_stats::VisitorId`) but under this key, not the statistics' daily
/// salt: a comment's stored visitor hash then cannot be matched with the
/// reading history counted for the same visitor.
pub fn visitor_day_key(secret: &[u8], day: i64) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(b"visitor-day\0");
    mac.update(&day.to_le_bytes());
    mac.finalize().into_bytes().into()
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

    #[test]
    fn visitor_day_keys_change_with_the_day_and_the_secret() {
        let k = super::visitor_day_key(b"secret", 20_000);
        assert_eq!(k, super::visitor_day_key(b"secret", 20_000));
        assert_ne!(k, super::visitor_day_key(b"secret", 20_001));
        assert_ne!(k, super::visitor_day_key(b"other", 20_000));
    }
}
