//! The address a request came from, for throttling and for the log line of a failed log-in.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::request::Parts;

/// The client's address: the TCP peer, or — behind `trusted_hops` reverse proxies that each append the address
/// they received from to `X-Forwarded-For` — the entry that many places from the right. Entries further left
/// were written by the client itself and are ignored. `None` when the server was started without peer info.
pub fn client_ip(parts: &Parts, trusted_hops: usize) -> Option<IpAddr> {
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
    if trusted_hops == 0 {
        return peer;
    }
    let forwarded: Vec<IpAddr> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|entry| entry.trim().parse().ok())
        .collect();
    forwarded.len().checked_sub(trusted_hops).and_then(|i| forwarded.get(i)).copied().or(peer)
}

/// `client_ip` as a throttle-key and log-field string (`unknown` without peer info).
pub fn client_ip_label(parts: Option<&Parts>, trusted_hops: usize) -> String {
    parts.and_then(|p| client_ip(p, trusted_hops)).map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use axum::http::Request;

    use super::*;

    fn parts(peer: &str, forwarded: Option<&str>) -> Parts {
        let mut req = Request::builder();
        if let Some(xff) = forwarded {
            req = req.header("x-forwarded-for", xff);
        }
        let (mut parts, ()) = req.body(()).unwrap().into_parts();
        parts.extensions.insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        parts
    }

    #[test]
    fn without_proxies_the_peer_counts_and_forwarded_headers_are_ignored() {
        let p = parts("203.0.113.7:5000", Some("198.51.100.1"));
        assert_eq!(client_ip(&p, 0), Some("203.0.113.7".parse().unwrap()));
    }

    #[test]
    fn behind_proxies_the_entry_they_wrote_counts_not_what_the_client_sent() {
        // The client forged "1.2.3.4"; the one trusted proxy appended the real address.
        let p = parts("10.0.0.5:4000", Some("1.2.3.4, 198.51.100.9"));
        assert_eq!(client_ip(&p, 1), Some("198.51.100.9".parse().unwrap()));
        let two = parts("10.0.0.5:4000", Some("1.2.3.4, 198.51.100.9, 10.0.0.4"));
        assert_eq!(client_ip(&two, 2), Some("198.51.100.9".parse().unwrap()));
        // Fewer entries than proxies: fall back to the peer.
        assert_eq!(client_ip(&parts("10.0.0.5:4000", None), 1), Some("10.0.0.5".parse().unwrap()));
    }
}
