//! Configuration from the environment (12-factor), with an optional `.env` file for local runs.

use std::net::SocketAddr;

use anyhow::{bail, Context};
use leptos::config::LeptosOptions;

use crate::assistant::config::AssistantConfig;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

impl LogFormat {
    /// Reads `LOG_FORMAT` (`pretty`, the default, or `json`).
    pub fn from_env() -> anyhow::Result<Self> {
        match std::env::var("LOG_FORMAT").unwrap_or_default().as_str() {
            "" | "pretty" => Ok(Self::Pretty),
            "json" => Ok(Self::Json),
            other => bail!("LOG_FORMAT must be `pretty` or `json`, not `{other}`"),
        }
    }
}

/// Everything the web app reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: the PostgreSQL connection string.
    pub database_url: String,
    /// `DATABASE_MAX_CONNECTIONS` (default 10).
    pub database_max_connections: u32,
    /// `PASSWORD_HASH_CONCURRENCY` (default 0 = one per core): argon2 hashes run at once (19 MiB each).
    pub password_hash_concurrency: usize,
    /// `COOKIE_SECURE` (default false): set the `Secure` flag on the session cookie (serve over HTTPS).
    pub cookie_secure: bool,
    /// `LOG_FORMAT`: `pretty` (default) or `json`. The level comes from `RUST_LOG` (default `info`).
    pub log_format: LogFormat,
    /// `LEPTOS_*` variables: site address, site root, output name.
    pub leptos: LeptosOptions,
    /// `MCP_SERVER_URL`, `MCP_TOKEN_SECRET`, `LLM_*`: the chat assistant.
    pub assistant: AssistantConfig,
}

impl Config {
    /// Reads the configuration, loading `.env` first if there is one.
    pub fn from_env() -> anyhow::Result<Self> {
        load_dotenv()?;
        let database_url = database_url()?;
        let mut leptos =
            leptos::config::get_configuration(None).context("reading LEPTOS_* settings")?.leptos_options;
        if leptos.output_name.is_empty() {
            // Built without cargo-leptos (e.g. `cargo test`): the bundle name is still the crate's.
            leptos.output_name = "todo-app".into();
        }
        if std::env::var_os("LEPTOS_HASH_FILES").is_none() && hash_file_beside_binary(&leptos) {
            // A release build names the bundle's files after their content and lists the names in
            // `hash.txt` beside the binary (`hash-files = true` in Cargo.toml): use them.
            leptos.hash_files = true;
        }
        Ok(Self {
            database_url,
            database_max_connections: parse_var("DATABASE_MAX_CONNECTIONS", 10)?,
            password_hash_concurrency: parse_var("PASSWORD_HASH_CONCURRENCY", 0)?,
            cookie_secure: parse_bool("COOKIE_SECURE", false)?,
            log_format: LogFormat::from_env()?,
            leptos,
            assistant: AssistantConfig::from_env()?,
        })
    }

    /// The address the web server listens on.
    pub fn site_addr(&self) -> SocketAddr {
        self.leptos.site_addr
    }
}

/// Whether the build's `hash.txt` (the bundle's file names) sits beside the running binary, where leptos
/// reads it.
fn hash_file_beside_binary(leptos: &LeptosOptions) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(leptos.hash_file.as_ref())))
        .is_some_and(|path| path.is_file())
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
        other => bail!("{name} must be true or false, not `{other}`"),
    }
}
