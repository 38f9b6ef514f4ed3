//! The web app's server-side sessions, stored in Postgres (`sessions` table): the store is built here once.

pub use tower_sessions_sqlx_store::PostgresStore;

/// The session store over `pool` (table `public.sessions`).
pub fn store(pool: sqlx::PgPool) -> PostgresStore {
    PostgresStore::new(pool)
        .with_schema_name("public")
        .and_then(|s| s.with_table_name("sessions"))
        .expect("valid session table name")
}

/// Deletes expired session records once an hour, in the background.
pub fn spawn_cleanup(store: PostgresStore) {
    use tower_sessions::ExpiredDeletion;
    tokio::spawn(async move {
        if let Err(e) = store.continuously_delete_expired(tokio::time::Duration::from_secs(3600)).await {
            tracing::warn!(error = %e, "session cleanup stopped");
        }
    });
}
