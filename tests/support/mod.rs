//! Test support shared by every integration-test binary (included with `#[path]`): a fresh database per
//! test, and a browser-like client that calls server functions the way the hydrated app does.
#![allow(dead_code)] // each test binary uses its own subset

use std::sync::Arc;
use std::time::Duration;

use reqwest::{header, Client, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::{Connection, PgConnection};

/// Server (admin) URL without a database name; override with `TEST_DATABASE_URL`.
pub fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A fresh database `todo_test_<uuid>`, dropped when this is dropped (also when the test panics).
pub struct TestDb {
    pub name: String,
}

impl TestDb {
    /// Creates the database.
    pub async fn create() -> Self {
        let name = format!("todo_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin =
            PgConnection::connect(&format!("{}/postgres", admin_url())).await.expect("Postgres reachable");
        sqlx::query(&format!(r#"CREATE DATABASE "{name}""#))
            .execute(&mut admin)
            .await
            .expect("create test database");
        Self { name }
    }

    /// Its connection URL.
    pub fn url(&self) -> String {
        format!("{}/{}", admin_url(), self.name)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs inside the test's runtime, which cannot be blocked on: use a runtime of our own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                if let Ok(mut admin) = PgConnection::connect(&format!("{}/postgres", admin_url())).await {
                    let _ = sqlx::query(&format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#))
                        .execute(&mut admin)
                        .await;
                }
            });
        })
        .join();
    }
}

/// The real `todo-mcp` configuration for a test server: a free loopback port, the given database and token secret.
pub fn mcp_config(database_url: &str, pool_size: u32, token_secret: &str) -> todo_mcp::config::McpConfig {
    todo_mcp::config::McpConfig::with_args([
        "--database-url",
        database_url,
        "--database-max-connections",
        &pool_size.to_string(),
        "--bind",
        "127.0.0.1:0",
        "--token-secret",
        token_secret,
    ])
    .expect("test todo-mcp configuration")
}

/// Runs a server future until the returned sender is dropped.
pub fn spawn_until_stopped<F, Fut>(serve: F) -> tokio::sync::oneshot::Sender<()>
where
    F: FnOnce(std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>) -> Fut,
    Fut: std::future::Future<Output = std::io::Result<()>> + Send + 'static,
{
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve(Box::pin(async move {
        let _ = stopped.await;
    })));
    stop
}

/// One visitor's session against the web app (its own cookie jar).
pub struct User {
    pub http: Client,
    pub address: String,
}

impl User {
    /// A visitor of the app at `address`, not signed in; redirects are not followed.
    pub fn new(address: &str) -> Self {
        let http = Client::builder()
            .cookie_provider(Arc::new(reqwest::cookie::Jar::default()))
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        Self { http, address: address.to_owned() }
    }

    /// A visitor who signed up (and so is signed in) as `email`.
    pub async fn signed_up(address: &str, email: &str) -> Self {
        let user = Self::new(address);
        let res = user.call("auth/signup", &[("email", email), ("password", "correct horse")]).await;
        assert_eq!(res.status(), StatusCode::OK, "signup of {email} failed: {}", res.text().await.unwrap());
        user
    }

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

/// Everything of `owner`'s, in every table that holds a user's data, as one JSON text: compare two to prove
/// that a refused call changed nothing (a token's `last_used_at` aside).
pub async fn owner_snapshot(pool: &sqlx::PgPool, owner: i64) -> String {
    sqlx::query_scalar(
        "SELECT json_build_object(
            'user', (SELECT row_to_json(u) FROM users u WHERE id = $1),
            'tasks', (SELECT json_agg(t ORDER BY id) FROM tasks t WHERE owner_id = $1),
            'tags', (SELECT json_agg(t ORDER BY id) FROM tags t WHERE owner_id = $1),
            'task_tags', (SELECT json_agg(t ORDER BY task_id, tag_id) FROM task_tags t WHERE owner_id = $1),
            -- A token's last use is bookkeeping that a refused call may legitimately touch.
            'tokens', (SELECT json_agg(to_jsonb(t) - 'last_used_at' ORDER BY id) FROM api_tokens t WHERE user_id = $1),
            'conversations', (SELECT json_agg(c ORDER BY id) FROM conversations c WHERE user_id = $1),
            'messages', (SELECT json_agg(m ORDER BY m.id) FROM messages m
                         JOIN conversations c ON c.id = m.conversation_id WHERE c.user_id = $1),
            'import_drafts', (SELECT json_agg(d) FROM import_drafts d WHERE owner_id = $1)
        )::text",
    )
    .bind(owner)
    .fetch_one(pool)
    .await
    .unwrap()
}
