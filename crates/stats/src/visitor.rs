//! Cookieless visitor identity: a BLAKE3 keyed hash of (IP, User-Agent, site)
//! under a random salt that belongs to one day.
//!
//! Without the salt the id cannot be linked back to an address (a 32-bit IPv4
//! space is easy to enumerate for an unkeyed hash; a keyed one is not), and
//! once a day's salt is deleted — at most 48 hours after it was made — not
//! even the server can link that day's ids to the next day's.

use std::fmt;

/// A day's random 256-bit key.
#[derive(Clone, PartialEq, Eq)]
pub struct Salt {
    /// The site-local day it belongs to (days since 1970-01-01).
    pub day: i32,
    pub key: [u8; 32],
}

impl Salt {
    /// A fresh salt from the operating system's random source.
    ///
    /// # Errors
    /// When the operating system has no random source.
    pub fn generate(day: i32) -> Result<Salt, getrandom::Error> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)?;
        Ok(Salt { day, key })
    }

    /// A salt from stored bytes; `None` unless exactly 32 bytes.
    pub fn from_bytes(day: i32, bytes: &[u8]) -> Option<Salt> {
        Some(Salt {
            day,
            key: bytes.try_into().ok()?,
        })
    }
}

impl fmt::Debug for Salt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Salt")
            .field("day", &self.day)
            .field("key", &"<redacted>")
            .finish()
    }
}

/// A visitor for one day: 128 bits of a keyed hash.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VisitorId(pub [u8; 16]);

impl fmt::Debug for VisitorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in &self.0[..4] {
            write!(f, "{b:02x}")?;
        }
        f.write_str("…")
    }
}

impl VisitorId {
    /// The visitor id of (`ip`, `user_agent`) on `site` under `salt`. Fields
    /// are length-prefixed, so no two different triples share an input.
    pub fn new(salt: &Salt, ip: &str, user_agent: &str, site: &str) -> VisitorId {
        let mut h = blake3::Hasher::new_keyed(&salt.key);
        for part in [ip, user_agent, site] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        let mut out = [0u8; 16];
        out.copy_from_slice(&h.finalize().as_bytes()[..16]);
        VisitorId(out)
    }

    /// A 64-bit digest for in-memory maps.
    pub fn short(self) -> u64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.0[..8]);
        u64::from_le_bytes(b)
    }
}

/// A keyed 64-bit digest of an address alone (for the per-address cap),
/// kept in memory only.
pub fn address_key(salt: &Salt, ip: &str) -> u64 {
    let mut h = blake3::Hasher::new_keyed(&salt.key);
    h.update(b"address\0");
    h.update(ip.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&h.finalize().as_bytes()[..8]);
    u64::from_le_bytes(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_inputs_same_id_and_any_change_changes_it() {
        let salt = Salt::generate(20_000).expect("random");
        let ua = "Mozilla/5.0 Firefox/130.0";
        let a = VisitorId::new(&salt, "203.0.113.7", ua, "news.example");
        assert_eq!(a, VisitorId::new(&salt, "203.0.113.7", ua, "news.example"));
        assert_ne!(a, VisitorId::new(&salt, "203.0.113.8", ua, "news.example"));
        assert_ne!(
            a,
            VisitorId::new(&salt, "203.0.113.7", "Mozilla/5.0 Chrome/1", "news.example")
        );
        assert_ne!(a, VisitorId::new(&salt, "203.0.113.7", ua, "other.example"));
        // Field boundaries cannot be shifted to forge a collision.
        assert_ne!(
            VisitorId::new(&salt, "1.2.3.4", "ab", "c"),
            VisitorId::new(&salt, "1.2.3.4a", "b", "c")
        );
    }

    #[test]
    fn rotating_the_salt_changes_every_visitor_id() {
        let today = Salt::generate(20_000).expect("random");
        let tomorrow = Salt::generate(20_001).expect("random");
        assert_ne!(today.key, tomorrow.key);
        for ip in ["203.0.113.7", "2001:db8::1", "198.51.100.20"] {
            let ua = "Mozilla/5.0 Safari/605.1.15";
            assert_ne!(
                VisitorId::new(&today, ip, ua, "s"),
                VisitorId::new(&tomorrow, ip, ua, "s"),
            );
            assert_ne!(address_key(&today, ip), address_key(&tomorrow, ip));
        }
    }

    #[test]
    fn salts_round_trip_and_never_print() {
        let s = Salt::generate(3).expect("random");
        assert_eq!(Salt::from_bytes(3, &s.key), Some(s.clone()));
        assert_eq!(Salt::from_bytes(3, &[1, 2, 3]), None);
        assert!(format!("{s:?}").contains("redacted"));
    }
}
