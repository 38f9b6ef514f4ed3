//! Configuration from the environment (12-factor), with an optional `.env` file for local runs.

use std::net::SocketAddr;

use anyhow::Context;
use leptos::config::LeptosOptions;
use todo_store::config::{database_url, load_dotenv, parse_bool, parse_var, LogFormat};

use crate::assistant::config::AssistantConfig;

/// Everything the web app reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: the PostgreSQL connection string.
    pub database_url: String,
    /// `DATABASE_MAX_CONNECTIONS` (default 10).
    pub database_max_connections: u32,
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
