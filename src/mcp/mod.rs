//! The MCP server (`todo-mcp`): task tools over Streamable HTTP, for AI clients and the web app's assistant.
//!
//! - [`server`] builds the HTTP app (`/mcp`, `/health`) and runs it;
//! - [`auth`] turns a bearer token into the calling user before any MCP message is read;
//! - [`tools`] are the MCP tools, thin adapters over [`crate::tasks::repo`];
//! - [`token`] mints and verifies the short-lived tokens the web app uses for its signed-in user;
//! - [`config`] reads the server's environment.

pub mod auth;
pub mod config;
pub mod server;
pub mod token;
pub mod tools;
