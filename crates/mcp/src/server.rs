//! Builds `todo-mcp`'s HTTP app (`/mcp`, `/health`) and runs it until a shutdown signal.

use std::sync::Arc;

use axum::routing::get;
use axum::{middleware, Router};
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use todo_store::{db, server as plumbing};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

use crate::auth::{require_user, Authenticator};
use crate::config::{AllowedHosts, AllowedOrigins, McpConfig};
use crate::tools::TaskTools;

/// A built MCP server bound to its port, ready to run.
pub struct McpServer {
    listener: TcpListener,
    router: Router,
    pool: sqlx::PgPool,
    cancel: CancellationToken,
}

impl McpServer {
    /// Connects to Postgres, applies migrations and binds `MCP_BIND` (port 0 picks a free one).
    pub async fn build(config: McpConfig) -> anyhow::Result<Self> {
        let pool = db::connect_lazy(config.database.url()?, config.database.database_max_connections)?;
        db::migrate_with_retry(&pool).await?;
        if config.token_secret.is_none() {
            tracing::warn!("MCP_TOKEN_SECRET is not set: only personal access tokens are accepted");
        }
        let listener = TcpListener::bind(config.bind).await?;
        let cancel = CancellationToken::new();
        let router = router(pool.clone(), &config, cancel.clone());
        Ok(Self { listener, router, pool, cancel })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// The database pool, e.g. for tests that set up users and tokens.
    pub fn pool(&self) -> &sqlx::PgPool {
        &self.pool
    }

    /// Serves until SIGINT/SIGTERM, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(plumbing::shutdown_signal()).await
    }

    /// Serves until `signal` completes, then lets in-flight requests finish.
    pub async fn run_until(
        self,
        signal: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let listener = plumbing::nodelay(self.listener);
        let cancel = self.cancel;
        let shutdown = async move {
            signal.await;
            // Ends any open MCP streams so graceful shutdown does not wait on them.
            cancel.cancel();
        };
        axum::serve(listener, self.router).with_graceful_shutdown(shutdown).await
    }
}

/// The HTTP surface: `GET /health` (open) and `/mcp` (bearer token required).
pub fn router(pool: sqlx::PgPool, config: &McpConfig, cancel: CancellationToken) -> Router {
    let auth = Authenticator::new(pool.clone(), config.token_secret.clone());
    let mcp = Router::new()
        .nest_service("/mcp", mcp_service(pool, config, cancel))
        .layer(middleware::from_fn_with_state(auth, require_user));
    Router::new()
        .route("/health", get(plumbing::health))
        .merge(mcp)
        .layer(PropagateRequestIdLayer::x_request_id())
        // Method, path and request id only: the Authorization header must never reach a log line.
        .layer(plumbing::trace_layer())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// The Streamable HTTP endpoint, stateless: every POST is answered on its own (JSON, no session), so
/// any replica can serve any request and nothing lives in process memory between requests.
fn mcp_service(
    pool: sqlx::PgPool,
    settings: &McpConfig,
    cancel: CancellationToken,
) -> StreamableHttpService<TaskTools, NeverSessionManager> {
    let config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true)
        .with_sse_keep_alive(None)
        .with_cancellation_token(cancel);
    let config = match &settings.allowed_hosts {
        AllowedHosts::Any => config.disable_allowed_hosts(),
        AllowedHosts::Only(hosts) => config.with_allowed_hosts(hosts.clone()),
    };
    // A present `Origin` must be listed (an empty list refuses every browser origin); none passes.
    let config = match &settings.allowed_origins {
        AllowedOrigins::Any => config.disable_allowed_origins(),
        AllowedOrigins::Only(origins) => {
            config.with_allowed_origins(origins.clone()).enforce_origin_validation()
        }
    };
    // The tool router (names, schemas) is built once; each request gets a cheap clone.
    let tools = TaskTools::new(pool);
    StreamableHttpService::new(move || Ok(tools.clone()), Arc::new(NeverSessionManager::default()), config)
}
