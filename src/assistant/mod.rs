//! The chat assistant: a panel beside the task list whose agent acts only through the MCP server.
//!
//! Shared with the browser: the server functions' signatures and the panel (the chat types are
//! `todo_domain::chat`). Server only:
//! the agent (offline parser or OpenAI-compatible LLM) and the MCP client (the history's SQL is
//! `todo_store::conversations`).

pub mod api;
pub mod panel;

#[cfg(feature = "ssr")]
pub mod agent;
#[cfg(feature = "ssr")]
pub mod brain;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod confirmation;
#[cfg(feature = "ssr")]
pub mod intent;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod llm;
#[cfg(feature = "ssr")]
pub mod mcp_client;
#[cfg(feature = "ssr")]
pub mod offline;
#[cfg(feature = "ssr")]
pub mod turn_rules;
#[cfg(feature = "ssr")]
pub(crate) mod words;

#[cfg(all(test, feature = "ssr"))]
mod intent_props;
#[cfg(all(test, feature = "ssr"))]
mod intent_tests;
