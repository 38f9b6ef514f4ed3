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
/// How much longer than the turn's own time limit its token lives: connecting comes before the limit starts.
const TOKEN_MARGIN: Duration = Duration::from_secs(30);

/// Said when the MCP server is down, slow or refuses the token.
pub const UNREACHABLE: &str = "I can't reach my tools right now, so I couldn't do that. \
Your tasks are still there in the list \u{2014} please try again in a moment.";
/// Said when the web app was started without `MCP_TOKEN_SECRET`.
pub const NOT_CONFIGURED: &str = "The assistant is not set up on this server (MCP_TOKEN_SECRET is missing), \
so I can't reach my tools. You can still manage your tasks in the list.";
/// Said when a turn runs out of time (`ASSISTANT_TURN_TIMEOUT`).
pub const TOO_SLOW: &str = "That took too long, so I stopped. Anything I did before stopping is listed \
below; check your list, and try a simpler request.";
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

/// Lifetime of the token minted for a turn limited to `turn_timeout`.
fn token_ttl(turn_timeout: Duration) -> Duration {
    MCP_TIMEOUT + turn_timeout + TOKEN_MARGIN
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
    // The token dies soon after the turn's time is up: a turn cannot act on an expired token, nor a token outlive
    // its turn by much.
    let token = mint_user_token(secret, user_id, token_ttl(config.assistant_turn_timeout));
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
    let answer = async {
        match (&confirmed, config.llm()) {
            (Some(c), _) => confirmation::carry_out(&mut toolbox, &c.calls).await.map_err(BrainError::from),
            (None, Some(llm)) => LlmBrain::new(llm).respond(&mut toolbox, history, text).await,
            (None, None) => OfflineBrain.respond(&mut toolbox, history, text).await,
        }
    };
    let result = tokio::time::timeout(config.assistant_turn_timeout, answer).await;
    let tool_calls = std::mem::take(&mut toolbox.calls);
    tools.close().await;
    let reply = match result {
        Ok(Ok(reply)) => reply,
        Err(_) => {
            tracing::warn!(user_id, "assistant turn ran out of time");
            TOO_SLOW.to_owned()
        }
        Ok(Err(BrainError::Tools(e))) => {
            tracing::warn!(error = %e, "MCP server stopped answering mid-turn");
            UNREACHABLE.to_owned()
        }
        Ok(Err(e @ BrainError::Llm(_))) => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_turns_token_outlives_the_turn_but_not_by_much() {
        let turn = Duration::from_secs(90);
        let ttl = token_ttl(turn);
        assert!(ttl > MCP_TIMEOUT + turn, "the token is valid for the whole turn");
        assert!(ttl <= turn + Duration::from_secs(60), "{ttl:?}");
    }
}
