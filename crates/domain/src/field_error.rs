//! Validation errors with a message a user can read, and the form field they belong to.

use thiserror::Error;

/// A value a user (or an MCP client) gave that the domain refuses; the message is safe to show as-is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// The task title.
    #[error("{0}")]
    Title(String),
    /// The priority.
    #[error("{0}")]
    Priority(String),
    /// A tag.
    #[error("{0}")]
    Tag(String),
    /// The due date or time.
    #[error("{0}")]
    Due(String),
    /// The recurrence rule.
    #[error("{0}")]
    Recurrence(String),
}

impl DomainError {
    /// The form field (and MCP argument) the error belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Priority(_) => "priority",
            Self::Tag(_) => "tags",
            Self::Due(_) => "due",
            Self::Recurrence(_) => "recurrence",
        }
    }

    /// The user-facing message.
    pub fn message(&self) -> &str {
        match self {
            Self::Title(m) | Self::Priority(m) | Self::Tag(m) | Self::Due(m) | Self::Recurrence(m) => m,
        }
    }
}

impl From<DomainError> for crate::AppError {
    fn from(err: DomainError) -> Self {
        Self::invalid(err.field(), err.message())
    }
}
