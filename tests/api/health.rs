use reqwest::StatusCode;
use serde_json::{json, Value};
use todo_app::{app_state::AppState, startup};
use todo_store::{db, sessions};

use crate::helpers::{spawn_app, test_config};

#[tokio::test]
async fn health_answers_and_ready_checks_postgres_and_the_mcp_server() {
    let app = spawn_app().await;
    let user = app.client();
    let health = user.get("/health").await;
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(health.json::<Value>().await.unwrap(), json!({"status": "ok"}));
    // No MCP server runs here, so /ready names it (tests/assistant checks the all-up case).
    let ready = user.get("/ready").await;
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = ready.json::<Value>().await.unwrap();
    assert_eq!(body["checks"]["database"], "ok");
    assert_eq!(body["down"], json!(["mcp_server"]));
    app.cleanup().await;
}

#[tokio::test]
async fn ready_names_the_database_when_it_is_down() {
    // Nothing listens on port 1: the pool never connects, but the process still serves.
    let config = test_config("postgres://postgres@127.0.0.1:1/none".into());
    let pool = db::connect_lazy(config.database.url().unwrap(), 1).unwrap();
    let sessions = sessions::store(pool.clone());
    let router = startup::router(AppState::new(pool, config), sessions);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });

    let health = reqwest::get(format!("{address}/health")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let ready = reqwest::get(format!("{address}/ready")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["down"], json!(["database", "mcp_server"]));
}
