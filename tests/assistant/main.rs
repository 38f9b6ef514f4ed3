//! The assistant end to end: the real web app and the real `todo-mcp` run in-process against a fresh
//! Postgres database per test; only the LLM API is a scripted stand-in (see `llm.rs`).
//!
//! Needs PostgreSQL at 127.0.0.1:5432 with trust auth for user `postgres` (override with `TEST_DATABASE_URL`,
//! the server URL without a database name).
#![cfg(feature = "ssr")]

#[path = "../support/mod.rs"]
mod support;

mod failures;
mod guarded;
mod harness;
mod limits;
mod llm;
mod offline;
