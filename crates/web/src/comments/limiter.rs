//! In-memory rate limits on comment submissions, per visitor and per address
//! prefix (/24 for IPv4, /48 for IPv6, so one machine cannot dodge the limit
//! by walking its neighbourhood of addresses).
//!
//! Windows live in memory: a restart forgets them, and each server of a
//! cluster counts on its own (the limits still bound a flood to N × the
//! configured rate). That is the usual trade for not writing on every hit.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// The two windows every key is held to.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    /// At most one submission per this many seconds.
    pub min_interval_secs: u64,
    /// At most this many submissions per hour.
    pub per_hour: u32,
}

#[derive(Debug, Default)]
pub struct RateLimiter {
    hits: Mutex<HashMap<String, Vec<i64>>>,
}

/// The key of the network an address belongs to.
pub fn address_prefix(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => address_prefix(IpAddr::V4(v4)),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
            }
        },
    }
}

impl RateLimiter {
    /// Returns the seconds to wait if any key of `keys` is over a limit at
    /// `now`, recording nothing: the cheap early refusal of a flood, before a
    /// submission is checked (a refused one does not count against a reader
    /// who corrects a mistake).
    ///
    /// # Errors
    /// The number of seconds after which a submission would be accepted.
    pub fn peek(&self, keys: &[&str], now: i64, limits: RateLimits) -> Result<(), u64> {
        let hits = self
            .hits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let interval = i64::try_from(limits.min_interval_secs).unwrap_or(i64::MAX);
        let mut wait: i64 = 0;
        for key in keys {
            let Some(times) = hits.get(*key) else {
                continue;
            };
            let recent: Vec<i64> = times.iter().copied().filter(|t| now - t < 3_600).collect();
            if let Some(last) = recent.last() {
                wait = wait.max(last + interval - now);
            }
            if recent.len() >= limits.per_hour as usize
                && let Some(first) = recent.first()
            {
                wait = wait.max(first + 3_600 - now);
            }
        }
        if wait > 0 {
            Err(u64::try_from(wait).unwrap_or(1))
        } else {
            Ok(())
        }
    }

    /// Records a submission by every key of `keys` at `now`, or refuses it
    /// with the seconds to wait when any key is over a limit (nothing is
    /// recorded then, so waiting always helps).
    ///
    /// # Errors
    /// The number of seconds after which the submission would be accepted.
    pub fn check(&self, keys: &[&str], now: i64, limits: RateLimits) -> Result<(), u64> {
        let mut hits = self
            .hits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if hits.len() > 50_000 {
            hits.retain(|_, times| times.last().is_some_and(|t| now - t < 3_600));
        }
        let interval = i64::try_from(limits.min_interval_secs).unwrap_or(i64::MAX);
        let mut wait: i64 = 0;
        for key in keys {
            let Some(times) = hits.get_mut(*key) else {
                continue;
            };
            times.retain(|t| now - t < 3_600);
            if let Some(last) = times.last() {
                wait = wait.max(last + interval - now);
            }
            if times.len() >= limits.per_hour as usize
                && let Some(first) = times.first()
            {
                wait = wait.max(first + 3_600 - now);
            }
        }
        if wait > 0 {
            return Err(u64::try_from(wait).unwrap_or(1));
        }
        for key in keys {
            hits.entry((*key).to_string()).or_default().push(now);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: RateLimits = RateLimits {
        min_interval_secs: 15,
        per_hour: 3,
    };

    #[test]
    fn interval_and_hourly_windows() {
        let l = RateLimiter::default();
        assert_eq!(l.peek(&["v1", "p1"], 1_000, LIMITS), Ok(()));
        assert_eq!(l.check(&["v1", "p1"], 1_000, LIMITS), Ok(()));
        assert_eq!(l.peek(&["v1", "p1"], 1_005, LIMITS), Err(10));
        assert_eq!(l.check(&["v1", "p1"], 1_005, LIMITS), Err(10));
        // Another visitor on the same network is held by the prefix.
        assert_eq!(l.check(&["v2", "p1"], 1_010, LIMITS), Err(5));
        assert_eq!(l.check(&["v1", "p1"], 1_015, LIMITS), Ok(()));
        assert_eq!(l.check(&["v1", "p1"], 1_030, LIMITS), Ok(()));
        assert_eq!(l.check(&["v1", "p1"], 1_045, LIMITS), Err(3_600 - 45));
        assert_eq!(l.check(&["v3", "p2"], 1_045, LIMITS), Ok(()));
        assert_eq!(l.check(&["v1", "p1"], 4_600, LIMITS), Ok(()));
    }

    #[test]
    fn prefixes() {
        let cases = [
            ("203.0.113.77", "203.0.113.0/24"),
            ("2001:db8:abcd:12::1", "2001:db8:abcd::/48"),
            ("::ffff:198.51.100.9", "198.51.100.0/24"),
        ];
        for (ip, want) in cases {
            assert_eq!(address_prefix(ip.parse().expect("ip")), want);
        }
    }
}
