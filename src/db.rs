//! The PostgreSQL pool and schema migrations.

use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgPool, PgPoolOptions};

/// Opens a pool without waiting for the database: `/ready` reports whether it answers.
pub fn connect_lazy(url: &str, max_connections: u32) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy(url)
        .context("DATABASE_URL is not a valid PostgreSQL URL")
}

/// Applies `migrations/`. sqlx takes an advisory lock, so replicas starting together migrate once.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::migrate!("./migrations").run(pool).await.context("running database migrations")
}

/// Whether the database answers a trivial query.
pub async fn ping(pool: &PgPool) -> bool {
    sqlx::query("SELECT 1").execute(pool).await.is_ok()
}
