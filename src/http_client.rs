//! The one outgoing HTTP client (MCP transport, LLM API, readiness probe), shared for connection reuse.

use std::sync::OnceLock;
use std::time::Duration;

static CLIENT: OnceLock<reqwest13::Client> = OnceLock::new();

/// The shared client. Built on first use, after installing ring as rustls' crypto provider (reqwest is
/// compiled without a provider of its own to avoid OpenSSL and aws-lc's C build).
pub fn client() -> reqwest13::Client {
    CLIENT
        .get_or_init(|| {
            // Fails only if a provider is already installed, which is just as good.
            let _ = rustls::crypto::ring::default_provider().install_default();
            reqwest13::Client::builder()
                .connect_timeout(Duration::from_secs(5))
                .build()
                .expect("an HTTP client with a crypto provider installed")
        })
        .clone()
}

/// Whether `url` answers 2xx within `timeout`.
pub async fn probe(url: reqwest13::Url, timeout: Duration) -> bool {
    client().get(url).timeout(timeout).send().await.is_ok_and(|r| r.status().is_success())
}
