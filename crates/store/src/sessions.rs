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
//!
//! Loads are served from a short-lived in-process cache ([`crate::session_cache`]) when its `LISTEN`/`NOTIFY`
//! listener is in place: a session ended or changed on any replica is dropped from every replica's cache as
//! soon as Postgres tells them, and with no listener nothing is cached.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tower_sessions::cookie::{time, SameSite};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};

use todo_domain::AppResult;

use crate::db::DbResult;
use crate::session_cache::{self, SessionCache};

/// The session entry holding the signed-in user (`{"id": …, "email": …}`): its `id` becomes the row's `user_id`.
pub const USER_KEY: &str = "user";

/// The session store over the `sessions` table, with its cache (clones share it).
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pool: PgPool,
    cache: Arc<SessionCache>,
}

/// The session store over `pool` (table `public.sessions`). Its cache stays off until
/// [`PostgresStore::spawn_cache_listener`] has its `LISTEN` in place.
pub fn store(pool: sqlx::PgPool) -> PostgresStore {
    PostgresStore { pool, cache: Arc::default() }
}

impl PostgresStore {
    /// Starts the listener that keeps the cache correct (and turns it on once it listens).
    pub fn spawn_cache_listener(&self) {
        session_cache::spawn_listener(self.pool.clone(), self.cache.clone());
    }

    /// Whether loads may be served from the cache now.
    pub fn cache_enabled(&self) -> bool {
        self.cache.is_enabled()
    }

    /// Ends every session of `user` except `keep` (the current one, if given): their rows are deleted, so their
    /// cookies no longer sign anyone in, here at once and on other replicas when Postgres notifies them. Returns
    /// how many ended.
    pub async fn end_user_sessions(&self, user: i64, keep: Option<&str>) -> AppResult<u64> {
        let ended = end_user_sessions(&self.pool, user, keep).await;
        self.cache.evict_user(user, keep);
        ended
    }

    /// Forgets the cached sessions of `user`, whose rows were deleted with the account.
    pub fn forget_user(&self, user: i64) {
        self.cache.evict_user(user, None);
    }
}

/// Sessions end after this many days without a visit.
pub const SESSION_IDLE_DAYS: i64 = 30;

/// The session cookie's name. Over HTTPS it takes the `__Host-` prefix, which browsers accept only with
/// `Secure`, `Path=/` and no `Domain`: a sibling subdomain cannot plant or overwrite it.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-todo_session"
    } else {
        "todo_session"
    }
}

/// The session layer of the web app (and of the benchmark's hand-written page, which must look sessions up
/// the same way): `HttpOnly`, `SameSite=Lax`, `Secure` over HTTPS, ending after [`SESSION_IDLE_DAYS`] idle.
pub fn layer(store: PostgresStore, secure: bool) -> SessionManagerLayer<PostgresStore> {
    SessionManagerLayer::new(store)
        .with_name(cookie_name(secure))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(SESSION_IDLE_DAYS)))
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

/// Deletes every session of `user` except `keep` (see [`PostgresStore::end_user_sessions`], which also updates
/// this process's cache at once). Returns how many ended.
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
        let id = record.id.to_string();
        // An ended session stays ended: no row, nothing to update.
        let saved = sqlx::query!(
            "UPDATE sessions SET data = $2, expiry_date = $3, user_id = $4 WHERE id = $1",
            &id,
            encode(record)?,
            expiry(record),
            user_of(record),
        )
        .execute(&self.pool)
        .await;
        // Whatever happened, the cached copy is out of date (the trigger tells the other replicas).
        self.cache.evict(&id);
        saved.map_err(backend)?;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let id = session_id.to_string();
        if let Some(record) = self.cache.get(&id) {
            return Ok(Some(record));
        }
        let generation = self.cache.generation();
        let data =
            sqlx::query_scalar!("SELECT data FROM sessions WHERE id = $1 AND expiry_date > now()", &id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        let Some(bytes) = data else { return Ok(None) };
        let record: Record =
            rmp_serde::from_slice(&bytes).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        self.cache.put(generation, &record, user_of(&record));
        Ok(Some(record))
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        let id = session_id.to_string();
        let deleted = sqlx::query!("DELETE FROM sessions WHERE id = $1", &id).execute(&self.pool).await;
        self.cache.evict(&id);
        deleted.map_err(backend)?;
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
