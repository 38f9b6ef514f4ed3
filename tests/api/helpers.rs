//! `spawn_app()`: a running app with its own database, and a cookie-keeping client to drive it.

use serde_json::Value;
use todo_app::config::Config;
use todo_app::startup::Application;

pub use crate::support::User;
use crate::support::{spawn_until_stopped, TestDb};

/// Configuration for a test instance: the real configuration, with a random port and the given database.
pub fn test_config(database_url: String) -> Config {
    Config::with_args([
        "--database-url",
        &database_url,
        "--database-max-connections",
        "5",
        "--password-hash-concurrency",
        "2",
        "--site-addr",
        "127.0.0.1:0",
        // No MCP server runs in these tests (tests/assistant starts one): nothing listens on port 1.
        "--mcp-server-url",
        "http://127.0.0.1:1/mcp",
    ])
    .expect("test configuration")
}

/// A running app and what a test needs to talk to it. Dropping it stops the app and drops the database.
pub struct TestApp {
    pub address: String,
    pub pool: sqlx::PgPool,
    /// The test database's URL, for a second service (e.g. `todo-mcp`) on the same data.
    pub database_url: String,
    /// The app's session store (to see whether its cache is on).
    pub sessions: todo_store::sessions::PostgresStore,
    _stop: tokio::sync::oneshot::Sender<()>,
    // Last: the server stops before the database is dropped.
    _db: TestDb,
}

/// Starts the app on a random port against a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with the test configuration changed by `adjust` first.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let db = TestDb::create().await;
    let mut config = test_config(db.url());
    adjust(&mut config);
    let app = Application::build(config).await.expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let pool = app.state().pool.clone();
    let sessions = app.state().sessions.clone();
    let stop = spawn_until_stopped(|stopped| app.run_until(stopped));
    TestApp { address, pool, database_url: db.url(), sessions, _stop: stop, _db: db }
}

/// Another instance of the app on a [`TestApp`]'s database, as a second replica: its own pool, session cache
/// and listener. Stops when dropped.
pub struct Replica {
    pub address: String,
    pub sessions: todo_store::sessions::PostgresStore,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl TestApp {
    /// Starts a second replica on this app's database.
    pub async fn replica(&self) -> Replica {
        let app = Application::build(test_config(self.database_url.clone())).await.expect("replica builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let sessions = app.state().sessions.clone();
        let stop = spawn_until_stopped(|stopped| app.run_until(stopped));
        Replica { address, sessions, _stop: stop }
    }
}

impl TestApp {
    /// A new browser-like client with its own cookie jar (i.e. its own session).
    pub fn client(&self) -> User {
        User::new(&self.address)
    }

    /// A client already signed up (and so signed in) as `email`.
    pub async fn signed_up(&self, email: &str) -> User {
        User::signed_up(&self.address, email).await
    }

    /// Stops the app and drops the test database (dropping the `TestApp` does the same, also on panic).
    pub async fn cleanup(self) {
        self.pool.close().await;
    }
}

impl User {
    /// The task board of this user.
    pub async fn board(&self) -> Value {
        self.ok("tasks/board", &[]).await
    }

    /// Adds a task and returns its id.
    pub async fn add(&self, title: &str) -> i64 {
        let task: Value = self.ok("tasks/add", &[("title", title), ("description", "")]).await;
        task["id"].as_i64().expect("task id")
    }
}

/// The titles on a board, in display order.
pub fn titles(board: &Value) -> Vec<String> {
    board["tasks"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_owned()).collect()
}
