//! Who is signed in: the user is kept in a server-side session (tower-sessions, stored in Postgres by
//! `todo_store::sessions`, which records the user of each session so that they can all be ended together). The
//! session's entries are read and written by `todo_store::session_user`; this module finds the request's session
//! and the configured maximum age.
//!
//! A session ends `todo_store::sessions::SESSION_IDLE_DAYS` after its last visit, and in any case `SESSION_MAX_AGE` after its sign-in
//! (`Config::session_max_age`): a stolen cookie does not live on for as long as it is used.

use todo_domain::user::CurrentUser;
use todo_domain::{AppError, AppResult};
use todo_store::session_user;
pub use todo_store::session_user::user_in;

use crate::app_state::AppState;
use crate::server_fns::{session, session_error};

/// The signed-in user of the current request, if any (the session is extended once a day).
pub async fn current_user() -> AppResult<Option<CurrentUser>> {
    let session = session().await?;
    session_user::current_user(&session, AppState::get()?.config.session_max_age).await
}

/// The signed-in user, or [`AppError::Unauthorized`].
pub async fn require_user() -> AppResult<CurrentUser> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// Starts a session for `user`, under a fresh session id (no fixation).
pub async fn sign_in(user: &CurrentUser) -> AppResult<()> {
    let max_age = AppState::get()?.config.session_max_age;
    session_user::sign_in(&session().await?, user, max_age).await
}

/// Ends the current session and deletes its record.
pub async fn sign_out() -> AppResult<()> {
    session().await?.flush().await.map_err(session_error)
}

/// The current session's id as the session table stores it, if it has one yet.
pub async fn current_session_id() -> AppResult<Option<String>> {
    Ok(session().await?.id().map(|id| id.to_string()))
}
