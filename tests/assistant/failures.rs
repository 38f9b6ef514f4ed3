//! The MCP server down or hanging: the assistant says so, the task pages keep working, `/ready` names it.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;
use todo_app::assistant::agent::UNREACHABLE;

use crate::harness::{silent_mcp_server, start, text, tool_names, Mcp};

/// A loopback address where nothing listens.
async fn closed_port() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/mcp")
}

#[tokio::test]
async fn mcp_server_down_the_assistant_says_so_and_tasks_still_work() {
    let stack = start(Mcp::At(closed_port().await), None).await;
    let ada = stack.user("ada@example.com").await;

    let reply = ada.say("add buy milk").await;
    assert_eq!(text(&reply), UNREACHABLE);
    assert!(tool_names(&reply).is_empty());
    assert!(stack.tasks("ada@example.com").await.is_empty());

    // The task pages do not depend on the MCP server.
    let task: Value = ada.ok("tasks/add", &[("title", "buy milk"), ("description", "")]).await;
    assert_eq!(task["title"], "buy milk");
    assert_eq!(ada.ok::<Value>("tasks/board", &[]).await["tasks"].as_array().unwrap().len(), 1);

    let (status, body) = stack.ready().await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["down"], serde_json::json!(["mcp_server"]), "{body}");
    assert_eq!(body["checks"]["database"], "ok");
    // What the Kubernetes readiness probe asks: the task pages are ready without the MCP server.
    let (status, body) = stack.get_json("/ready?exclude=mcp_server").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["checks"], serde_json::json!({ "database": "ok", "mcp_server": "skipped" }));
    let (status, body) = stack.get_json("/ready?exclude=mcp").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a typo in a probe is loud: {body}");
    assert!(body["error"].as_str().unwrap().contains("mcp_server"), "{body}");
}

#[tokio::test]
async fn mcp_server_that_never_answers_times_out() {
    let stack = start(Mcp::At(silent_mcp_server().await), None).await;
    let ada = stack.user("ada@example.com").await;

    let started = Instant::now();
    let reply = ada.say("what's left?").await;
    assert_eq!(text(&reply), UNREACHABLE);
    assert!(started.elapsed() < Duration::from_secs(15), "gave up after {:?}", started.elapsed());

    let started = Instant::now();
    let (status, body) = stack.ready().await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(started.elapsed() < Duration::from_secs(5), "/ready took {:?}", started.elapsed());
}
