//! [`past_dry_run`]: what every page's `Suspend` awaits before it loads anything.
//!
//! On the server, Leptos renders a `<Suspense>` whose child is a closure (`move || Suspend::new(…)`) twice: a
//! dry run calls the closure, polls the `Suspend` once and drops it; the real render calls the closure again and
//! awaits the new one. Work begun in that single poll is thrown away half-done, and a query dropped while taking
//! a pooled connection closes that connection, so page views kept opening new ones (4 per 20 views, each a
//! Postgres backend start). Yielding first makes the dry run's poll return before any work starts.

/// Returns on the second poll (server); at once in the browser, which renders no dry run.
pub async fn past_dry_run() {
    #[cfg(feature = "ssr")]
    tokio::task::yield_now().await;
}
