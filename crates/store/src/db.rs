//! The PostgreSQL pool, schema migrations and how database errors reach users.

use std::time::Duration;

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use sqlx::postgres::{PgPool, PgPoolOptions};
use todo_domain::{AppError, AppResult};

/// How long a query waits for a connection (the pool full, or the database down or restarting) before it fails
/// with [`AppError::Unavailable`]: the longest a request takes to answer 503 while the database is away.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens a pool without waiting for the database: `/ready` reports whether it answers. Connections are checked
/// before use (sqlx's default), so after a database restart the dead ones are replaced without a restart here.
pub fn connect_lazy(url: &SecretString, max_connections: u32) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .test_before_acquire(true)
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

/// A database error as users see it: logged with its details, reported as [`AppError::Unavailable`] (503) when
/// the database cannot be reached ([`is_unavailable`]), else as [`AppError::Internal`] (500).
pub fn db_error(err: sqlx::Error) -> AppError {
    if is_unavailable(&err) {
        tracing::warn!(error = %err, "database unavailable");
        return AppError::Unavailable;
    }
    AppError::internal("database error", err)
}

/// SQLSTATEs that mean the server is going away or not taking connections, not that the statement was wrong:
/// `admin_shutdown` (a fast or smart stop), `crash_shutdown`, `cannot_connect_now` (starting up or shutting
/// down), `too_many_connections`. Class 08 (connection exceptions) is matched by prefix.
const UNAVAILABLE_CODES: [&str; 4] = ["57P01", "57P02", "57P03", "53300"];

/// Whether `err` says the database is unreachable (down, restarting, out of connections, the pool gave up
/// waiting) rather than that a query failed: retrying later may succeed, and nothing is wrong with the request.
pub fn is_unavailable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(e) => {
            e.code().is_some_and(|code| code.starts_with("08") || UNAVAILABLE_CODES.contains(&code.as_ref()))
        }
        _ => false,
    }
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

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::error::Error as StdError;
    use std::fmt;

    use sqlx::error::{DatabaseError, ErrorKind};

    use super::*;

    /// A server error with only a SQLSTATE, as Postgres sends them.
    #[derive(Debug)]
    struct ServerError(&'static str);

    impl fmt::Display for ServerError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "server error {}", self.0)
        }
    }

    impl StdError for ServerError {}

    impl DatabaseError for ServerError {
        fn message(&self) -> &str {
            "server error"
        }
        fn code(&self) -> Option<Cow<'_, str>> {
            Some(Cow::Borrowed(self.0))
        }
        fn as_error(&self) -> &(dyn StdError + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn StdError + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn StdError + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> ErrorKind {
            ErrorKind::Other
        }
    }

    fn server(code: &'static str) -> sqlx::Error {
        sqlx::Error::Database(Box::new(ServerError(code)))
    }

    #[test]
    fn an_unreachable_database_is_unavailable() {
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let reset = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        for err in [
            sqlx::Error::PoolTimedOut,
            sqlx::Error::PoolClosed,
            sqlx::Error::Io(refused),
            sqlx::Error::Io(reset),
            server("57P01"),
            server("57P03"),
            server("08006"),
            server("53300"),
        ] {
            let shown = err.to_string();
            assert_eq!(db_error(err), AppError::Unavailable, "{shown}");
        }
    }

    #[test]
    fn a_failed_statement_is_internal() {
        for err in [server("23505"), server("42P01"), server("40001"), sqlx::Error::RowNotFound] {
            let shown = err.to_string();
            assert_eq!(db_error(err), AppError::Internal, "{shown}");
        }
    }

    /// A pool whose server is down answers within its acquire timeout, as unavailable, not as an internal error.
    #[tokio::test]
    async fn a_pool_with_no_server_fails_fast_as_unavailable() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port());
        let url = format!("postgres://postgres@127.0.0.1:{}/none", port.expect("a free port"));
        let pool = PgPoolOptions::new()
            .acquire_timeout(Duration::from_millis(500))
            .connect_lazy(&url)
            .expect("a valid URL");
        let started = std::time::Instant::now();
        let err = sqlx::query("SELECT 1").execute(&pool).await.expect_err("nothing listens");
        assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
        assert_eq!(db_error(err), AppError::Unavailable);
    }
}
