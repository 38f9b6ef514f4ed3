//! Shared server state: handed to axum handlers and provided to Leptos server functions as context.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

use crate::config::Config;

/// Cheap to clone: everything inside is reference-counted.
#[derive(Clone, Debug)]
pub struct AppState {
    pub pool: PgPool,
    pub config: Arc<Config>,
}

impl AppState {
    /// The state provided to the current server function or render.
    pub fn get() -> Self {
        leptos::prelude::expect_context::<Self>()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.config.leptos.clone()
    }
}
