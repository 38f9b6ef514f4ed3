//! Configuration pieces both binaries declare (with clap: `--help` lists each variable with its default), and
//! the optional `.env` file.

use anyhow::Context;
use secrecy::SecretString;

/// How log lines are written (`LOG_FORMAT`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    #[default]
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// The database settings of both binaries.
#[derive(Debug, Clone, clap::Args)]
pub struct DatabaseArgs {
    /// PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/todo (required to serve; may hold a password:
    /// never printed)
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<SecretString>,
    /// Pool size per process (keep replicas x pool size under Postgres' max_connections)
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 10)]
    pub database_max_connections: u32,
}

impl DatabaseArgs {
    /// `DATABASE_URL`, which every command but `healthcheck` needs.
    pub fn url(&self) -> anyhow::Result<&SecretString> {
        self.database_url
            .as_ref()
            .context("DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/todo)")
    }

    /// These settings for another database (tests: a fresh database each).
    pub fn with_url(mut self, url: &str) -> Self {
        self.database_url = Some(url.into());
        self
    }
}

/// The logging settings of both binaries.
#[derive(Debug, Clone, clap::Args)]
pub struct LogArgs {
    /// Log line format: pretty (for a terminal) or json (one object per line)
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
    /// Log filter, tracing EnvFilter syntax (e.g. info, debug, todo_app=debug,tower_http=info)
    #[arg(long, env = "RUST_LOG", default_value = crate::telemetry::DEFAULT_FILTER)]
    pub rust_log: String,
}

/// Loads `.env` into the environment if there is one (before the configuration is parsed). A missing file is
/// normal (containers, CI); a malformed one is an error worth reporting.
pub fn load_dotenv() -> anyhow::Result<()> {
    match dotenvy::dotenv() {
        Ok(_) => Ok(()),
        Err(e) if e.not_found() => Ok(()),
        Err(e) => Err(e).context("reading .env"),
    }
}

/// Reads `name` as a `T`, falling back to `default` when unset (for the benchmark-only helper binary).
pub fn parse_var<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => {
            v.trim().parse().map_err(|e| anyhow::anyhow!("{name}={v:?} is invalid: {e}"))
        }
        _ => Ok(default),
    }
}

/// Variables set to a blank value count as unset, as they did before clap (compose passes `${LLM_MODEL:-}` as
/// an empty string). Call before parsing, at start-up (it edits the process environment, like `.env` loading).
pub fn unset_blank_vars(command: &clap::Command) {
    for name in env_names(command) {
        if std::env::var_os(&name).is_some_and(|v| v.to_string_lossy().trim().is_empty()) {
            std::env::remove_var(&name);
        }
    }
}

/// The environment variable names an application's clap command reads (its `--help`, as data).
pub fn env_names(command: &clap::Command) -> Vec<String> {
    command
        .get_arguments()
        .filter_map(|arg| arg.get_env())
        .map(|name| name.to_string_lossy().into_owned())
        .collect()
}
