//! Builds the web app (pool, migrations, router) and runs it until a shutdown signal.

use axum::{routing::get, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use todo_store::{db, server as plumbing, sessions};
use tokio::net::TcpListener;

use crate::app::{shell, App};
use crate::app_state::AppState;
use crate::config::Config;
use crate::{csrf, health, rest, security_headers, server_fns, shutdown, static_files};

/// A built application bound to its port, ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    session_store: sessions::PostgresStore,
}

impl Application {
    /// Connects to Postgres, applies migrations and binds `LEPTOS_SITE_ADDR` (port 0 picks a free one).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let pool = db::connect_lazy(config.database.url()?, config.database.database_max_connections)?;
        db::migrate_with_retry(&pool).await?;
        let listener = TcpListener::bind(config.site_addr()).await?;
        let state = AppState::new(pool, config);
        // The bundle's hashed file names, read once (not on every page).
        crate::app::bundle::Bundle::get(&state.config.leptos);
        let session_store = state.sessions.clone();
        // A server function whose arguments cannot be read answers 422 like any other invalid input.
        todo_domain::error::on_bad_arguments(server_fns::report_status);
        Ok(Self { router: router(state.clone(), session_store.clone()), listener, state, session_store })
    }

    /// The port the app listens on.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// Shared state (pool, config), e.g. for tests that inspect the database.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGINT/SIGTERM, drains ([`shutdown`]), then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(plumbing::shutdown_signal()).await
    }

    /// Serves until `signal` completes, drains for `SHUTDOWN_DRAIN` ([`shutdown`]), then stops accepting and lets
    /// in-flight requests finish.
    pub async fn run_until(
        self,
        signal: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // Session records are cached in process once this listener is in place (LISTEN/NOTIFY keeps the
        // replicas' caches correct).
        self.session_store.spawn_cache_listener();
        sessions::spawn_cleanup(self.session_store);
        spawn_throttle_cleanup(self.state.pool.clone());
        // With the peer's address in each request's extensions: log-in throttling keys on it.
        let app = self.router.into_make_service_with_connect_info::<std::net::SocketAddr>();
        let stop =
            shutdown::after_draining(signal, self.state.draining.clone(), self.state.config.shutdown_drain);
        axum::serve(plumbing::nodelay(self.listener), app).with_graceful_shutdown(stop).await
    }
}

/// Deletes expired log-in/sign-up throttle counts and Idempotency-Key answers once an hour (any replica may; the
/// delete is idempotent).
fn spawn_throttle_cleanup(pool: sqlx::PgPool) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(e) = todo_store::throttle::delete_expired(&pool).await {
                tracing::warn!(error = %e, "throttle clean-up failed");
            }
            // The REST API's Idempotency-Key answers are kept a day.
            if let Err(e) = todo_store::idempotency::delete_expired(&pool).await {
                tracing::warn!(error = %e, "idempotency-key clean-up failed");
            }
            if let Err(e) = todo_store::transfer::delete_expired_drafts(&pool).await {
                tracing::warn!(error = %e, "import draft clean-up failed");
            }
        }
    });
}

/// `GET /settings/export` and `POST /settings/import` (a multipart upload, capped a little above the file cap for
/// the form's other fields).
fn transfer_routes() -> Router<AppState> {
    use crate::transfer::{export, upload};
    Router::new().route("/settings/export", get(export::download)).route(
        "/settings/import",
        axum::routing::post(upload::upload)
            .layer(axum::extract::DefaultBodyLimit::max(todo_transfer::MAX_IMPORT_BYTES + 16 * 1024)),
    )
}

/// The full HTTP surface: probes, REST API, Leptos pages and server functions, static files.
pub fn router(state: AppState, session_store: sessions::PostgresStore) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(crate::tokens::api::HandOff::default());
        }
    };
    let sessions = sessions::layer(session_store, state.config.cookie_secure);

    let app = Router::new()
        .route("/health", get(plumbing::health))
        .route("/ready", get(health::ready))
        // REST API v1 and its docs: bearer-token clients, no session needed (the CSRF guard below only refuses
        // requests a browser marks as cross-site).
        .merge(rest::router())
        // Settings' export downloads and import upload (session users; plain HTTP, not server functions).
        .merge(transfer_routes())
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
        // Once shutdown has begun, every response says `Connection: close` (see shutdown.rs).
        .layer(axum::middleware::from_fn_with_state(state.draining.clone(), shutdown::close_connections));
    // Compression, request id and the trace span, outermost (shared with the benchmark's hand-written page).
    plumbing::web_layers(app).with_state(state)
}
