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

/// The signed-in user's time zone, read from the database once per request: a page's server functions that need
/// it (the task page's new-task box and its list) share one read. The router provides a fresh [`ZoneOnce`] to
/// each request (src/startup.rs); without one (a test calling a server function directly) it is read each time.
#[derive(Clone, Default)]
pub struct ZoneOnce(std::sync::Arc<tokio::sync::OnceCell<(i64, todo_domain::due::Tz)>>);

/// `owner`'s time zone (see [`ZoneOnce`]).
pub async fn time_zone(pool: &sqlx::PgPool, owner: i64) -> AppResult<todo_domain::due::Tz> {
    let read = || todo_store::users::time_zone(pool, owner);
    let Some(once) = use_context::<ZoneOnce>() else { return read().await };
    let (user, zone) =
        *once.0.get_or_try_init(|| async { Ok::<_, AppError>((owner, read().await?)) }).await?;
    // One user per request; a request that somehow changed user reads the other's zone afresh.
    if user == owner {
        Ok(zone)
    } else {
        read().await
    }
}
