//! todo-app: a Leptos web app (server-rendered, hydrated to WASM) on PostgreSQL.
//!
//! One crate, two builds: `ssr` (the server binary) and `hydrate` (the browser bundle).
//! Types and validation rules used on both sides live outside `#[cfg(feature = "ssr")]`.

pub mod app;
pub mod assistant;
pub mod auth;
pub mod error;
pub mod tasks;
pub mod tokens;

#[cfg(feature = "ssr")]
pub mod app_state;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod health;
#[cfg(feature = "ssr")]
pub mod healthcheck;
#[cfg(feature = "ssr")]
pub mod mcp;
#[cfg(feature = "ssr")]
pub mod startup;
#[cfg(feature = "ssr")]
pub mod telemetry;

/// Browser entry point: attaches the app to the server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A marker for tests and tools that need to know the page is interactive.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "");
    }
}
