//! The assistant's settings: where the MCP server is, how to sign tokens for it, and the optional LLM.

use std::time::Duration;

use secrecy::SecretString;

/// Where the MCP server listens when `MCP_SERVER_URL` is unset.
pub const DEFAULT_MCP_SERVER_URL: &str = "http://127.0.0.1:8080/mcp";

/// The longest `ASSISTANT_TURN_TIMEOUT` accepted: a turn's slot is taken over after 10 minutes
/// (`todo_store::assistant_turns::STALE_AFTER`), and a deployment's shutdown grace must outlast a turn.
pub const TURN_TIMEOUT_MAX: Duration = Duration::from_secs(300);

/// An OpenAI-compatible chat-completions endpoint (`LLM_BASE_URL`, `LLM_API_KEY`, `LLM_MODEL`).
#[derive(Debug, Clone)]
pub struct LlmConfig {
    /// Base URL up to the API version, e.g. `https://api.openai.com/v1`; `/chat/completions` is appended.
    pub base_url: String,
    /// Sent as `Authorization: Bearer …`.
    pub api_key: SecretString,
    /// The model name passed in each request.
    pub model: String,
}

/// Everything the assistant reads from the environment. `Debug` shows no secret (they are `SecretString`s).
#[derive(Debug, Clone, clap::Args)]
pub struct AssistantConfig {
    /// The MCP server's Streamable HTTP endpoint, where the assistant calls its tools
    #[arg(long, env = "MCP_SERVER_URL", default_value = DEFAULT_MCP_SERVER_URL, value_parser = url)]
    pub mcp_server_url: String,
    /// Shared with todo-mcp: signs the short-lived tokens minted for signed-in users (unset = the assistant
    /// says it is not set up). Generate it (openssl rand -hex 32): placeholders, patterns and fewer than 32
    /// characters are refused)
    #[arg(long, env = "MCP_TOKEN_SECRET", hide_env_values = true)]
    pub mcp_token_secret: Option<SecretString>,
    /// Messages one user may send the assistant per minute (each can cost several LLM calls); more get 429 +
    /// Retry-After until the minute has passed. One message per user is answered at a time
    #[arg(long, env = "ASSISTANT_MESSAGES_PER_MINUTE", default_value_t = 10)]
    pub assistant_messages_per_minute: u32,
    /// The longest one assistant answer may take, model and tool calls included (at most 5m); then it stops
    /// and says so. The token minted for the turn expires 30 s later. Keep the shutdown grace period above it
    #[arg(long, env = "ASSISTANT_TURN_TIMEOUT", default_value = "90s", value_parser = crate::config::duration)]
    pub assistant_turn_timeout: Duration,
    /// OpenAI-compatible chat-completions API for the assistant, e.g. https://api.openai.com/v1 (set the three
    /// LLM_* together; unset = the offline parser answers)
    #[arg(long, env = "LLM_BASE_URL", requires_all = ["llm_api_key", "llm_model"], value_parser = url)]
    pub llm_base_url: Option<String>,
    /// API key for LLM_BASE_URL (sent as a bearer token)
    #[arg(long, env = "LLM_API_KEY", hide_env_values = true, requires_all = ["llm_base_url", "llm_model"])]
    pub llm_api_key: Option<SecretString>,
    /// Model name passed in each LLM request
    #[arg(long, env = "LLM_MODEL", requires_all = ["llm_base_url", "llm_api_key"])]
    pub llm_model: Option<String>,
}

impl Default for AssistantConfig {
    fn default() -> Self {
        Self {
            mcp_server_url: DEFAULT_MCP_SERVER_URL.into(),
            mcp_token_secret: None,
            assistant_messages_per_minute: 10,
            assistant_turn_timeout: Duration::from_secs(90),
            llm_base_url: None,
            llm_api_key: None,
            llm_model: None,
        }
    }
}

fn url(raw: &str) -> Result<String, String> {
    reqwest13::Url::parse(raw.trim())
        .map(|_| raw.trim().to_owned())
        .map_err(|e| format!("not a valid URL: {e}"))
}

impl AssistantConfig {
    /// The LLM to use, when all three `LLM_*` settings are given (clap refuses one without the others).
    pub fn llm(&self) -> Option<LlmConfig> {
        match (&self.llm_base_url, &self.llm_api_key, &self.llm_model) {
            (Some(base_url), Some(api_key), Some(model)) => {
                Some(LlmConfig { base_url: base_url.clone(), api_key: api_key.clone(), model: model.clone() })
            }
            _ => None,
        }
    }

    /// The MCP server's `/health`, on the same origin as its MCP endpoint.
    pub fn mcp_health_url(&self) -> Option<reqwest13::Url> {
        reqwest13::Url::parse(&self.mcp_server_url).ok()?.join("/health").ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_url_replaces_the_mcp_path() {
        let config =
            AssistantConfig { mcp_server_url: "http://mcp-server:8080/mcp".into(), ..Default::default() };
        assert_eq!(config.mcp_health_url().unwrap().as_str(), "http://mcp-server:8080/health");
    }

    #[test]
    fn debug_output_hides_secrets() {
        let config = AssistantConfig {
            mcp_token_secret: Some("s3cret".into()),
            llm_base_url: Some("http://llm".into()),
            llm_api_key: Some("sk-key".into()),
            llm_model: Some("m".into()),
            ..Default::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret") && !shown.contains("sk-key"), "{shown}");
        assert!(shown.contains("http://llm"));
    }
}
