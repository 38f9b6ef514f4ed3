//! todo-mcp: the MCP server for tasks. `todo-mcp healthcheck` probes a running instance's `/health`.

use std::process::ExitCode;

use todo_mcp::config::{Command, McpConfig};
use todo_mcp::server::McpServer;
use todo_store::{healthcheck, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    tune_allocator();
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

/// mimalloc (v2), as the web app (src/main.rs): no transparent huge pages, freed pages go back to the OS at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v2), which libmimalloc-sys does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn tune_allocator() {
    // SAFETY: mi_option_set only changes an allocator parameter; it is called once, at the start of main.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}
