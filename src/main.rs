//! todo-app: the web server. `todo-app healthcheck` probes a running instance's `/health`.

use std::process::ExitCode;

use todo_app::{config::Config, healthcheck, startup::Application, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    if healthcheck::requested() {
        // Only the listen address is needed: no database, no .env.
        let addr = leptos::config::get_configuration(None)?.leptos_options.site_addr;
        return Ok(healthcheck::probe(addr));
    }
    let config = Config::from_env()?;
    telemetry::init(config.log_format);
    let app = Application::build(config).await?;
    tracing::info!(port = app.port(), "todo-app listening");
    app.run_until_stopped().await?;
    Ok(ExitCode::SUCCESS)
}
