//! `todo-mcp`'s configuration, declared once with clap: from the environment (and an optional `.env`) or flags.

use std::net::SocketAddr;

use clap::CommandFactory;
use clap::Parser;
use secrecy::{ExposeSecret, SecretString};
use todo_store::config::{load_dotenv, unset_blank_vars, DatabaseArgs, LogArgs};
use todo_store::user_token::check_secret;

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

/// Which browser `Origin`s may call `/mcp`. MCP clients outside a browser send no `Origin` and always pass; a web
/// page's script always sends one, so by default no web page can drive a user's tools with their token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedOrigins {
    /// Any origin (`MCP_ALLOWED_ORIGINS=*`).
    Any,
    /// Only these origins (`scheme://host[:port]`, `*` as the port for any port); empty: none.
    Only(Vec<String>),
}

impl AllowedOrigins {
    /// Parses a comma list; `*` allows any origin, blank allows none.
    pub fn parse(raw: &str) -> Self {
        let origins: Vec<String> =
            raw.split(',').map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect();
        if origins.iter().any(|o| o == "*") {
            Self::Any
        } else {
            Self::Only(origins)
        }
    }
}

/// Everything `todo-mcp` reads from its environment (or flags): `todo-mcp --help` lists it.
#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "todo-mcp",
    version,
    about = "The MCP server for tasks (Streamable HTTP at /mcp). Settings come from the environment (a .env \
             file is read first) or the flags below.",
    subcommand_negates_reqs = true
)]
pub struct McpConfig {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Listen address (port 0 picks a free one)
    #[arg(long, env = "MCP_BIND", default_value = "0.0.0.0:8080")]
    pub bind: SocketAddr,
    /// Comma-separated Host headers /mcp accepts (DNS-rebinding protection); a name matches any port,
    /// name:port only that port; * = any; unset = loopback only
    #[arg(long, env = "MCP_ALLOWED_HOSTS", default_value = "", hide_default_value = true, value_parser = allowed_hosts)]
    pub allowed_hosts: AllowedHosts,
    /// Comma-separated browser origins allowed to call /mcp (scheme://host[:port]; port * = any); requests
    /// without an Origin header (MCP clients outside a browser) always pass; * = any; unset = no browser origin
    #[arg(long, env = "MCP_ALLOWED_ORIGINS", default_value = "", hide_default_value = true, value_parser = allowed_origins)]
    pub allowed_origins: AllowedOrigins,
    /// Verifies the web app's user tokens (shared with todo-app; generate it with openssl rand -hex 32:
    /// placeholders, patterns and fewer than 32 characters are refused); unset = personal access tokens only
    #[arg(long, env = "MCP_TOKEN_SECRET", hide_env_values = true)]
    pub token_secret: Option<SecretString>,
    #[command(flatten)]
    pub log: LogArgs,
}

/// What `todo-mcp` can do besides serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Probe a running instance's /health at MCP_BIND over loopback: exit 0 when it answers 200 (for container
    /// health checks: distroless has no curl)
    Healthcheck,
}

impl McpConfig {
    /// Reads `.env` if there is one, then the environment and the command line.
    pub fn load() -> anyhow::Result<Self> {
        load_dotenv()?;
        unset_blank_vars(&Self::command());
        Self::parse().checked()
    }

    /// The real configuration with `args` (flags, after the program name) on top: what tests start servers with.
    pub fn with_args<I, S>(args: I) -> anyhow::Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<std::ffi::OsString> + Clone,
    {
        Self::try_parse_from(std::iter::once("todo-mcp".into()).chain(args.into_iter().map(Into::into)))?
            .checked()
    }

    /// Checks what clap cannot say without echoing a secret in its error message.
    fn checked(self) -> anyhow::Result<Self> {
        if let Some(secret) = &self.token_secret {
            check_secret("MCP_TOKEN_SECRET", secret.expose_secret()).map_err(anyhow::Error::msg)?;
        }
        Ok(self)
    }
}

fn allowed_hosts(raw: &str) -> Result<AllowedHosts, String> {
    Ok(AllowedHosts::parse(raw))
}

fn allowed_origins(raw: &str) -> Result<AllowedOrigins, String> {
    let origins = AllowedOrigins::parse(raw);
    if let AllowedOrigins::Only(list) = &origins {
        if let Some(bad) = list.iter().find(|o| !o.contains("://") && *o != "null") {
            return Err(format!("{bad:?} is not an origin: write scheme://host[:port]"));
        }
    }
    Ok(origins)
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

    #[test]
    fn allowed_origins_parsing() {
        assert_eq!(allowed_origins(""), Ok(AllowedOrigins::Only(vec![])));
        assert_eq!(allowed_origins("*"), Ok(AllowedOrigins::Any));
        assert_eq!(
            allowed_origins("https://app.example.com, http://localhost:*"),
            Ok(AllowedOrigins::Only(vec!["https://app.example.com".into(), "http://localhost:*".into()]))
        );
        assert!(allowed_origins("app.example.com").is_err());
    }
}
