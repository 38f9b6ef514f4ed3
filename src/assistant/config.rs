//! The assistant's settings: where the MCP server is, how to sign tokens for it, and the optional LLM.

use anyhow::bail;

/// Where the MCP server listens when `MCP_SERVER_URL` is unset.
pub const DEFAULT_MCP_SERVER_URL: &str = "http://127.0.0.1:8080/mcp";

/// An OpenAI-compatible chat-completions endpoint (`LLM_BASE_URL`, `LLM_API_KEY`, `LLM_MODEL`).
#[derive(Clone)]
pub struct LlmConfig {
    /// Base URL up to the API version, e.g. `https://api.openai.com/v1`; `/chat/completions` is appended.
    pub base_url: String,
    /// Sent as `Authorization: Bearer …`.
    pub api_key: String,
    /// The model name passed in each request.
    pub model: String,
}

/// Everything the assistant reads from the environment.
#[derive(Clone)]
pub struct AssistantConfig {
    /// `MCP_SERVER_URL`: the MCP server's Streamable HTTP endpoint.
    pub mcp_server_url: String,
    /// `MCP_TOKEN_SECRET`: shared with `todo-mcp`; signs the short-lived tokens minted for signed-in users.
    pub mcp_token_secret: Option<String>,
    /// Set when all three `LLM_*` variables are; otherwise the offline parser answers.
    pub llm: Option<LlmConfig>,
}

// Hand-written so that logging a `Config` never prints a secret.
impl std::fmt::Debug for AssistantConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssistantConfig")
            .field("mcp_server_url", &self.mcp_server_url)
            .field("mcp_token_secret", &self.mcp_token_secret.as_ref().map(|_| "<redacted>"))
            .field("llm", &self.llm.as_ref().map(|l| (&l.base_url, &l.model)))
            .finish()
    }
}

impl Default for AssistantConfig {
    fn default() -> Self {
        Self { mcp_server_url: DEFAULT_MCP_SERVER_URL.into(), mcp_token_secret: None, llm: None }
    }
}

impl AssistantConfig {
    /// Reads `MCP_SERVER_URL`, `MCP_TOKEN_SECRET` and the `LLM_*` variables.
    pub fn from_env() -> anyhow::Result<Self> {
        let var =
            |name: &str| std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let mcp_server_url = var("MCP_SERVER_URL").unwrap_or_else(|| DEFAULT_MCP_SERVER_URL.into());
        if reqwest13::Url::parse(&mcp_server_url).is_err() {
            bail!("MCP_SERVER_URL={mcp_server_url:?} is not a valid URL");
        }
        let llm = match (var("LLM_BASE_URL"), var("LLM_API_KEY"), var("LLM_MODEL")) {
            (Some(base_url), Some(api_key), Some(model)) => Some(LlmConfig { base_url, api_key, model }),
            (None, None, None) => None,
            _ => bail!("LLM_BASE_URL, LLM_API_KEY and LLM_MODEL must be set together (or none of them)"),
        };
        let mcp_token_secret = var("MCP_TOKEN_SECRET");
        if let Some(secret) = &mcp_token_secret {
            crate::mcp::token::check_secret("MCP_TOKEN_SECRET", secret).map_err(anyhow::Error::msg)?;
        }
        Ok(Self { mcp_server_url, mcp_token_secret, llm })
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
            llm: Some(LlmConfig {
                base_url: "http://llm".into(),
                api_key: "sk-key".into(),
                model: "m".into(),
            }),
            ..Default::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret") && !shown.contains("sk-key"), "{shown}");
        assert!(shown.contains("http://llm"));
    }
}
