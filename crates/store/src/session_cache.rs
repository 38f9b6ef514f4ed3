//! A short-lived, in-process cache of session records in front of the `sessions` table, kept correct across
//! replicas by Postgres `LISTEN`/`NOTIFY`.
//!
//! Every change to a session row (an update, a delete — log-out, "sign out everywhere", a password change, an
//! account deletion's cascade, the hourly expiry sweep) makes Postgres send the row's id on [`CHANNEL`] (the
//! `sessions_notify` trigger, migrations/). Each replica listens on its own connection ([`spawn_listener`]) and
//! drops that id from its cache, so a session ended on one replica is refused by all of them a few
//! milliseconds after the commit.
//!
//! Correctness never depends on the listener:
//! - the cache serves nothing until the listener's `LISTEN` is in place, and nothing again as soon as its
//!   connection is lost or stops answering (a ping on that connection every [`PING_EVERY`] of silence, with a
//!   [`PING_TIMEOUT`]): it is emptied and disabled until a new `LISTEN` is in place;
//! - a record read from the table is kept only if no notification (and no local change) arrived while it was
//!   being read ([`SessionCache::generation`]): a read that raced with a log-out cannot put the ended session
//!   back;
//! - entries live at most [`TIME_TO_LIVE`] and never past the record's own expiry.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use moka::sync::Cache;
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::Record;

/// The notification channel the `sessions_notify` trigger sends session ids on.
pub const CHANNEL: &str = "todo_sessions";
/// How long an entry may be served without being read again from the table.
pub const TIME_TO_LIVE: Duration = Duration::from_secs(60);
/// At most this many sessions are cached (a record is a few hundred bytes).
const CAPACITY: u64 = 4096;
/// With no notification for this long, the listener's connection is pinged.
pub const PING_EVERY: Duration = Duration::from_millis(500);
/// A ping that takes longer than this counts as a lost connection.
pub const PING_TIMEOUT: Duration = Duration::from_millis(500);
/// The ping, recognisable in `pg_stat_activity` (the tests look for it).
pub const PING_SQL: &str = "SELECT 'todo_sessions listener ping'";

#[derive(Clone)]
struct Entry {
    record: Record,
    user: Option<i64>,
}

/// The cache of one process (shared by its session store's clones).
pub struct SessionCache {
    entries: Cache<String, Entry>,
    /// Serving from the cache is allowed (the listener's `LISTEN` is in place).
    enabled: AtomicBool,
    /// Bumped on every eviction: a read of the table that saw it change is not cached.
    generation: AtomicU64,
}

impl std::fmt::Debug for SessionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionCache")
            .field("entries", &self.entries.entry_count())
            .field("enabled", &self.enabled.load(Ordering::SeqCst))
            .finish()
    }
}

impl Default for SessionCache {
    fn default() -> Self {
        Self {
            entries: Cache::builder()
                .max_capacity(CAPACITY)
                .time_to_live(TIME_TO_LIVE)
                .support_invalidation_closures()
                .build(),
            enabled: AtomicBool::new(false),
            generation: AtomicU64::new(0),
        }
    }
}

impl SessionCache {
    /// The cached record of `id`, if caching is on and it has not expired.
    pub fn get(&self, id: &str) -> Option<Record> {
        if !self.enabled.load(Ordering::SeqCst) {
            return None;
        }
        let entry = self.entries.get(id)?;
        (entry.record.expiry_date > OffsetDateTime::now_utc()).then_some(entry.record)
    }

    /// The generation to pass to [`Self::put`] for a read of the table that starts now.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Caches `record` (read from the table), unless something was evicted since `generation` was taken or
    /// caching is off.
    pub fn put(&self, generation: u64, record: &Record, user: Option<i64>) {
        if !self.enabled.load(Ordering::SeqCst) {
            return;
        }
        self.entries.insert(record.id.to_string(), Entry { record: record.clone(), user });
        // An eviction that came in meanwhile may have missed the insert: undo it. (Checked after the insert,
        // so either the eviction sees the entry or this sees the eviction.)
        if self.generation() != generation {
            self.entries.invalidate(&record.id.to_string());
        }
    }

    /// Forgets `id` (changed or ended).
    pub fn evict(&self, id: &str) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.entries.invalidate(id);
    }

    /// Forgets every session of `user` except `keep`.
    pub fn evict_user(&self, user: i64, keep: Option<&str>) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let keep = keep.map(str::to_owned);
        // Only fails if invalidation closures were not enabled in the builder, which they are.
        let _ = self.entries.invalidate_entries_if(move |id, entry| {
            entry.user == Some(user) && keep.as_deref() != Some(id.as_str())
        });
    }

    /// Turns caching on (the listener is in place) or off (it is not); either way starts empty.
    fn set_enabled(&self, on: bool) {
        self.enabled.store(false, Ordering::SeqCst);
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.entries.invalidate_all();
        if on {
            self.enabled.store(true, Ordering::SeqCst);
        }
    }

    /// Whether the cache may serve records now (for tests and logs).
    pub fn is_enabled(&self) -> bool {
        self.enabled.load(Ordering::SeqCst)
    }
}

/// Runs the listener that keeps `cache` correct, for as long as the process runs: `LISTEN` on [`CHANNEL`],
/// evict what is notified, ping the connection when quiet; on any failure turn caching off, then reconnect
/// and start again with an empty cache.
pub fn spawn_listener(pool: PgPool, cache: Arc<SessionCache>) {
    tokio::spawn(async move {
        let mut retry = Duration::from_millis(100);
        loop {
            match listen(&pool, &cache).await {
                // Was in place, then lost: try again at once.
                Ok(()) => retry = Duration::from_millis(100),
                Err(e) => {
                    tracing::warn!(error = %e, "session cache listener: cannot listen; caching off");
                    tokio::time::sleep(retry).await;
                    retry = (retry * 2).min(Duration::from_secs(5));
                }
            }
            if pool.is_closed() {
                return;
            }
        }
    });
}

/// One listening connection: returns `Ok` when it was in place and then lost, `Err` if it never was.
async fn listen(pool: &PgPool, cache: &SessionCache) -> Result<(), sqlx::Error> {
    cache.set_enabled(false);
    let mut listener = PgListener::connect_with(pool).await?;
    // A lost connection ends this listener (and caching) instead of being re-established behind our back,
    // when notifications may have been missed.
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    cache.set_enabled(true);
    tracing::debug!("session cache listener in place: caching on");
    let reason = loop {
        match tokio::time::timeout(PING_EVERY, listener.try_recv()).await {
            Ok(Ok(Some(notification))) => cache.evict(notification.payload()),
            Ok(Ok(None)) => break "connection lost".to_owned(),
            Ok(Err(e)) => break e.to_string(),
            // Quiet: make sure the connection (and so the LISTEN) is still there. Notifications that arrive
            // meanwhile are buffered and returned by the next `try_recv`.
            Err(_) => {
                match tokio::time::timeout(PING_TIMEOUT, sqlx::query(PING_SQL).execute(&mut listener)).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => break e.to_string(),
                    Err(_) => break "ping timed out".to_owned(),
                }
            }
        }
    };
    cache.set_enabled(false);
    tracing::warn!(reason, "session cache listener lost; caching off until it listens again");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_sessions::cookie::time::Duration as TimeDuration;
    use tower_sessions::session::Id;

    fn record(minutes: i64) -> Record {
        Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: OffsetDateTime::now_utc() + TimeDuration::minutes(minutes),
        }
    }

    fn enabled() -> SessionCache {
        let cache = SessionCache::default();
        cache.set_enabled(true);
        cache
    }

    #[test]
    fn nothing_is_cached_or_served_while_the_listener_is_not_in_place() {
        let cache = SessionCache::default();
        let r = record(10);
        cache.put(cache.generation(), &r, Some(1));
        assert_eq!(cache.get(&r.id.to_string()), None);
        cache.set_enabled(true);
        cache.put(cache.generation(), &r, Some(1));
        assert_eq!(cache.get(&r.id.to_string()), Some(r.clone()));
        // The listener is lost: the cache is emptied and serves nothing, even once it is back.
        cache.set_enabled(false);
        assert_eq!(cache.get(&r.id.to_string()), None);
        cache.set_enabled(true);
        assert_eq!(cache.get(&r.id.to_string()), None);
    }

    #[test]
    fn a_read_that_raced_with_an_eviction_is_not_kept() {
        let cache = enabled();
        let r = record(10);
        let before = cache.generation();
        cache.evict(&r.id.to_string()); // the notification arrives while the row is being read
        cache.put(before, &r, Some(1));
        assert_eq!(cache.get(&r.id.to_string()), None);
    }

    #[test]
    fn evictions_by_id_and_by_user() {
        let cache = enabled();
        let (a, b, c) = (record(10), record(10), record(10));
        for (r, user) in [(&a, 1), (&b, 1), (&c, 2)] {
            cache.put(cache.generation(), r, Some(user));
        }
        cache.evict_user(1, Some(&b.id.to_string()));
        assert_eq!(cache.get(&a.id.to_string()), None);
        assert_eq!(cache.get(&b.id.to_string()), Some(b.clone()), "the kept session stays");
        assert_eq!(cache.get(&c.id.to_string()), Some(c.clone()), "another user's stays");
        cache.evict(&c.id.to_string());
        assert_eq!(cache.get(&c.id.to_string()), None);
    }

    #[test]
    fn an_expired_record_is_not_served() {
        let cache = enabled();
        let r = record(-1);
        cache.put(cache.generation(), &r, None);
        assert_eq!(cache.get(&r.id.to_string()), None);
    }
}
