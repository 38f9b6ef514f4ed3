//! todo-mcp: the MCP server for tasks. `todo-mcp healthcheck` probes a running instance's `/health`.

use std::process::ExitCode;

use todo_mcp::config::{bind_from_env, McpConfig};
use todo_mcp::server::McpServer;
use todo_store::{healthcheck, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    if healthcheck::requested() {
        // Only the listen address is needed: no database, no .env.
        return Ok(healthcheck::probe(bind_from_env()?));
    }
    let config = McpConfig::from_env()?;
    telemetry::init(config.log_format);
    let server = McpServer::build(config).await?;
    tracing::info!(port = server.port(), "todo-mcp listening (Streamable HTTP at /mcp)");
    server.run_until_stopped().await?;
    Ok(ExitCode::SUCCESS)
}
