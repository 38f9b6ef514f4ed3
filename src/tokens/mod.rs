//! Personal access tokens: users create, list and revoke them on `/settings` to connect AI clients to
//! the MCP server (`todo-mcp`), which resolves a bearer token to its owner through [`repo`].

pub mod api;
pub mod model;
pub mod page;

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod secret;
