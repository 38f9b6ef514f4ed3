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

/// Arguments of `add_task`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AddTaskArgs {
    /// What needs doing, 1-200 characters, e.g. "Buy milk".
    pub title: String,
    /// Optional details or notes, up to 1000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Arguments of `list_tasks`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ListTasksArgs {
    /// Which tasks: "all" (default), "pending" (not done yet) or "completed".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(extend("enum" = ["all", "pending", "completed"])))]
    pub status: Option<String>,
    /// Only tasks whose title or description contains this text (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// Return at most this many tasks, newest first (1-200, default 200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schemars(range(min = 1, max = 200)))]
    pub limit: Option<i64>,
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
#[derive(Debug, Clone, Serialize, Deserialize)]
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
}

/// Result of `list_tasks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(schemars::JsonSchema))]
pub struct TaskList {
    /// Newest first.
    pub tasks: Vec<TaskItem>,
    /// How many tasks are in `tasks`.
    pub count: usize,
}
