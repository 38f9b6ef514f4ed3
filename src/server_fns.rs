//! The one home of server-function plumbing. Every server function's body runs through [`serve`] (or
//! [`as_user`], which calls it), so none can forget to report its error status; the session, the current user
//! and the "plain form post" check are read here only.

use std::future::Future;

use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use leptos::prelude::use_context;
use todo_domain::{user::CurrentUser, AppError, AppResult};

use crate::app_state::AppState;
use crate::auth::session::require_user;

/// Runs a server function's `body` and reports its error as the response status (see [`report_status`]).
pub async fn serve<T>(body: impl Future<Output = AppResult<T>>) -> AppResult<T> {
    let result = body.await;
    if let Err(err) = &result {
        report_status(err);
    }
    result
}

/// [`serve`] for the signed-in user: `body` gets the pool and the user's id; a visitor gets
/// [`AppError::Unauthorized`].
pub async fn as_user<T, F, Fut>(body: F) -> AppResult<T>
where
    F: FnOnce(sqlx::PgPool, i64) -> Fut,
    Fut: Future<Output = AppResult<T>>,
{
    serve(async {
        let user: CurrentUser = require_user().await?;
        body(AppState::get()?.pool, user.id).await
    })
    .await
}

/// The request's tower-sessions session.
pub async fn session() -> AppResult<tower_sessions::Session> {
    leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(|e| AppError::internal("session layer missing", e))
}

pub use todo_store::session_user::session_error;

/// True for a plain HTML form post (no JavaScript): server_fn drops its result and redirects the browser back.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>().is_some_and(|parts| accepts_html(&parts))
}

fn accepts_html(parts: &Parts) -> bool {
    parts.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// Reports `err` as the HTTP status of the current server-function request.
///
/// Left alone: server functions run inline while a page renders (the page decides its own status), and plain
/// HTML form posts, which server_fn answers with a redirect back to the form carrying the error in the URL — a
/// 4xx status would break that redirect.
pub fn report_status(err: &AppError) {
    let Some(parts) = use_context::<Parts>() else { return };
    if parts.uri.path().starts_with("/api/") && !accepts_html(&parts) {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                StatusCode::from_u16(err.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            );
            if let Some(secs) = err.retry_after().and_then(|s| HeaderValue::from_str(&s).ok()) {
                res.insert_header(header::RETRY_AFTER, secs);
            }
        }
    }
}
