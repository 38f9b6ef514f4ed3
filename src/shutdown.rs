//! Graceful shutdown in two steps. On SIGTERM/SIGINT the app first *drains* for `SHUTDOWN_DRAIN`: it keeps
//! serving, but `/ready` answers 503 (load balancers stop sending to it) and every response carries
//! `Connection: close`, so a keep-alive client opens a new connection for its next request instead of writing it
//! on one the server is about to close (that request would fail unanswered). Then it stops accepting, lets the
//! requests in flight finish, and exits.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Whether the process is draining (shared by every request).
#[derive(Clone, Debug, Default)]
pub struct Draining(Arc<AtomicBool>);

impl Draining {
    /// From now on: `/ready` 503, and connections closed after each response.
    pub fn start(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`Draining::start`] was called.
    pub fn is_on(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Middleware: while draining, every response closes its connection.
pub async fn close_connections(State(draining): State<Draining>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    if draining.is_on() {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Completes `drain` after `signal`: the moment the server stops accepting connections.
pub async fn after_draining(
    signal: impl std::future::Future<Output = ()>,
    draining: Draining,
    drain: Duration,
) {
    signal.await;
    draining.start();
    if !drain.is_zero() {
        tracing::info!(
            drain_ms = drain.as_millis() as u64,
            "draining: /ready answers 503, connections close"
        );
        tokio::time::sleep(drain).await;
    }
    tracing::info!("no longer accepting connections; finishing in-flight requests");
}
