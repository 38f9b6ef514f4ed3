//! The web app's server-side sessions, stored in Postgres (`sessions` table) by a store of our own.
//!
//! Each row names its user (`user_id`, read from the session's [`USER_KEY`] entry), so all of one user's
//! sessions can be ended at once: a password change ends the others ([`end_user_sessions`] with `keep`), "sign
//! out everywhere" ends them all, and deleting the account deletes them with it (`ON DELETE CASCADE`).
//!
//! [`SessionStore::save`] only updates a row that still exists: a request that loaded a session before it was
//! ended cannot write it back when it finishes. (A session whose row is gone is a new, empty session to
//! tower-sessions, which then calls `create`.) Records are MessagePack, as `tower-sessions-sqlx-store` wrote them,
//! so sessions made before this store existed still load.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use todo_domain::AppResult;

use crate::db::DbResult;

/// The session entry holding the signed-in user (`{"id": …, "email": …}`): its `id` becomes the row's `user_id`.
pub const USER_KEY: &str = "user";

/// The session store over the `sessions` table.
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pool: PgPool,
}

/// The session store over `pool` (table `public.sessions`).
pub fn store(pool: sqlx::PgPool) -> PostgresStore {
    PostgresStore { pool }
}

/// Deletes expired session records once an hour, in the background.
pub fn spawn_cleanup(store: PostgresStore) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!(error = %e, "session cleanup failed");
            }
        }
    });
}

/// Ends every session of `user` except `keep` (the current one, if given): their rows are deleted, so their
/// cookies no longer sign anyone in. Returns how many ended.
pub async fn end_user_sessions(pool: &PgPool, user: i64, keep: Option<&str>) -> AppResult<u64> {
    let done = sqlx::query!(
        "DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR id <> $2)",
        user,
        keep,
    )
    .execute(pool)
    .await
    .db()?;
    Ok(done.rows_affected())
}

/// The signed-in user a record belongs to, if any.
fn user_of(record: &Record) -> Option<i64> {
    record.data.get(USER_KEY)?.get("id")?.as_i64()
}

fn expiry(record: &Record) -> DateTime<Utc> {
    DateTime::from_timestamp(record.expiry_date.unix_timestamp(), record.expiry_date.nanosecond())
        .unwrap_or_else(Utc::now)
}

fn encode(record: &Record) -> session_store::Result<Vec<u8>> {
    rmp_serde::to_vec(record).map_err(|e| session_store::Error::Encode(e.to_string()))
}

/// How a store error says the database was unreachable ([`crate::db::is_unavailable`]): tower-sessions' errors
/// carry only text, so the text starts with this.
const UNAVAILABLE: &str = "database unavailable: ";

fn backend(err: sqlx::Error) -> session_store::Error {
    if crate::db::is_unavailable(&err) {
        session_store::Error::Backend(format!("{UNAVAILABLE}{err}"))
    } else {
        session_store::Error::Backend(err.to_string())
    }
}

/// Whether a session error came from an unreachable database (answered 503, not 500).
pub fn is_unavailable(err: &tower_sessions::session::Error) -> bool {
    matches!(err, tower_sessions::session::Error::Store(session_store::Error::Backend(text)) if text.starts_with(UNAVAILABLE))
}

#[async_trait]
impl SessionStore for PostgresStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            let inserted = sqlx::query_scalar!(
                "INSERT INTO sessions (id, data, expiry_date, user_id) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO NOTHING RETURNING id",
                record.id.to_string(),
                encode(record)?,
                expiry(record),
                user_of(record),
            )
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
            if inserted.is_some() {
                return Ok(());
            }
            // A 128-bit id collided: draw another.
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        // An ended session stays ended: no row, nothing to update.
        sqlx::query!(
            "UPDATE sessions SET data = $2, expiry_date = $3, user_id = $4 WHERE id = $1",
            record.id.to_string(),
            encode(record)?,
            expiry(record),
            user_of(record),
        )
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let data = sqlx::query_scalar!(
            "SELECT data FROM sessions WHERE id = $1 AND expiry_date > now()",
            session_id.to_string(),
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        data.map(|bytes| {
            rmp_serde::from_slice(&bytes).map_err(|e| session_store::Error::Decode(e.to_string()))
        })
        .transpose()
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        sqlx::query!("DELETE FROM sessions WHERE id = $1", session_id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for PostgresStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        sqlx::query!("DELETE FROM sessions WHERE expiry_date < now()")
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use sqlx::postgres::PgPoolOptions;

    use super::*;

    #[tokio::test]
    async fn a_session_read_while_the_database_is_down_is_unavailable() {
        // Nothing listens on port 1: connecting is refused until the acquire timeout.
        let pool = PgPoolOptions::new()
            .acquire_timeout(Duration::from_millis(300))
            .connect_lazy("postgres://postgres@127.0.0.1:1/none")
            .expect("a valid URL");
        let err = store(pool).load(&Id::default()).await.expect_err("no database");
        assert!(is_unavailable(&tower_sessions::session::Error::Store(err)));
        let broken = session_store::Error::Backend("relation \"sessions\" does not exist".into());
        assert!(!is_unavailable(&tower_sessions::session::Error::Store(broken)));
    }
}
