use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::{json, Value};
use todo_app::{app_state::AppState, db, startup};

use crate::helpers::{spawn_app, test_config};

#[tokio::test]
async fn health_and_ready_answer_ok_when_postgres_is_up() {
    let app = spawn_app().await;
    let user = app.client();
    let health = user.get("/health").await;
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(health.json::<Value>().await.unwrap(), json!({"status": "ok"}));
    let ready = user.get("/ready").await;
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.json::<Value>().await.unwrap()["checks"]["database"], "ok");
    app.cleanup().await;
}

#[tokio::test]
async fn ready_names_the_database_when_it_is_down() {
    // Nothing listens on port 1: the pool never connects, but the process still serves.
    let config = test_config("postgres://postgres@127.0.0.1:1/none".into());
    let pool = db::connect_lazy(&config.database_url, 1).unwrap();
    let router = startup::router(AppState { pool, config: Arc::new(config) });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });

    let health = reqwest::get(format!("{address}/health")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let ready = reqwest::get(format!("{address}/ready")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["down"], json!(["database"]));
}
