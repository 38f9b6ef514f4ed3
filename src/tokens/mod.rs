//! Personal access tokens: users create, list and revoke them on `/settings` to connect AI clients to
//! the MCP server (`todo-mcp`), which resolves a bearer token to its owner through `todo_store::api_tokens`.

pub mod api;
pub mod options;
pub mod page;
