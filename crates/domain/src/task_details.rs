//! A task with its organising fields (priority, due, tags, repeat), the changes an editor or a tool makes to them,
//! and what lists return: a page of tasks, the user's tags with counts, what quick add took from the text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::task::{Deletion, Task, TaskDescription, TaskTitle};
use crate::{Due, Priority, Recognised, Recurrence, Tag};

/// A task as lists and editors show it: the plain [`Task`] (same JSON keys) plus its organising fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDetails {
    /// Id, title, description, done.
    #[serde(flatten)]
    pub task: Task,
    /// `none` unless set.
    pub priority: Priority,
    /// Local date (and time) in the owner's zone.
    pub due: Option<Due>,
    /// Tags in name order.
    pub tags: Vec<Tag>,
    /// The repeat rule.
    pub recurrence: Option<Recurrence>,
}

/// The organising fields of a new task.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskFields {
    /// Priority.
    pub priority: Priority,
    /// Due date and time.
    pub due: Option<Due>,
    /// Tags (created for the owner when new; duplicates by letter case are merged).
    pub tags: Vec<Tag>,
    /// Repeat rule (needs a due date: its first occurrence).
    pub recurrence: Option<Recurrence>,
}

/// Changes to a task: `None` keeps a field; `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskPatch {
    /// New title.
    pub title: Option<TaskTitle>,
    /// New description (a blank one removes it).
    pub description: Option<TaskDescription>,
    /// New priority.
    pub priority: Option<Priority>,
    /// New due date, or none.
    pub due: Option<Option<Due>>,
    /// The complete new set of tags.
    pub tags: Option<Vec<Tag>>,
    /// New repeat rule, or none.
    pub recurrence: Option<Option<Recurrence>>,
}

impl TaskPatch {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskPage {
    /// The tasks, in the query's order.
    pub tasks: Vec<TaskDetails>,
    /// Pass back as the query's `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// The owner's date when the list was made (Today/Upcoming and due labels are relative to it).
    pub today: NaiveDate,
    /// The owner's IANA time zone, which `today` is in (the new-task box's preview reads dates in it too).
    pub time_zone: String,
}

/// What the task page shows: one page of the list its URL asks for, and what is true of all the owner's tasks
/// whatever the list (the tags for the views, the counts for the footer, the deletion that can be undone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskBoard {
    /// The list: `tasks`, `next_cursor`, `today`.
    #[serde(flatten)]
    pub page: TaskPage,
    /// The owner's tags, by name.
    pub tags: Vec<TagCount>,
    /// `open`, `completed`, `last_deletion`.
    #[serde(flatten)]
    pub summary: TaskSummary,
}

/// What is true of all the owner's tasks, whatever the list: the footer's counts and the undo banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskSummary {
    /// Live tasks not done.
    pub open: i64,
    /// Live tasks done.
    pub completed: i64,
    /// The latest deletion, while it can still be undone.
    pub last_deletion: Option<Deletion>,
}

/// One of the owner's tags and how many live tasks carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    /// The tag's name, as first written.
    pub name: Tag,
    /// Live tasks with the tag.
    pub tasks: i64,
    /// Of those, not done.
    pub open: i64,
}

/// A task added from quick-add text, and what was taken from the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickAdded {
    /// The saved task.
    pub task: TaskDetails,
    /// One label per field taken ("due Fri 4 Dec 17:00", "every weekday", "high priority", "#home").
    pub taken: Vec<String>,
    /// Every piece taken from the text, with where it was.
    pub recognised: Vec<Recognised>,
}

/// What completing a task did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    /// The completed task.
    pub task: TaskDetails,
    /// The next occurrence of a repeating task (created by this completion or by an earlier one); absent when
    /// the task does not repeat or its rule has ended.
    pub next: Option<TaskDetails>,
}
