//! Who is signed in: the user is kept in a server-side session (tower-sessions, stored in Postgres by
//! `todo_store::sessions`, which records the user of each session so that they can all be ended together).
//!
//! A session ends [`SESSION_IDLE_DAYS`] after its last visit, and in any case `SESSION_MAX_AGE` after its sign-in
//! (`Config::session_max_age`): a stolen cookie does not live on for as long as it is used.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::Expiry;

use todo_domain::user::CurrentUser;
use todo_domain::{AppError, AppResult};
use todo_store::sessions::USER_KEY;

use crate::app_state::AppState;
use crate::server_fns::{session, session_error};

/// Sessions end after this many days without a visit.
pub const SESSION_IDLE_DAYS: i64 = 30;
/// When the session was signed in (seconds since the epoch).
const SIGNED_IN_KEY: &str = "signed_in_at";
/// The day (since the epoch) the session was last extended.
const REFRESHED_KEY: &str = "refreshed_day";

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

/// The session's expiry: the next idle deadline, but never past `signed_in + max_age`.
fn expiry(now: u64, signed_in: u64, max_age: Duration) -> Expiry {
    let idle_end = now.saturating_add(SESSION_IDLE_DAYS.unsigned_abs() * 86_400);
    let end = idle_end.min(signed_in.saturating_add(max_age.as_secs()));
    let end = OffsetDateTime::from_unix_timestamp(i64::try_from(end).unwrap_or(i64::MAX))
        .unwrap_or_else(|_| OffsetDateTime::now_utc());
    Expiry::AtDateTime(end)
}

/// Whether a session signed in at `signed_in` may still be used at `now`. A session without a sign-in time
/// (made before sign-in times were recorded) may not: its age is unknown.
fn within_max_age(signed_in: Option<u64>, now: u64, max_age: Duration) -> bool {
    signed_in.is_some_and(|start| now < start.saturating_add(max_age.as_secs()))
}

/// The signed-in user of the current request, if any.
///
/// tower-sessions stores a session (and so pushes its inactivity expiry forward) only when it changes.
/// Touching it once a day keeps active users signed in, at the cost of one write per user per day
/// rather than one per request. A session past its maximum age is ended here.
pub async fn current_user() -> AppResult<Option<CurrentUser>> {
    let session = session().await?;
    let max_age = AppState::get()?.config.session_max_age;
    let Some(user) = user_in(&session, max_age).await? else {
        return Ok(None);
    };
    let now = now_secs();
    let today = now / 86_400;
    if session.get::<u64>(REFRESHED_KEY).await.map_err(session_error)? != Some(today) {
        let signed_in = session.get::<u64>(SIGNED_IN_KEY).await.map_err(session_error)?.unwrap_or(now);
        session.insert(REFRESHED_KEY, today).await.map_err(session_error)?;
        session.set_expiry(Some(expiry(now, signed_in, max_age)));
    }
    Ok(Some(user))
}

/// The user signed in to `session` (also for plain axum handlers, outside Leptos' context; it does not extend
/// the session). A session older than `max_age` (`Config::session_max_age`) is ended here and has no user.
pub async fn user_in(session: &tower_sessions::Session, max_age: Duration) -> AppResult<Option<CurrentUser>> {
    let Some(user) = session.get::<CurrentUser>(USER_KEY).await.map_err(session_error)? else {
        return Ok(None);
    };
    let signed_in = session.get::<u64>(SIGNED_IN_KEY).await.map_err(session_error)?;
    if !within_max_age(signed_in, now_secs(), max_age) {
        tracing::info!(user_id = user.id, "session reached its maximum age: signed out");
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    }
    Ok(Some(user))
}

/// The signed-in user, or [`AppError::Unauthorized`].
pub async fn require_user() -> AppResult<CurrentUser> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// Starts a session for `user`, under a fresh session id (no fixation).
pub async fn sign_in(user: &CurrentUser) -> AppResult<()> {
    let max_age = AppState::get()?.config.session_max_age;
    let session = session().await?;
    session.cycle_id().await.map_err(session_error)?;
    let now = now_secs();
    session.insert(USER_KEY, user).await.map_err(session_error)?;
    session.insert(SIGNED_IN_KEY, now).await.map_err(session_error)?;
    session.insert(REFRESHED_KEY, now / 86_400).await.map_err(session_error)?;
    session.set_expiry(Some(expiry(now, now, max_age)));
    Ok(())
}

/// Ends the current session and deletes its record.
pub async fn sign_out() -> AppResult<()> {
    session().await?.flush().await.map_err(session_error)
}

/// The current session's id as the session table stores it, if it has one yet.
pub async fn current_session_id() -> AppResult<Option<String>> {
    Ok(session().await?.id().map(|id| id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;

    #[test]
    fn a_session_ends_at_its_maximum_age_however_recently_used() {
        let week = Duration::from_secs(7 * DAY);
        assert!(within_max_age(Some(1000), 1000 + 7 * DAY - 1, week));
        assert!(!within_max_age(Some(1000), 1000 + 7 * DAY, week));
        assert!(!within_max_age(None, 1000, week), "a session of unknown age is ended");
    }

    #[test]
    fn the_expiry_is_the_idle_deadline_capped_by_the_maximum_age() {
        let at = |e: Expiry| match e {
            Expiry::AtDateTime(t) => t.unix_timestamp() as u64,
            other => panic!("{other:?}"),
        };
        // Young session: 30 days of idleness allowed. Old one: the maximum age comes first.
        assert_eq!(at(expiry(10 * DAY, 10 * DAY, Duration::from_secs(90 * DAY))), 40 * DAY);
        assert_eq!(at(expiry(10 * DAY, 5 * DAY, Duration::from_secs(14 * DAY))), 19 * DAY);
    }
}
