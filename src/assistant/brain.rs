//! The agent interface: a brain answers one message, calling tools only through the MCP [`Toolbox`].

use std::future::Future;

use crate::assistant::mcp_client::{Toolbox, Unreachable};
use todo_domain::chat::ChatMessage;

/// Why a brain could not finish its answer.
#[derive(Debug, thiserror::Error)]
pub enum BrainError {
    /// The MCP server stopped answering.
    #[error(transparent)]
    Tools(#[from] Unreachable),
    /// The language model API failed or answered something unusable (details for the log only).
    #[error("language model: {0}")]
    Llm(String),
}

/// Something that turns a user's message into a reply, using tools along the way.
pub trait Brain {
    /// Answers `text`, given the earlier messages of the conversation (oldest first).
    fn respond(
        &self,
        tools: &mut Toolbox<'_>,
        history: &[ChatMessage],
        text: &str,
    ) -> impl Future<Output = Result<String, BrainError>> + Send;
}
