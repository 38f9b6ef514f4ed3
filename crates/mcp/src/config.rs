//! `todo-mcp`'s configuration, from the environment (and an optional `.env`).

use std::net::SocketAddr;

use anyhow::bail;

use todo_store::config::{database_url, load_dotenv, parse_var, LogFormat};

/// Shortest `MCP_TOKEN_SECRET` accepted: HS256 wants at least 256 bits of key.
const SECRET_MIN_LEN: usize = 32;

/// Which `Host` headers `/mcp` answers (a guard against DNS rebinding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedHosts {
    /// Any host (`MCP_ALLOWED_HOSTS=*`), e.g. behind a proxy that checks it.
    Any,
    /// Only these hosts (a name matches any port; `name:port` only that port).
    Only(Vec<String>),
}

impl AllowedHosts {
    /// Loopback only: what a server on a developer's machine should accept.
    pub fn loopback() -> Self {
        Self::Only(vec!["localhost".into(), "127.0.0.1".into(), "::1".into()])
    }

    /// Parses a comma list; `*` allows any host, blank means [`AllowedHosts::loopback`].
    pub fn parse(raw: &str) -> Self {
        let hosts: Vec<String> =
            raw.split(',').map(str::trim).filter(|h| !h.is_empty()).map(str::to_owned).collect();
        if hosts.iter().any(|h| h == "*") {
            Self::Any
        } else if hosts.is_empty() {
            Self::loopback()
        } else {
            Self::Only(hosts)
        }
    }
}

/// Everything `todo-mcp` reads from its environment. Not `Debug`: it holds the token secret.
#[derive(Clone)]
pub struct McpConfig {
    /// `DATABASE_URL`: the same database as the web app.
    pub database_url: String,
    /// `DATABASE_MAX_CONNECTIONS` (default 10).
    pub database_max_connections: u32,
    /// `MCP_BIND` (default `0.0.0.0:8080`; port 0 picks a free one).
    pub bind: SocketAddr,
    /// `MCP_ALLOWED_HOSTS`: comma list of accepted `Host` headers (default loopback; `*` = any).
    pub allowed_hosts: AllowedHosts,
    /// `MCP_TOKEN_SECRET`: verifies the web app's user tokens. Unset = personal access tokens only.
    pub token_secret: Option<String>,
    /// `LOG_FORMAT`: `pretty` (default) or `json`.
    pub log_format: LogFormat,
}

impl McpConfig {
    /// Reads the configuration, loading `.env` first if there is one.
    pub fn from_env() -> anyhow::Result<Self> {
        load_dotenv()?;
        let database_url = database_url()?;
        let token_secret = std::env::var("MCP_TOKEN_SECRET").ok().filter(|s| !s.trim().is_empty());
        if let Some(secret) = &token_secret {
            if secret.len() < SECRET_MIN_LEN {
                bail!("MCP_TOKEN_SECRET must be at least {SECRET_MIN_LEN} characters (e.g. `openssl rand -hex 32`)");
            }
        }
        Ok(Self {
            database_url,
            database_max_connections: parse_var("DATABASE_MAX_CONNECTIONS", 10)?,
            bind: bind_from_env()?,
            allowed_hosts: AllowedHosts::parse(&std::env::var("MCP_ALLOWED_HOSTS").unwrap_or_default()),
            token_secret,
            log_format: LogFormat::from_env()?,
        })
    }
}

/// `MCP_BIND`, the listen address; also what `todo-mcp healthcheck` probes.
pub fn bind_from_env() -> anyhow::Result<SocketAddr> {
    parse_var("MCP_BIND", SocketAddr::from(([0, 0, 0, 0], 8080)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_hosts_parsing() {
        assert_eq!(AllowedHosts::parse(""), AllowedHosts::loopback());
        assert_eq!(AllowedHosts::parse(" * "), AllowedHosts::Any);
        assert_eq!(
            AllowedHosts::parse("mcp-server, localhost:8080,"),
            AllowedHosts::Only(vec!["mcp-server".into(), "localhost:8080".into()])
        );
    }
}
