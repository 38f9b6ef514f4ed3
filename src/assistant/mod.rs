//! The chat assistant: a panel beside the task list whose agent acts only through the MCP server.
//!
//! Shared with the browser: the chat types, the server functions' signatures and the panel. Server only:
//! the agent (offline parser or OpenAI-compatible LLM), the MCP client and the SQL for the history.

pub mod api;
pub mod model;
pub mod panel;

#[cfg(feature = "ssr")]
pub mod agent;
#[cfg(feature = "ssr")]
pub mod brain;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod intent;
#[cfg(feature = "ssr")]
pub mod llm;
#[cfg(feature = "ssr")]
pub mod mcp_client;
#[cfg(feature = "ssr")]
pub mod offline;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub(crate) mod words;

#[cfg(all(test, feature = "ssr"))]
mod intent_tests;
