//! Probes for operators: `/health` (the process serves) and `/ready` (its dependencies answer).

use std::time::Duration;

use axum::{extract::State, http::StatusCode, Json};
use serde_json::{json, Value};

use crate::app_state::AppState;
use crate::assistant::http;
use crate::db;

/// How long a dependency may take to answer a readiness probe.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /health`: 200 as long as the process can answer.
pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// `GET /ready`: 200 when every dependency answers, else 503 naming what is down.
pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    // The MCP server answers the assistant; the task pages work without it, but the app is degraded.
    let mcp_server = async {
        match state.config.assistant.mcp_health_url() {
            Some(url) => http::probe(url, PROBE_TIMEOUT).await,
            None => false,
        }
    };
    let database =
        async { tokio::time::timeout(PROBE_TIMEOUT, db::ping(&state.pool)).await.unwrap_or(false) };
    let (database, mcp_server) = tokio::join!(database, mcp_server);
    let checks = [("database", database), ("mcp_server", mcp_server)];
    let down: Vec<&str> = checks.iter().filter(|(_, ok)| !ok).map(|(name, _)| *name).collect();
    let detail: serde_json::Map<String, Value> =
        checks.iter().map(|(name, ok)| (name.to_string(), json!(if *ok { "ok" } else { "down" }))).collect();
    if down.is_empty() {
        (StatusCode::OK, Json(json!({ "status": "ok", "checks": detail })))
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "down": down, "checks": detail })),
        )
    }
}
