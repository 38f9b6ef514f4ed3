//! SQL for personal access tokens. Listing and revoking filter by `user_id`: another user's token is
//! indistinguishable from one that does not exist.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use todo_domain::{AppError, AppResult};

use crate::db::DbResult;
use crate::token_secret as secret;
use todo_domain::token::{ApiToken, CreatedToken, TokenName, TokenScope};

/// `last_used_at` is refreshed at most this often (seconds), so busy clients do not write on every request.
const TOUCH_EVERY_SECS: f64 = 60.0;

struct Row {
    id: i64,
    name: String,
    prefix: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    scope: String,
    expires_at: Option<DateTime<Utc>>,
    expired: bool,
}

/// A moment as the token table shows it.
pub(crate) fn when(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

impl From<Row> for ApiToken {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            name: r.name,
            prefix: r.prefix,
            created: when(r.created_at),
            last_used: r.last_used_at.map(when),
            // The column's CHECK allows only `read` and `write`.
            scope: TokenScope::parse(&r.scope).unwrap_or_default(),
            expires: r.expires_at.map(when),
            expired: r.expired,
        }
    }
}

/// Creates a token for `user`; the returned secret is not stored anywhere and cannot be shown again.
pub async fn create(pool: &PgPool, user: i64, name: &TokenName) -> AppResult<CreatedToken> {
    let plain = secret::generate()?;
    let row = sqlx::query_as!(
        Row,
        r#"INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4)
         RETURNING id, name, prefix, created_at AS "created_at: DateTime<Utc>",
                   last_used_at AS "last_used_at: DateTime<Utc>", scope,
                   expires_at AS "expires_at: DateTime<Utc>", false AS "expired!""#,
        user,
        name.as_str(),
        secret::hash(&plain),
        secret::display_prefix(&plain),
    )
    .fetch_one(pool)
    .await
    .db()?;
    Ok(CreatedToken { token: row.into(), secret: plain })
}

/// The user's live (not revoked) tokens, newest first; expired ones are listed with their expiry.
pub async fn list(pool: &PgPool, user: i64) -> AppResult<Vec<ApiToken>> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT id, name, prefix, created_at AS "created_at: DateTime<Utc>",
                  last_used_at AS "last_used_at: DateTime<Utc>", scope,
                  expires_at AS "expires_at: DateTime<Utc>",
                  (expires_at IS NOT NULL AND expires_at <= now()) AS "expired!"
         FROM api_tokens
         WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id DESC"#,
        user,
    )
    .fetch_all(pool)
    .await
    .db()?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Revokes one of the user's tokens; it stops working at once.
pub async fn revoke(pool: &PgPool, user: i64, id: i64) -> AppResult<()> {
    let done = sqlx::query!(
        "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
        id,
        user,
    )
    .execute(pool)
    .await
    .db()?
    .rows_affected();
    if done == 0 {
        return Err(AppError::NotFound("Token".into()));
    }
    Ok(())
}

/// The owner of a live token, noting that it was used; `None` for an unknown or revoked token.
pub async fn authenticate(pool: &PgPool, token: &str) -> AppResult<Option<i64>> {
    if !secret::looks_like_pat(token) {
        return Ok(None);
    }
    sqlx::query_scalar!(
        r#"WITH found AS (
             SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL
         ), touched AS (
             UPDATE api_tokens SET last_used_at = now()
             WHERE id IN (SELECT id FROM found
                          WHERE last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))
         )
         SELECT user_id AS "user_id!" FROM found"#,
        secret::hash(token),
        TOUCH_EVERY_SECS,
    )
    .fetch_optional(pool)
    .await
    .db()
}
