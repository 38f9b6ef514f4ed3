//! todo-app: a Leptos web app (server-rendered, hydrated to WASM) on PostgreSQL.
//!
//! One crate, two builds: `ssr` (the server binary) and `hydrate` (the browser bundle). The types and
//! validation rules both sides use live in `todo-domain`; SQL and the plumbing shared with todo-mcp in
//! `todo-store` (server only).

pub mod app;
pub mod assistant;
pub mod auth;
pub mod tasks;
pub mod tokens;

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
pub mod startup;
#[cfg(feature = "ssr")]
pub mod static_files;

/// Browser entry point: attaches the app to the server-rendered HTML.
///
/// Hydration is asynchronous (`hydrate_from_async`, what `leptos::mount::hydrate_lazy` does): a lazy
/// route (`/settings`, `/login`, `/signup`) first loads its own WASM chunk, then hydrates. `<body>` gets
/// `data-hydrated` once the whole page is interactive, a marker for tests and tools.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document().body().expect("the page has a <body>");
        leptos::mount::hydrate_from_async(body.clone(), app::App).await.forget();
        let _ = body.set_attribute("data-hydrated", "");
    });
}
