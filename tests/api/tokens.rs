//! Personal access tokens: the `/settings` page and its server functions, and tokens made there (or
//! minted by the web app) working on the MCP server until revoked.

use std::time::Duration;

use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use todo_mcp::server::McpServer;
use todo_store::user_token::mint_user_token;

use crate::helpers::{spawn_app, titles, TestApp};

// Random (hex of 32 bytes): the real configuration refuses placeholders and patterns.
const SECRET: &str = "a83f1c5e9d7b2046e8c1f3a5b7d9e02c4a6f8b1d3e5c7a90b2d4f6e8a1c3e5b7";

/// The first `todo_pat_…` token in `text`.
/// The longest `todo_pat_…` on a page: a whole secret if one is shown, else a list entry's display prefix.
/// (The page holds both when a token was just created; their order on the page is not what is tested.)
fn find_token(text: &str) -> Option<String> {
    text.match_indices("todo_pat_")
        .map(|(start, _)| {
            text[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect()
        })
        .max_by_key(|token: &String| token.len())
}

/// Starts `todo-mcp` in-process on the app's database; returns its `/mcp` URL.
pub(crate) async fn spawn_mcp(app: &TestApp) -> String {
    let config = crate::support::mcp_config(&app.database_url, 2, SECRET);
    let server = McpServer::build(config).await.expect("todo-mcp builds");
    let url = format!("http://127.0.0.1:{}/mcp", server.port());
    tokio::spawn(server.run_until(std::future::pending()));
    url
}

/// Calls an MCP tool with `token`; returns the HTTP status and the JSON-RPC body.
pub(crate) async fn call_tool(url: &str, token: &str, tool: &str, arguments: Value) -> (StatusCode, Value) {
    let res = reqwest::Client::new()
        .post(url)
        .header(header::ACCEPT, "application/json, text/event-stream")
        .bearer_auth(token)
        .json(&json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/call",
                       "params": { "name": tool, "arguments": arguments } }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn tokens_are_created_listed_and_revoked_by_their_owner_only() {
    let app = spawn_app().await;
    let visitor = app.client();
    let res = visitor.get("/settings").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/login");
    assert_eq!(visitor.err("tokens/list", &[]).await.0, StatusCode::UNAUTHORIZED);

    let ada = app.signed_up("ada@example.com").await;
    let (status, err) = ada.err("tokens/create", &[("name", "  ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["Invalid"]["field"], "name", "{err}");

    let created: Value = ada.ok("tokens/create", &[("name", "Claude Desktop")]).await;
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("todo_pat_") && secret.len() == 52, "{secret}");
    assert_eq!(created["token"]["name"], "Claude Desktop");
    let id = created["token"]["id"].as_i64().unwrap();

    let list: Value = ada.ok("tokens/list", &[]).await;
    assert_eq!(list["tokens"].as_array().unwrap().len(), 1);
    assert_eq!(list["just_created"], Value::Null, "with JavaScript the secret is not handed over again");
    assert!(!list.to_string().contains(&secret), "the list never carries the secret");
    let prefix = list["tokens"][0]["prefix"].as_str().unwrap();
    assert!(secret.starts_with(prefix));

    let html = ada.get("/settings").await.text().await.unwrap();
    assert!(html.contains("Claude Desktop") && html.contains(prefix), "token listed on the page");
    assert_eq!(find_token(&html).as_deref(), Some(prefix), "only the prefix is on the page");
    let stored: String =
        sqlx::query_scalar("SELECT token_hash FROM api_tokens").fetch_one(&app.pool).await.unwrap();
    assert_ne!(stored, secret, "stored hashed");

    let bob = app.signed_up("bob@example.com").await;
    let bobs: Value = bob.ok("tokens/list", &[]).await;
    assert_eq!(bobs["tokens"], json!([]));
    let id_field = id.to_string();
    assert_eq!(bob.err("tokens/revoke", &[("id", &id_field)]).await.0, StatusCode::NOT_FOUND);

    let _: Value = ada.ok("tokens/revoke", &[("id", &id_field)]).await;
    let list: Value = ada.ok("tokens/list", &[]).await;
    assert_eq!(list["tokens"], json!([]));
    assert_eq!(ada.err("tokens/revoke", &[("id", &id_field)]).await.0, StatusCode::NOT_FOUND);
    app.cleanup().await;
}

#[tokio::test]
async fn a_token_created_without_javascript_is_shown_once_after_the_redirect() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let referer = format!("{}/settings", app.address);
    let res = ada
        .http
        .post(format!("{}/api/tokens/create", app.address))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, &referer)
        .form(&[("name", "laptop")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);

    let first = ada.get("/settings").await.text().await.unwrap();
    let secret = find_token(&first).expect("token on the page");
    assert_eq!(secret.len(), 52, "the whole secret is shown: {secret}");
    assert!(first.contains("will not be shown again"));
    let again = ada.get("/settings").await.text().await.unwrap();
    assert!(!again.contains(&secret), "shown once only");
    assert!(again.contains("laptop"));
    app.cleanup().await;
}

#[tokio::test]
async fn tokens_from_the_web_app_work_on_the_mcp_server_until_revoked() {
    let app = spawn_app().await;
    let mcp = spawn_mcp(&app).await;
    let ada = app.signed_up("ada@example.com").await;
    let created: Value = ada.ok("tokens/create", &[("name", "inspector")]).await;
    let pat = created["secret"].as_str().unwrap();

    let (status, body) = call_tool(&mcp, pat, "add_task", json!({ "title": "from Claude" })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["result"]["structuredContent"]["status"], "created", "{body}");

    // The web app's short-lived user token acts for the same user.
    let me: Value = ada.ok("auth/me", &[]).await;
    let jwt = mint_user_token(SECRET, me["id"].as_i64().unwrap(), Duration::from_secs(60));
    let (status, body) = call_tool(&mcp, &jwt, "add_task", json!({ "title": "from the assistant" })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(titles(&ada.board().await), ["from the assistant", "from Claude"]);

    let id = created["token"]["id"].as_i64().unwrap().to_string();
    let _: Value = ada.ok("tokens/revoke", &[("id", &id)]).await;
    let (status, _) = call_tool(&mcp, pat, "list_tasks", json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "revoked at once");
    app.cleanup().await;
}
