//! todo-mcp: the MCP server for tasks, and the public types of its tools.
//!
//! - [`types`]: every tool's name, arguments and result — what the web app's assistant uses to call the tools
//!   typed end to end. Always built (the web app depends on this crate with `default-features = false`).
//! - feature `server` (default): [`server`] builds the HTTP app (`/mcp`, `/health`) and runs it; [`auth`] turns
//!   a bearer token into the calling user; [`tools`] are the tools over `todo_store::tasks`; [`config`] is the
//!   server's environment.

pub mod types;

#[cfg(feature = "server")]
pub mod auth;
#[cfg(feature = "server")]
pub mod config;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "server")]
pub mod tools;
