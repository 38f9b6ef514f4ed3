//! The MCP tools: thin adapters from MCP arguments to [`todo_store::tasks`], acting for the user that
//! [`crate::auth`] resolved from the bearer token. The caller never names a user.
//!
//! Tools return `Result<Json<T>, String>` spelled out (not through an alias): rmcp's macro derives the
//! output schema from that exact shape, and an `Err` becomes a tool error (`isError: true`).
//!
//! Every failure the caller can fix (bad argument, unknown task, another user's task) is a tool error
//! (`isError: true`) with a message a model can act on; internal details stay in the server log.

use axum::http::request::Parts;
use rmcp::handler::server::{router::tool::ToolRouter, tool::Extension, wrapper::Parameters};
use rmcp::model::{Implementation, ServerCapabilities, ServerConfig};
use rmcp::{tool, tool_handler, tool_router, Json, ServerHandler};
use sqlx::PgPool;
use todo_domain::task::{StatusFilter, Task, TaskDescription, TaskTitle};
use todo_domain::AppError;
use todo_store::tasks as repo;

use crate::auth::McpUser;
use crate::types::{
    AddTaskArgs, ChangeStatus, ListTasksArgs, TaskChange, TaskIdArgs, TaskItem, TaskList, UpdateTaskArgs,
    LIST_LIMIT_MAX,
};

/// A tool's answer about one task.
fn change(task: Task, status: ChangeStatus) -> Json<TaskChange> {
    Json(TaskChange { task_id: task.id, status, title: task.title })
}

/// The user put into the request by the auth middleware. Missing only if the server was wired wrongly.
fn caller(parts: &Parts) -> Result<i64, String> {
    parts.extensions.get::<McpUser>().map(|u| u.id).ok_or_else(|| {
        tracing::error!("MCP request reached a tool without an authenticated user");
        AppError::Unauthorized.to_string()
    })
}

/// The caller-facing message of an error (internal errors were logged and say nothing specific).
fn message(err: AppError) -> String {
    err.to_string()
}

/// The MCP server handler: task tools over one database pool.
#[derive(Clone)]
pub struct TaskTools {
    pool: PgPool,
    tool_router: ToolRouter<Self>,
}

impl TaskTools {
    /// A handler over `pool`. Cheap to clone, so one can be built per request.
    pub fn new(pool: PgPool) -> Self {
        Self { pool, tool_router: Self::tool_router() }
    }
}

#[tool_router]
impl TaskTools {
    #[tool(
        description = "Add a task to the user's todo list. Returns the new task's id, which the other tools take.",
        annotations(
            title = "Add task",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn add_task(
        &self,
        Extension(parts): Extension<Parts>,
        Parameters(args): Parameters<AddTaskArgs>,
    ) -> Result<Json<TaskChange>, String> {
        let owner = caller(&parts)?;
        let title = TaskTitle::parse(&args.title).map_err(message)?;
        let description = TaskDescription::parse(args.description.as_deref()).map_err(message)?;
        let task = repo::create(&self.pool, owner, &title, &description).await.map_err(message)?;
        Ok(change(task, ChangeStatus::Created))
    }

    #[tool(
        description = "List the user's tasks, newest first, with their ids, titles, descriptions and whether they are done. \
                       Filter by status (all, pending, completed) and by text; use it to find a task's id.",
        annotations(
            title = "List tasks",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn list_tasks(
        &self,
        Extension(parts): Extension<Parts>,
        Parameters(args): Parameters<ListTasksArgs>,
    ) -> Result<Json<TaskList>, String> {
        let owner = caller(&parts)?;
        let status = StatusFilter::parse(args.status.as_deref().unwrap_or_default()).map_err(message)?;
        let limit = args.limit.unwrap_or(LIST_LIMIT_MAX);
        if !(1..=LIST_LIMIT_MAX).contains(&limit) {
            return Err(format!("limit must be between 1 and {LIST_LIMIT_MAX} (it was {limit})."));
        }
        let query = repo::ListQuery { status, search: args.search.as_deref(), limit: Some(limit) };
        let tasks: Vec<TaskItem> = repo::list(&self.pool, owner, &query)
            .await
            .map_err(message)?
            .into_iter()
            .map(|t| TaskItem { task_id: t.id, title: t.title, description: t.description, done: t.done })
            .collect();
        Ok(Json(TaskList { count: tasks.len(), tasks }))
    }

    #[tool(
        description = "Mark one of the user's tasks as done. Completing a task that is already done changes nothing.",
        annotations(
            title = "Complete task",
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn complete_task(
        &self,
        Extension(parts): Extension<Parts>,
        Parameters(args): Parameters<TaskIdArgs>,
    ) -> Result<Json<TaskChange>, String> {
        let owner = caller(&parts)?;
        let task = repo::set_done(&self.pool, owner, args.task_id, true).await.map_err(message)?;
        Ok(change(task, ChangeStatus::Completed))
    }

    #[tool(
        description = "Delete one of the user's tasks. The user can undo it from the web app for a few minutes.",
        annotations(
            title = "Delete task",
            read_only_hint = false,
            destructive_hint = true,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn delete_task(
        &self,
        Extension(parts): Extension<Parts>,
        Parameters(args): Parameters<TaskIdArgs>,
    ) -> Result<Json<TaskChange>, String> {
        let owner = caller(&parts)?;
        let task = repo::delete(&self.pool, owner, args.task_id).await.map_err(message)?;
        Ok(change(task, ChangeStatus::Deleted))
    }

    #[tool(
        description = "Rename one of the user's tasks and/or change its description. \
                       Give at least one of title and description; an omitted field is left as it is.",
        annotations(
            title = "Update task",
            read_only_hint = false,
            destructive_hint = true,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn update_task(
        &self,
        Extension(parts): Extension<Parts>,
        Parameters(args): Parameters<UpdateTaskArgs>,
    ) -> Result<Json<TaskChange>, String> {
        let owner = caller(&parts)?;
        if args.title.is_none() && args.description.is_none() {
            return Err("Nothing to update: give a new title and/or description.".into());
        }
        let title = args.title.as_deref().map(TaskTitle::parse).transpose().map_err(message)?;
        let description = args
            .description
            .as_deref()
            .map(|d| TaskDescription::parse(Some(d)))
            .transpose()
            .map_err(message)?;
        let task = repo::update(&self.pool, owner, args.task_id, title.as_ref(), description.as_ref())
            .await
            .map_err(message)?;
        Ok(change(task, ChangeStatus::Updated))
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for TaskTools {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("todo-mcp", env!("CARGO_PKG_VERSION")).with_title("Todo"))
            .with_instructions(
                "Tools for the signed-in user's todo list. Use list_tasks to find task ids, then \
                 complete_task, update_task or delete_task with that id.",
            )
    }
}
