//! SQL for accounts.

use sqlx::PgPool;

use todo_domain::due::{parse_zone, Tz};
use todo_domain::user::Email;
use todo_domain::{AppError, AppResult};

use crate::db::DbResult;

/// Creates an account; an email already registered (in any letter case) is a `Conflict` on `email`.
pub async fn create_user(pool: &PgPool, email: &Email, password_hash: &str) -> AppResult<i64> {
    sqlx::query_scalar!(
        "INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id",
        email.as_str(),
        password_hash,
    )
    .fetch_one(pool)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("users_email_key") => {
            AppError::Conflict { field: "email".into(), message: todo_domain::user::EMAIL_TAKEN.into() }
        }
        _ => crate::db::db_error(e),
    })
}

/// An account's id and password hash, as [`find_credentials`] finds them.
#[derive(Debug)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
}

/// The id and password hash of the account with this email, if any.
pub async fn find_credentials(pool: &PgPool, email: &Email) -> AppResult<Option<Credentials>> {
    sqlx::query_as!(
        Credentials,
        "SELECT id, password_hash FROM users WHERE lower(email) = $1",
        email.as_str()
    )
    .fetch_optional(pool)
    .await
    .db()
}

/// The user's IANA time zone ("today", quick-add dates and the views are computed in it).
pub async fn time_zone(pool: &PgPool, user: i64) -> AppResult<Tz> {
    let name: String = sqlx::query_scalar!("SELECT time_zone FROM users WHERE id = $1", user)
        .fetch_optional(pool)
        .await
        .db()?
        .ok_or(AppError::Unauthorized)?;
    stored_zone(&name)
}

/// A time zone as `users.time_zone` holds it; a name the domain refuses (never written by this code) is an
/// internal error.
pub(crate) fn stored_zone(name: &str) -> AppResult<Tz> {
    parse_zone(name).map_err(|e| AppError::internal("invalid stored time zone", e))
}

/// Sets the user's time zone from an IANA name (`Europe/Berlin`); returns the name as stored.
pub async fn set_time_zone(pool: &PgPool, user: i64, name: &str) -> AppResult<Tz> {
    let zone = parse_zone(name).map_err(|e| AppError::invalid("time_zone", e.message()))?;
    sqlx::query!("UPDATE users SET time_zone = $2 WHERE id = $1", user, zone.name())
        .execute(pool)
        .await
        .db()?;
    Ok(zone)
}

/// The email and password hash of a signed-in user's account (`Unauthorized` once it is gone).
pub async fn own_credentials(pool: &PgPool, user: i64) -> AppResult<(String, String)> {
    let row = sqlx::query!("SELECT email, password_hash FROM users WHERE id = $1", user)
        .fetch_optional(pool)
        .await
        .db()?
        .ok_or(AppError::Unauthorized)?;
    Ok((row.email, row.password_hash))
}

/// Replaces the user's password hash and revokes every live personal access token of theirs, in one transaction:
/// someone changing a password because it leaked expects what was made with it to stop working too. Returns how
/// many tokens were revoked. (Sessions are ended by the caller, which knows the one to keep.)
pub async fn change_password(pool: &PgPool, user: i64, password_hash: &str) -> AppResult<u64> {
    let mut tx = pool.begin().await.db()?;
    sqlx::query!("UPDATE users SET password_hash = $2 WHERE id = $1", user, password_hash)
        .execute(&mut *tx)
        .await
        .db()?;
    let revoked = sqlx::query!(
        "UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
        user
    )
    .execute(&mut *tx)
    .await
    .db()?
    .rows_affected();
    tx.commit().await.db()?;
    Ok(revoked)
}

/// Deletes the account and every row it owns, in one transaction: its tasks (and their tags), tags, tokens,
/// sessions, conversations and messages, Idempotency-Key answers, import draft and assistant turn go with it (`ON DELETE
/// CASCADE` in migrations/); the throttle counts keyed to it (its email's failed log-ins, its assistant quota)
/// are deleted here, as they name it only through a key.
pub async fn delete_account(pool: &PgPool, user: i64, email: &str) -> AppResult<()> {
    let keys = [crate::throttle::account_key(email), crate::throttle::assistant_key(user)];
    let mut tx = pool.begin().await.db()?;
    sqlx::query!("DELETE FROM auth_throttle WHERE key = ANY($1)", &keys[..]).execute(&mut *tx).await.db()?;
    let deleted = sqlx::query!("DELETE FROM users WHERE id = $1", user).execute(&mut *tx).await.db()?;
    if deleted.rows_affected() == 0 {
        return Err(AppError::Unauthorized);
    }
    tx.commit().await.db()?;
    Ok(())
}
