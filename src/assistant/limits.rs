//! Per-user limits on the assistant (one message can cost several LLM calls): one turn in flight per user, over
//! every replica (`todo_store::assistant_turns`), and a per-minute quota (`ASSISTANT_MESSAGES_PER_MINUTE`, counted
//! in the shared throttle table).

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use todo_domain::{AppError, AppResult};
use todo_store::{assistant_turns, throttle};

/// The user's one running turn. Released by [`release`](Self::release), or when dropped (the request was
/// cancelled mid-turn) by a background task.
pub struct TurnSlot {
    pool: PgPool,
    user: i64,
    started: Option<DateTime<Utc>>,
}

impl TurnSlot {
    /// Takes the user's slot, or answers [`AppError::AssistantBusy`] while another of their turns runs.
    pub async fn take(pool: &PgPool, user: i64) -> AppResult<Self> {
        match assistant_turns::begin(pool, user).await? {
            Some(started) => Ok(Self { pool: pool.clone(), user, started: Some(started) }),
            None => Err(AppError::AssistantBusy),
        }
    }

    /// Frees the slot for the user's next message.
    pub async fn release(mut self) {
        if let Some(started) = self.started.take() {
            end(&self.pool, self.user, started).await;
        }
    }
}

impl Drop for TurnSlot {
    fn drop(&mut self) {
        let Some(started) = self.started.take() else { return };
        let (pool, user) = (self.pool.clone(), self.user);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { end(&pool, user, started).await });
        }
    }
}

async fn end(pool: &PgPool, user: i64, started: DateTime<Utc>) {
    if let Err(e) = assistant_turns::end(pool, user, started).await {
        // The row is taken over once stale (assistant_turns::STALE_AFTER).
        tracing::warn!(user_id = user, error = %e, "assistant turn slot not released");
    }
}

/// Counts a message against the user's per-minute quota; past it, [`AppError::TooManyAttempts`] with the
/// seconds until the minute is over.
pub async fn admit(pool: &PgPool, user: i64, per_minute: u32) -> AppResult<()> {
    throttle::admit(pool, &throttle::assistant_key(user), throttle::assistant_quota(per_minute)).await
}
