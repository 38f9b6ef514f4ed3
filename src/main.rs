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

/// mimalloc (v2): +18 to +26 % page views per second over glibc's allocator in three of four A/B runs in `make bench`
/// (BENCHMARKS.md). Built without transparent huge pages (libmimalloc-sys' `no_thp`): mimalloc asks for them on
/// its arenas by default, which kept ~12 MB more resident from the start (32.7 against 20.6 MB at start, 34.1
/// against 25.7 MB under load). Each argon2 hash (sign-up, log-in) takes a 19 MiB buffer, which mimalloc maps on
/// its own; [`tune_allocator`] has freed memory go back to the OS at once, so those buffers do not stay resident.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v2), which libmimalloc-sys does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed pages are returned to the OS when freed (mimalloc's default waits 10 ms, and only for the thread's
/// next allocation: an idle worker thread would keep them).
fn tune_allocator() {
    // SAFETY: mi_option_set only changes an allocator parameter; it is called once, at the start of main.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}
