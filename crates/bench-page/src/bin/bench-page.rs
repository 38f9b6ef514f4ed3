//! bench-page: the fair baseline of `make bench` — the signed-in task page by hand (see the crate's docs).
//!
//! Environment: `DATABASE_URL` (required), `BENCH_PAGE_ADDR` (default `127.0.0.1:3901`), `BENCH_HASH_FILE` (the
//! web app build's `hash.txt`, for the bundle's names), `DATABASE_MAX_CONNECTIONS` (10), `RUST_LOG`, `LOG_FORMAT`,
//! `SESSION_MAX_AGE_DAYS` (14, the web app's `SESSION_MAX_AGE` default).

use std::time::Duration;

use bench_page::assets::Assets;
use bench_page::{router, PageState};
use todo_store::config::{parse_var, LogArgs, LogFormat};
use todo_store::{db, server, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let rust_log = std::env::var("RUST_LOG").unwrap_or_else(|_| telemetry::DEFAULT_FILTER.to_owned());
    let log_format = match std::env::var("LOG_FORMAT").as_deref() {
        Ok("json") => LogFormat::Json,
        _ => LogFormat::Pretty,
    };
    telemetry::init(&LogArgs { log_format, rust_log });
    let url: secrecy::SecretString = std::env::var("DATABASE_URL")?.into();
    let pool = db::connect_lazy(&url, parse_var("DATABASE_MAX_CONNECTIONS", 10)?)?;
    let hashes = match std::env::var("BENCH_HASH_FILE") {
        Ok(path) => Some(std::fs::read_to_string(path)?),
        Err(_) => None,
    };
    let max_age = Duration::from_secs(parse_var::<u64>("SESSION_MAX_AGE_DAYS", 14)? * 86_400);
    let state = PageState { pool, assets: Assets::from_hash_file(hashes.as_deref()), max_age };
    let addr: std::net::SocketAddr = parse_var("BENCH_PAGE_ADDR", ([127, 0, 0, 1], 3901).into())?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "bench-page listening");
    axum::serve(server::nodelay(listener), router(state)).await?;
    Ok(())
}
