//! todo-app: the web server.

use todo_app::{config::Config, startup::Application, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    telemetry::init(config.log_format);
    let app = Application::build(config).await?;
    tracing::info!(port = app.port(), "todo-app listening");
    app.run_until_stopped().await?;
    Ok(())
}
