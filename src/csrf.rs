//! Cross-site request forgery guard for the web app's state-changing requests.
//!
//! `SameSite=Lax` keeps the session cookie off cross-site posts, but not off a cross-site *login* post
//! (which needs no cookie: it signs the victim into the attacker's account) nor off posts from sibling
//! subdomains, which browsers count as same-site. So every request that can change state (any method but
//! GET, HEAD, OPTIONS) is refused with 403 when the browser says it came from another site
//! (`Sec-Fetch-Site: cross-site`) or from another origin (`Origin` not this app's own). Clients that send
//! neither header (curl, scripts, older browsers on same-origin forms) are let through: they cannot be
//! made to carry a victim's cookie by a third-party page.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// What a refused request is told.
pub const REFUSED: &str =
    "This request came from another site and was refused. Reload the page and try again.";

/// Axum middleware: refuses cross-site and cross-origin state-changing requests with 403.
pub async fn guard(req: Request, next: Next) -> Response {
    if changes_state(req.method()) {
        if let Err(reason) = check(req.headers()) {
            tracing::warn!(reason, path = %req.uri().path(), "refused a cross-site request");
            return (StatusCode::FORBIDDEN, [(header::CACHE_CONTROL, "no-store")], REFUSED).into_response();
        }
    }
    next.run(req).await
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// `Ok` when nothing says the request came from elsewhere; otherwise why it is refused.
pub fn check(headers: &HeaderMap) -> Result<(), &'static str> {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if value("sec-fetch-site") == Some("cross-site") {
        return Err("Sec-Fetch-Site: cross-site");
    }
    let Some(origin) = value(header::ORIGIN.as_str()) else { return Ok(()) };
    // `Origin: null` comes from sandboxed frames, data: URLs and some redirects: never our own pages.
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).ok_or("Origin is not a URL")?;
    // The app's own origin is whatever host the browser addressed (a proxy may pass it as X-Forwarded-Host).
    let own = [value(header::HOST.as_str()), value("x-forwarded-host")];
    if own.iter().flatten().any(|host| host.eq_ignore_ascii_case(origin_host)) {
        Ok(())
    } else {
        Err("Origin is not this app")
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_and_header_less_requests_pass() {
        assert!(check(&headers(&[])).is_ok());
        assert!(check(&headers(&[("host", "todo.example.com")])).is_ok());
        let same = [
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ];
        assert!(check(&headers(&same)).is_ok());
        let proxied = [
            ("host", "app:3000"),
            ("x-forwarded-host", "todo.example.com"),
            ("origin", "https://todo.example.com"),
        ];
        assert!(check(&headers(&proxied)).is_ok());
    }

    #[test]
    fn cross_site_and_sibling_origins_are_refused() {
        let cross = [("host", "todo.example.com"), ("sec-fetch-site", "cross-site")];
        assert!(check(&headers(&cross)).is_err());
        // A sibling subdomain is "same-site" to the browser, but not this app.
        let sibling = [
            ("host", "todo.example.com"),
            ("origin", "https://evil.example.com"),
            ("sec-fetch-site", "same-site"),
        ];
        assert!(check(&headers(&sibling)).is_err());
        assert!(check(&headers(&[("host", "todo.example.com"), ("origin", "null")])).is_err());
        let other_port = [("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:4000")];
        assert!(check(&headers(&other_port)).is_err());
    }

    #[test]
    fn only_state_changing_methods_are_checked() {
        assert!(!changes_state(&Method::GET));
        assert!(!changes_state(&Method::HEAD));
        assert!(changes_state(&Method::POST));
        assert!(changes_state(&Method::DELETE));
    }
}
