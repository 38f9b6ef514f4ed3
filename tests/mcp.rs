//! The MCP server against a real Postgres: each test creates its own database `todo_test_<uuid>`, starts
//! `todo-mcp` in-process on a free port and speaks JSON-RPC over Streamable HTTP to it.
//!
//! Needs PostgreSQL at 127.0.0.1:5432 with trust auth for user `postgres` (override with `TEST_DATABASE_URL`,
//! the server URL without a database name).
#![cfg(feature = "ssr")]

#[path = "support/mod.rs"]
mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;
use support::TestDb;
use todo_domain::token::{TokenName, TokenScope};
use todo_mcp::server::McpServer;
use todo_store::api_tokens as tokens;
use todo_store::token_access;
use todo_store::user_token::mint_user_token;

// Random (hex of 32 bytes): the real configuration refuses placeholders and patterns.
const SECRET: &str = "5d0c9e3a7b21f84e6a9c3d7f1b5e08a42c6f9d1e7b3a5c80f2d4e6a1b9c7d3f5";
const PROTOCOL: &str = "2025-11-25";

/// A running server and a client for it. Holds the database so it outlives the server.
struct TestServer {
    url: String,
    pool: PgPool,
    http: reqwest::Client,
    next_id: AtomicU64,
    _stop: tokio::sync::oneshot::Sender<()>,
    _db: TestDb,
}

impl TestServer {
    async fn start() -> Self {
        let db = TestDb::create().await;
        let config = support::mcp_config(&db.url(), 5, SECRET);
        let server = McpServer::build(config).await.expect("server builds");
        let url = format!("http://127.0.0.1:{}", server.port());
        let pool = server.pool().clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server.run_until(async move {
            let _ = stopped.await;
        }));
        let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
        Self { url, pool, http, next_id: AtomicU64::new(1), _stop: stop, _db: db }
    }

    /// Creates a user and a personal access token for them; returns (user id, token).
    async fn user(&self, email: &str) -> (i64, String) {
        let id: i64 =
            sqlx::query_scalar("INSERT INTO users (email, password_hash) VALUES ($1, 'x') RETURNING id")
                .bind(email)
                .fetch_one(&self.pool)
                .await
                .unwrap();
        let created = tokens::create(&self.pool, id, &TokenName::parse("tests").unwrap()).await.unwrap();
        (id, created.secret)
    }

    /// Another personal access token of `user`, with `scope` and `expires_at`; returns (token id, token).
    async fn user_token(
        &self,
        user: i64,
        scope: TokenScope,
        expires_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> (i64, String) {
        let name = TokenName::parse("matrix").unwrap();
        let created = token_access::create(&self.pool, user, &name, scope, expires_at, chrono::Utc::now())
            .await
            .unwrap();
        (created.token.id, created.secret)
    }

    /// POSTs one JSON-RPC request to `/mcp`; returns the HTTP status and the parsed body (Null if not JSON).
    async fn post(&self, token: Option<&str>, method: &str, params: Value) -> (StatusCode, Value) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut req = self
            .http
            .post(format!("{}/mcp", self.url))
            .header("accept", "application/json, text/event-stream")
            .header("mcp-protocol-version", PROTOCOL)
            .json(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let res = req.send().await.expect("request sent");
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Calls a tool as `token`; returns the `CallToolResult`.
    async fn call(&self, token: &str, tool: &str, arguments: Value) -> Value {
        let (status, body) =
            self.post(Some(token), "tools/call", json!({ "name": tool, "arguments": arguments })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body.get("result").cloned().unwrap_or_else(|| panic!("{tool} gave no result: {body}"))
    }

    /// Calls a tool that must succeed; returns its structured content after checking the text matches it.
    async fn ok(&self, token: &str, tool: &str, arguments: Value) -> Value {
        let result = self.call(token, tool, arguments).await;
        assert_ne!(result["isError"], json!(true), "{tool} failed: {result}");
        let structured = result["structuredContent"].clone();
        let text = result["content"][0]["text"].as_str().expect("text content");
        assert_eq!(
            serde_json::from_str::<Value>(text).unwrap(),
            structured,
            "text and structured content agree"
        );
        structured
    }

    /// Calls a tool that must fail; returns its error message.
    async fn tool_error(&self, token: &str, tool: &str, arguments: Value) -> String {
        let result = self.call(token, tool, arguments.clone()).await;
        assert_eq!(result["isError"], json!(true), "{tool}({arguments}) should be a tool error: {result}");
        result["content"][0]["text"].as_str().expect("error text").to_owned()
    }
}

#[tokio::test]
async fn requests_without_a_valid_token_get_401() {
    let srv = TestServer::start().await;
    let (user, token) = srv.user("ada@example.com").await;

    let health = srv.http.get(format!("{}/health", srv.url)).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(health.json::<Value>().await.unwrap(), json!({ "status": "ok" }));

    let missing = srv.http.post(format!("{}/mcp", srv.url)).json(&json!({})).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::UNAUTHORIZED);
    assert!(missing.headers()["www-authenticate"].to_str().unwrap().starts_with("Bearer"));

    let forged_pat = format!("todo_pat_{}", "A".repeat(43));
    let wrong_secret =
        mint_user_token("another-secret-another-secret-another", user, Duration::from_secs(60));
    for bad in [forged_pat.as_str(), "nonsense", wrong_secret.as_str()] {
        let (status, _) = srv.post(Some(bad), "tools/list", json!({})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "token {bad:?} must be refused");
    }

    // Both kinds of valid token work.
    let jwt = mint_user_token(SECRET, user, Duration::from_secs(60));
    for good in [token.as_str(), jwt.as_str()] {
        let (status, body) = srv.post(Some(good), "tools/list", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    // Using a PAT records it; revoking it locks it out at once.
    let listed = tokens::list(&srv.pool, user).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used.is_some());
    assert!(token.starts_with(&listed[0].prefix));
    tokens::revoke(&srv.pool, user, listed[0].id).await.unwrap();
    let (status, _) = srv.post(Some(&token), "tools/list", json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(tokens::list(&srv.pool, user).await.unwrap().is_empty());
}

#[tokio::test]
async fn foreign_host_headers_are_refused() {
    let srv = TestServer::start().await;
    let (_, token) = srv.user("ada@example.com").await;
    let res = srv
        .http
        .post(format!("{}/mcp", srv.url))
        .header("host", "evil.example")
        .header("accept", "application/json, text/event-stream")
        .bearer_auth(&token)
        .json(&json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {} }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn browser_origins_are_refused_unless_listed() {
    let srv = TestServer::start().await;
    let (_, token) = srv.user("ada@example.com").await;
    let list_with_origin = |origin: Option<&'static str>| {
        let mut req = srv
            .http
            .post(format!("{}/mcp", srv.url))
            .header("accept", "application/json, text/event-stream")
            .header("mcp-protocol-version", PROTOCOL)
            .bearer_auth(&token)
            .json(&json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {} }));
        if let Some(origin) = origin {
            req = req.header("origin", origin);
        }
        req.send()
    };
    // A page on another site holding (or guessing its way to) a token cannot drive the tools from a browser.
    let res = list_with_origin(Some("https://evil.example")).await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = list_with_origin(Some("null")).await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // MCP clients outside a browser send no Origin.
    let res = list_with_origin(None).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn initialize_and_list_tools_with_schemas_and_annotations() {
    let srv = TestServer::start().await;
    let (_, token) = srv.user("ada@example.com").await;

    let (status, init) = srv
        .post(
            Some(&token),
            "initialize",
            json!({ "protocolVersion": PROTOCOL, "capabilities": {}, "clientInfo": { "name": "tests", "version": "1" } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{init}");
    assert_eq!(init["result"]["serverInfo"]["name"], "todo-mcp");
    assert_eq!(init["result"]["protocolVersion"], PROTOCOL);
    assert!(init["result"]["capabilities"]["tools"].is_object());

    let (status, list) = srv.post(Some(&token), "tools/list", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let tools = list["result"]["tools"].as_array().expect("tools");
    let mut names: Vec<&str> = tools.iter().map(|t| t["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    assert_eq!(names, ["add_task", "complete_task", "delete_task", "list_tags", "list_tasks", "update_task"]);
    let tool = |name: &str| tools.iter().find(|t| t["name"] == name).unwrap().clone();
    for t in tools {
        assert_eq!(t["inputSchema"]["type"], "object", "{t}");
        assert_eq!(t["outputSchema"]["type"], "object", "{t}");
        assert!(t["description"].as_str().unwrap().len() > 20, "{t}");
        assert_eq!(t["annotations"]["openWorldHint"], false, "{t}");
    }
    assert_eq!(tool("add_task")["inputSchema"]["required"], json!(["title"]));
    assert_eq!(tool("list_tasks")["annotations"]["readOnlyHint"], true);
    // The tools the assistant asks about (more than one per message) are exactly those marked destructive.
    for t in tools {
        let name = t["name"].as_str().unwrap();
        assert_eq!(
            t["annotations"]["destructiveHint"] == json!(true),
            todo_mcp::types::DESTRUCTIVE_TOOLS.contains(&name),
            "{name}: destructiveHint and DESTRUCTIVE_TOOLS disagree"
        );
    }
    assert_eq!(tool("delete_task")["annotations"]["destructiveHint"], true);
    assert_eq!(tool("update_task")["annotations"]["destructiveHint"], true);
    assert_eq!(tool("add_task")["annotations"]["destructiveHint"], false);
    assert_eq!(tool("complete_task")["annotations"]["idempotentHint"], true);
    assert_eq!(tool("complete_task")["inputSchema"]["required"], json!(["task_id"]));

    // The organising arguments have precise schemas: enums, date formats, time patterns, bounds.
    let list_props = &tool("list_tasks")["inputSchema"]["properties"];
    assert_eq!(list_props["view"]["enum"], json!(["all", "today", "upcoming"]));
    assert_eq!(list_props["sort"]["enum"], json!(["created", "due", "priority", "title"]));
    assert_eq!(list_props["direction"]["enum"], json!(["asc", "desc"]));
    assert_eq!(list_props["priority"]["enum"], json!(["none", "low", "medium", "high", "urgent"]));
    assert_eq!(list_props["due_before"]["format"], "date");
    assert_eq!(list_props["limit"]["maximum"], 200);
    assert!(list_props["cursor"].is_object() && list_props["search"]["maxLength"] == 200, "{list_props}");
    for name in ["add_task", "update_task"] {
        let props = &tool(name)["inputSchema"]["properties"];
        assert_eq!(props["priority"]["enum"], json!(["none", "low", "medium", "high", "urgent"]), "{name}");
        assert_eq!(props["due_date"]["format"], "date", "{name}");
        assert!(props["due_time"]["pattern"].as_str().unwrap().contains("[0-5]"), "{name}");
        assert_eq!(props["repeat_from"]["enum"], json!(["due", "completion"]), "{name}");
        assert!(props["recurrence"]["pattern"].is_string() && props["tags"].is_object(), "{name}: {props}");
    }
    assert!(tool("add_task")["inputSchema"]["properties"]["quick_add"].is_object());
    assert_eq!(tool("list_tags")["annotations"]["readOnlyHint"], true);
    assert!(tool("list_tasks")["outputSchema"]["properties"]["next_cursor"].is_object());
}

#[tokio::test]
async fn organising_arguments_quick_add_and_paging() {
    let srv = TestServer::start().await;
    let (_, token) = srv.user("ada@example.com").await;

    // Quick add: the result says what was taken; the rest is the title.
    let added = srv
        .ok(&token, "add_task", json!({ "title": "report friday 5pm !high #work", "quick_add": true }))
        .await;
    assert_eq!(added["title"], "report");
    assert_eq!(added["priority"], "high");
    assert_eq!(added["due_time"], "17:00");
    assert_eq!(added["tags"], json!(["work"]));
    let taken: Vec<&str> = added["taken"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert!(taken.iter().any(|t| t.starts_with("due ") && t.ends_with("17:00")), "{taken:?}");
    assert!(taken.contains(&"high priority") && taken.contains(&"#work"), "{taken:?}");
    // Explicit fields win over what quick add took.
    let both = srv
        .ok(
            &token,
            "add_task",
            json!({ "title": "pay rent !low", "quick_add": true, "priority": "urgent", "tags": ["home"] }),
        )
        .await;
    assert_eq!((both["title"].as_str(), both["priority"].as_str()), (Some("pay rent"), Some("urgent")));

    // Plain fields, a repeat, and completing creates the next occurrence.
    let standup = srv
        .ok(
            &token,
            "add_task",
            json!({ "title": "Standup", "due_date": "2026-12-01", "due_time": "09:30",
                    "recurrence": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "tags": ["work", "#Daily"] }),
        )
        .await;
    assert_eq!(standup["repeat"], "every weekday");
    assert_eq!(standup["recurrence"], "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    assert_eq!(standup["repeat_from"], "due");
    assert_eq!(standup["tags"], json!(["Daily", "work"]));
    let id = standup["task_id"].as_i64().unwrap();
    let done = srv.ok(&token, "complete_task", json!({ "task_id": id })).await;
    let next = done["next"]["task_id"].as_i64().expect("next occurrence");
    assert_eq!(done["next"]["due_time"], "09:30");
    assert_eq!(srv.ok(&token, "complete_task", json!({ "task_id": id })).await["next"]["task_id"], next);

    let moved = srv
        .ok(&token, "update_task", json!({ "task_id": next, "due_date": "2030-01-04", "priority": "low" }))
        .await;
    assert_eq!((moved["due_date"].as_str(), moved["priority"].as_str()), (Some("2030-01-04"), Some("low")));
    let spoken = srv.ok(&token, "update_task", json!({ "task_id": next, "due": "2030-01-05 8am" })).await;
    assert_eq!(
        (spoken["due_date"].as_str(), spoken["due_time"].as_str()),
        (Some("2030-01-05"), Some("08:00"))
    );
    let more = srv.ok(&token, "update_task", json!({ "task_id": next, "add_tags": ["extra"] })).await;
    assert_eq!(more["tags"], json!(["Daily", "extra", "work"]), "added to the task's tags");
    let untagged = srv.ok(&token, "update_task", json!({ "task_id": next, "tags": [] })).await;
    assert!(untagged.get("tags").is_none(), "{untagged}");

    // Filters, views, sort, search.
    let names = |v: &Value| -> Vec<String> {
        v["tasks"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_owned()).collect()
    };
    let work = srv.ok(&token, "list_tasks", json!({ "tag": "#WORK", "sort": "title" })).await;
    assert_eq!(names(&work), ["report", "Standup"]);
    let urgent = srv.ok(&token, "list_tasks", json!({ "priority": "urgent" })).await;
    assert_eq!(names(&urgent), ["pay rent"]);
    let undated = srv.ok(&token, "list_tasks", json!({ "no_due": true })).await;
    assert_eq!(names(&undated), ["pay rent"]);
    let window =
        srv.ok(&token, "list_tasks", json!({ "due_after": "2030-01-01", "due_before": "2030-12-31" })).await;
    assert_eq!(names(&window), ["Standup"]);
    let found = srv.ok(&token, "list_tasks", json!({ "search": "rep" })).await;
    assert_eq!(names(&found), ["report"]);
    assert!(srv.ok(&token, "list_tasks", json!({ "view": "today" })).await["today"].is_string());
    let tags = srv.ok(&token, "list_tags", json!({})).await;
    assert_eq!(tags["count"], 4);
    // The next standup lost its tags above (a tag without tasks stays listed); the first one is done.
    assert_eq!(tags["tags"][1], json!({ "name": "extra", "tasks": 0, "open": 0 }));
    assert_eq!(tags["tags"][3], json!({ "name": "work", "tasks": 2, "open": 1 }));

    // Paging: capped pages and a cursor, no duplicates.
    for i in 0..7 {
        srv.ok(&token, "add_task", json!({ "title": format!("bulk {i}") })).await;
    }
    let mut seen = Vec::new();
    let mut args = json!({ "limit": 3, "sort": "title" });
    loop {
        let page = srv.ok(&token, "list_tasks", args.clone()).await;
        assert!(page["count"].as_u64().unwrap() <= 3);
        seen.extend(names(&page));
        match page["next_cursor"].as_str() {
            Some(c) => args["cursor"] = json!(c),
            None => break,
        }
    }
    let all = names(&srv.ok(&token, "list_tasks", json!({ "sort": "title" })).await);
    assert_eq!(seen, all);
    assert_eq!(all.len(), 11);

    // Bad input is a tool error that says what to fix.
    for (tool, args, says) in [
        ("list_tasks", json!({ "view": "tomorrow" }), "use all, today, upcoming"),
        ("list_tasks", json!({ "sort": "colour" }), "use created, due, priority, title"),
        ("list_tasks", json!({ "limit": 201 }), "between 1 and 200"),
        ("list_tasks", json!({ "due_before": "next week" }), "not a date"),
        ("list_tasks", json!({ "cursor": "bogus" }), "cursor"),
        ("list_tasks", json!({ "sort": "due", "cursor": args["cursor"].clone() }), "cursor"),
        ("add_task", json!({ "title": "x", "priority": "critical" }), "Unknown priority"),
        ("add_task", json!({ "title": "x", "due_time": "17:00" }), "date with the time"),
        ("add_task", json!({ "title": "x", "recurrence": "FREQ=HOURLY" }), "FREQ=HOURLY"),
        ("add_task", json!({ "title": "x", "recurrence": "FREQ=DAILY" }), "needs a due date"),
        ("add_task", json!({ "title": "x", "tags": ["a\"b"] }), "quotes"),
        ("update_task", json!({ "task_id": id, "due_date": "2026-02-30" }), "not a date"),
        ("update_task", json!({ "task_id": id, "due": "someday" }), "not a date I understand"),
        ("update_task", json!({ "task_id": id, "due": "friday", "due_date": "2026-12-04" }), "not both"),
    ] {
        let message = srv.tool_error(&token, tool, args.clone()).await;
        assert!(message.contains(says), "{tool}({args}): {message}");
    }
}

#[tokio::test]
async fn every_tool_works_and_returns_structured_content() {
    let srv = TestServer::start().await;
    let (_, token) = srv.user("ada@example.com").await;

    let added =
        srv.ok(&token, "add_task", json!({ "title": "  Buy milk ", "description": "2 litres" })).await;
    let id = added["task_id"].as_i64().expect("task_id");
    assert_eq!(added, json!({ "task_id": id, "status": "created", "title": "Buy milk" }));
    let other = srv.ok(&token, "add_task", json!({ "title": "Call mom" })).await["task_id"].as_i64().unwrap();

    let all = srv.ok(&token, "list_tasks", json!({})).await;
    assert_eq!(all["count"], 2);
    assert_eq!(
        all["tasks"][1],
        json!({ "task_id": id, "title": "Buy milk", "description": "2 litres", "done": false })
    );

    let done = srv.ok(&token, "complete_task", json!({ "task_id": id })).await;
    assert_eq!(done, json!({ "task_id": id, "status": "completed", "title": "Buy milk" }));
    let pending = srv.ok(&token, "list_tasks", json!({ "status": "pending" })).await;
    assert_eq!(pending["count"], 1);
    assert_eq!(pending["tasks"][0]["task_id"], other);
    let completed = srv.ok(&token, "list_tasks", json!({ "status": "completed" })).await;
    assert_eq!(completed["tasks"][0]["task_id"], id);
    let found = srv.ok(&token, "list_tasks", json!({ "search": "MILK", "limit": 5 })).await;
    assert_eq!(found["count"], 1);

    let updated =
        srv.ok(&token, "update_task", json!({ "task_id": other, "title": "Call mom tonight" })).await;
    assert_eq!(updated, json!({ "task_id": other, "status": "updated", "title": "Call mom tonight" }));
    srv.ok(&token, "update_task", json!({ "task_id": id, "description": "" })).await;
    let after = srv.ok(&token, "list_tasks", json!({ "status": "completed" })).await;
    assert_eq!(after["tasks"][0]["description"], Value::Null, "an empty description clears it");

    let deleted = srv.ok(&token, "delete_task", json!({ "task_id": id })).await;
    assert_eq!(deleted, json!({ "task_id": id, "status": "deleted", "title": "Buy milk" }));
    let left = srv.ok(&token, "list_tasks", json!({ "status": "all" })).await;
    assert_eq!(left["count"], 1);
    assert_eq!(left["tasks"][0]["title"], "Call mom tonight");
}

#[tokio::test]
async fn bad_arguments_are_tool_errors_with_clear_messages() {
    let srv = TestServer::start().await;
    let (_, token) = srv.user("ada@example.com").await;

    assert_eq!(srv.tool_error(&token, "add_task", json!({ "title": "   " })).await, "Title is required.");
    assert!(srv
        .tool_error(&token, "add_task", json!({ "title": "x".repeat(201) }))
        .await
        .contains("at most 200"));
    assert!(srv.tool_error(&token, "add_task", json!({})).await.contains("title"));
    assert!(srv
        .tool_error(&token, "add_task", json!({ "title": "a", "user_id": 2 }))
        .await
        .contains("user_id"));
    assert!(srv
        .tool_error(&token, "complete_task", json!({ "task_id": "abc" }))
        .await
        .contains("invalid type"));
    assert!(srv
        .tool_error(&token, "list_tasks", json!({ "status": "later" }))
        .await
        .contains("use all, pending or completed"));
    assert!(srv.tool_error(&token, "list_tasks", json!({ "limit": 0 })).await.contains("limit"));
    assert!(srv
        .tool_error(&token, "update_task", json!({ "task_id": 1 }))
        .await
        .contains("Nothing to update"));
    assert_eq!(
        srv.tool_error(&token, "delete_task", json!({ "task_id": 424242 })).await,
        "Task 424242 not found."
    );

    // An unknown tool is a protocol error, not a tool result.
    let (status, body) =
        srv.post(Some(&token), "tools/call", json!({ "name": "drop_tables", "arguments": {} })).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["error"]["code"].is_i64(), "{body}");

    // Nothing was created by any of the failed calls.
    assert_eq!(srv.ok(&token, "list_tasks", json!({})).await["count"], 0);
}

#[tokio::test]
async fn users_cannot_see_or_touch_each_others_tasks() {
    let srv = TestServer::start().await;
    let (_, alice) = srv.user("alice@example.com").await;
    let (bob_id, bob_pat) = srv.user("bob@example.com").await;
    // Bob also acts through a web-app user token: same isolation.
    let bob_jwt = mint_user_token(SECRET, bob_id, Duration::from_secs(60));

    let id = srv.ok(&alice, "add_task", json!({ "title": "Alice's secret plan" })).await["task_id"]
        .as_i64()
        .unwrap();
    for bob in [bob_pat.as_str(), bob_jwt.as_str()] {
        let listed = srv.ok(bob, "list_tasks", json!({})).await;
        assert_eq!((&listed["tasks"], &listed["count"]), (&json!([]), &json!(0)));
        assert_eq!(srv.ok(bob, "list_tags", json!({})).await, json!({ "tags": [], "count": 0 }));
        assert_eq!(srv.ok(bob, "list_tasks", json!({ "search": "secret" })).await["count"], 0);
        let not_found = format!("Task {id} not found.");
        assert_eq!(srv.tool_error(bob, "complete_task", json!({ "task_id": id })).await, not_found);
        assert_eq!(
            srv.tool_error(bob, "update_task", json!({ "task_id": id, "title": "mine" })).await,
            not_found
        );
        assert_eq!(srv.tool_error(bob, "delete_task", json!({ "task_id": id })).await, not_found);
    }

    let mine = srv.ok(&alice, "list_tasks", json!({})).await;
    assert_eq!(
        mine["tasks"],
        json!([{ "task_id": id, "title": "Alice's secret plan", "description": null, "done": false }])
    );
}

/// One well-formed call of every tool: (tool, arguments, aims at one of the user's tasks, changes data), in the
/// order the owner makes them. `task` and `doomed` are the user's tasks; `search` a word to list by.
type ToolCall = (&'static str, Value, bool, bool);

fn tool_table(search: &str, task: i64, doomed: i64) -> [ToolCall; 6] {
    [
        ("list_tasks", json!({ "search": search }), false, false),
        ("list_tags", json!({}), false, false),
        ("add_task", json!({ "title": "added" }), false, true),
        ("update_task", json!({ "task_id": task, "title": "renamed" }), true, true),
        ("complete_task", json!({ "task_id": task }), true, true),
        ("delete_task", json!({ "task_id": doomed }), true, true),
    ]
}

/// Fails unless `table` has a row for every tool the server lists.
async fn assert_every_tool_is_listed(srv: &TestServer, token: &str, table: &[ToolCall]) {
    let (_, listed) = srv.post(Some(token), "tools/list", json!({})).await;
    let mut tools: Vec<&str> =
        listed["result"]["tools"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    tools.sort_unstable();
    let mut covered: Vec<&str> = table.iter().map(|(name, ..)| *name).collect();
    covered.sort_unstable();
    assert_eq!(tools, covered, "every tool needs a row in the authorization matrix");
}

/// The tools' authorization matrix: every tool × {no token, forged, signed with another secret, revoked,
/// expired, another user, read-only, the owner}. Refused calls change nothing of the owner's data and never show
/// it. A new tool fails this test until it has arguments here.
#[tokio::test]
async fn every_tool_refuses_bad_tokens_and_other_users_and_serves_the_owner() {
    const MARKER: &str = "ada-private-7f3c";
    let srv = TestServer::start().await;
    let (ada, ada_pat) = srv.user("ada@example.com").await;
    let (_, bob_pat) = srv.user("bob@example.com").await;
    let task = srv.ok(&ada_pat, "add_task", json!({ "title": MARKER, "tags": ["home"] })).await["task_id"]
        .as_i64()
        .unwrap();
    let doomed = srv.ok(&ada_pat, "add_task", json!({ "title": format!("{MARKER} 2") })).await["task_id"]
        .as_i64()
        .unwrap();
    let table = tool_table(MARKER, task, doomed);
    assert_every_tool_is_listed(&srv, &ada_pat, &table).await;

    let revoked = srv.user_token(ada, TokenScope::Write, None).await;
    tokens::revoke(&srv.pool, ada, revoked.0).await.unwrap();
    let expired = srv.user_token(ada, TokenScope::Write, None).await;
    sqlx::query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1")
        .bind(expired.0)
        .execute(&srv.pool)
        .await
        .unwrap();
    let read_only = srv.user_token(ada, TokenScope::Read, None).await.1;
    let forged_pat = format!("todo_pat_{}", "A".repeat(43));
    let other_secret = mint_user_token(
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa99887766554433221100",
        ada,
        Duration::from_secs(60),
    );

    let before = support::owner_snapshot(&srv.pool, ada).await;
    for (tool, arguments, targeted, writes) in &table {
        let call = json!({ "name": tool, "arguments": arguments });
        for bad in [None, Some(forged_pat.as_str()), Some(&other_secret), Some(&revoked.1), Some(&expired.1)]
        {
            let (status, body) = srv.post(bad, "tools/call", call.clone()).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{tool} with {bad:?}: {body}");
        }
        assert_eq!(support::owner_snapshot(&srv.pool, ada).await, before, "{tool}: a bad token changed data");

        let result = srv.call(&bob_pat, tool, arguments.clone()).await;
        assert_eq!(result["isError"] == json!(true), *targeted, "{tool} as Bob: {result}");
        assert!(!result.to_string().contains(MARKER), "{tool} showed Ada's data to Bob: {result}");
        assert_eq!(support::owner_snapshot(&srv.pool, ada).await, before, "{tool} as Bob changed Ada's data");

        let result = srv.call(&read_only, tool, arguments.clone()).await;
        assert_eq!(result["isError"] == json!(true), *writes, "{tool} with a read-only token: {result}");
        assert_eq!(support::owner_snapshot(&srv.pool, ada).await, before, "{tool} read-only changed data");
    }
    for (tool, arguments, ..) in table {
        srv.ok(&ada_pat, tool, arguments).await;
    }
}

/// Values of the wrong type or shape, oversized, unicode edge cases and injection strings, for any argument.
fn bad_values() -> Vec<(&'static str, Value)> {
    vec![
        ("null", Value::Null),
        ("boolean", json!(true)),
        ("object", json!({ "$ne": null })),
        ("array", json!(["a", 1])),
        ("string", json!("abc")),
        ("negative", json!(-1)),
        ("huge number", json!(1e300)),
        ("past i64", json!(18446744073709551615u64)),
        ("fraction", json!(0.5)),
        ("empty", json!("")),
        ("oversized", json!("x".repeat(20_000))),
        ("NUL", json!("a\u{0}b")),
        ("RTL override and combining marks", json!(format!("\u{202e}gnp.exe e{}", "\u{301}".repeat(300)))),
        ("emoji", json!("\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}")),
        ("SQL injection", json!("' OR '1'='1'; DROP TABLE tasks; --")),
        ("markup injection", json!("<script>alert(1)</script>")),
    ]
}

/// Checks one answer to a bad call: never a 5xx; a JSON-RPC error or a tool error with a message, or (for input
/// that is fine after all) a result. Returns whether the call was refused.
fn refused(what: &str, status: StatusCode, body: &Value) -> bool {
    assert!(!status.is_server_error(), "{what}: {status} {body}");
    if let (StatusCode::OK, Value::Array(answers)) = (status, body) {
        // Every answer is checked (no short cut): refused if any of them is.
        let verdicts: Vec<bool> = answers.iter().map(|answer| refused(what, status, answer)).collect();
        return verdicts.contains(&true);
    }
    if status.is_client_error() {
        return true; // refused before JSON-RPC (a malformed request)
    }
    assert_eq!(status, StatusCode::OK, "{what}: {body}");
    if let Some(error) = body.get("error") {
        assert!(error["code"].is_i64(), "{what}: {body}");
        assert!(error["message"].as_str().is_some_and(|m| !m.trim().is_empty()), "{what}: {body}");
        return true;
    }
    let result = &body["result"];
    assert!(result.is_object(), "{what}: neither a result nor an error: {body}");
    if result["isError"] == json!(true) {
        let message = result["content"][0]["text"].as_str().unwrap_or_default();
        assert!(message.trim().len() > 5, "{what}: a tool error needs a message: {body}");
        assert!(!message.contains("Something went wrong"), "{what}: a generic error for bad input: {body}");
        return true;
    }
    false
}

#[tokio::test]
async fn bad_arguments_and_malformed_requests_never_get_a_5xx_and_change_nothing() {
    let srv = TestServer::start().await;
    let (ada, token) = srv.user("ada@example.com").await;
    let task = srv.ok(&token, "add_task", json!({ "title": "target", "tags": ["home"] })).await["task_id"]
        .as_i64()
        .unwrap();
    let doomed = srv.ok(&token, "add_task", json!({ "title": "doomed" })).await["task_id"].as_i64().unwrap();
    let table = tool_table("target", task, doomed);
    assert_every_tool_is_listed(&srv, &token, &table).await;
    let (_, listed) = srv.post(Some(&token), "tools/list", json!({})).await;
    let schemas: Vec<Value> = listed["result"]["tools"].as_array().unwrap().clone();

    let mut sent = 0;
    let mut before = support::owner_snapshot(&srv.pool, ada).await;
    for (tool, base, ..) in &table {
        let schema = schemas.iter().find(|t| t["name"] == *tool).unwrap();
        let properties: Vec<String> = schema["inputSchema"]["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        // Every argument replaced by every bad value; then arguments that are not an object, missing ones, and one
        // the tool does not take.
        let mut calls: Vec<(String, Value)> = Vec::new();
        for property in properties.iter().map(String::as_str).chain(["user_id"]) {
            for (label, value) in bad_values() {
                let mut args = base.clone();
                args[property] = value;
                calls.push((
                    format!("{tool}({property}: {label})"),
                    json!({ "name": tool, "arguments": args }),
                ));
            }
        }
        for (label, arguments) in [
            ("a string", json!("task_id=1")),
            ("an array", json!([1])),
            ("a number", json!(7)),
            ("empty", json!({})),
        ] {
            calls.push((
                format!("{tool} with {label} as arguments"),
                json!({ "name": tool, "arguments": arguments }),
            ));
        }
        calls.push((format!("{tool} without arguments"), json!({ "name": tool })));
        for (what, params) in calls {
            let (status, body) = srv.post(Some(&token), "tools/call", params).await;
            sent += 1;
            if refused(&what, status, &body) {
                assert_eq!(
                    support::owner_snapshot(&srv.pool, ada).await,
                    before,
                    "{what} was refused but wrote"
                );
            } else {
                before = support::owner_snapshot(&srv.pool, ada).await;
            }
        }
    }

    // Requests that are not well-formed JSON-RPC.
    let oversized = format!(
        r#"{{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{{"name":"add_task","arguments":{{"title":"{}"}}}}}}"#,
        "x".repeat(3 * 1024 * 1024)
    );
    let json = "application/json";
    let raw: Vec<(&str, &str, Vec<u8>)> = vec![
        ("not JSON", json, b"{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ".to_vec()),
        (
            "invalid UTF-8",
            json,
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add_task\",\"arguments\":{\"title\":\"\xff\xfe\"}}}".to_vec(),
        ),
        ("no method", json, br#"{"jsonrpc":"2.0","id":1}"#.to_vec()),
        ("wrong version", json, br#"{"jsonrpc":"1.0","id":1,"method":"tools/list"}"#.to_vec()),
        ("unknown method", json, br#"{"jsonrpc":"2.0","id":1,"method":"tasks/drop"}"#.to_vec()),
        ("params as an array", json, br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":["add_task",{}]}"#.to_vec()),
        ("an id that is an object", json, br#"{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}"#.to_vec()),
        ("a batch", json, br#"[{"jsonrpc":"2.0","id":1,"method":"tools/list"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]"#.to_vec()),
        ("a form", "application/x-www-form-urlencoded", b"method=tools/call&name=add_task".to_vec()),
        ("oversized", json, oversized.into_bytes()),
    ];
    for (label, content_type, body) in raw {
        let res = srv
            .http
            .post(format!("{}/mcp", srv.url))
            .header("accept", "application/json, text/event-stream")
            .header("mcp-protocol-version", PROTOCOL)
            .header("content-type", content_type)
            .bearer_auth(&token)
            .body(body)
            .send()
            .await
            .expect("request sent");
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        let body: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        sent += 1;
        refused(&format!("a request with {label}"), status, &body);
        assert_eq!(support::owner_snapshot(&srv.pool, ada).await, before, "a request with {label} wrote");
    }
    assert!(sent > 300, "sent {sent}");
    eprintln!("MCP bad-input corpus: {sent} requests");
}
