//! `spawn_app()`: a running app with its own database, and a cookie-keeping client to drive it.

use std::sync::Arc;

use reqwest::{header, Client, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::{Connection, Executor, PgConnection};
use todo_app::assistant::config::AssistantConfig;
use todo_app::config::{Config, LogFormat};
use todo_app::startup::Application;

/// Server (admin) URL without a database name; override with `TEST_DATABASE_URL`.
pub fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A fresh, empty database for one test; dropped by [`TestApp::cleanup`].
pub async fn create_database() -> (String, String) {
    let name = format!("todo_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin =
        PgConnection::connect(&format!("{}/postgres", admin_url())).await.expect("Postgres reachable");
    admin.execute(format!(r#"CREATE DATABASE "{name}""#).as_str()).await.expect("create test database");
    (format!("{}/{name}", admin_url()), name)
}

/// Drops a database created by [`create_database`].
pub async fn drop_database(name: &str) {
    if let Ok(mut admin) = PgConnection::connect(&format!("{}/postgres", admin_url())).await {
        let _ = admin.execute(format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#).as_str()).await;
    }
}

/// Configuration for a test instance: random port, given database.
pub fn test_config(database_url: String) -> Config {
    let leptos = leptos::config::LeptosOptions::builder()
        .output_name("todo-app")
        .site_root("target/site")
        .site_addr(([127, 0, 0, 1], 0))
        .build();
    Config {
        database_url,
        database_max_connections: 5,
        cookie_secure: false,
        log_format: LogFormat::Pretty,
        leptos,
        // No MCP server runs in these tests (tests/assistant starts one): nothing listens on port 1.
        assistant: AssistantConfig { mcp_server_url: "http://127.0.0.1:1/mcp".into(), ..Default::default() },
    }
}

/// A running app and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub pool: sqlx::PgPool,
    /// The test database's URL, for a second service (e.g. `todo-mcp`) on the same data.
    pub database_url: String,
    db_name: String,
}

/// Starts the app on a random port against a fresh database.
pub async fn spawn_app() -> TestApp {
    let (url, db_name) = create_database().await;
    let app = Application::build(test_config(url.clone())).await.expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let pool = app.state().pool.clone();
    tokio::spawn(app.run_until(std::future::pending()));
    TestApp { address, pool, database_url: url, db_name }
}

impl TestApp {
    /// A new browser-like client with its own cookie jar (i.e. its own session).
    pub fn client(&self) -> User {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let http = Client::builder()
            .cookie_provider(jar)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        User { http, address: self.address.clone() }
    }

    /// A client already signed up (and so signed in) as `email`.
    pub async fn signed_up(&self, email: &str) -> User {
        let user = self.client();
        let res = user.call("auth/signup", &[("email", email), ("password", "correct horse")]).await;
        assert_eq!(res.status(), StatusCode::OK, "signup of {email} failed: {}", res.text().await.unwrap());
        user
    }

    /// Drops the test database.
    pub async fn cleanup(self) {
        self.pool.close().await;
        drop_database(&self.db_name).await;
    }
}

/// One visitor's session against the app.
pub struct User {
    pub http: Client,
    pub address: String,
}

impl User {
    /// Calls a server function the way the hydrated app does (form-encoded in, JSON out).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Response {
        self.http
            .post(format!("{}/api/{endpoint}", self.address))
            .header(header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function and decodes its successful JSON result.
    pub async fn ok<T: DeserializeOwned>(&self, endpoint: &str, form: &[(&str, &str)]) -> T {
        let res = self.call(endpoint, form).await;
        let status = res.status();
        let body = res.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{endpoint} failed: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{endpoint} returned {body}: {e}"))
    }

    /// Calls a server function that must fail; returns the status and the error as JSON.
    pub async fn err(&self, endpoint: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let res = self.call(endpoint, form).await;
        let status = res.status();
        let body = res.text().await.unwrap();
        assert_ne!(status, StatusCode::OK, "{endpoint} should have failed but returned {body}");
        (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{endpoint} returned {body}: {e}")))
    }

    /// The task board of this user.
    pub async fn board(&self) -> Value {
        self.ok("tasks/board", &[]).await
    }

    /// Adds a task and returns its id.
    pub async fn add(&self, title: &str) -> i64 {
        let task: Value = self.ok("tasks/add", &[("title", title), ("description", "")]).await;
        task["id"].as_i64().expect("task id")
    }

    /// GETs a page like a browser does, without following redirects.
    pub async fn get(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.address))
            .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
            .send()
            .await
            .expect("request sent")
    }
}

/// The titles on a board, in display order.
pub fn titles(board: &Value) -> Vec<String> {
    board["tasks"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_owned()).collect()
}
