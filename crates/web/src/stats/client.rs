//! The reader's address: the peer's, or — only when the peer is a trusted
//! proxy — the right-most address in `X-Forwarded-For` that is not itself a
//! trusted proxy (left-most entries are whatever the client wrote).

use ipnet::IpNet;
use std::net::IpAddr;

/// Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address (one host).
pub fn parse_proxy(s: &str) -> Option<IpNet> {
    let s = s.trim();
    s.parse::<IpNet>()
        .ok()
        .or_else(|| s.parse::<IpAddr>().ok().map(IpNet::from))
}

fn trusted(ip: IpAddr, proxies: &[IpNet]) -> bool {
    proxies.iter().any(|n| n.contains(&ip))
}

/// The client address for counting.
pub(crate) fn client_ip(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    proxies: &[IpNet],
) -> Option<IpAddr> {
    let peer = peer.map(|p| p.to_canonical())?;
    if !trusted(peer, proxies) {
        return Some(peer);
    }
    let Some(header) = forwarded_for else {
        return Some(peer);
    };
    let mut chosen = peer;
    for part in header.rsplit(',') {
        let Ok(ip) = part.trim().parse::<IpAddr>() else {
            break;
        };
        chosen = ip.to_canonical();
        if !trusted(chosen, proxies) {
            break;
        }
    }
    Some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxies = vec![
            parse_proxy("127.0.0.1/32").expect("net"),
            parse_proxy("10.0.0.0/8").expect("net"),
        ];
        let spoof = Some("1.2.3.4");
        // Not a trusted peer: the header is ignored.
        assert_eq!(
            client_ip(Some(ip("198.51.100.9")), spoof, &proxies),
            Some(ip("198.51.100.9"))
        );
        assert_eq!(
            client_ip(Some(ip("198.51.100.9")), spoof, &[]),
            Some(ip("198.51.100.9"))
        );
        // Trusted: the right-most untrusted entry wins over spoofed left entries.
        assert_eq!(
            client_ip(
                Some(ip("127.0.0.1")),
                Some("6.6.6.6, 203.0.113.5, 10.1.2.3"),
                &proxies
            ),
            Some(ip("203.0.113.5"))
        );
        assert_eq!(
            client_ip(Some(ip("127.0.0.1")), None, &proxies),
            Some(ip("127.0.0.1"))
        );
        // Garbage stops the walk at the last good address.
        assert_eq!(
            client_ip(Some(ip("127.0.0.1")), Some("garbage, 10.0.0.2"), &proxies),
            Some(ip("10.0.0.2"))
        );
        assert_eq!(
            client_ip(Some(ip("::ffff:127.0.0.1")), Some("203.0.113.5"), &proxies),
            Some(ip("203.0.113.5"))
        );
        assert_eq!(
            parse_proxy("192.168.1.1"),
            Some("192.168.1.1/32".parse().expect("net"))
        );
        assert_eq!(parse_proxy("nonsense"), None);
    }
}
