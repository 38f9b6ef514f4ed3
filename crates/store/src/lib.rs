//! todo-store: PostgreSQL access and the server plumbing both binaries (todo-app, todo-mcp) share.
//!
//! - repositories: [`tasks`], [`users`], [`api_tokens`], [`conversations`] — every statement filters by owner;
//!   organising tasks: [`task_details`] (fields, quick add), [`task_list`] ([`todo_domain::TaskQuery`], keyset
//!   pages), [`tags`], [`completion`] (the next occurrence, exactly once); [`transfer`] (exports, imports in one
//!   transaction, import drafts);
//! - tokens: [`token_access`] (scoped, expiring tokens: the check every surface makes), [`token_secret`] (personal access tokens: generation, hashing) and [`user_token`] (the short-lived
//!   tokens the web app mints for todo-mcp);
//! - [`idempotency`]: the REST API's `Idempotency-Key` answers; [`assistant_turns`]: one assistant turn in flight
//!   per user;
//! - [`db`]: pool, migrations (with retry), ping; [`sessions`] (feature `sessions`): the session store and layer,
//!   [`session_user`]: who is signed in to a session;
//! - plumbing: [`config`] helpers (.env, LOG_FORMAT), [`telemetry`], [`server`] (TCP_NODELAY listener,
//!   request span, `/health`, graceful shutdown, the web layers), [`healthcheck`] (`<binary> healthcheck`).

pub mod api_tokens;
pub mod assistant_turns;
pub mod completion;
pub mod config;
pub mod conversations;
pub mod db;
pub mod healthcheck;
pub mod idempotency;
pub mod server;
#[cfg(feature = "sessions")]
pub mod session_cache;
#[cfg(feature = "sessions")]
pub mod session_user;
#[cfg(feature = "sessions")]
pub mod sessions;
pub mod tags;
pub mod task_details;
pub mod task_list;
pub mod tasks;
pub mod telemetry;
pub mod throttle;
pub mod token_access;
pub mod token_secret;
pub mod transfer;
pub mod user_token;
pub mod users;

pub use sqlx::PgPool;
