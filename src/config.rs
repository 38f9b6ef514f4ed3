//! The web app's configuration, declared once with clap: from the environment (12-factor; an optional `.env`
//! file for local runs) or flags.

use std::net::SocketAddr;
use std::time::Duration;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, CommandFactory, Parser};
use leptos::config::{Env, LeptosOptions};
use secrecy::ExposeSecret;
use todo_store::config::{load_dotenv, unset_blank_vars, DatabaseArgs, LogArgs};
use todo_store::user_token::check_secret;

use crate::assistant::config::AssistantConfig;

/// Everything the web app reads from its environment (or flags): `todo-app --help` lists it.
#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "todo-app",
    version,
    about = "The todo web app (Leptos SSR, server functions, chat assistant). Settings come from the \
             environment (a .env file is read first) or the flags below.",
    subcommand_negates_reqs = true
)]
pub struct Config {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Argon2 password hashes (log-in, sign-up) run at once, 19 MiB each; 0 = one per core. Up to 4x as many
    /// wait at most 3 s, the rest get 503 + Retry-After
    #[arg(long, env = "PASSWORD_HASH_CONCURRENCY", default_value_t = 0)]
    pub password_hash_concurrency: usize,
    /// Reverse proxies in front of the app that append to X-Forwarded-For (0: the TCP peer is the client). Used
    /// for log-in/sign-up throttling and failed log-in log lines
    #[arg(long, env = "TRUSTED_PROXY_HOPS", default_value_t = 0)]
    pub trusted_proxy_hops: usize,
    /// Sign-ups accepted per client address per hour; more get 429 + Retry-After until the hour has passed
    #[arg(long, env = "SIGNUPS_PER_IP_PER_HOUR", default_value_t = 20)]
    pub signups_per_ip_per_hour: u32,
    /// How long a session lasts after sign-in, however much it is used: then its user signs in again (a stolen
    /// cookie dies with it). A number with s, m, h or d (14d, 12h). Sessions also end after 30 days without a visit
    #[arg(long, env = "SESSION_MAX_AGE", default_value = "14d", value_parser = duration)]
    pub session_max_age: Duration,
    /// After SIGTERM/SIGINT, how long the app keeps serving before it stops accepting connections: /ready answers
    /// 503 and every response closes its connection, so load balancers and keep-alive clients move off it; then
    /// in-flight requests finish. A number with s or m (0s: stop accepting at once)
    #[arg(long, env = "SHUTDOWN_DRAIN", default_value = "2s", value_parser = drain_duration)]
    pub shutdown_drain: Duration,
    /// Set the Secure flag on the session cookie (true whenever users reach the app over HTTPS)
    #[arg(long, env = "COOKIE_SECURE", default_value_t = false, action = ArgAction::Set,
          value_parser = BoolishValueParser::new())]
    pub cookie_secure: bool,
    #[command(flatten)]
    pub log: LogArgs,
    #[command(flatten)]
    pub site: SiteArgs,
    #[command(flatten)]
    pub assistant: AssistantConfig,
    /// The Leptos options: `site` on top of what leptos reads itself (output name, hash file, …).
    #[arg(skip = leptos_options())]
    pub leptos: LeptosOptions,
}

/// Where and how the site is served (leptos' own variables).
#[derive(Debug, Clone, clap::Args)]
pub struct SiteArgs {
    /// Listen address (port 0 picks a free one)
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: SocketAddr,
    /// Directory holding pkg/ (WASM, JS, CSS) and the public files
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// DEV or PROD (PROD in deployments: no live-reload script)
    #[arg(long, env = "LEPTOS_ENV", default_value = "DEV", value_parser = ["DEV", "PROD", "dev", "prod"])]
    pub leptos_env: String,
}

/// What `todo-app` can do besides serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Probe a running instance's /health at LEPTOS_SITE_ADDR over loopback: exit 0 when it answers 200 (for
    /// container health checks: distroless has no curl)
    Healthcheck,
}

/// What leptos reads from its own environment and build, before [`SiteArgs`] are applied.
fn leptos_options() -> LeptosOptions {
    leptos::config::get_configuration(None)
        .map(|c| c.leptos_options)
        .unwrap_or_else(|_| LeptosOptions::builder().output_name("todo-app").build())
}

impl Config {
    /// Reads `.env` if there is one, then the environment and the command line.
    pub fn load() -> anyhow::Result<Self> {
        load_dotenv()?;
        unset_blank_vars(&Self::command());
        Self::parse().resolved()
    }

    /// The real configuration with `args` (flags, after the program name) on top: what tests start apps with.
    pub fn with_args<I, S>(args: I) -> anyhow::Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<std::ffi::OsString> + Clone,
    {
        let args = std::iter::once("todo-app".into()).chain(args.into_iter().map(Into::into));
        Self::try_parse_from(args)?.resolved()
    }

    /// Checks what clap cannot say without echoing a secret, and applies [`SiteArgs`] to the Leptos options.
    fn resolved(mut self) -> anyhow::Result<Self> {
        if self.assistant.assistant_turn_timeout > crate::assistant::config::TURN_TIMEOUT_MAX {
            anyhow::bail!("ASSISTANT_TURN_TIMEOUT must be at most 5m");
        }
        if let Some(secret) = &self.assistant.mcp_token_secret {
            check_secret("MCP_TOKEN_SECRET", secret.expose_secret()).map_err(anyhow::Error::msg)?;
        }
        let leptos = &mut self.leptos;
        if leptos.output_name.is_empty() {
            // Built without cargo-leptos (e.g. `cargo test`): the bundle name is still the crate's.
            leptos.output_name = "todo-app".into();
        }
        leptos.site_addr = self.site.site_addr;
        leptos.site_root = self.site.site_root.clone().into();
        leptos.env = if self.site.leptos_env.eq_ignore_ascii_case("prod") { Env::PROD } else { Env::DEV };
        if std::env::var_os("LEPTOS_HASH_FILES").is_none() && hash_file_beside_binary(leptos) {
            // A release build names the bundle's files after their content and lists the names in
            // `hash.txt` beside the binary (`hash-files = true` in Cargo.toml): use them.
            leptos.hash_files = true;
        }
        Ok(self)
    }

    /// The address the web server listens on.
    pub fn site_addr(&self) -> SocketAddr {
        self.site.site_addr
    }
}

/// A duration as a number and a unit: `90s`, `30m`, `12h`, `14d` (at least one second, at most ten years).
pub(crate) fn duration(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let split = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
    let (number, unit) = raw.split_at(split);
    let unit_secs = match unit.trim() {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err("give a number and a unit: s, m, h or d (e.g. 14d or 12h)".into()),
    };
    let secs = number.parse::<u64>().ok().and_then(|n| n.checked_mul(unit_secs));
    match secs {
        Some(secs @ 1..=315_360_000) => Ok(Duration::from_secs(secs)),
        _ => Err("must be between 1 second and 10 years".into()),
    }
}

/// [`duration`], or none at all (`0s`), at most 5 minutes.
fn drain_duration(raw: &str) -> Result<Duration, String> {
    if raw.trim().trim_end_matches(['s', 'm']).trim() == "0" {
        return Ok(Duration::ZERO);
    }
    match duration(raw)? {
        d if d <= Duration::from_secs(300) => Ok(d),
        _ => Err("must be at most 5m".into()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_a_number_and_a_unit() {
        assert_eq!(duration("14d"), Ok(Duration::from_secs(14 * 86_400)));
        assert_eq!(duration(" 12h"), Ok(Duration::from_secs(12 * 3600)));
        assert_eq!(duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(duration("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(drain_duration("0s"), Ok(Duration::ZERO));
        assert_eq!(drain_duration("2s"), Ok(Duration::from_secs(2)));
        assert!(drain_duration("1h").is_err());
        for bad in ["", "14", "d", "0d", "-1h", "1w", "99999999999d", "1.5h"] {
            assert!(duration(bad).is_err(), "{bad}");
        }
    }
}
