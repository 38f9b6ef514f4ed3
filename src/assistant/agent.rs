//! Runs one turn: mint a token for the user, open an MCP session, let the configured brain answer.

use std::time::Duration;

use secrecy::ExposeSecret;

use crate::assistant::brain::{Brain, BrainError};
use crate::assistant::config::AssistantConfig;
use crate::assistant::confirmation;
use crate::assistant::llm::LlmBrain;
use crate::assistant::mcp_client::{McpTools, Toolbox};
use crate::assistant::offline::OfflineBrain;
use crate::assistant::turn_rules::TurnRules;
use todo_domain::chat::{ChatMessage, ToolCall};
use todo_store::user_token::mint_user_token;

/// How long the MCP server may take to connect or to answer one call.
pub const MCP_TIMEOUT: Duration = Duration::from_secs(5);
/// Lifetime of the token minted for one turn: long enough for the slowest model round trips.
const TOKEN_TTL: Duration = Duration::from_secs(300);

/// Said when the MCP server is down, slow or refuses the token.
pub const UNREACHABLE: &str = "I can't reach my tools right now, so I couldn't do that. \
Your tasks are still there in the list \u{2014} please try again in a moment.";
/// Said when the web app was started without `MCP_TOKEN_SECRET`.
pub const NOT_CONFIGURED: &str = "The assistant is not set up on this server (MCP_TOKEN_SECRET is missing), \
so I can't reach my tools. You can still manage your tasks in the list.";
/// Said when the language model fails.
pub const MODEL_FAILED: &str =
    "The language model did not answer properly, so I couldn't finish. Please try again.";

/// The assistant's answer to one message.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentReply {
    pub reply: String,
    /// Every tool call made, including those before a failure.
    pub tool_calls: Vec<ToolCall>,
}

/// The deletion batch of the turn started by user message `message_id`.
fn deletion_batch(message_id: i64) -> String {
    format!("chat-turn:{message_id}")
}

/// Answers `text` (stored as user message `message_id`) for `user_id`. Never fails: trouble becomes a reply that
/// says what went wrong.
///
/// A plain yes to a reply that held destructive changes back makes them, without a brain
/// ([`confirmation`]); any other message goes to the brain under the turn's [`TurnRules`].
pub async fn respond(
    config: &AssistantConfig,
    user_id: i64,
    history: &[ChatMessage],
    text: &str,
    message_id: i64,
) -> AgentReply {
    let plain = |reply: &str| AgentReply { reply: reply.to_owned(), tool_calls: Vec::new() };
    let Some(secret) = config.mcp_token_secret.as_ref().map(ExposeSecret::expose_secret) else {
        return plain(NOT_CONFIGURED);
    };
    let token = mint_user_token(secret, user_id, TOKEN_TTL);
    let tools = match McpTools::connect(&config.mcp_server_url, &token, MCP_TIMEOUT).await {
        Ok(tools) => tools,
        Err(e) => {
            tracing::warn!(error = %e, "assistant cannot reach the MCP server");
            return plain(UNREACHABLE);
        }
    };
    let confirmed = confirmation::confirmed(history, text);
    let (rules, batch) = match &confirmed {
        Some(c) => (TurnRules::confirmed(), deletion_batch(c.asked_in)),
        None => (TurnRules::default(), deletion_batch(message_id)),
    };
    let mut toolbox = Toolbox::new(&tools, rules, batch);
    let result = match (&confirmed, config.llm()) {
        (Some(c), _) => confirmation::carry_out(&mut toolbox, &c.calls).await.map_err(BrainError::from),
        (None, Some(llm)) => LlmBrain::new(llm).respond(&mut toolbox, history, text).await,
        (None, None) => OfflineBrain.respond(&mut toolbox, history, text).await,
    };
    let tool_calls = std::mem::take(&mut toolbox.calls);
    tools.close().await;
    let reply = match result {
        Ok(reply) => reply,
        Err(BrainError::Tools(e)) => {
            tracing::warn!(error = %e, "MCP server stopped answering mid-turn");
            UNREACHABLE.to_owned()
        }
        Err(e @ BrainError::Llm(_)) => {
            tracing::warn!(error = %e, "language model failed");
            MODEL_FAILED.to_owned()
        }
    };
    let reply = match confirmation::question(&tool_calls) {
        Some(question) => format!("{}\n\n{question}", reply.trim_end()),
        None => reply,
    };
    AgentReply { reply, tool_calls }
}
