//! SQL for conversations and messages. Every statement checks the conversation's owner.

use sqlx::PgPool;

use todo_domain::chat::{ChatMessage, Conversation, Role, ToolCall};
use todo_domain::{AppError, AppResult};

use crate::db::DbResult;

fn not_found() -> AppError {
    AppError::NotFound("Conversation".into())
}

/// The owner's most recent conversation, if any.
pub async fn latest(pool: &PgPool, owner: i64) -> AppResult<Option<i64>> {
    sqlx::query_scalar!(
        "SELECT id FROM conversations WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
        owner,
    )
    .fetch_optional(pool)
    .await
    .db()
}

/// Starts a new, empty conversation; it becomes the latest.
pub async fn create(pool: &PgPool, owner: i64) -> AppResult<i64> {
    sqlx::query_scalar!("INSERT INTO conversations (user_id) VALUES ($1) RETURNING id", owner)
        .fetch_one(pool)
        .await
        .db()
}

/// `id` if it is one of the owner's conversations, else [`AppError::NotFound`].
pub async fn owned(pool: &PgPool, owner: i64, id: i64) -> AppResult<i64> {
    sqlx::query_scalar!("SELECT id FROM conversations WHERE id = $1 AND user_id = $2", id, owner)
        .fetch_optional(pool)
        .await
        .db()?
        .ok_or_else(not_found)
}

/// The last `limit` messages of one of the owner's conversations, oldest first.
pub async fn messages(
    pool: &PgPool,
    owner: i64,
    conversation: i64,
    limit: i64,
) -> AppResult<Vec<ChatMessage>> {
    let rows = sqlx::query_as!(
        MessageRow,
        r#"SELECT id AS "id!", role AS "role!", content AS "content!", tool_calls AS "tool_calls!" FROM (
             SELECT m.id, m.role, m.content, m.tool_calls::text AS tool_calls
             FROM messages m JOIN conversations c ON c.id = m.conversation_id
             WHERE c.user_id = $1 AND c.id = $2
             ORDER BY m.id DESC LIMIT $3
         ) recent ORDER BY id"#,
        owner,
        conversation,
        limit,
    )
    .fetch_all(pool)
    .await
    .db()?;
    rows.into_iter().map(ChatMessage::try_from).collect()
}

/// A `messages` row; `tool_calls` travels as text so sqlx needs no JSON feature.
struct MessageRow {
    id: i64,
    role: String,
    content: String,
    tool_calls: String,
}

impl TryFrom<MessageRow> for ChatMessage {
    type Error = AppError;

    /// Stored tool calls that do not parse are an error (logged), not silently an empty list.
    fn try_from(r: MessageRow) -> AppResult<Self> {
        let tool_calls = serde_json::from_str(&r.tool_calls)
            .map_err(|e| AppError::internal(&format!("message {}: stored tool calls unreadable", r.id), e))?;
        Ok(ChatMessage { id: r.id, role: Role::from_db(&r.role), content: r.content, tool_calls })
    }
}

/// The owner's most recent conversation with its last `limit` messages (oldest first), in one round trip;
/// an empty [`Conversation`] before the first message.
pub async fn latest_with_messages(pool: &PgPool, owner: i64, limit: i64) -> AppResult<Conversation> {
    /// The conversation, then one message's columns (all NULL before the first message).
    struct Row {
        conversation: i64,
        id: Option<i64>,
        role: Option<String>,
        content: Option<String>,
        tool_calls: Option<String>,
    }
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT c.id AS "conversation!", m.id AS "id?", m.role AS "role?", m.content AS "content?",
                  m.tool_calls AS "tool_calls?"
         FROM (SELECT id FROM conversations WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1) c
         LEFT JOIN LATERAL (
             SELECT id, role, content, tool_calls::text AS tool_calls FROM messages
             WHERE conversation_id = c.id
             ORDER BY id DESC LIMIT $2
         ) m ON true
         ORDER BY m.id"#,
        owner,
        limit,
    )
    .fetch_all(pool)
    .await
    .db()?;
    let id = rows.first().map(|row| row.conversation);
    let messages = rows
        .into_iter()
        .filter_map(|r| {
            Some(MessageRow { id: r.id?, role: r.role?, content: r.content?, tool_calls: r.tool_calls? })
        })
        .map(ChatMessage::try_from)
        .collect::<AppResult<_>>()?;
    Ok(Conversation { id, messages })
}

/// Appends a message to one of the owner's conversations.
pub async fn add_message(
    pool: &PgPool,
    owner: i64,
    conversation: i64,
    role: Role,
    content: &str,
    tool_calls: &[ToolCall],
) -> AppResult<i64> {
    let tool_calls =
        serde_json::to_string(tool_calls).map_err(|e| AppError::internal("encoding tool calls", e))?;
    sqlx::query_scalar!(
        "INSERT INTO messages (conversation_id, role, content, tool_calls)
         SELECT id, $3, $4, $5::text::jsonb FROM conversations WHERE id = $1 AND user_id = $2
         RETURNING id",
        conversation,
        owner,
        role.as_str(),
        content,
        tool_calls,
    )
    .fetch_optional(pool)
    .await
    .db()?
    .ok_or_else(not_found)
}
