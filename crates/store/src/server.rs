//! HTTP plumbing both servers share: the TCP_NODELAY listener, the request span and trace layer, `/health`,
//! and the shutdown signal; and (feature `web`) the web app's outer layers.

use axum::body::Body;
use axum::http::Request;
use axum::Json;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// A listener that sets TCP_NODELAY on each accepted connection. A named type (not `impl Listener`), so
/// axum's `ConnectInfo<SocketAddr>` works with it.
pub type NoDelayListener = axum::serve::TapIo<TcpListener, fn(&mut tokio::net::TcpStream)>;

/// The listener with TCP_NODELAY on every accepted connection: without it, keep-alive responses wait on
/// Nagle + delayed ACK (~40 ms each).
pub fn nodelay(listener: TcpListener) -> NoDelayListener {
    use axum::serve::ListenerExt;
    fn set_nodelay(tcp: &mut tokio::net::TcpStream) {
        let _ = tcp.set_nodelay(true);
    }
    listener.tap_io(set_nodelay as fn(&mut tokio::net::TcpStream))
}

/// The span of one request: method, path and request id only (headers such as Authorization never
/// reach a log line).
pub fn request_span<B>(req: &Request<B>) -> tracing::Span {
    let request_id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id)
}

/// The trace layer of both servers: one span per request ([`request_span`]), its status and latency logged.
pub type Trace = TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    fn(&Request<Body>) -> tracing::Span,
    tower_http::trace::DefaultOnRequest,
    DefaultOnResponse,
>;

/// See [`Trace`].
pub fn trace_layer() -> Trace {
    TraceLayer::new_for_http()
        .make_span_with(request_span as fn(&Request<Body>) -> tracing::Span)
        .on_response(
            DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Micros),
        )
}

/// The web app's outermost layers, around everything it serves: a request id (`x-request-id`, set when missing
/// and echoed back), the trace span and its log line, and compression. (The benchmark's hand-written task page,
/// `crates/bench-page`, sits behind the same ones.)
///
/// Dynamic responses (pages, server functions) are gzipped, never brotli'd: tower-http's brotli runs at quality
/// 11 by default and, even at 4, sets up multi-MB encoder state per response (5x the CPU of gzip for the task
/// page, see BENCHMARKS.md). Static files are served as precompressed .br/.gz when the build made them
/// (`cargo leptos build --release --precompress`); this layer skips those.
#[cfg(feature = "web")]
pub fn web_layers<S: Clone + Send + Sync + 'static>(router: axum::Router<S>) -> axum::Router<S> {
    use tower_http::compression::{CompressionLayer, CompressionLevel};
    use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
    router
        // At gzip's fastest level (1): the task page costs fewer instructions to compress than at the default (6)
        // for a few per cent more bytes on the wire (BENCHMARKS.md, "page cost").
        .layer(CompressionLayer::new().no_br().quality(CompressionLevel::Fastest))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(trace_layer())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// `GET /health`: 200 as long as the process can answer.
pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM (container stop).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}
