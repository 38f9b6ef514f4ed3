//! Server functions for the chat panel. The conversation lives in Postgres; the server keeps no chat state.

use leptos::prelude::*;

use todo_domain::chat::{Conversation, SendReply};
use todo_domain::AppError;

#[cfg(feature = "ssr")]
use crate::{
    app_state::AppState,
    assistant::{agent, limits},
    server_fns::as_user,
};
#[cfg(feature = "ssr")]
use todo_domain::chat::{MessageText, Role};
#[cfg(feature = "ssr")]
use todo_store::conversations as repo;

/// Messages shown in the panel (and the most the LLM is given as history).
#[cfg(feature = "ssr")]
const SHOWN_MESSAGES: i64 = 100;
/// Longest reply stored, in characters (a model could ramble).
#[cfg(feature = "ssr")]
const REPLY_MAX: usize = 8000;

/// The signed-in user's latest conversation (empty before their first message).
#[server(prefix = "/api", endpoint = "assistant/conversation")]
pub async fn get_conversation() -> Result<Conversation, AppError> {
    as_user(|pool, owner| async move { repo::latest_with_messages(&pool, owner, SHOWN_MESSAGES).await }).await
}

/// Sends `text` to the assistant in `conversation_id` (default: the latest, started if there is none).
/// Stores the message and the reply, and returns the reply with the tool calls behind it.
///
/// One message per user is answered at a time (another one meanwhile gets 429 [`AppError::AssistantBusy`]), and
/// at most `ASSISTANT_MESSAGES_PER_MINUTE` per minute (then 429 with `Retry-After`).
#[server(prefix = "/api", endpoint = "assistant/send")]
pub async fn send_message(conversation_id: Option<i64>, text: String) -> Result<SendReply, AppError> {
    as_user(|pool, owner| async move {
        let text = MessageText::parse(&text)?;
        let config = AppState::get()?.config.assistant.clone();
        let slot = limits::TurnSlot::take(&pool, owner).await?;
        let result = async {
            limits::admit(&pool, owner, config.assistant_messages_per_minute).await?;
            let conversation = match conversation_id {
                Some(id) => repo::owned(&pool, owner, id).await?,
                None => match repo::latest(&pool, owner).await? {
                    Some(id) => id,
                    None => repo::create(&pool, owner).await?,
                },
            };
            let history = repo::messages(&pool, owner, conversation, SHOWN_MESSAGES).await?;
            let message_id =
                repo::add_message(&pool, owner, conversation, Role::User, text.as_str(), &[]).await?;
            let answer = agent::respond(&config, owner, &history, text.as_str(), message_id).await;
            let reply: String = answer.reply.chars().take(REPLY_MAX).collect();
            repo::add_message(&pool, owner, conversation, Role::Assistant, &reply, &answer.tool_calls)
                .await?;
            Ok(SendReply { conversation_id: conversation, reply, tool_calls: answer.tool_calls })
        }
        .await;
        slot.release().await;
        result
    })
    .await
}

/// Starts a fresh conversation ("New chat"); returns its id.
#[server(prefix = "/api", endpoint = "assistant/new")]
pub async fn new_conversation() -> Result<i64, AppError> {
    as_user(|pool, owner| async move { repo::create(&pool, owner).await }).await
}
