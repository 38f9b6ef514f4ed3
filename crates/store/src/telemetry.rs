//! Logging set-up: one `tracing` subscriber, filter from `RUST_LOG`, pretty or JSON lines.

use tracing_subscriber::{fmt, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter};

use crate::config::{LogArgs, LogFormat};

/// The filter when `RUST_LOG` is unset: info, with the chattiest dependencies at warn.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,tower_sessions=warn,rmcp=warn";

/// Installs the global subscriber. Safe to call more than once (later calls are ignored).
pub fn init(log: &LogArgs) {
    let filter = EnvFilter::try_new(&log.rust_log).unwrap_or_else(|e| {
        eprintln!("RUST_LOG={:?} is not a valid filter ({e}): using {DEFAULT_FILTER:?}", log.rust_log);
        EnvFilter::new(DEFAULT_FILTER)
    });
    let registry = tracing_subscriber::registry().with(filter);
    let _ = match log.log_format {
        LogFormat::Pretty => registry.with(fmt::layer().compact()).try_init(),
        LogFormat::Json => registry.with(fmt::layer().json().flatten_event(true)).try_init(),
    };
}
