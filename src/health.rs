//! `/ready` for operators: whether the app's dependencies answer (`/health` is `todo_store::server::health`).
//!
//! `/ready` is public (probes carry no credentials), so what it costs is bounded: each dependency is probed at
//! most once per [`FRESH_FOR`], however many requests arrive; the others share the answer.

use std::future::Future;
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::{http::StatusCode, Json};
use serde::Deserialize;
use serde_json::{json, Value};

use todo_store::db;

use crate::app_state::AppState;
use crate::http_client as http;

/// How long a dependency may take to answer a readiness probe.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// How long a probe's answer is reused: well under any probe period, enough that a flood of `/ready` costs
/// one database query and one outbound request per second.
const FRESH_FOR: Duration = Duration::from_secs(1);

/// The last answer of one dependency's probe.
#[derive(Debug, Default)]
struct Probe(tokio::sync::Mutex<Option<(Instant, bool)>>);

impl Probe {
    /// The last answer if fresh, else `run`'s. The lock is held while probing: concurrent callers wait for
    /// that one probe instead of starting their own.
    async fn answer(&self, run: impl Future<Output = bool>) -> bool {
        let mut last = self.0.lock().await;
        if let Some((at, up)) = *last {
            if at.elapsed() < FRESH_FOR {
                return up;
            }
        }
        let up = run.await;
        *last = Some((Instant::now(), up));
        up
    }
}

/// The probes' recent answers, shared by every `/ready` request of this process.
#[derive(Debug, Default)]
pub struct Probes {
    database: Probe,
    mcp_server: Probe,
}

/// The dependencies `/ready` checks.
const CHECKS: [&str; 2] = ["database", "mcp_server"];

/// `/ready?exclude=NAME[,NAME]`: checks to leave out, as kube-apiserver's `/readyz?exclude=`. The Kubernetes
/// readiness probe leaves out `mcp_server`: only the assistant needs it, so an MCP outage must not take the
/// task pages out of the Service.
#[derive(Debug, Default, Deserialize)]
pub struct ReadyQuery {
    exclude: Option<String>,
}

/// `GET /ready`: 200 when every dependency answers, else 503 naming what is down. An unknown name in
/// `exclude` is a 400 (a typo in a probe would otherwise silently check everything).
pub async fn ready(
    State(state): State<AppState>,
    Query(query): Query<ReadyQuery>,
) -> (StatusCode, Json<Value>) {
    let excluded: Vec<&str> = query
        .exclude
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(unknown) = excluded.iter().find(|name| !CHECKS.contains(name)) {
        let error = format!("Unknown check \"{unknown}\" in exclude: use {}.", CHECKS.join(" or "));
        return (StatusCode::BAD_REQUEST, Json(json!({ "status": "error", "error": error })));
    }
    if state.draining.is_on() {
        let message = "todo-app is shutting down: it finishes what it has, then stops.";
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "shutting_down", "message": message })),
        );
    }
    let wanted = |name: &str| !excluded.contains(&name);
    let database = async {
        wanted("database").then_some(())?;
        let ping =
            async { tokio::time::timeout(PROBE_TIMEOUT, db::ping(&state.pool)).await.unwrap_or(false) };
        Some(state.probes.database.answer(ping).await)
    };
    // The MCP server answers the assistant; the task pages work without it, but the app is degraded.
    let mcp_server = async {
        wanted("mcp_server").then_some(())?;
        let probe = async {
            match state.config.assistant.mcp_health_url() {
                Some(url) => http::probe(url, PROBE_TIMEOUT).await,
                None => false,
            }
        };
        Some(state.probes.mcp_server.answer(probe).await)
    };
    let (database, mcp_server) = tokio::join!(database, mcp_server);
    let checks = [("database", database), ("mcp_server", mcp_server)];
    let down: Vec<&str> = checks.iter().filter(|(_, ok)| *ok == Some(false)).map(|(name, _)| *name).collect();
    let detail: serde_json::Map<String, Value> = checks
        .iter()
        .map(|(name, ok)| {
            let state = match ok {
                Some(true) => "ok",
                Some(false) => "down",
                None => "skipped",
            };
            (name.to_string(), json!(state))
        })
        .collect();
    if down.is_empty() {
        (StatusCode::OK, Json(json!({ "status": "ok", "checks": detail })))
    } else {
        let what: Vec<&str> = down.iter().map(|name| describe(name)).collect();
        let message = format!("Not answering: {}.", what.join("; "));
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "down": down, "checks": detail, "message": message })),
        )
    }
}

/// What a check's name stands for, for people reading `/ready` (operators, monitoring).
fn describe(check: &str) -> &'static str {
    match check {
        "database" => "the database (PostgreSQL)",
        "mcp_server" => "todo-mcp, the assistant's tools (the task pages work without it)",
        _ => "an unknown dependency",
    }
}
