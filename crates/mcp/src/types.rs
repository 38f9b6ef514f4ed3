//! The tools' names, arguments and results: the contract between todo-mcp and its clients (the web app's
//! assistant calls the tools through MCP with exactly these types). Built without the `server` feature too.
//!
//! Their doc comments are the JSON Schema descriptions clients see (`tools/list`).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[cfg(feature = "server")]
use rmcp::schemars;

/// Most tasks one `list_tasks` call returns.
pub const LIST_LIMIT_MAX: i64 = 200;

/// The request `_meta` key naming a deletion batch for `delete_task`: deletions a client makes under one batch name
/// (the web app's assistant: one per turn) are undone together. A string of 1 to 100 characters; without it each
/// deletion is a batch of its own. Not a tool argument, so a language model driving the client cannot set it.
pub const DELETION_BATCH_META: &str = "todo-app/deletion-batch";

/// A tool of the server: its name, argument type and result type (`structuredContent`).
pub trait Tool {
    /// The tool's name in `tools/call`.
    const NAME: &'static str;
    /// Its arguments (a JSON object).
    type Args: Serialize + Send + Sync;
    /// Its result, sent as `structuredContent`.
    type Output: DeserializeOwned;
}

/// `add_task`.
pub struct AddTask;
impl Tool for AddTask {
    const NAME: &'static str = "add_task";
    type Args = AddTaskArgs;
    type Output = TaskChange;
}

/// `list_tasks`.
pub struct ListTasks;
impl Tool for ListTasks {
    const NAME: &'static str = "list_tasks";
    type Args = ListTasksArgs;
    type Output = TaskList;
}

/// `complete_task`.
pub struct CompleteTask;
impl Tool for CompleteTask {
    const NAME: &'static str = "complete_task";
    type Args = TaskIdArgs;
    type Output = TaskChange;
}

/// `delete_task`.
pub struct DeleteTask;
impl Tool for DeleteTask {
    const NAME: &'static str = "delete_task";
    type Args = TaskIdArgs;
    type Output = TaskChange;
}

/// `update_task`.
pub struct UpdateTask;
impl Tool for UpdateTask {
    const NAME: &'static str = "update_task";
    type Args = UpdateTaskArgs;
    type Output = TaskChange;
}

/// `list_tags`.
pub struct ListTags;
impl Tool for ListTags {
    const NAME: &'static str = "list_tags";
    type Args = NoArgs;
    type Output = TagList;
}

/// The tools that destroy or irreversibly overwrite a user's data, which `tools/list` marks `destructiveHint: true`
/// (tests/mcp.rs holds the two to each other): `delete_task` removes a task, `update_task` replaces its title,
/// description, tags, due date or repeat with nothing kept of the old values. Adding and completing are not:
/// what they do is undone by hand (delete the task, mark it not done). The web app's assistant makes at most one
/// destructive call per message without asking the user.
pub const DESTRUCTIVE_TOOLS: [&str; 2] = [DeleteTask::NAME, UpdateTask::NAME];

/// Arguments of a tool that takes none.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

/// Arguments of `add_task`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AddTaskArgs {
    /// What needs doing, 1-200 characters, e.g. "Buy milk". With quick_add, the text as a person types it:
    /// "Pay rent every month on the 1st !high #home", "call mom tomorrow 5pm #family", "report friday p1".
    pub title: String,
    /// Optional details or notes, up to 1000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Take the due date, time, priority (!high, p1), #tags and repeat ("every monday") from the title, in the
    /// user's time zone; what is not recognised stays in the title. The result lists what was taken.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quick_add: bool,
    /// Task fields; given ones win over what quick_add took from the title.
    #[serde(flatten)]
    pub fields: TaskFieldArgs,
}

/// The organising fields a tool can set. Omit a field to leave it (or, on a new task, to have none).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct TaskFieldArgs {
    /// Priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("enum" = ["none", "low", "medium", "high", "urgent"])))]
    pub priority: Option<String>,
    /// Due date (YYYY-MM-DD) in the user's time zone; "" removes the due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(regex(pattern = r"^(\d{4}-\d{2}-\d{2})?$"), extend("format" = "date")))]
    pub due_date: Option<String>,
    /// The due date (and time) as a person says it, read in the user's time zone: "friday", "tomorrow 5pm",
    /// "in 3 days", "dec 24", "2026-12-24 17:00". Instead of due_date/due_time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(length(min = 1, max = 100)))]
    pub due: Option<String>,
    /// Due time of day (HH:MM, 24-hour) in the user's time zone; needs due_date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(regex(pattern = r"^(([01]\d|2[0-3]):[0-5]\d)?$")))]
    pub due_time: Option<String>,
    /// The task's tags: the complete set (names without '#', 1-50 characters; new ones are created). [] removes all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Repeat rule, an RFC 5545 RRULE subset: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY, INTERVAL, BYDAY (MO,WE or 1MO,-1FR
    /// monthly), BYMONTHDAY, BYMONTH, UNTIL (date) or COUNT. E.g. "FREQ=WEEKLY;BYDAY=MO". Needs a due date (the
    /// first occurrence). "" removes the repeat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(regex(pattern = r"^((RRULE:)?FREQ=[A-Za-z0-9=;,:+-]*)?$")))]
    pub recurrence: Option<String>,
    /// Whether the next occurrence follows the schedule from the due date ("due", default) or counts from
    /// completion ("completion"). Needs recurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("enum" = ["due", "completion"])))]
    pub repeat_from: Option<String>,
}

/// Arguments of `list_tasks`: the same view, filters, sort and paging as the web app's task list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ListTasksArgs {
    /// Which tasks: "all" (default), "pending" (not done yet) or "completed".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("enum" = ["all", "pending", "completed"])))]
    pub status: Option<String>,
    /// Words in the title or description (word prefixes match: "rep" finds "report"; every word must match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(length(max = 200)))]
    pub search: Option<String>,
    /// Return at most this many tasks (1-200, default 200); more are paged with next_cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(range(min = 1, max = 200)))]
    pub limit: Option<i64>,
    /// "all" (default); "today": due today or overdue; "upcoming": due in the next 7 days (today included).
    /// Days are the user's, in their time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("enum" = ["all", "today", "upcoming"])))]
    pub view: Option<String>,
    /// Only tasks of this priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("enum" = ["none", "low", "medium", "high", "urgent"])))]
    pub priority: Option<String>,
    /// Only tasks with this tag (name without '#', any letter case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Only tasks due on or before this date (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"), extend("format" = "date")))]
    pub due_before: Option<String>,
    /// Only tasks due on or after this date (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"), extend("format" = "date")))]
    pub due_after: Option<String>,
    /// Only tasks without a due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_due: Option<bool>,
    /// Order: "created" (default, newest first), "due" (soonest first, undated last), "priority" (most urgent
    /// first), "title" (A-Z).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("enum" = ["created", "due", "priority", "title"])))]
    pub sort: Option<String>,
    /// Reverse or force the sort's direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("enum" = ["asc", "desc"])))]
    pub direction: Option<String>,
    /// The next_cursor of the previous call, with the same other arguments, for the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Arguments of the tools that act on one task.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TaskIdArgs {
    /// The task's id, as returned by add_task or list_tasks.
    pub task_id: i64,
}

/// Arguments of `update_task`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTaskArgs {
    /// The task's id, as returned by add_task or list_tasks.
    pub task_id: i64,
    /// The new title, 1-200 characters. Omit to keep the current title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The new description, up to 1000 characters; an empty string removes it. Omit to keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New priority, due date/time, tags, repeat.
    #[serde(flatten)]
    pub fields: TaskFieldArgs,
    /// Tags to add, keeping the task's other tags (names without '#').
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_tags: Option<Vec<String>>,
}

/// What a tool did to a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ChangeStatus {
    Created,
    Completed,
    Deleted,
    Updated,
}

/// Result of `add_task`, `complete_task`, `delete_task` and `update_task`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct TaskChange {
    /// The task's id.
    pub task_id: i64,
    /// What happened to it.
    pub status: ChangeStatus,
    /// Its title (after the change).
    pub title: String,
    /// Its fields after the change (absent ones are unset).
    #[serde(flatten)]
    pub fields: TaskFieldsOut,
    /// add_task with quick_add: what was taken from the text ("due Fri 4 Dec 17:00", "every weekday",
    /// "high priority", "#home"); absent when nothing was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taken: Vec<String>,
    /// complete_task on a repeating task: its next occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Box<TaskItem>>,
}

/// A task's organising fields in results; unset ones are absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct TaskFieldsOut {
    /// low, medium, high or urgent; absent = none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("enum" = ["low", "medium", "high", "urgent"])))]
    pub priority: Option<String>,
    /// Due date (YYYY-MM-DD), in the user's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("format" = "date")))]
    pub due_date: Option<String>,
    /// Due time (HH:MM), in the user's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_time: Option<String>,
    /// Tags, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The repeat rule (RRULE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<String>,
    /// "due" or "completion", with recurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_from: Option<String>,
    /// The repeat for people ("every weekday").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<String>,
}

impl From<&todo_domain::TaskDetails> for TaskFieldsOut {
    fn from(t: &todo_domain::TaskDetails) -> Self {
        use todo_domain::Priority;
        Self {
            priority: (t.priority != Priority::None).then(|| t.priority.as_str().to_owned()),
            due_date: t.due.map(|d| todo_domain::due::iso_date(d.date())),
            due_time: t.due.and_then(|d| d.time()).map(todo_domain::due::hh_mm),
            tags: t.tags.iter().map(|t| t.as_str().to_owned()).collect(),
            recurrence: t.recurrence.as_ref().map(|r| r.to_rrule()),
            repeat_from: t.recurrence.as_ref().map(|r| r.repeat_from().as_str().to_owned()),
            repeat: t.recurrence.as_ref().map(|r| r.describe()),
        }
    }
}

/// One task in a `list_tasks` result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct TaskItem {
    pub task_id: i64,
    pub title: String,
    pub description: Option<String>,
    /// Whether the task is completed.
    pub done: bool,
    /// Priority, due, tags, repeat (absent ones are unset).
    #[serde(flatten)]
    pub fields: TaskFieldsOut,
}

impl From<todo_domain::TaskDetails> for TaskItem {
    fn from(t: todo_domain::TaskDetails) -> Self {
        let fields = TaskFieldsOut::from(&t);
        Self {
            task_id: t.task.id,
            title: t.task.title,
            description: t.task.description,
            done: t.task.done,
            fields,
        }
    }
}

/// Result of `list_tasks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct TaskList {
    /// In the requested order (newest first by default).
    pub tasks: Vec<TaskItem>,
    /// How many tasks are in `tasks`.
    pub count: usize,
    /// More tasks match: call list_tasks again with the same arguments and this cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// The user's date today (YYYY-MM-DD, their time zone): what "today" and "overdue" mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
}

/// One tag in a `list_tags` result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct TagItem {
    /// The tag's name (without '#').
    pub name: String,
    /// Tasks with the tag.
    pub tasks: i64,
    /// Of those, not done yet.
    pub open: i64,
}

/// Result of `list_tags`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct TagList {
    /// The user's tags by name.
    pub tags: Vec<TagItem>,
    /// How many tags are in `tags`.
    pub count: usize,
}
