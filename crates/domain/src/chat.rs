//! Chat types shared by the browser and the server.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Longest message a user may send, in characters.
pub const MESSAGE_MAX: usize = 2000;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    User,
    Assistant,
}

impl Role {
    /// The value stored in `messages.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Assistant => "assistant",
        }
    }

    /// Parses the stored value; anything unknown is treated as the assistant's.
    pub fn from_db(raw: &str) -> Self {
        if raw == "user" {
            Self::User
        } else {
            Self::Assistant
        }
    }
}

/// One MCP tool call the agent made while answering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// Tool name, e.g. `add_task`.
    pub name: String,
    /// The arguments it was called with.
    pub arguments: serde_json::Value,
    /// What came back, in a few words (e.g. `created #12 'buy milk'`).
    pub summary: String,
    /// Whether the tool reported an error.
    pub is_error: bool,
    /// Not made: a second destructive change in one turn waits for the user to confirm it (their next message).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub awaiting_confirmation: bool,
}

/// A stored chat message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub id: i64,
    pub role: Role,
    pub content: String,
    /// The tool calls behind an assistant reply (empty for user messages).
    pub tool_calls: Vec<ToolCall>,
}

/// The conversation the chat panel shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Conversation {
    /// `None` until the user sends a first message.
    pub id: Option<i64>,
    pub messages: Vec<ChatMessage>,
}

/// The answer to one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendReply {
    pub conversation_id: i64,
    pub reply: String,
    pub tool_calls: Vec<ToolCall>,
}

/// A message that passed validation: trimmed, 1–[`MESSAGE_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageText(String);

impl MessageText {
    /// Trims `raw` and checks its length.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(AppError::invalid("text", "Type a message first."));
        }
        if text.contains('\0') {
            // PostgreSQL text cannot hold it: refused here rather than failing in the database.
            return Err(AppError::invalid("text", "Messages cannot contain NUL characters."));
        }
        let len = text.chars().count();
        if len > MESSAGE_MAX {
            return Err(AppError::invalid(
                "text",
                format!("Messages can be at most {MESSAGE_MAX} characters (this one has {len})."),
            ));
        }
        Ok(Self(text.to_owned()))
    }

    /// The validated text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_text_is_trimmed_and_bounded() {
        assert_eq!(MessageText::parse("  hi ").unwrap().as_str(), "hi");
        assert!(MessageText::parse(" \n ").unwrap_err().for_field("text").is_some());
        assert!(MessageText::parse(&"x".repeat(MESSAGE_MAX + 1)).is_err());
    }

    #[test]
    fn roles_round_trip_through_the_database_value() {
        for role in [Role::User, Role::Assistant] {
            assert_eq!(Role::from_db(role.as_str()), role);
        }
    }

    #[test]
    fn tool_calls_serialise_as_stored_json() {
        let call = ToolCall {
            name: "add_task".into(),
            arguments: serde_json::json!({"title": "buy milk"}),
            summary: "created #1 'buy milk'".into(),
            is_error: false,
            awaiting_confirmation: false,
        };
        let text = serde_json::to_string(&vec![call.clone()]).unwrap();
        assert_eq!(serde_json::from_str::<Vec<ToolCall>>(&text).unwrap(), vec![call]);
        // Rows stored before the flag existed read as not awaiting anything.
        assert!(!text.contains("awaiting_confirmation"), "{text}");
    }
}
