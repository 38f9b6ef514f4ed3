//! `/api/v1/tasks`: list (the UI's [`TaskQuery`]), create (fields or quick-add text, `Idempotency-Key`), read,
//! update (`If-Match`), delete, complete, reopen. Thin adapters over the same store functions as the server fns and
//! the MCP tools; another user's task answers 404 like a missing one, because the store filters by owner.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use todo_domain::task::{TaskDescription, TaskTitle};
use todo_domain::{AppError, FieldsText, TaskDetails, TaskQuery};
use todo_store::idempotency::{self, Claim};
use todo_store::{completion, task_details, task_list, tasks as repo};
use utoipa::{IntoParams, ToSchema};

use super::auth::{ReadAccess, WriteAccess};
use super::etag;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::problem::{ApiResult, Problem};
use crate::app_state::AppState;

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(list).post(create))
        .route("/tasks/{id}", get(read).patch(update).delete(remove))
        .route("/tasks/{id}/complete", post(complete))
        .route("/tasks/{id}/reopen", post(reopen))
}

/// A task as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TaskOut {
    /// The task's id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Description, if any.
    pub description: Option<String>,
    /// Whether it is done.
    pub done: bool,
    /// `none`, `low`, `medium`, `high` or `urgent`.
    pub priority: String,
    /// Due date (`YYYY-MM-DD`, the owner's local date).
    pub due_date: Option<String>,
    /// Due time (`HH:MM`, local), when the task has one.
    pub due_time: Option<String>,
    /// Tag names, in name order.
    pub tags: Vec<String>,
    /// The repeat rule (RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=MO`).
    pub recurrence: Option<String>,
    /// `due` (on schedule) or `completion` (counted from when it was done), for a repeating task.
    pub repeat_from: Option<String>,
}

impl From<TaskDetails> for TaskOut {
    fn from(t: TaskDetails) -> Self {
        Self {
            id: t.task.id,
            title: t.task.title,
            description: t.task.description,
            done: t.task.done,
            priority: t.priority.as_str().to_owned(),
            due_date: t.due.map(|d| todo_domain::due::iso_date(d.date())),
            due_time: t.due.and_then(|d| d.time()).map(todo_domain::due::hh_mm),
            tags: t.tags.iter().map(|t| t.as_str().to_owned()).collect(),
            recurrence: t.recurrence.as_ref().map(|r| r.to_rrule()),
            repeat_from: t.recurrence.as_ref().map(|r| r.repeat_from().as_str().to_owned()),
        }
    }
}

/// One page of tasks.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TaskListOut {
    /// The tasks, in the query's order.
    pub items: Vec<TaskOut>,
    /// Pass back as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// The owner's date when the page was made (`YYYY-MM-DD`): Today and Upcoming are relative to it.
    pub today: String,
}

/// What completing a task did.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CompletionOut {
    /// The completed task.
    pub task: TaskOut,
    /// The next occurrence of a repeating task (created once); null otherwise.
    pub next: Option<TaskOut>,
}

/// The list's query parameters (the task page's URL keys).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Documents the parameters; the query is read by `TaskQuery::from_pairs`.
pub struct ListParams {
    /// `all` (default), `today` (due today or overdue) or `upcoming` (the next 7 days).
    view: Option<String>,
    /// `all` (default), `pending` or `completed`.
    status: Option<String>,
    /// Only this priority: `none`, `low`, `medium`, `high`, `urgent`.
    priority: Option<String>,
    /// Only tasks with this tag.
    tag: Option<String>,
    /// Only tasks due on or before this date (`YYYY-MM-DD`).
    due_before: Option<String>,
    /// Only tasks due on or after this date (`YYYY-MM-DD`).
    due_after: Option<String>,
    /// `true` (or `1`, `on`, `yes`): only tasks without a due date.
    no_due: Option<String>,
    /// Words in the title or description (prefixes match).
    search: Option<String>,
    /// `created` (default), `due`, `priority` or `title`.
    sort: Option<String>,
    /// `asc` or `desc` (the sort's own default when absent).
    direction: Option<String>,
    /// Tasks per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
    /// The previous page's `next_cursor`.
    cursor: Option<String>,
}

/// A new task: a `title` with fields, or `quick_add` text read like a person's note (fields given beside it
/// win over what the text says). The fields follow the editor's and the MCP tools' rules: an absent field is not
/// set, a blank one is cleared.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTask {
    /// Title (required unless `quick_add` is given).
    pub title: Option<String>,
    /// Quick-add text, e.g. `report friday 5pm !high #work`.
    pub quick_add: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `none`, `low`, `medium`, `high`, `urgent`.
    pub priority: Option<String>,
    /// `YYYY-MM-DD`; blank removes the due date.
    pub due_date: Option<String>,
    /// `HH:MM`; needs `due_date`.
    pub due_time: Option<String>,
    /// The whole set of tag names; empty removes every tag.
    pub tags: Option<Vec<String>>,
    /// An RRULE such as `FREQ=WEEKLY;BYDAY=MO`; blank removes the repeat. Needs a due date.
    pub recurrence: Option<String>,
    /// `due` (default) or `completion`; needs `recurrence`.
    pub repeat_from: Option<String>,
}

/// Changes to a task: absent members are kept, blank ones cleared.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskChanges {
    /// New title.
    pub title: Option<String>,
    /// New description (blank removes it).
    pub description: Option<String>,
    /// `none`, `low`, `medium`, `high`, `urgent`.
    pub priority: Option<String>,
    /// `YYYY-MM-DD`; blank removes the due date.
    pub due_date: Option<String>,
    /// `HH:MM`; needs `due_date`.
    pub due_time: Option<String>,
    /// The whole set of tag names; empty removes every tag.
    pub tags: Option<Vec<String>>,
    /// An RRULE such as `FREQ=WEEKLY;BYDAY=MO`; blank removes the repeat. Needs a due date.
    pub recurrence: Option<String>,
    /// `due` (default) or `completion`; needs `recurrence`.
    pub repeat_from: Option<String>,
}

/// The fields as the domain reads them (the same rules as the web app's editor and the MCP tools).
macro_rules! fields_text {
    ($title:expr, $description:expr, $b:expr) => {
        FieldsText {
            title: $title,
            description: $description,
            due_date: $b.due_date,
            due_time: $b.due_time,
            priority: $b.priority,
            tags: $b.tags,
            rrule: $b.recurrence,
            repeat_from: $b.repeat_from,
        }
    };
}

/// A task response: JSON with its `ETag`.
fn with_etag(status: StatusCode, task: TaskOut) -> Response {
    let tag = etag::header_value(&task);
    let mut response = (status, Json(task)).into_response();
    response.headers_mut().insert(header::ETAG, tag);
    response
}

/// List tasks: the same views, filters, search, sort and cursor paging as the task page.
#[utoipa::path(get, path = "/api/v1/tasks", tag = "tasks", params(ListParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of tasks", body = TaskListOut),
        (status = 400, description = "Malformed query string", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter's value is not accepted", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    access: ReadAccess,
    State(state): State<AppState>,
    ApiQuery(pairs): ApiQuery<Vec<(String, String)>>,
) -> ApiResult<Json<TaskListOut>> {
    // The task page's URL reading skips blank values; an API client sending `limit=` means a number it lost.
    if pairs.iter().any(|(k, v)| k == "limit" && v.trim().is_empty()) {
        return Err(AppError::invalid("limit", "limit must be a number from 1 to 200.").into());
    }
    let query = TaskQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let page = task_list::list(&state.pool, access.user, query, chrono::Utc::now()).await?;
    Ok(Json(TaskListOut {
        items: page.tasks.into_iter().map(TaskOut::from).collect(),
        next_cursor: page.next_cursor,
        today: todo_domain::due::iso_date(page.today),
    }))
}

/// The header of a retried create.
const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Create a task. With `Idempotency-Key`, a retry (same key, same body, within 24 h) gets the first answer and
/// creates nothing more.
#[utoipa::path(post, path = "/api/v1/tasks", tag = "tasks", request_body = NewTask, security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: 1-255 characters, unique per request")),
    responses(
        (status = 201, description = "Created (or the first answer, replayed)", body = TaskOut,
         headers(("ETag" = String, description = "The task's version"), ("Location" = String, description = "The task's URL"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency-Key reused with another body, or still in progress", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    access: WriteAccess,
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewTask>,
) -> ApiResult<Response> {
    let owner = access.user;
    let Some(key) = headers.get(IDEMPOTENCY_KEY) else {
        let task = create_task(&state, owner, body).await?;
        return Ok(created(task));
    };
    let key = key.to_str().ok().map(str::trim).filter(|k| (1..=255).contains(&k.len())).ok_or_else(|| {
        AppError::invalid("Idempotency-Key", "Idempotency-Key must be 1 to 255 visible characters.")
    })?;
    let fingerprint: String = Sha256::digest(serde_json::to_vec(&body).unwrap_or_default())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    match idempotency::claim(&state.pool, owner, key, &fingerprint).await? {
        Claim::Done { status, body } => {
            let first: TaskOut =
                serde_json::from_str(&body).map_err(|e| AppError::internal("stored answer", e))?;
            // The first answer names a task deleted since: replaying it would point at nothing.
            if let Err(AppError::NotFound(_)) = task_details::get(&state.pool, owner, first.id).await {
                return Err(AppError::Conflict {
                    field: "Idempotency-Key".into(),
                    message: "The task created with this Idempotency-Key has since been deleted.".into(),
                }
                .into());
            }
            let task: TaskOut =
                serde_json::from_str(&body).map_err(|e| AppError::internal("stored answer", e))?;
            let mut response = created(task);
            *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED);
            response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            Ok(response)
        }
        Claim::New => match create_task(&state, owner, body).await {
            Ok(task) => {
                let json = serde_json::to_string(&task).map_err(|e| AppError::internal("answer", e))?;
                idempotency::finish(&state.pool, owner, key, StatusCode::CREATED.as_u16(), &json).await?;
                Ok(created(task))
            }
            Err(e) => {
                // Nothing was created: the same key may be retried (e.g. with the mistake fixed).
                idempotency::release(&state.pool, owner, key).await?;
                Err(e)
            }
        },
    }
}

fn created(task: TaskOut) -> Response {
    let location = HeaderValue::from_str(&format!("/api/v1/tasks/{}", task.id)).ok();
    let mut response = with_etag(StatusCode::CREATED, task);
    if let Some(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// Adds a task from a [`NewTask`]: the same steps as MCP's `add_task`.
async fn create_task(state: &AppState, owner: i64, mut body: NewTask) -> ApiResult<TaskOut> {
    let description = TaskDescription::parse(body.description.as_deref())?;
    let (title, quick_add) = (body.title.take(), body.quick_add.take());
    let text = fields_text!(None, None, body);
    let task = match (title, quick_add) {
        (Some(_), Some(_)) => {
            return Err(AppError::invalid("quick_add", "Give either title or quick_add, not both.").into())
        }
        (None, None) => {
            return Err(AppError::invalid("title", "Give the task a title (or quick_add text).").into())
        }
        (Some(title), None) => {
            let title = TaskTitle::parse(&title)?;
            let fields = text.fields()?;
            task_details::create(&state.pool, owner, &title, &description, &fields).await?
        }
        (None, Some(quick)) => {
            // Check the explicit fields before anything is saved.
            let patch = text.patch()?;
            let added =
                task_details::quick_add(&state.pool, owner, &quick, &description, chrono::Utc::now()).await?;
            if patch.is_empty() {
                added.task
            } else {
                task_details::update(&state.pool, owner, added.task.task.id, &patch).await?
            }
        }
    };
    Ok(task.into())
}

/// Read one task.
#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The task's id")),
    responses(
        (status = 200, description = "The task", body = TaskOut, headers(("ETag" = String, description = "The task's version"))),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task (of yours)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn read(
    access: ReadAccess,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let task = task_details::get(&state.pool, access.user, id).await?;
    Ok(with_etag(StatusCode::OK, task.into()))
}

/// Change a task. With `If-Match`, only if it is still the version read (else 412 and nothing changes).
#[utoipa::path(patch, path = "/api/v1/tasks/{id}", tag = "tasks", request_body = TaskChanges, security(("bearer" = [])),
    params(("id" = i64, Path, description = "The task's id"),
           ("If-Match" = Option<String>, Header, description = "The ETag the change is based on")),
    responses(
        (status = 200, description = "The changed task", body = TaskOut, headers(("ETag" = String, description = "The task's new version"))),
        (status = 400, description = "Malformed JSON, id or If-Match", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task (of yours)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale If-Match: nothing changed", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    access: WriteAccess,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<TaskChanges>,
) -> ApiResult<Response> {
    // Invalid changes are refused before the precondition is looked at (RFC 9110 13.2.1: a request that would
    // fail anyway is not answered 412).
    let patch = fields_text!(body.title, body.description, body).patch()?;
    // The version is checked on the locked row, in the update's transaction: a concurrent change either lands
    // before (and this gets 412) or waits until this one is committed.
    let task = task_details::update_if(&state.pool, access.user, id, &patch, |current| {
        etag::check_if_match(&headers, &TaskOut::from(current.clone()))
    })
    .await?;
    Ok(with_etag(StatusCode::OK, task.into()))
}

/// Delete a task (undoable from the web app for a few minutes). With `If-Match`, only if unchanged.
#[utoipa::path(delete, path = "/api/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The task's id"),
           ("If-Match" = Option<String>, Header, description = "The ETag the deletion is based on")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "Malformed id or If-Match", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task (of yours)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Stale If-Match: nothing deleted", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove(
    access: WriteAccess,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    if headers.contains_key(header::IF_MATCH) {
        let current: TaskOut = task_details::get(&state.pool, access.user, id).await?.into();
        etag::check_if_match(&headers, &current)?;
    }
    repo::delete(&state.pool, access.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mark a task done; a repeating task's next occurrence is created once. Completing a done task changes nothing.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/complete", tag = "tasks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The task's id")),
    responses(
        (status = 200, description = "The completed task and its next occurrence", body = CompletionOut),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task (of yours)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn complete(
    access: WriteAccess,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<CompletionOut>> {
    let done = completion::complete(&state.pool, access.user, id, chrono::Utc::now()).await?;
    Ok(Json(CompletionOut { task: done.task.into(), next: done.next.map(TaskOut::from) }))
}

/// Mark a task not done.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/reopen", tag = "tasks", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The task's id")),
    responses(
        (status = 200, description = "The reopened task", body = TaskOut, headers(("ETag" = String, description = "The task's version"))),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such task (of yours)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reopen(
    access: WriteAccess,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    repo::set_done(&state.pool, access.user, id, false).await?;
    let task = task_details::get(&state.pool, access.user, id).await?;
    Ok(with_etag(StatusCode::OK, task.into()))
}
