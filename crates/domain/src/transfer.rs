//! Tasks in and out of the app: what an export holds ([`TaskRecord`]), what an import adds ([`ImportedTask`],
//! already validated by the same rules as every other way in), and what is shown before an import is applied
//! ([`ImportPreview`]: how many tasks, the first rows, every bad row with its line).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::task::{TaskDescription, TaskTitle};
use crate::{Due, Priority, Tag, TaskDetails, TaskFields};

/// A task with everything an export carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRecord {
    /// The task and its organising fields.
    pub details: TaskDetails,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// When it was last marked done (absent when not done).
    pub completed: Option<DateTime<Utc>>,
}

/// One task read from an import file, valid by the app's rules (a repeat has its due date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedTask {
    /// Title.
    pub title: TaskTitle,
    /// Description.
    pub description: TaskDescription,
    /// Whether it is done.
    pub done: bool,
    /// Priority, due date, tags, repeat.
    pub fields: TaskFields,
    /// When it was created in the other system (now when unknown).
    pub created: Option<DateTime<Utc>>,
    /// When it was done (now, for a done task, when unknown).
    pub completed: Option<DateTime<Utc>>,
}

/// A row of an import file that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// The row's line in the file (1 is the first line; a CSV header is line 1).
    pub line: u64,
    /// The field at fault (`title`, `due`, `priority`…), or empty for the row as a whole.
    pub field: String,
    /// What is wrong, for people.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "line {} ({}): {}", self.line, self.field, self.message)
        }
    }
}

/// A task of an import, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// Its line in the file.
    pub line: u64,
    /// Title.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
    /// Priority.
    pub priority: Priority,
    /// Due date and time.
    pub due: Option<Due>,
    /// Tags.
    pub tags: Vec<Tag>,
    /// The repeat, in words.
    pub repeat: Option<String>,
}

impl PreviewRow {
    /// The preview of `task`, read at `line`.
    pub fn of(line: u64, task: &ImportedTask) -> Self {
        Self {
            line,
            title: task.title.as_str().to_owned(),
            done: task.done,
            priority: task.fields.priority,
            due: task.fields.due,
            tags: task.fields.tags.clone(),
            repeat: task.fields.recurrence.as_ref().map(|r| r.describe()),
        }
    }
}

/// What an import would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// The file's format, for people ("Todoist CSV").
    pub format: String,
    /// How many tasks would be added (the rows without errors).
    pub tasks: usize,
    /// The first of them.
    pub rows: Vec<PreviewRow>,
    /// Every row that cannot be imported; while there is one, nothing is.
    pub errors: Vec<RowError>,
    /// What else to know: columns or rows skipped, values not kept.
    pub notes: Vec<String>,
}

impl ImportPreview {
    /// Whether the import can be applied: no bad row, at least one task.
    pub fn can_apply(&self) -> bool {
        self.errors.is_empty() && self.tasks > 0
    }
}
