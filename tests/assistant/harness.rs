//! A test stack: fresh database, `todo-mcp` and the web app on free ports, and signed-in clients.

use reqwest::StatusCode;
use secrecy::ExposeSecret;
use serde_json::Value;
use sqlx::PgPool;
use todo_app::assistant::config::LlmConfig;
use todo_app::config::Config;
use todo_app::startup::Application;
use todo_mcp::server::McpServer;
use tokio::sync::oneshot;

pub use crate::support::User;
use crate::support::{spawn_until_stopped, TestDb};

/// Shared by the web app (which signs) and the MCP server (which verifies), as in production.
/// Random (hex of 32 bytes): the real configuration refuses placeholders and patterns.
pub const SECRET: &str = "e4b7a1d9c3f50826b9e1d4a7c0f3e6b92d5a8c1f4e7b0a3d6c9f2e5b8a1d4c7f";

/// Where the web app looks for its MCP server.
pub enum Mcp {
    /// Start the real `todo-mcp` in-process.
    Real,
    /// Point at this URL instead (nothing listening, or something that never answers).
    At(String),
}

/// A running web app (and MCP server), stopped and cleaned up on drop.
pub struct Stack {
    pub address: String,
    pub pool: PgPool,
    _stops: Vec<oneshot::Sender<()>>,
    // Last: the servers stop before the database is dropped.
    _db: TestDb,
}

/// Starts `todo-mcp` (unless `mcp` says otherwise) and the web app, with the LLM brain if `llm` is set.
/// The `/mcp` URL of a server that accepts connections and then says nothing (holds them open).
pub async fn silent_mcp_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://127.0.0.1:{}/mcp", listener.local_addr().unwrap().port());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    url
}

pub async fn start(mcp: Mcp, llm: Option<LlmConfig>) -> Stack {
    start_with(mcp, llm, &[]).await
}

/// [`start`], with `extra` flags for the web app.
pub async fn start_with(mcp: Mcp, llm: Option<LlmConfig>, extra: &[&str]) -> Stack {
    let db = TestDb::create().await;
    let mut stops = Vec::new();
    let mcp_server_url = match mcp {
        Mcp::At(url) => url,
        Mcp::Real => {
            let server = McpServer::build(crate::support::mcp_config(&db.url(), 5, SECRET))
                .await
                .expect("todo-mcp builds");
            let url = format!("http://127.0.0.1:{}/mcp", server.port());
            stops.push(spawn_until_stopped(|stopped| server.run_until(stopped)));
            url
        }
    };
    let mut args = vec![
        "--database-url".to_owned(),
        db.url(),
        "--database-max-connections".into(),
        "5".into(),
        "--password-hash-concurrency".into(),
        "2".into(),
        "--site-addr".into(),
        "127.0.0.1:0".into(),
        "--mcp-server-url".into(),
        mcp_server_url,
        "--mcp-token-secret".into(),
        SECRET.into(),
    ];
    if let Some(llm) = llm {
        args.extend(["--llm-base-url".into(), llm.base_url, "--llm-model".into(), llm.model]);
        args.extend(["--llm-api-key".into(), llm.api_key.expose_secret().to_owned()]);
    }
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let config = Config::with_args(args).expect("test configuration");
    let app = Application::build(config).await.expect("web app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let pool = app.state().pool.clone();
    stops.push(spawn_until_stopped(|stopped| app.run_until(stopped)));
    Stack { address, pool, _stops: stops, _db: db }
}

impl Stack {
    /// A client with its own cookie jar, signed up (and so signed in) as `email`.
    pub async fn user(&self, email: &str) -> User {
        User::signed_up(&self.address, email).await
    }

    /// The user's live tasks straight from the database: (id, title, description, done), oldest first.
    pub async fn tasks(&self, email: &str) -> Vec<(i64, String, Option<String>, bool)> {
        sqlx::query_as(
            "SELECT t.id, t.title, t.description, t.done FROM tasks t JOIN users u ON u.id = t.owner_id
             WHERE u.email = $1 AND t.deleted_at IS NULL ORDER BY t.id",
        )
        .bind(email)
        .fetch_all(&self.pool)
        .await
        .unwrap()
    }

    /// `GET /ready`: status and body.
    pub async fn ready(&self) -> (StatusCode, Value) {
        self.get_json("/ready").await
    }

    /// `GET path` of a JSON endpoint: status and body.
    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        let res = reqwest::get(format!("{}{path}", self.address)).await.unwrap();
        (res.status(), res.json().await.unwrap())
    }
}

impl User {
    /// Sends a chat message; returns `{conversation_id, reply, tool_calls}`.
    pub async fn say(&self, text: &str) -> Value {
        self.ok("assistant/send", &[("text", text)]).await
    }

    /// Adds a task through the task page's server function; returns its id.
    pub async fn add(&self, title: &str) -> i64 {
        let task: Value = self.ok("tasks/add", &[("title", title), ("description", "")]).await;
        task["id"].as_i64().expect("task id")
    }

    /// The latest conversation as the panel loads it.
    pub async fn conversation(&self) -> Value {
        self.ok("assistant/conversation", &[]).await
    }
}

/// The tool names of a reply, in call order.
pub fn tool_names(reply: &Value) -> Vec<String> {
    reply["tool_calls"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect()
}

/// The text of a reply.
pub fn text(reply: &Value) -> String {
    reply["reply"].as_str().unwrap().to_owned()
}
