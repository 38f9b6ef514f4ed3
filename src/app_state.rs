//! Shared server state: handed to axum handlers and provided to Leptos server functions as context.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use todo_store::sessions::{self, PostgresStore};

use crate::auth::hash_limit::HashLimit;
use crate::config::Config;
use crate::health::Probes;
use crate::shutdown::Draining;

/// Cheap to clone: everything inside is reference-counted.
#[derive(Clone, Debug)]
pub struct AppState {
    pub pool: PgPool,
    pub config: Arc<Config>,
    /// Bounds concurrent password hashing (sign-up, log-in): each run holds 19 MiB.
    pub hash_limit: Arc<HashLimit>,
    /// `/ready`'s recent probe answers (each dependency probed at most once a second).
    pub probes: Arc<Probes>,
    /// The session store (and its in-process cache), also for ending a user's sessions.
    pub sessions: PostgresStore,
    /// Set once shutdown has begun: `/ready` answers 503 and connections close after each response.
    pub draining: Draining,
}

impl AppState {
    /// State for `config` on `pool`.
    pub fn new(pool: PgPool, config: Config) -> Self {
        let hash_limit = Arc::new(HashLimit::new(config.password_hash_concurrency));
        let sessions = sessions::store(pool.clone());
        Self {
            pool,
            config: Arc::new(config),
            hash_limit,
            probes: Arc::default(),
            sessions,
            draining: Draining::default(),
        }
    }

    /// The state provided to the current server function or render.
    ///
    /// Missing only when the render was torn down under us (the client went away mid-request): an error
    /// for that request, never a panic.
    pub fn get() -> todo_domain::AppResult<Self> {
        leptos::prelude::use_context::<Self>().ok_or_else(|| {
            tracing::debug!("no AppState in context: the request's render was dropped");
            todo_domain::AppError::Internal
        })
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.config.leptos.clone()
    }
}
