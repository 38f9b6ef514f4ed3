//! bench-bare: a benchmark-only baseline, the database's limit. Serves `GET /tasks?owner=ID` as JSON with the
//! list query the task page runs for `/` (`todo_store::task_list::list`, the first page of the newest tasks), on
//! bare axum + sqlx: no sessions, no rendering, no middleware. `make bench` reports the SSR page's throughput
//! next to this one's (the budget is against the fair baseline, `bench-page`).
//!
//! Environment: `DATABASE_URL` (required), `BENCH_BARE_ADDR` (default `127.0.0.1:3900`),
//! `DATABASE_MAX_CONNECTIONS` (default 10, as the web app).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use sqlx::PgPool;
use todo_domain::{TaskDetails, TaskQuery};
use todo_store::config::parse_var;
use todo_store::task_list;

#[derive(Deserialize)]
struct Owner {
    owner: i64,
}

async fn tasks(
    State(pool): State<PgPool>,
    Query(q): Query<Owner>,
) -> Result<Json<Vec<TaskDetails>>, StatusCode> {
    task_list::list(&pool, q.owner, TaskQuery::default(), chrono::Utc::now())
        .await
        .map(|page| Json(page.tasks))
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    use axum::serve::ListenerExt;
    let url: secrecy::SecretString = std::env::var("DATABASE_URL")?.into();
    let pool = todo_store::db::connect_lazy(&url, parse_var("DATABASE_MAX_CONNECTIONS", 10)?)?;
    let addr: std::net::SocketAddr = parse_var("BENCH_BARE_ADDR", ([127, 0, 0, 1], 3900).into())?;
    let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let app =
        Router::new().route("/health", get(|| async { "ok" })).route("/tasks", get(tasks)).with_state(pool);
    axum::serve(listener, app).await?;
    Ok(())
}
