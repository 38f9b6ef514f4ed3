//! Who is signed in to a session: the user entry ([`USER_KEY`]), when it signed in and when its expiry was last
//! pushed forward. The web app's pages and handlers read sessions through these, and so does the benchmark's
//! hand-written task page (`crates/bench-page`), so both pay for the same lookup.
//!
//! A session ends [`SESSION_IDLE_DAYS`] after its last visit, and in any case `max_age` (the web app's
//! `SESSION_MAX_AGE`) after its sign-in: a stolen cookie does not live on for as long as it is used.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::{Expiry, Session};

use todo_domain::user::CurrentUser;
use todo_domain::{AppError, AppResult};

use crate::sessions::{SESSION_IDLE_DAYS, USER_KEY};

/// When the session was signed in (seconds since the epoch).
const SIGNED_IN_KEY: &str = "signed_in_at";
/// The day (since the epoch) the session was last extended.
const REFRESHED_KEY: &str = "refreshed_day";

/// A session store failure, logged; the user sees [`AppError::Unavailable`] when the database could not be
/// reached, else [`AppError::Internal`].
pub fn session_error(err: tower_sessions::session::Error) -> AppError {
    if crate::sessions::is_unavailable(&err) {
        tracing::warn!(error = %err, "session store unavailable");
        return AppError::Unavailable;
    }
    AppError::internal("session store error", err)
}

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

/// The user signed in to `session`, without extending it. A session older than `max_age` is ended here and
/// has no user.
pub async fn user_in(session: &Session, max_age: Duration) -> AppResult<Option<CurrentUser>> {
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

/// The user signed in to `session`, extending the session once a day.
///
/// tower-sessions stores a session (and so pushes its inactivity expiry forward) only when it changes.
/// Touching it once a day keeps active users signed in, at the cost of one write per user per day
/// rather than one per request.
pub async fn current_user(session: &Session, max_age: Duration) -> AppResult<Option<CurrentUser>> {
    let Some(user) = user_in(session, max_age).await? else {
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

/// Signs `user` in to `session`, under a fresh session id (no fixation).
pub async fn sign_in(session: &Session, user: &CurrentUser, max_age: Duration) -> AppResult<()> {
    session.cycle_id().await.map_err(session_error)?;
    let now = now_secs();
    session.insert(USER_KEY, user).await.map_err(session_error)?;
    session.insert(SIGNED_IN_KEY, now).await.map_err(session_error)?;
    session.insert(REFRESHED_KEY, now / 86_400).await.map_err(session_error)?;
    session.set_expiry(Some(expiry(now, now, max_age)));
    Ok(())
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
