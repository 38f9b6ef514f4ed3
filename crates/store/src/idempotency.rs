//! `Idempotency-Key` records: the first request with a key claims it, and its answer is kept for a day, so a retry
//! gets the same answer instead of doing the work again. Keyed by (owner, key): users cannot collide.

use sqlx::PgPool;

use todo_domain::{AppError, AppResult};

use crate::db::DbResult;

/// How long a key's answer is kept.
pub const KEEP: &str = "24 hours";

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: do the work, then [`finish`] (or [`release`] if it failed before changing anything).
    New,
    /// A request with this key already finished: its status and body.
    Done { status: u16, body: String },
}

/// Claims `key` for a request with fingerprint `request_hash`. The same key with another request body is a
/// conflict, and so is a retry while the first request is still running.
pub async fn claim(pool: &PgPool, owner: i64, key: &str, request_hash: &str) -> AppResult<Claim> {
    let mut tx = pool.begin().await.db()?;
    // An expired record does not count: it is replaced.
    sqlx::query(&format!(
        "DELETE FROM idempotency_keys WHERE owner_id = $1 AND key = $2 AND created_at < now() - interval '{KEEP}'"
    ))
    .bind(owner)
    .bind(key)
    .execute(&mut *tx)
    .await
    .db()?;
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (owner_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(owner)
    .bind(key)
    .bind(request_hash)
    .execute(&mut *tx)
    .await
    .db()?
    .rows_affected();
    let claim = if inserted == 1 {
        Claim::New
    } else {
        let (hash, status, body): (String, Option<i16>, Option<String>) = sqlx::query_as(
            "SELECT request_hash, status, body FROM idempotency_keys WHERE owner_id = $1 AND key = $2",
        )
        .bind(owner)
        .bind(key)
        .fetch_one(&mut *tx)
        .await
        .db()?;
        if hash != request_hash {
            return Err(AppError::Conflict {
                field: "Idempotency-Key".into(),
                message: "This Idempotency-Key was already used with a different request.".into(),
            });
        }
        match (status, body) {
            (Some(status), Some(body)) => Claim::Done { status: status as u16, body },
            _ => {
                return Err(AppError::Conflict {
                    field: "Idempotency-Key".into(),
                    message: "A request with this Idempotency-Key is still being processed.".into(),
                })
            }
        }
    };
    tx.commit().await.db()?;
    Ok(claim)
}

/// Stores the answer of the request that claimed `key`.
pub async fn finish(pool: &PgPool, owner: i64, key: &str, status: u16, body: &str) -> AppResult<()> {
    sqlx::query("UPDATE idempotency_keys SET status = $3, body = $4 WHERE owner_id = $1 AND key = $2")
        .bind(owner)
        .bind(key)
        .bind(status as i16)
        .bind(body)
        .execute(pool)
        .await
        .db()?;
    Ok(())
}

/// Forgets a claim whose request failed without changing anything, so the client may retry with the same key.
pub async fn release(pool: &PgPool, owner: i64, key: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM idempotency_keys WHERE owner_id = $1 AND key = $2 AND status IS NULL")
        .bind(owner)
        .bind(key)
        .execute(pool)
        .await
        .db()?;
    Ok(())
}

/// Deletes records older than [`KEEP`] (any replica may; idempotent).
pub async fn delete_expired(pool: &PgPool) -> AppResult<u64> {
    Ok(sqlx::query(&format!("DELETE FROM idempotency_keys WHERE created_at < now() - interval '{KEEP}'"))
        .execute(pool)
        .await
        .db()?
        .rows_affected())
}
