//! One assistant turn in flight per user, over every replica: a row in `assistant_turns` while it runs.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use todo_domain::AppResult;

use crate::db::DbResult;

/// A turn older than this is taken to have died with its replica, and its row is taken over.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Marks a turn of `user` as running; returns its start (the release key), or `None` while another runs.
pub async fn begin(pool: &PgPool, user: i64) -> AppResult<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "INSERT INTO assistant_turns (user_id, started_at) VALUES ($1, clock_timestamp())
         ON CONFLICT (user_id) DO UPDATE SET started_at = clock_timestamp()
             WHERE assistant_turns.started_at < now() - make_interval(secs => $2)
         RETURNING started_at",
        user,
        STALE_AFTER.as_secs_f64(),
    )
    .fetch_optional(pool)
    .await
    .db()
}

/// Ends the turn of `user` that began at `started` (a newer turn that took a stale row over is left alone).
pub async fn end(pool: &PgPool, user: i64, started: DateTime<Utc>) -> AppResult<()> {
    sqlx::query!("DELETE FROM assistant_turns WHERE user_id = $1 AND started_at = $2", user, started)
        .execute(pool)
        .await
        .db()?;
    Ok(())
}
