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
use rmcp::model::{Implementation, RequestMetaObject, ServerCapabilities, ServerConfig};
use rmcp::{tool, tool_handler, tool_router, Json, ServerHandler};
use sqlx::PgPool;
use todo_domain::task::{Task, TaskDescription, TaskTitle};
use todo_domain::token::{TokenScope, READ_ONLY_MESSAGE};
use todo_domain::{AppError, FieldsText, TaskDetails, TaskQuery};
use todo_store::{completion, tags, task_details, task_list, tasks as repo};

use crate::auth::McpUser;
use crate::types::{
    AddTaskArgs, ChangeStatus, ListTasksArgs, NoArgs, TagItem, TagList, TaskChange, TaskFieldArgs,
    TaskFieldsOut, TaskIdArgs, TaskItem, TaskList, UpdateTaskArgs, DELETION_BATCH_META, LIST_LIMIT_MAX,
};

/// A tool's answer about one task.
fn change(task: &TaskDetails, status: ChangeStatus) -> TaskChange {
    TaskChange {
        task_id: task.task.id,
        status,
        title: task.task.title.clone(),
        fields: TaskFieldsOut::from(task),
        taken: Vec::new(),
        next: None,
    }
}

/// A tool's answer about a task it has no fields of (a deleted one).
fn plain_change(task: Task, status: ChangeStatus) -> TaskChange {
    TaskChange {
        task_id: task.id,
        status,
        title: task.title,
        fields: TaskFieldsOut::default(),
        taken: Vec::new(),
        next: None,
    }
}

/// The fields' text as the domain reads it (the same rules as the web app's editor).
fn fields_text(title: Option<String>, description: Option<String>, f: TaskFieldArgs) -> FieldsText {
    FieldsText {
        title,
        description,
        due_date: f.due_date,
        due_time: f.due_time,
        priority: f.priority,
        tags: f.tags,
        rrule: f.recurrence,
        repeat_from: f.repeat_from,
    }
}

/// `list_tasks`' arguments as the one list query, read by the same rules as the task page's URL.
fn task_query(args: ListTasksArgs) -> Result<TaskQuery, AppError> {
    let limit = args.limit.unwrap_or(LIST_LIMIT_MAX);
    if !(1..=LIST_LIMIT_MAX).contains(&limit) {
        return Err(AppError::invalid(
            "limit",
            format!("limit must be between 1 and {LIST_LIMIT_MAX} (it was {limit})."),
        ));
    }
    let limit = limit.to_string();
    let no_due = args.no_due.map(|b| if b { "1" } else { "" });
    let pairs = [
        ("view", args.view.as_deref()),
        ("status", args.status.as_deref()),
        ("priority", args.priority.as_deref()),
        ("tag", args.tag.as_deref()),
        ("due_before", args.due_before.as_deref()),
        ("due_after", args.due_after.as_deref()),
        ("no_due", no_due),
        ("search", args.search.as_deref()),
        ("sort", args.sort.as_deref()),
        ("direction", args.direction.as_deref()),
        ("limit", Some(limit.as_str())),
        ("cursor", args.cursor.as_deref()),
    ];
    TaskQuery::from_pairs(pairs.into_iter().filter_map(|(k, v)| Some((k, v?))))
}

/// The user put into the request by the auth middleware. Missing only if the server was wired wrongly.
fn caller(parts: &Parts) -> Result<i64, String> {
    parts.extensions.get::<McpUser>().map(|u| u.id).ok_or_else(|| {
        tracing::error!("MCP request reached a tool without an authenticated user");
        AppError::Unauthorized.to_string()
    })
}

/// The user, when its token may change data (the same rule as the REST API: [`TokenScope::allows`]).
fn writer(parts: &Parts) -> Result<i64, String> {
    let scope = parts.extensions.get::<McpUser>().map(|u| u.scope).unwrap_or_default();
    if !scope.allows(TokenScope::Write) {
        return Err(READ_ONLY_MESSAGE.to_owned());
    }
    caller(parts)
}

/// The caller-facing message of an error (internal errors were logged and say nothing specific).
fn message(err: AppError) -> String {
    err.to_string()
}

impl TaskTools {
    /// The fields with `due` (as a person says it) read into `due_date`/`due_time` in the user's zone.
    async fn with_due_text(&self, owner: i64, mut f: TaskFieldArgs) -> Result<TaskFieldArgs, String> {
        if let Some(text) = f.due.take() {
            if f.due_date.is_some() || f.due_time.is_some() {
                return Err("Give either due or due_date/due_time, not both.".into());
            }
            let due =
                task_details::when(&self.pool, owner, &text, chrono::Utc::now()).await.map_err(message)?;
            f.due_date = Some(todo_domain::due::iso_date(due.date()));
            f.due_time = due.time().map(todo_domain::due::hh_mm);
        }
        Ok(f)
    }
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
        description = "Add a task to the user's todo list, optionally with a priority, due date/time, tags and a \
                       repeat. With quick_add, the title is read like a person's note (\"report friday 5pm !high #work\", \
                       \"standup every weekday 9:30\") and the result says what was taken from it. Returns the new \
                       task's id, which the other tools take.",
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
        let owner = writer(&parts)?;
        let description = TaskDescription::parse(args.description.as_deref()).map_err(message)?;
        let text = fields_text(None, None, self.with_due_text(owner, args.fields).await?);
        if !args.quick_add {
            let title = TaskTitle::parse(&args.title).map_err(message)?;
            let fields = text.fields().map_err(message)?;
            let task = task_details::create(&self.pool, owner, &title, &description, &fields)
                .await
                .map_err(message)?;
            return Ok(Json(change(&task, ChangeStatus::Created)));
        }
        // Check the explicit fields before anything is saved.
        let patch = text.patch().map_err(message)?;
        let now = chrono::Utc::now();
        let added = task_details::quick_add(&self.pool, owner, &args.title, &description, now)
            .await
            .map_err(message)?;
        let task = if patch.is_empty() {
            added.task
        } else {
            task_details::update(&self.pool, owner, added.task.task.id, &patch).await.map_err(message)?
        };
        Ok(Json(TaskChange { taken: added.taken, ..change(&task, ChangeStatus::Created) }))
    }

    #[tool(
        description = "List the user's tasks with their ids, titles, descriptions, whether they are done, priority, \
                       due date/time, tags and repeat. Views: today (due today or overdue), upcoming (next 7 days). \
                       Filter by status, priority, tag, due window, no due date; search words; sort by created, due, \
                       priority or title. At most `limit` per call: pass next_cursor back for more. Use it to find a task's id.",
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
        let query = task_query(args).map_err(message)?;
        let page = task_list::list(&self.pool, owner, query, chrono::Utc::now()).await.map_err(message)?;
        let tasks: Vec<TaskItem> = page.tasks.into_iter().map(TaskItem::from).collect();
        Ok(Json(TaskList {
            count: tasks.len(),
            tasks,
            next_cursor: page.next_cursor,
            today: Some(todo_domain::due::iso_date(page.today)),
        }))
    }

    #[tool(
        description = "List the user's tags (names without '#') with how many tasks carry each and how many of \
                       those are not done. Use a name as list_tasks' tag to see its tasks.",
        annotations(
            title = "List tags",
            read_only_hint = true,
            destructive_hint = false,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    async fn list_tags(
        &self,
        Extension(parts): Extension<Parts>,
        Parameters(_): Parameters<NoArgs>,
    ) -> Result<Json<TagList>, String> {
        let owner = caller(&parts)?;
        let tags: Vec<TagItem> = tags::list(&self.pool, owner)
            .await
            .map_err(message)?
            .into_iter()
            .map(|t| TagItem { name: t.name.as_str().to_owned(), tasks: t.tasks, open: t.open })
            .collect();
        Ok(Json(TagList { count: tags.len(), tags }))
    }

    #[tool(
        description = "Mark one of the user's tasks as done. A repeating task's next occurrence is created (once) and \
                       returned as `next`. Completing a task that is already done changes nothing.",
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
        let owner = writer(&parts)?;
        let done = completion::complete(&self.pool, owner, args.task_id, chrono::Utc::now())
            .await
            .map_err(message)?;
        Ok(Json(TaskChange {
            next: done.next.map(|n| Box::new(TaskItem::from(n))),
            ..change(&done.task, ChangeStatus::Completed)
        }))
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
        meta: RequestMetaObject,
        Parameters(args): Parameters<TaskIdArgs>,
    ) -> Result<Json<TaskChange>, String> {
        let owner = writer(&parts)?;
        let batch = match meta.0.get(DELETION_BATCH_META) {
            None => None,
            Some(serde_json::Value::String(name)) => Some(name.as_str()),
            Some(_) => return Err(format!("_meta {DELETION_BATCH_META} must be a string.")),
        };
        let task = repo::delete_in_batch(&self.pool, owner, args.task_id, batch).await.map_err(message)?;
        Ok(Json(plain_change(task, ChangeStatus::Deleted)))
    }

    #[tool(
        description = "Change one of the user's tasks: title, description, priority, due date/time, tags (the whole \
                       set), repeat. \
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
        let owner = writer(&parts)?;
        let mut fields = self.with_due_text(owner, args.fields).await?;
        if let Some(added) = args.add_tags {
            let mut all = match fields.tags.take() {
                Some(tags) => tags,
                None => {
                    let task = task_details::get(&self.pool, owner, args.task_id).await.map_err(message)?;
                    task.tags.iter().map(|t| t.as_str().to_owned()).collect()
                }
            };
            all.extend(added);
            fields.tags = Some(all);
        }
        let patch = fields_text(args.title, args.description, fields).patch().map_err(message)?;
        if patch.is_empty() {
            return Err(
                "Nothing to update: give at least one of title, description, priority, due_date, due_time, \
                        tags, recurrence."
                    .into(),
            );
        }
        let task = task_details::update(&self.pool, owner, args.task_id, &patch).await.map_err(message)?;
        Ok(Json(change(&task, ChangeStatus::Updated)))
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for TaskTools {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("todo-mcp", env!("CARGO_PKG_VERSION")).with_title("Todo"))
            .with_instructions(
                "Tools for the signed-in user's todo list. Use list_tasks to find task ids, then \
                 complete_task, update_task or delete_task with that id. Dates and times are the user's own, in \
                 their time zone; list_tags lists their tags.",
            )
    }
}
