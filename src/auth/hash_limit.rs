//! A bound on concurrent password hashing. Each argon2id run holds a 19 MiB buffer, and log-ins with
//! unknown emails hash too (against a dummy hash), so without a bound a burst of log-ins or sign-ups grows
//! memory without limit (48 parallel log-ins took a replica to 736 MB). At most `running` hashes run at once
//! (≈ cores: more would not finish sooner); at most `queued` more wait, each for a bounded time. Anyone
//! beyond that is told the server is busy (503 with `Retry-After`) instead of piling up.

use std::time::Duration;

use tokio::sync::Semaphore;

use todo_domain::{AppError, AppResult};

/// How many waiting requests each running slot admits.
const QUEUE_PER_SLOT: usize = 4;
/// How long an admitted request waits for a slot before it is told to retry.
const MAX_WAIT: Duration = Duration::from_secs(3);

/// Admission control for argon2 work: memory stays under `running × 19 MiB` for hashing.
#[derive(Debug)]
pub struct HashLimit {
    running: Semaphore,
    admitted: Semaphore,
    slots: usize,
}

impl HashLimit {
    /// At most `slots` hashes at once (0 means one per available core), `slots × 4` more waiting.
    pub fn new(slots: usize) -> Self {
        let slots = if slots == 0 { default_slots() } else { slots };
        Self { running: Semaphore::new(slots), admitted: Semaphore::new(slots * (1 + QUEUE_PER_SLOT)), slots }
    }

    /// How many hashes may run at once.
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// Runs the blocking `work` once a slot is free, or answers [`AppError::Busy`] when the queue is full
    /// or the wait too long. `work` runs on tokio's blocking pool, off the async workers.
    pub async fn run<T, F>(&self, work: F) -> AppResult<T>
    where
        F: FnOnce() -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let Ok(_admitted) = self.admitted.try_acquire() else {
            tracing::warn!("password hashing saturated: request refused");
            return Err(AppError::Busy);
        };
        let Ok(Ok(_slot)) = tokio::time::timeout(MAX_WAIT, self.running.acquire()).await else {
            tracing::warn!("password hashing saturated: waited too long for a slot");
            return Err(AppError::Busy);
        };
        // The permit is held until the blocking work has finished: it bounds the live 19 MiB buffers.
        tokio::task::spawn_blocking(work).await.map_err(|e| AppError::internal("hashing task", e))?
    }
}

impl Default for HashLimit {
    fn default() -> Self {
        Self::new(0)
    }
}

/// One slot per core the process may use (cgroup CPU quotas included).
fn default_slots() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    /// Work that records how many copies of itself run at once.
    fn tracked(now: &Arc<AtomicUsize>, peak: &Arc<AtomicUsize>) -> impl FnOnce() -> AppResult<()> {
        let (now, peak) = (now.clone(), peak.clone());
        move || {
            let running = now.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(running, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(200));
            now.fetch_sub(1, Ordering::SeqCst);
            Ok(())
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn never_runs_more_than_its_slots_and_refuses_the_overflow() {
        let limit = Arc::new(HashLimit::new(2));
        let (now, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let calls: Vec<_> = (0..40)
            .map(|_| {
                let (limit, work) = (limit.clone(), tracked(&now, &peak));
                tokio::spawn(async move { limit.run(work).await })
            })
            .collect();
        let mut done = 0;
        let mut busy = 0;
        for call in calls {
            match call.await.unwrap() {
                Ok(()) => done += 1,
                Err(AppError::Busy) => busy += 1,
                Err(other) => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(peak.load(Ordering::SeqCst), 2, "at most two hashes at once");
        // 2 running + 8 queued are admitted; the other 30 are refused at once.
        assert_eq!((done, busy), (10, 30));
    }

    #[tokio::test]
    async fn frees_its_slots_after_each_run() {
        let limit = HashLimit::new(1);
        for _ in 0..20 {
            limit.run(|| Ok(())).await.unwrap();
        }
        assert_eq!(limit.slots(), 1);
    }
}
