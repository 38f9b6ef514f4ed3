//! Configuration helpers both binaries use: the optional `.env` file, and the log format.

use anyhow::Context;

/// How log lines are written (`LOG_FORMAT`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    #[default]
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

impl std::str::FromStr for LogFormat {
    type Err = String;

    /// `pretty` (also blank) or `json`.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw.trim() {
            "" | "pretty" => Ok(Self::Pretty),
            "json" => Ok(Self::Json),
            other => Err(format!("LOG_FORMAT must be `pretty` or `json`, not `{other}`")),
        }
    }
}

impl LogFormat {
    /// Reads `LOG_FORMAT` (`pretty`, the default, or `json`).
    pub fn from_env() -> anyhow::Result<Self> {
        std::env::var("LOG_FORMAT").unwrap_or_default().parse().map_err(anyhow::Error::msg)
    }
}

/// Loads `.env` into the environment if there is one. A missing file is normal (containers, CI); a
/// malformed one is an error worth reporting.
pub fn load_dotenv() -> anyhow::Result<()> {
    match dotenvy::dotenv() {
        Ok(_) => Ok(()),
        Err(e) if e.not_found() => Ok(()),
        Err(e) => Err(e).context("reading .env"),
    }
}

/// `DATABASE_URL`, required by both binaries.
pub fn database_url() -> anyhow::Result<String> {
    std::env::var("DATABASE_URL")
        .context("DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/todo)")
}

/// Reads `name` as a `T`, falling back to `default` when unset.
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

/// Reads a boolean flag (`1/0`, `true/false`, `yes/no`, `on/off`).
pub fn parse_bool(name: &str, default: bool) -> anyhow::Result<bool> {
    match std::env::var(name).unwrap_or_default().trim().to_ascii_lowercase().as_str() {
        "" => Ok(default),
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        other => anyhow::bail!("{name} must be true or false, not `{other}`"),
    }
}
