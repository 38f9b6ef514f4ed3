//! Task types shared by the browser and the server, with the validation rules written once.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Longest title accepted, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest description accepted, in characters.
pub const DESCRIPTION_MAX: usize = 1000;

/// A task as the owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: i64,
    pub title: String,
    pub description: Option<String>,
    pub done: bool,
}

impl Task {
    /// The `id` of task `id`'s list item on the task page: links (and the editor's redirect) use it as
    /// their fragment, so the page opens scrolled to that task.
    pub fn element_id(id: i64) -> String {
        format!("task-{id}")
    }
}

/// A title that passed validation: trimmed, 1–200 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTitle(String);

impl TaskTitle {
    /// Trims `raw` and checks its length.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let title = raw.trim();
        if title.is_empty() {
            return Err(AppError::invalid("title", "Title is required."));
        }
        if title.contains('\0') {
            // PostgreSQL text cannot hold it: refused here rather than failing in the database.
            return Err(AppError::invalid("title", "Title cannot contain NUL characters."));
        }
        let len = title.chars().count();
        if len > TITLE_MAX {
            return Err(AppError::invalid(
                "title",
                format!("Title must be at most {TITLE_MAX} characters (it has {len})."),
            ));
        }
        Ok(Self(title.to_owned()))
    }

    /// The validated title.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional description that passed validation: trimmed, at most 1000 characters, blank = none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDescription(Option<String>);

impl TaskDescription {
    /// Trims `raw`; an empty result means "no description".
    pub fn parse(raw: Option<&str>) -> Result<Self, AppError> {
        let text = raw.map(str::trim).unwrap_or_default();
        if text.is_empty() {
            return Ok(Self(None));
        }
        if text.contains('\0') {
            return Err(AppError::invalid("description", "Description cannot contain NUL characters."));
        }
        let len = text.chars().count();
        if len > DESCRIPTION_MAX {
            return Err(AppError::invalid(
                "description",
                format!("Description must be at most {DESCRIPTION_MAX} characters (it has {len})."),
            ));
        }
        Ok(Self(Some(text.to_owned())))
    }

    /// The validated description, if any.
    pub fn as_deref(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// Which tasks a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusFilter {
    #[default]
    All,
    #[serde(alias = "active")]
    Pending,
    Completed,
}

impl StatusFilter {
    /// Parses `all`, `pending`/`active` or `completed`/`done`; anything else is an error naming the choices.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "all" => Ok(Self::All),
            "pending" | "active" | "open" => Ok(Self::Pending),
            "completed" | "done" => Ok(Self::Completed),
            other => Err(AppError::invalid(
                "status",
                format!("Unknown status \"{other}\": use all, pending or completed."),
            )),
        }
    }

    /// Its name, as serialised and as MCP's `list_tasks` takes it: `all`, `pending` or `completed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Pending => "pending",
            Self::Completed => "completed",
        }
    }

    /// Its name in the task page's URL (`?status=active`).
    pub fn query_value(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Pending => "active",
            Self::Completed => "completed",
        }
    }
}

/// The most recent deletion, which the owner can still undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deletion {
    /// How many tasks were deleted together.
    pub count: i64,
    /// The title of one of them, for the message.
    pub title: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_trimmed_and_required() {
        assert_eq!(TaskTitle::parse("  buy milk ").unwrap().as_str(), "buy milk");
        assert_eq!(TaskTitle::parse("   ").unwrap_err().for_field("title").unwrap(), "Title is required.");
        assert!(
            TaskTitle::parse("a\0b").unwrap_err().for_field("title").is_some(),
            "NUL refused (found by schemathesis)"
        );
        assert!(TaskDescription::parse(Some("a\0b")).unwrap_err().for_field("description").is_some());
    }

    #[test]
    fn title_length_counts_characters_not_bytes() {
        assert!(TaskTitle::parse(&"é".repeat(TITLE_MAX)).is_ok());
        let err = TaskTitle::parse(&"a".repeat(TITLE_MAX + 1)).unwrap_err();
        assert!(err.for_field("title").unwrap().contains("at most 200"));
    }

    #[test]
    fn blank_description_is_none() {
        assert_eq!(TaskDescription::parse(Some("  ")).unwrap().as_deref(), None);
        assert_eq!(TaskDescription::parse(None).unwrap().as_deref(), None);
        assert_eq!(TaskDescription::parse(Some(" x ")).unwrap().as_deref(), Some("x"));
        assert!(TaskDescription::parse(Some(&"a".repeat(DESCRIPTION_MAX + 1))).is_err());
    }

    #[test]
    fn status_filter_accepts_synonyms_and_rejects_others() {
        assert_eq!(StatusFilter::parse("Active").unwrap(), StatusFilter::Pending);
        assert_eq!(StatusFilter::parse("done").unwrap(), StatusFilter::Completed);
        assert_eq!(StatusFilter::parse("").unwrap(), StatusFilter::All);
        assert!(StatusFilter::parse("later").is_err());
    }
}
