//! Throttling of log-ins and sign-ups, kept in Postgres so every replica sees the same counts.
//!
//! A key (an account, a client address) may fail `free` times in a window; each failure after that makes
//! it wait twice as long as the one before (1 s, 2 s, 4 s, … up to `max_wait`), and any attempt while it
//! waits is refused with [`AppError::TooManyAttempts`] (429 with `Retry-After`) before any password is
//! hashed. A successful log-in clears its account's count. Sign-ups count every attempt per address.

use std::time::Duration;

use sha2::{Digest, Sha256};
use sqlx::PgPool;
use todo_domain::{AppError, AppResult};

use crate::db::DbResult;

/// How many failures a key gets for free in one window, and how long the window and the longest wait are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Failures allowed in a window before waits begin.
    pub free: u32,
    /// The counting window: a key's count starts over once its window is this old.
    pub window: Duration,
    /// The longest single wait.
    pub max_wait: Duration,
    /// How the wait grows once past `free`.
    pub backoff: Backoff,
}

/// How long a key waits once it is past its free attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backoff {
    /// 1 s, 2 s, 4 s, … per further failure, up to `max_wait`: guessing slows down exponentially.
    Doubling,
    /// Until the window ends: a quota (e.g. sign-ups per hour).
    UntilWindowEnds,
}

/// Per account: 5 wrong passwords in 15 minutes, then waits doubling up to 15 minutes. An attacker can only
/// slow a victim's log-ins this way, never lock the account for good.
pub const ACCOUNT: Policy = Policy {
    free: 5,
    window: Duration::from_secs(15 * 60),
    max_wait: Duration::from_secs(15 * 60),
    backoff: Backoff::Doubling,
};
/// Per client address: 20 failed log-ins in 15 minutes (over any accounts), then doubling waits.
pub const LOGIN_IP: Policy = Policy {
    free: 20,
    window: Duration::from_secs(15 * 60),
    max_wait: Duration::from_secs(15 * 60),
    backoff: Backoff::Doubling,
};

/// The sign-up policy: `per_hour` sign-ups per client address, then wait for the hour to pass.
pub fn signup_ip(per_hour: u32) -> Policy {
    Policy {
        free: per_hour,
        window: Duration::from_secs(3600),
        max_wait: Duration::from_secs(3600),
        backoff: Backoff::UntilWindowEnds,
    }
}

/// The throttle key of an account: a hash, so the table (and logs that print it) never hold an email.
pub fn account_key(email: &str) -> String {
    format!("account:{}", account_id_hash(email))
}

/// The throttle key of a user's assistant quota (messages per minute).
pub fn assistant_key(user: i64) -> String {
    format!("assistant:{user}")
}

/// The assistant's quota: `per_minute` messages per user, then wait for the minute to pass.
pub fn assistant_quota(per_minute: u32) -> Policy {
    Policy {
        free: per_minute,
        window: Duration::from_secs(60),
        max_wait: Duration::from_secs(60),
        backoff: Backoff::UntilWindowEnds,
    }
}

/// A short, stable hash of an email for log lines ("which account is being guessed"), not reversible.
pub fn account_id_hash(email: &str) -> String {
    let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Refuses with [`AppError::TooManyAttempts`] when any of `keys` must still wait.
pub async fn check(pool: &PgPool, keys: &[String]) -> AppResult<()> {
    let wait: Option<f64> = sqlx::query_scalar!(
        "SELECT ceil(extract(epoch FROM max(locked_until) - now()))::float8 FROM auth_throttle
         WHERE key = ANY($1) AND locked_until > now()",
        keys,
    )
    .fetch_one(pool)
    .await
    .db()?;
    match wait {
        Some(secs) if secs > 0.0 => Err(AppError::TooManyAttempts { retry_after_secs: secs as u32 }),
        _ => Ok(()),
    }
}

/// Counts one failure (or attempt) for `key` under `policy`; returns the count in the current window. Past
/// `policy.free`, the key must wait before its next attempt.
pub async fn record(pool: &PgPool, key: &str, policy: Policy) -> AppResult<u32> {
    let window_secs = policy.window.as_secs_f64();
    let failures: i32 = sqlx::query_scalar!(
        "INSERT INTO auth_throttle (key, failures, window_start) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN auth_throttle.window_start < now() - make_interval(secs => $2)
                             THEN 1 ELSE auth_throttle.failures + 1 END,
             window_start = CASE WHEN auth_throttle.window_start < now() - make_interval(secs => $2)
                                 THEN now() ELSE auth_throttle.window_start END,
             locked_until = CASE WHEN auth_throttle.window_start < now() - make_interval(secs => $2)
                                 THEN NULL ELSE auth_throttle.locked_until END
         RETURNING failures",
        key,
        window_secs,
    )
    .fetch_one(pool)
    .await
    .db()?;
    let failures = failures.max(0) as u32;
    if let Some(wait) = wait_after(failures, policy) {
        // Doubling: from now. A quota: until the window that counted these attempts ends.
        let wait_secs = match policy.backoff {
            Backoff::Doubling => wait.as_secs_f64(),
            Backoff::UntilWindowEnds => window_secs,
        };
        let from_window_start = policy.backoff == Backoff::UntilWindowEnds;
        sqlx::query!(
            "UPDATE auth_throttle
             SET locked_until = CASE WHEN $3 THEN window_start ELSE now() END + make_interval(secs => $2)
             WHERE key = $1",
            key,
            wait_secs,
            from_window_start,
        )
        .execute(pool)
        .await
        .db()?;
    }
    Ok(failures)
}

/// Counts an attempt against a quota (e.g. sign-ups per address and hour) and refuses it, with the time
/// until the window ends, when it is past `policy.free`.
pub async fn admit(pool: &PgPool, key: &str, policy: Policy) -> AppResult<()> {
    check(pool, &[key.to_owned()]).await?;
    if record(pool, key, policy).await? > policy.free {
        return check(pool, &[key.to_owned()]).await;
    }
    Ok(())
}

/// Forgets `key`'s failures (after a successful log-in).
pub async fn clear(pool: &PgPool, key: &str) -> AppResult<()> {
    sqlx::query!("DELETE FROM auth_throttle WHERE key = $1", key).execute(pool).await.db()?;
    Ok(())
}

/// Deletes counts whose window ended more than a day ago and that no longer make anyone wait.
pub async fn delete_expired(pool: &PgPool) -> AppResult<u64> {
    let done = sqlx::query!(
        "DELETE FROM auth_throttle WHERE window_start < now() - interval '1 day'
         AND (locked_until IS NULL OR locked_until < now())",
    )
    .execute(pool)
    .await
    .db()?;
    Ok(done.rows_affected())
}

/// How long a key with `failures` in its window must wait, if at all: doubling from 1 s once past `free`
/// (capped at `max_wait`). [`Backoff::UntilWindowEnds`] waits for the window's end instead (set in SQL).
pub fn wait_after(failures: u32, policy: Policy) -> Option<Duration> {
    let over = failures.checked_sub(policy.free).filter(|&n| n > 0)?;
    let secs = 1u64.checked_shl(over - 1).unwrap_or(u64::MAX);
    Some(Duration::from_secs(secs).min(policy.max_wait))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_past_the_free_failures_and_are_capped() {
        let waits: Vec<_> = (4..=8).map(|n| wait_after(n, ACCOUNT).map(|d| d.as_secs())).collect();
        assert_eq!(waits, [None, None, Some(1), Some(2), Some(4)]);
        assert_eq!(wait_after(200, ACCOUNT), Some(ACCOUNT.max_wait));
        assert_eq!(wait_after(0, ACCOUNT), None);
    }

    #[test]
    fn account_keys_hide_the_email_and_ignore_case() {
        let key = account_key("Ada@Example.com");
        assert_eq!(key, account_key(" ada@example.com"));
        assert!(!key.contains("ada") && key.starts_with("account:"), "{key}");
    }
}
