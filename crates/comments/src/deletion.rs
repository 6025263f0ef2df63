//! Readers deleting their own comments without an account.
//!
//! At submission the writer's browser gets a random 256-bit key; the store
//! keeps only its SHA-256. Whoever holds the key may delete that one comment
//! (status `deleted`), nobody else. The browser is given
//! [`DeletionLink`] text `ID.KEY`: in `localStorage` by `comments.js`, in the
//! link shown after a post without JavaScript.
//!
//! A plain hash is enough at rest: the key is random, not a password, so
//! there is nothing to guess and nothing for a slow hash to protect. The
//! check compares hashes in constant time ([`subtle`]), so the time an
//! answer takes says nothing about how much of a guess was right.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Hex characters of a deletion key (256 bits).
pub const KEY_HEX_LEN: usize = 64;

/// The hash stored in place of a deletion key.
pub fn key_hash(key: &str) -> String {
    crate::hex(&Sha256::digest(key.as_bytes()))
}

/// Returns true if and only if `key` is the key whose hash is `stored`.
/// Both hashes have the same length, so only their bytes are compared, in
/// constant time.
pub fn key_matches(key: &str, stored: &str) -> bool {
    let given = key_hash(key);
    given.len() == stored.len() && bool::from(given.as_bytes().ct_eq(stored.as_bytes()))
}

/// A comment id with its deletion key, as `ID.KEY` in a URL or in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletionLink {
    pub comment_id: i64,
    pub key: String,
}

impl DeletionLink {
    /// Parses `ID.KEY`; `None` for anything else (the text comes from a URL).
    pub fn parse(raw: &str) -> Option<DeletionLink> {
        let (id, key) = raw.trim().split_once('.')?;
        let comment_id = id.parse::<i64>().ok().filter(|n| *n > 0)?;
        let well_formed = key.len() == KEY_HEX_LEN && key.bytes().all(|b| b.is_ascii_hexdigit());
        well_formed.then(|| DeletionLink {
            comment_id,
            key: key.to_ascii_lowercase(),
        })
    }

    /// The `ID.KEY` text.
    pub fn text(&self) -> String {
        format!("{}.{}", self.comment_id, self.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_right_key_matches() {
        let key = "ab".repeat(32);
        let stored = key_hash(&key);
        assert_eq!(stored.len(), 64);
        assert!(key_matches(&key, &stored));
        assert!(!key_matches(&"ac".repeat(32), &stored));
        assert!(!key_matches("", &stored));
        assert!(!key_matches(&key, ""));
        assert!(!key_matches(&key, stored.get(..63).expect("ascii")));
    }

    #[test]
    fn links_parse_strictly() {
        let key = "0f".repeat(32);
        let link = DeletionLink::parse(&format!("12.{key}")).expect("valid");
        assert_eq!(link.comment_id, 12);
        assert_eq!(DeletionLink::parse(&link.text()), Some(link));
        for bad in [
            String::new(),
            "12".to_string(),
            format!("0.{key}"),
            format!("-3.{key}"),
            format!("x.{key}"),
            "12.abc".to_string(),
            format!("12.{}", "zz".repeat(32)),
            format!("12.{key}0"),
            format!("١٢.{key}"),
        ] {
            assert_eq!(DeletionLink::parse(&bad), None, "{bad}");
        }
    }
}
