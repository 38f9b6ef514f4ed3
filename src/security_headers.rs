//! Response headers that keep browsers from misusing the app's pages: no framing (clickjacking), no MIME
//! sniffing, no full URLs leaked in `Referer`, no caching of pages and server-function answers (they carry
//! one user's data, and a new token's secret), HSTS when the app is served over HTTPS, and on HTML pages a
//! script policy keyed to a per-response nonce.

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// What every response may do, whatever it is: no framing, no `<base>` or form posts elsewhere, no plugins.
const BASE_POLICY: &str = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/// The policy of an HTML page rendered with `nonce`: only the page's own nonced scripts run (and what they
/// load: `'strict-dynamic'` lets the hydration script import the bundle), WASM may compile, everything else
/// comes from the app's origin. An injected `<script>` or `on*=` attribute does not run.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; {BASE_POLICY}"
    )
}

/// For pages and server functions: per-user data, never stored by the browser or a proxy.
pub const NO_STORE: &str = "no-store";
/// One year, subdomains included: sent only when `COOKIE_SECURE` says the app is served over HTTPS.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Whether the app is served over HTTPS (`COOKIE_SECURE`), which turns HSTS on.
#[derive(Clone, Copy)]
pub struct Https(pub bool);

/// Axum middleware adding the headers to every response that lacks them.
pub async fn add(State(Https(https)): State<Https>, req: Request, next: Next) -> Response {
    let is_static = crate::static_files::policy(req.uri().path()).is_some();
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    let mut set = |name, value: &'static str| {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(X_FRAME_OPTIONS, "DENY");
    // Pages set their own, fuller policy with the nonce of their scripts (`crate::app::shell`).
    set(CONTENT_SECURITY_POLICY, BASE_POLICY);
    set(REFERRER_POLICY, "strict-origin-when-cross-origin");
    if !is_static {
        set(CACHE_CONTROL, NO_STORE);
    }
    if https {
        set(STRICT_TRANSPORT_SECURITY, HSTS);
    }
    res
}
