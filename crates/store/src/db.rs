//! The PostgreSQL pool, schema migrations and how database errors reach users.

use std::time::Duration;

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use sqlx::postgres::{PgPool, PgPoolOptions};
use todo_domain::{AppError, AppResult};

/// Opens a pool without waiting for the database: `/ready` reports whether it answers.
pub fn connect_lazy(url: &SecretString, max_connections: u32) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy(url.expose_secret())
        .context("DATABASE_URL is not a valid PostgreSQL URL")
}

/// Applies `migrations/`. sqlx takes an advisory lock, so replicas starting together migrate once.
///
/// Migrations the database has but this build does not know are ignored: during a rolling update or a roll-back
/// to an image one migration older, the older replicas start against the newer schema (our migrations only add,
/// so the older code still works on it) instead of crash-looping on sqlx's `VersionMissing`.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    let mut migrator = sqlx::migrate!("../../migrations");
    migrator.set_ignore_missing(true);
    migrator.run(pool).await.context("running database migrations")
}

/// Whether the database answers a trivial query.
pub async fn ping(pool: &PgPool) -> bool {
    sqlx::query_scalar!("SELECT 1 AS one").fetch_one(pool).await.is_ok()
}

/// Applies migrations, waiting up to ~30 s for the database to come up (containers start in any order).
pub async fn migrate_with_retry(pool: &PgPool) -> anyhow::Result<()> {
    let mut delay = Duration::from_millis(250);
    let mut attempt = 1;
    loop {
        match migrate(pool).await {
            Ok(()) => return Ok(()),
            Err(e) if attempt < 8 => {
                tracing::warn!(error = %format!("{e:#}"), attempt, "database not ready, retrying");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(8));
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// A database error as users see it: logged with its details, reported as [`AppError::Internal`].
pub fn db_error(err: sqlx::Error) -> AppError {
    AppError::internal("database error", err)
}

/// `.db()?` on a sqlx result: the repositories' one way to turn a database error into an [`AppError`].
pub(crate) trait DbResult<T> {
    fn db(self) -> AppResult<T>;
}

impl<T> DbResult<T> for Result<T, sqlx::Error> {
    fn db(self) -> AppResult<T> {
        self.map_err(db_error)
    }
}
