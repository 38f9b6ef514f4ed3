//! Benchmark-only baselines for `make bench` (never deployed).
//!
//! - `bench-page`, the **fair baseline**: the signed-in task page `GET /` written by hand with a compile-time
//!   template (maud) on axum: the same session layer and store ([`todo_store::sessions::layer`]), the same session
//!   lookup ([`todo_store::session_user`]), the same queries in the same order ([`data`]), the same HTML ([`page`]:
//!   `make bench` checks the byte sizes agree within 10 %), behind the same outer layers
//!   ([`todo_store::server::web_layers`]: request id, trace span and log line, gzip).
//! - `bench-bare`: one list query as JSON, no session, no middleware: the database's limit.

pub mod assets;
pub mod data;
pub mod islands;
pub mod page;

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sqlx::PgPool;
use todo_store::{server, sessions};

use crate::assets::Assets;

/// What the handler needs.
#[derive(Clone)]
pub struct PageState {
    pub pool: PgPool,
    pub assets: Assets,
    /// The session's maximum age after sign-in (the web app's `SESSION_MAX_AGE`).
    pub max_age: Duration,
}

/// `/` (the task page) and `/health`, with the web app's session layer inside its outer layers.
pub fn router(state: PageState) -> Router {
    let sessions = sessions::layer(sessions::store(state.pool.clone()), false);
    let app = Router::new().route("/", get(task_page)).layer(sessions).route("/health", get(server::health));
    server::web_layers(app).with_state(state)
}

/// A fresh nonce for the page's inline script (16 random bytes, URL-safe base64, as Leptos makes it).
fn nonce() -> String {
    let mut bytes = [0u8; 16];
    if let Err(e) = getrandom::fill(&mut bytes) {
        tracing::warn!(error = %e, "no random bytes for the script nonce");
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

async fn task_page(State(state): State<PageState>, session: tower_sessions::Session) -> Response {
    match data::load(&state.pool, &session, state.max_age).await {
        Ok(Some(data)) => Html(page::render(&state.assets, &nonce(), &data)).into_response(),
        Ok(None) => Redirect::to("/login").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "task page failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
