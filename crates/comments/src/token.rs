//! The signed time token of the comment form.
//!
//! `issued.nonce.mac`, where `mac` is hex HMAC-SHA256 over
//! `v1|article|issued|nonce` with the site's comment secret. The server keeps
//! no state to issue one; it remembers a nonce only once it has been used, so
//! a token works once ([`Verified::nonce`] is what the store records).

use crate::{HmacSha256, hex};
use hmac::Mac;

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not three well-formed parts, or for another article.
    Malformed,
    /// The MAC does not match: forged or from another site.
    BadSignature,
    /// Sent sooner than a person can write a comment.
    TooFast,
    /// Issued too long ago (or in the future).
    Expired,
}

impl TokenError {
    /// The stable code: `token_invalid`, `too_fast` or `token_expired`.
    pub fn code(self) -> &'static str {
        match self {
            TokenError::Malformed | TokenError::BadSignature => "token_invalid",
            TokenError::TooFast => "too_fast",
            TokenError::Expired => "token_expired",
        }
    }
}

/// A token that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub issued_at: i64,
    pub nonce: String,
}

/// How old a token may be, in seconds.
#[derive(Debug, Clone, Copy)]
pub struct TokenAge {
    pub min_secs: i64,
    pub max_secs: i64,
}

fn mac(key: &[u8], article: i64, issued: i64, nonce: &str) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(format!("v1|{article}|{issued}|{nonce}").as_bytes());
    mac
}

/// A token for the form of `article`, issued at `issued` (Unix seconds) with
/// `nonce` (random bytes, any length).
pub fn sign(key: &[u8], article: i64, issued: i64, nonce: &[u8]) -> String {
    let nonce = hex(nonce);
    let tag = hex(&mac(key, article, issued, &nonce).finalize().into_bytes());
    format!("{issued}.{nonce}.{tag}")
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

/// Checks `token` for `article` at `now`: signature (in constant time), then age.
///
/// # Errors
/// The first [`TokenError`] found.
pub fn verify(
    key: &[u8],
    article: i64,
    token: &str,
    now: i64,
    age: TokenAge,
) -> Result<Verified, TokenError> {
    let mut parts = token.trim().split('.');
    let (Some(issued), Some(nonce), Some(tag), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed);
    };
    let issued: i64 = issued.parse().map_err(|_| TokenError::Malformed)?;
    if nonce.is_empty() || nonce.len() > 64 || unhex(nonce).is_none() {
        return Err(TokenError::Malformed);
    }
    let tag = unhex(tag).ok_or(TokenError::Malformed)?;
    mac(key, article, issued, nonce)
        .verify_slice(&tag)
        .map_err(|_| TokenError::BadSignature)?;
    let elapsed = now.saturating_sub(issued);
    if elapsed < 0 || elapsed > age.max_secs {
        return Err(TokenError::Expired);
    }
    if elapsed < age.min_secs {
        return Err(TokenError::TooFast);
    }
    Ok(Verified {
        issued_at: issued,
        nonce: nonce.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
    const AGE: TokenAge = TokenAge {
        min_secs: 3,
        max_secs: 86_400,
    };

    #[test]
    fn a_token_verifies_for_its_article_within_its_window() {
        let t = sign(KEY, 7, 1_000, b"nonce-1");
        let ok = verify(KEY, 7, &t, 1_010, AGE).expect("valid");
        assert_eq!(ok.issued_at, 1_000);
        assert_eq!(ok.nonce, "6e6f6e63652d31");
        /// key, article, token, now, expected outcome.
        type Case<'a> = (&'a [u8], i64, &'a str, i64, Result<(), TokenError>);
        let cases: &[Case<'_>] = &[
            (KEY, 7, &t, 1_003, Ok(())),
            (KEY, 7, &t, 1_002, Err(TokenError::TooFast)),
            (KEY, 7, &t, 1_000, Err(TokenError::TooFast)),
            (KEY, 7, &t, 1_000 + 86_400, Ok(())),
            (KEY, 7, &t, 1_001 + 86_400, Err(TokenError::Expired)),
            (KEY, 7, &t, 999, Err(TokenError::Expired)),
            (KEY, 8, &t, 1_010, Err(TokenError::BadSignature)),
            (b"another key", 7, &t, 1_010, Err(TokenError::BadSignature)),
            (KEY, 7, "", 1_010, Err(TokenError::Malformed)),
            (KEY, 7, "1000.abcd", 1_010, Err(TokenError::Malformed)),
            (KEY, 7, "1000.zz.00", 1_010, Err(TokenError::Malformed)),
            (KEY, 7, "x.ab.00", 1_010, Err(TokenError::Malformed)),
            (KEY, 7, "1000.ab.00.00", 1_010, Err(TokenError::Malformed)),
            (KEY, 7, "1000.ab.0", 1_010, Err(TokenError::Malformed)),
        ];
        for (key, article, token, now, want) in cases {
            let got = verify(key, *article, token, *now, AGE).map(|_| ());
            assert_eq!(got, *want, "token {token:?} at {now}");
        }
    }

    #[test]
    fn tampering_with_any_part_breaks_the_signature() {
        let t = sign(KEY, 7, 1_000, b"n");
        let later = t.replacen("1000", "1005", 1);
        assert_eq!(
            verify(KEY, 7, &later, 1_010, AGE),
            Err(TokenError::BadSignature)
        );
        let other_nonce = t.replacen(".6e.", ".6f.", 1);
        assert_eq!(
            verify(KEY, 7, &other_nonce, 1_010, AGE),
            Err(TokenError::BadSignature)
        );
    }
}
