//! Which address the room offers phones: the laptop's network interfaces,
//! ranked so that the first is the one a phone on the same Wi-Fi can most
//! likely reach. Loopback and link-local addresses (169.254.x.x, fe80::)
//! are never offered; Docker, VM and VPN adapters come last.

use std::net::IpAddr;

/// How likely phones in the room reach an interface, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reach {
    /// A physical adapter with a private-range IPv4 address (10/8,
    /// 172.16/12, 192.168/16): the usual office, home or hotspot Wi-Fi.
    PrivateLan,
    /// A physical adapter with another IPv4 address (public, or shared
    /// address space 100.64/10).
    OtherV4,
    /// A physical adapter with a global or unique-local IPv6 address.
    V6,
    /// A Docker, VM, VPN or tunnel adapter: phones rarely reach it.
    Virtual,
}

impl Reach {
    /// Why an interface is ranked where it is, for the interface picker.
    pub fn note(self) -> &'static str {
        match self {
            Self::PrivateLan => "local network",
            Self::OtherV4 => "network (not a private range)",
            Self::V6 => "IPv6 network",
            Self::Virtual => "virtual or VPN adapter: phones usually cannot reach it",
        }
    }
}

/// A network interface the room could listen on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The interface's name, e.g. "wlp2s0", "en0", "Wi-Fi".
    pub name: String,
    /// Its address.
    pub ip: IpAddr,
    /// How likely phones reach it.
    pub reach: Reach,
}

/// Name fragments of adapters that are not the room's network.
const VIRTUAL_NAMES: [&str; 20] = [
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vboxnet",
    "virtualbox",
    "vmware",
    "hyper-v",
    "vethernet",
    "tun",
    "tap",
    "wg",
    "utun",
    "tailscale",
    "zt",
    "ppp",
    "ipsec",
    "lxc",
    "cni",
];

/// Whether an address may be offered to phones at all.
pub fn offerable(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => !(v4.is_loopback() || v4.is_link_local() || v4.is_unspecified()),
        IpAddr::V6(v6) => {
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_unicast_link_local()
                || v6.is_multicast())
        }
    }
}

/// Rank one interface by its name and address; `None` when it must never
/// be offered (loopback, link-local).
pub fn rank(name: &str, ip: IpAddr) -> Option<Reach> {
    if !offerable(ip) {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if VIRTUAL_NAMES
        .iter()
        .any(|v| lower.starts_with(v) || lower.contains(&format!(" {v}")))
        || lower.contains("virtual")
        || lower.contains("vpn")
    {
        return Some(Reach::Virtual);
    }
    Some(match ip {
        IpAddr::V4(v4) if v4.is_private() => Reach::PrivateLan,
        IpAddr::V4(_) => Reach::OtherV4,
        IpAddr::V6(_) => Reach::V6,
    })
}

/// Rank `(name, address)` pairs, best first (ties keep their order).
pub fn ranked(interfaces: impl IntoIterator<Item = (String, IpAddr)>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = interfaces
        .into_iter()
        .filter_map(|(name, ip)| rank(&name, ip).map(|reach| Candidate { name, ip, reach }))
        .collect();
    out.sort_by_key(|c| c.reach);
    out
}

/// This machine's interfaces the room could listen on, best first; empty
/// when none is up (then only `--listen` helps).
pub fn candidates() -> Vec<Candidate> {
    match if_addrs::get_if_addrs() {
        Ok(list) => ranked(
            list.into_iter()
                .filter(|i| i.is_oper_up() || i.oper_status == if_addrs::IfOperStatus::Unknown)
                .map(|i| {
                    let ip = i.ip();
                    (i.name, ip)
                }),
        ),
        Err(err) => {
            tracing::warn!("cannot list network interfaces: {err}");
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn wifi_comes_first_docker_last_loopback_and_link_local_never() {
        let list = ranked([
            ("lo".to_owned(), ip("127.0.0.1")),
            ("docker0".to_owned(), ip("172.17.0.1")),
            ("wlp2s0".to_owned(), ip("fe80::1")),
            ("eth1".to_owned(), ip("169.254.3.4")),
            ("tailscale0".to_owned(), ip("100.101.102.103")),
            ("wlp2s0".to_owned(), ip("2001:db8::5")),
            ("enp3s0".to_owned(), ip("203.0.113.9")),
            ("wlp2s0".to_owned(), ip("192.168.1.20")),
            ("vEthernet (WSL)".to_owned(), ip("172.29.16.1")),
        ]);
        let order: Vec<(&str, Reach)> = list.iter().map(|c| (c.name.as_str(), c.reach)).collect();
        assert_eq!(
            order,
            vec![
                ("wlp2s0", Reach::PrivateLan),
                ("enp3s0", Reach::OtherV4),
                ("wlp2s0", Reach::V6),
                ("docker0", Reach::Virtual),
                ("tailscale0", Reach::Virtual),
                ("vEthernet (WSL)", Reach::Virtual),
            ]
        );
        assert_eq!(list[0].ip, ip("192.168.1.20"));
    }
}
