//! todo-mcp: the MCP server for tasks. `todo-mcp healthcheck` probes a running instance's `/health`.

use std::process::ExitCode;

use todo_mcp::config::{Command, McpConfig};
use todo_mcp::server::McpServer;
use todo_store::{healthcheck, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let config = McpConfig::load()?;
    if let Some(Command::Healthcheck) = config.command {
        // Only the listen address is needed: no database.
        return Ok(healthcheck::probe(config.bind));
    }
    telemetry::init(&config.log);
    let server = McpServer::build(config).await?;
    tracing::info!(port = server.port(), "todo-mcp listening (Streamable HTTP at /mcp)");
    server.run_until_stopped().await?;
    Ok(ExitCode::SUCCESS)
}
