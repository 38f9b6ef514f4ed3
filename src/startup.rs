//! Builds the web app (pool, migrations, router) and runs it until a shutdown signal.

use std::time::Duration;

use axum::{routing::get, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::{time, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;
use tracing::Level;

use crate::app::{shell, App};
use crate::app_state::AppState;
use crate::config::Config;
use crate::{csrf, db, health, security_headers, static_files};

/// Sessions end after this long without a visit.
const SESSION_IDLE_DAYS: i64 = 30;

/// A built application bound to its port, ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    /// Connects to Postgres, applies migrations and binds `LEPTOS_SITE_ADDR` (port 0 picks a free one).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let pool = db::connect_lazy(&config.database_url, config.database_max_connections)?;
        migrate_with_retry(&pool).await?;
        let listener = TcpListener::bind(config.site_addr()).await?;
        let state = AppState::new(pool, config);
        Ok(Self { router: router(state.clone()), listener, state })
    }

    /// The port the app listens on.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// Shared state (pool, config), e.g. for tests that inspect the database.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGINT/SIGTERM, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `signal` completes, then lets in-flight requests finish.
    pub async fn run_until(
        self,
        signal: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        spawn_session_cleanup(self.state.pool.clone());
        axum::serve(nodelay(self.listener), self.router).with_graceful_shutdown(signal).await
    }
}

/// The listener with TCP_NODELAY on every accepted connection: without it, keep-alive responses wait on
/// Nagle + delayed ACK (~40 ms each).
pub fn nodelay(
    listener: TcpListener,
) -> impl axum::serve::Listener<Io = tokio::net::TcpStream, Addr = std::net::SocketAddr> {
    use axum::serve::ListenerExt;
    listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    })
}

/// The session cookie's name. Over HTTPS it takes the `__Host-` prefix, which browsers accept only with
/// `Secure`, `Path=/` and no `Domain`: a sibling subdomain cannot plant or overwrite it.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-todo_session"
    } else {
        "todo_session"
    }
}

/// The span of one request: method, path and request id only (headers such as Authorization never
/// reach a log line). Shared by both binaries.
pub fn request_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    let request_id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id)
}

/// The full HTTP surface: probes, Leptos pages and server functions, static files.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let session_store = PostgresStore::new(state.pool.clone())
        .with_schema_name("public")
        .and_then(|s| s.with_table_name("sessions"))
        .expect("valid session table name");
    let sessions = SessionManagerLayer::new(session_store)
        .with_name(session_cookie_name(state.config.cookie_secure))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.cookie_secure)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(SESSION_IDLE_DAYS)));
    let trace = TraceLayer::new_for_http().make_span_with(request_span).on_response(
        DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Micros),
    );

    Router::new()
        .route("/health", get(health::health))
        .route("/ready", get(health::ready))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.config.leptos.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        // Static files: content-hashed bundle files cached for a year, the rest revalidated.
        .layer(axum::middleware::from_fn(static_files::cache_control))
        .layer(sessions)
        // Outside the session layer: a refused request never loads or touches a session.
        .layer(axum::middleware::from_fn(csrf::guard))
        .layer(axum::middleware::from_fn_with_state(
            security_headers::Https(state.config.cookie_secure),
            security_headers::add,
        ))
        // Dynamic responses (pages, server functions) are gzipped, never brotli'd: tower-http's brotli runs at
        // quality 11 by default and, even at 4, sets up multi-MB encoder state per response (5x the CPU of
        // gzip for the task page, see BENCHMARKS.md). Static files are served as precompressed .br/.gz when
        // the build made them (`cargo leptos build --release --precompress`); this layer skips those.
        .layer(CompressionLayer::new().no_br())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(trace)
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Applies migrations, waiting up to ~30 s for the database to come up (containers start in any order).
pub async fn migrate_with_retry(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    let mut delay = Duration::from_millis(250);
    let mut attempt = 1;
    loop {
        match db::migrate(pool).await {
            Ok(()) => return Ok(()),
            Err(e) if attempt < 8 => {
                tracing::warn!(error = %format!("{e:#}"), attempt, "database not ready, retrying");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(8));
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Deletes expired session records once an hour.
fn spawn_session_cleanup(pool: sqlx::PgPool) {
    use tower_sessions::ExpiredDeletion;
    let Ok(store) =
        PostgresStore::new(pool).with_schema_name("public").and_then(|s| s.with_table_name("sessions"))
    else {
        return;
    };
    tokio::spawn(async move {
        if let Err(e) = store.continuously_delete_expired(tokio::time::Duration::from_secs(3600)).await {
            tracing::warn!(error = %e, "session cleanup stopped");
        }
    });
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
