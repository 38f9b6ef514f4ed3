//! todo-app: a Leptos web app (server-rendered; in islands mode, only the `#[island]`s run as WASM) on
//! PostgreSQL.
//!
//! One crate, two builds: `ssr` (the server binary) and `hydrate` (the browser bundle: the islands). The types and
//! validation rules both sides use live in `todo-domain`; SQL and the plumbing shared with todo-mcp in
//! `todo-store` (server only).

// Server components nest deep view types (a chat message inside a list inside a suspense…); computing their
// layouts in release builds needs more than the default 128.
#![recursion_limit = "256"]

pub mod account;
pub mod app;
pub mod assistant;
pub mod auth;
pub mod tasks;
pub mod tokens;
pub mod transfer;

#[cfg(feature = "ssr")]
pub mod app_state;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod csrf;
#[cfg(feature = "ssr")]
pub mod health;
#[cfg(feature = "ssr")]
pub mod http_client;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod security_headers;
#[cfg(feature = "ssr")]
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod shutdown;
#[cfg(feature = "ssr")]
pub mod startup;
#[cfg(feature = "ssr")]
pub mod static_files;

/// Browser entry point, called by Leptos' island script once the WASM is loaded; the script then
/// hydrates each `<leptos-island>` on the page, in the same task. `<body>` gets `data-hydrated` on the next
/// task, once they all are: a marker for tests and tools.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    leptos::prelude::set_timeout(
        || {
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.set_attribute("data-hydrated", "");
            }
        },
        std::time::Duration::ZERO,
    );
}
