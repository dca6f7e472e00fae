//! Who a request comes from, for per-client limits: the connection's peer, or,
//! behind proxies the shop runs itself, the nearest address in X-Forwarded-For
//! that is not one of those proxies. Proxies append the address they saw to the
//! right of the header, so everything left of the rightmost untrusted entry was
//! written by the client and proves nothing.

use std::net::IpAddr;

/// A network in CIDR form: `10.0.0.0/8`, `::1/128`, or a single address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    net: IpAddr,
    bits: u8,
}

impl Cidr {
    pub fn parse(s: &str) -> Option<Cidr> {
        let s = s.trim();
        let (addr, bits) = match s.split_once('/') {
            Some((a, b)) => (a.parse::<IpAddr>().ok()?, Some(b.parse::<u8>().ok()?)),
            None => (s.parse::<IpAddr>().ok()?, None),
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let bits = bits.unwrap_or(max);
        (bits <= max).then_some(Cidr { net: addr, bits })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.net, canonical(ip)) {
            (IpAddr::V4(n), IpAddr::V4(a)) => prefix_eq(&n.octets(), &a.octets(), self.bits),
            (IpAddr::V6(n), IpAddr::V6(a)) => prefix_eq(&n.octets(), &a.octets(), self.bits),
            _ => false,
        }
    }
}

fn prefix_eq(a: &[u8], b: &[u8], bits: u8) -> bool {
    let full = usize::from(bits / 8);
    if a[..full] != b[..full] {
        return false;
    }
    let rest = bits % 8;
    rest == 0 || {
        let mask = 0xffu8 << (8 - rest);
        a[full] & mask == b[full] & mask
    }
}

/// An IPv4 address written as IPv6 (`::ffff:1.2.3.4`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// The client's address: `peer` itself unless it is a trusted proxy; then, reading
/// `X-Forwarded-For` from the right, the first address that is not a trusted proxy
/// (the leftmost one if all are). An entry that is not an address ends the walk at
/// the last address known good, since anything left of it is the client's own text.
pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    let mut current = canonical(peer);
    if !is_trusted(current) {
        return current;
    }
    for entry in forwarded_for
        .iter()
        .flat_map(|h| h.split(','))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let Ok(ip) = entry.trim().parse::<IpAddr>() else {
            return current;
        };
        current = canonical(ip);
        if !is_trusted(current) {
            return current;
        }
    }
    current
}

/// The unit that per-client limits count: an IPv4 address, or the /64 network of
/// an IPv6 address (one subscriber's share; a single /64 holds 2^64 addresses).
pub fn limit_bucket(ip: &str) -> String {
    match ip.parse::<IpAddr>().map(canonical) {
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            let net = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
            format!("{net}/64")
        }
        Ok(v4) => v4.to_string(),
        Err(_) => ip.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies() -> Vec<Cidr> {
        ["127.0.0.1", "10.0.0.0/8", "fd00::/8"]
            .iter()
            .filter_map(|s| Cidr::parse(s))
            .collect()
    }

    #[test]
    fn a_direct_client_is_its_peer_whatever_it_writes() {
        assert_eq!(
            client_ip(ip("203.0.113.7"), &["1.2.3.4"], &proxies()),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn behind_a_proxy_the_rightmost_untrusted_entry_counts_not_the_forged_first() {
        // The client forged "1.2.3.4"; our proxy appended the address it saw.
        let xff = ["1.2.3.4, 198.51.100.9"];
        assert_eq!(
            client_ip(ip("127.0.0.1"), &xff, &proxies()),
            ip("198.51.100.9")
        );
        // Two proxies of ours in a row.
        let xff = ["1.2.3.4, 198.51.100.9, 10.1.2.3"];
        assert_eq!(
            client_ip(ip("10.0.0.5"), &xff, &proxies()),
            ip("198.51.100.9")
        );
        // Two header lines are one list.
        let xff = ["1.2.3.4", "198.51.100.9"];
        assert_eq!(
            client_ip(ip("127.0.0.1"), &xff, &proxies()),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn garbage_in_the_header_ends_the_walk_at_the_last_known_address() {
        let xff = ["<script>, 10.9.9.9"];
        assert_eq!(client_ip(ip("127.0.0.1"), &xff, &proxies()), ip("10.9.9.9"));
        assert_eq!(client_ip(ip("127.0.0.1"), &[], &proxies()), ip("127.0.0.1"));
    }

    #[test]
    fn cidrs_parse_and_match() {
        let c = Cidr::parse("192.168.0.0/16").unwrap();
        assert!(c.contains(ip("192.168.44.1")));
        assert!(!c.contains(ip("192.169.0.1")));
        assert!(c.contains(ip("::ffff:192.168.1.1")));
        assert!(Cidr::parse("10.0.0.0/33").is_none());
        assert!(Cidr::parse("nonsense").is_none());
        let c = Cidr::parse("2001:db8::/32").unwrap();
        assert!(c.contains(ip("2001:db8:ffff::1")));
        assert!(!c.contains(ip("2001:db9::1")));
        assert!(
            Cidr::parse("10.0.0.0/13")
                .unwrap()
                .contains(ip("10.7.255.255"))
        );
        assert!(!Cidr::parse("10.0.0.0/13").unwrap().contains(ip("10.8.0.0")));
    }

    #[test]
    fn ipv6_addresses_of_one_64_share_a_bucket() {
        assert_eq!(
            limit_bucket("2001:db8:1:2:aaaa::1"),
            limit_bucket("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_eq!(limit_bucket("2001:db8:1:2::9"), "2001:db8:1:2::/64");
        assert_ne!(
            limit_bucket("2001:db8:1:2::1"),
            limit_bucket("2001:db8:1:3::1")
        );
        assert_eq!(limit_bucket("203.0.113.7"), "203.0.113.7");
        assert_eq!(limit_bucket("::ffff:203.0.113.7"), "203.0.113.7");
    }
}
