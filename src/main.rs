//! todo-app: the web server. `todo-app healthcheck` probes a running instance's `/health`.

use std::process::ExitCode;

use todo_app::config::{Command, Config};
use todo_app::startup::Application;
use todo_store::{healthcheck, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    tune_allocator();
    let config = Config::load()?;
    if let Some(Command::Healthcheck) = config.command {
        // Only the listen address is needed: no database.
        return Ok(healthcheck::probe(config.site_addr()));
    }
    telemetry::init(&config.log);
    let app = Application::build(config).await?;
    tracing::info!(port = app.port(), "todo-app listening");
    app.run_until_stopped().await?;
    Ok(ExitCode::SUCCESS)
}

/// Each argon2 hash (sign-up, log-in) takes a 19 MiB buffer. After the first one is freed, glibc raises its
/// mmap threshold and keeps later ones in its heaps: three sign-ups left ~40 MB resident for good (see
/// BENCHMARKS.md). Fixing the threshold at glibc's default (128 KiB) keeps large buffers in mmap, which
/// go back to the OS when freed.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; it is called once, before any request is served.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
