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
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains("todo-mcp") && !message.contains("database"), "{message}");
    app.cleanup().await;
}

/// The app's router on a random port, its database unreachable: nothing listens on port 1, so the pool never
/// connects, but the process still serves. Returns its address.
async fn serve_without_database() -> String {
    let config = test_config("postgres://postgres@127.0.0.1:1/none".into());
    let pool = db::connect_lazy(config.database.url().unwrap(), 1).unwrap();
    let sessions = sessions::store(pool.clone());
    let router = startup::router(AppState::new(pool, config), sessions);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    address
}

#[tokio::test]
async fn ready_names_the_database_when_it_is_down() {
    let address = serve_without_database().await;

    let health = reqwest::get(format!("{address}/health")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let ready = reqwest::get(format!("{address}/ready")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["down"], json!(["database", "mcp_server"]));
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains("PostgreSQL") && message.contains("todo-mcp"), "{message}");
}

#[tokio::test]
async fn a_request_while_the_database_is_down_answers_503_with_retry_after_within_the_acquire_timeout() {
    // Every query waits for a connection until the pool's acquire timeout.
    let address = serve_without_database().await;

    // A well-formed personal access token: checking it needs the database.
    let token = format!("todo_pat_{}", "A".repeat(43));
    let started = std::time::Instant::now();
    let created = reqwest::Client::new()
        .post(format!("{address}/api/v1/tasks"))
        .bearer_auth(&token)
        .json(&json!({ "title": "written while the database is down" }))
        .send()
        .await
        .unwrap();
    let took = started.elapsed();
    assert_eq!(created.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(took < db::ACQUIRE_TIMEOUT + std::time::Duration::from_secs(2), "answered after {took:?}");
    let retry_after = created.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(retry_after.as_deref(), Some(todo_domain::error::UNAVAILABLE_RETRY_AFTER_SECS));
    let problem: Value = created.json().await.unwrap();
    assert_eq!(problem["status"], 503);
    assert!(problem["detail"].as_str().unwrap_or_default().contains("database"), "{problem}");
}

#[tokio::test]
async fn an_older_build_starts_against_a_database_one_migration_ahead() {
    // A roll-back (or a rolling update's old replicas): the database already has a migration this build lacks.
    let test_db = crate::support::TestDb::create().await;
    let pool = sqlx::PgPool::connect(&test_db.url()).await.unwrap();
    db::migrate(&pool).await.expect("first start migrates");
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990101000000, 'from a newer image', true, '\\x00'::bytea, 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    db::migrate(&pool).await.expect("the older build starts instead of failing on VersionMissing");
    pool.close().await;
}

#[tokio::test]
async fn a_flood_of_ready_requests_probes_each_dependency_about_once_a_second() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    // A stand-in todo-mcp that counts its /health hits.
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    let mcp = axum::Router::new().route(
        "/health",
        axum::routing::get(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            async { "ok" }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mcp_url = format!("http://{}/mcp", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, mcp).await });
    let app = crate::helpers::spawn_app_with(|config| config.assistant.mcp_server_url = mcp_url).await;

    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..50 {
        requests.spawn(reqwest::get(format!("{}/ready", app.address)));
    }
    while let Some(answer) = requests.join_next().await {
        assert_eq!(answer.unwrap().unwrap().status(), StatusCode::OK);
    }
    // 50 requests at once: one probe, or two if they straddled the end of a second.
    let probes = hits.load(Ordering::SeqCst);
    assert!((1..=2).contains(&probes), "{probes} probes of todo-mcp for 50 /ready requests");
    app.cleanup().await;
}

#[tokio::test]
async fn after_the_stop_signal_the_app_drains_then_stops_accepting() {
    let test_db = crate::support::TestDb::create().await;
    let mut config = test_config(test_db.url());
    config.shutdown_drain = std::time::Duration::from_millis(1500);
    let app = startup::Application::build(config).await.expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    let ready = format!("{address}/ready?exclude=mcp_server");
    let before = client.get(&ready).send().await.unwrap();
    assert_eq!(before.status(), StatusCode::OK);
    assert!(before.headers().get("connection").is_none_or(|v| v != "close"));

    stop.send(()).unwrap();
    let signalled = std::time::Instant::now();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    // Draining: still serving, but not ready, and each connection closes after its response.
    let during = client.get(&ready).send().await.unwrap();
    assert_eq!(during.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(during.headers().get("connection").map(|v| v.to_str().unwrap()), Some("close"));
    assert_eq!(during.json::<Value>().await.unwrap()["status"], "shutting_down");
    let health = client.get(format!("{address}/health")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);

    server.await.expect("server task").expect("clean stop");
    assert!(signalled.elapsed() >= std::time::Duration::from_millis(1400), "stopped before draining");
    assert!(reqwest::get(format!("{address}/health")).await.is_err(), "still accepting after the drain");
}
