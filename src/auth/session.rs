//! Who is signed in: the user is kept in a server-side session (tower-sessions, stored in Postgres).

use todo_domain::user::CurrentUser;
use todo_domain::{AppError, AppResult};

use crate::server_fns::{session, session_error};

const USER_KEY: &str = "user";
/// The day (since the epoch) the session was last extended.
const REFRESHED_KEY: &str = "refreshed_day";

/// The signed-in user of the current request, if any.
///
/// tower-sessions stores a session (and so pushes its inactivity expiry forward) only when it changes.
/// Touching it once a day keeps active users signed in, at the cost of one write per user per day
/// rather than one per request.
pub async fn current_user() -> AppResult<Option<CurrentUser>> {
    let session = session().await?;
    let user = user_in(&session).await?;
    if user.is_some() {
        let today = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() / 86_400)
            .unwrap_or_default();
        if session.get::<u64>(REFRESHED_KEY).await.map_err(session_error)? != Some(today) {
            session.insert(REFRESHED_KEY, today).await.map_err(session_error)?;
        }
    }
    Ok(user)
}

/// The user signed in to `session` (for plain axum handlers, outside Leptos' context; it does not extend the
/// session).
pub async fn user_in(session: &tower_sessions::Session) -> AppResult<Option<CurrentUser>> {
    session.get::<CurrentUser>(USER_KEY).await.map_err(session_error)
}

/// The signed-in user, or [`AppError::Unauthorized`].
pub async fn require_user() -> AppResult<CurrentUser> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// Starts a session for `user`, under a fresh session id (no fixation).
pub async fn sign_in(user: &CurrentUser) -> AppResult<()> {
    let session = session().await?;
    session.cycle_id().await.map_err(session_error)?;
    session.insert(USER_KEY, user).await.map_err(session_error)?;
    Ok(())
}

/// Ends the current session and deletes its record.
pub async fn sign_out() -> AppResult<()> {
    session().await?.flush().await.map_err(session_error)
}
