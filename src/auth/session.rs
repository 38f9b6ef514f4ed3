//! Who is signed in: the user is kept in a server-side session (tower-sessions, stored in Postgres).

use tower_sessions::Session;

use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult};

const USER_KEY: &str = "user";

async fn session() -> AppResult<Session> {
    leptos_axum::extract::<Session>().await.map_err(|e| AppError::internal("session layer missing", e))
}

/// The signed-in user of the current request, if any.
pub async fn current_user() -> AppResult<Option<CurrentUser>> {
    Ok(session().await?.get::<CurrentUser>(USER_KEY).await?)
}

/// The signed-in user, or [`AppError::Unauthorized`].
pub async fn require_user() -> AppResult<CurrentUser> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// Starts a session for `user`, under a fresh session id (no fixation).
pub async fn sign_in(user: &CurrentUser) -> AppResult<()> {
    let session = session().await?;
    session.cycle_id().await?;
    session.insert(USER_KEY, user).await?;
    Ok(())
}

/// Ends the current session and deletes its record.
pub async fn sign_out() -> AppResult<()> {
    Ok(session().await?.flush().await?)
}
