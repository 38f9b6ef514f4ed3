//! Scoped, expiring personal access tokens: what a bearer token may do. The REST API and todo-mcp both ask
//! [`check`], so an expired, revoked or read-only token is treated alike everywhere.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use todo_domain::token::{ApiToken, CreatedToken, TokenName, TokenScope};
use todo_domain::{AppError, AppResult};

use crate::db::DbResult;
use crate::token_secret as secret;

/// What a bearer token turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    /// A live token of `user`, allowed `scope`.
    Valid { user: i64, scope: TokenScope },
    /// A token that was valid but whose expiry has passed.
    Expired,
    /// Not a token of ours, or revoked.
    Unknown,
}

/// Looks `token` up: live, expired or unknown. A live token's `last_used_at` is refreshed (at most once a minute).
pub async fn check(pool: &PgPool, token: &str) -> AppResult<TokenCheck> {
    if !secret::looks_like_pat(token) {
        return Ok(TokenCheck::Unknown);
    }
    let row: Option<(i64, String, bool)> = sqlx::query_as(
        "WITH found AS (
             SELECT id, user_id, scope, last_used_at, (expires_at IS NOT NULL AND expires_at <= now()) AS expired
             FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL
         ), touched AS (
             UPDATE api_tokens SET last_used_at = now()
             WHERE id IN (SELECT id FROM found WHERE NOT expired
                          AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
         )
         SELECT user_id, scope, expired FROM found",
    )
    .bind(secret::hash(token))
    .fetch_optional(pool)
    .await
    .db()?;
    Ok(match row {
        None => TokenCheck::Unknown,
        Some((_, _, true)) => TokenCheck::Expired,
        Some((user, scope, false)) => TokenCheck::Valid { user, scope: TokenScope::parse(&scope)? },
    })
}

/// Creates a token for `user` with `scope`, valid until `expires_at` (forever when `None`); an expiry in the past
/// is refused. The returned secret is not stored anywhere and cannot be shown again.
pub async fn create(
    pool: &PgPool,
    user: i64,
    name: &TokenName,
    scope: TokenScope,
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> AppResult<CreatedToken> {
    if expires_at.is_some_and(|e| e <= now) {
        return Err(AppError::invalid("expires_at", "The expiry must be in the future."));
    }
    let plain = secret::generate()?;
    let (id, created_at): (i64, DateTime<Utc>) = sqlx::query_as(
        "INSERT INTO api_tokens (user_id, name, token_hash, prefix, scope, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at",
    )
    .bind(user)
    .bind(name.as_str())
    .bind(secret::hash(&plain))
    .bind(secret::display_prefix(&plain))
    .bind(scope.as_str())
    .bind(expires_at)
    .fetch_one(pool)
    .await
    .db()?;
    let token = ApiToken {
        id,
        name: name.as_str().to_owned(),
        prefix: secret::display_prefix(&plain),
        created: crate::api_tokens::when(created_at),
        last_used: None,
        scope,
        expires: expires_at.map(crate::api_tokens::when),
        expired: false,
    };
    Ok(CreatedToken { token, secret: plain })
}
