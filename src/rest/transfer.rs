//! `/api/v1/export` and `/api/v1/import`: the token owner's tasks out (JSON, CSV, iCalendar) and in (our JSON, the
//! old system's JSON or CSV, a Todoist CSV). An import is a dry run (a preview: how many tasks, the first rows,
//! every bad row with its line) or applied: all its tasks in one transaction, or none while a row is bad.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use todo_domain::transfer::{ImportPreview, PreviewRow, RowError};
use todo_domain::AppError;
use todo_store::{transfer, users};
use todo_transfer::export::ExportFormat;
use todo_transfer::import::{parse, FileError, ImportContext, ImportFormat};
use todo_transfer::MAX_IMPORT_BYTES;
use utoipa::{IntoParams, ToSchema};

use super::auth::{ReadAccess, WriteAccess};
use super::extract::ApiQuery;
use super::problem::{ApiError, ApiResult, FieldProblem, Problem};
use crate::app_state::AppState;

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/export", get(export))
        // An import file may be larger than other requests (up to MAX_IMPORT_BYTES).
        .route("/import", post(import).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)))
}

/// `GET /api/v1/export`'s parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `json` (default: every field, re-importable), `csv` or `ics` (iCalendar VTODOs).
    format: Option<String>,
}

/// Export every task: JSON (lossless, imports back as the same tasks), CSV, or iCalendar (`VTODO`s with `DUE`,
/// `RRULE`, `PRIORITY`, `CATEGORIES`, `STATUS`).
#[utoipa::path(get, path = "/api/v1/export", tag = "data", params(ExportParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "The file (with a Content-Disposition file name)",
         content((todo_transfer::export::ExportDocument = "application/json"), (String = "text/csv"), (String = "text/calendar"))),
        (status = 400, description = "Malformed query string", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export(
    access: ReadAccess,
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ExportParams>,
) -> ApiResult<Response> {
    let format = ExportFormat::parse(params.format.as_deref().unwrap_or("json"))?;
    Ok(crate::transfer::export::file(&state.pool, access.user, format).await?)
}

/// `POST /api/v1/import`'s parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// `auto` (default: told from the file), `json` (a todo-app export), `old-json`, `old-csv` (the old
    /// system's), `todoist-csv`.
    format: Option<String>,
    /// `true` (default): only say what would be imported. `false`: import.
    dry_run: Option<bool>,
}

/// A row of the preview.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImportRowOut {
    /// Its line in the file.
    pub line: u64,
    /// Title.
    pub title: String,
    /// Whether it is done.
    pub done: bool,
    /// `none`, `low`, `medium`, `high` or `urgent`.
    pub priority: String,
    /// `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// `HH:MM`.
    pub due_time: Option<String>,
    /// Tag names.
    pub tags: Vec<String>,
    /// The repeat, in words.
    pub repeat: Option<String>,
}

impl From<PreviewRow> for ImportRowOut {
    fn from(r: PreviewRow) -> Self {
        Self {
            line: r.line,
            title: r.title,
            done: r.done,
            priority: r.priority.as_str().to_owned(),
            due_date: r.due.map(|d| todo_domain::due::iso_date(d.date())),
            due_time: r.due.and_then(|d| d.time()).map(todo_domain::due::hh_mm),
            tags: r.tags.iter().map(|t| t.as_str().to_owned()).collect(),
            repeat: r.repeat,
        }
    }
}

/// A row that cannot be imported.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImportErrorOut {
    /// Its line in the file.
    pub line: u64,
    /// The field at fault (empty: the row).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl From<RowError> for ImportErrorOut {
    fn from(e: RowError) -> Self {
        Self { line: e.line, field: e.field, message: e.message }
    }
}

/// What an import did, or would do.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImportReport {
    /// The file's format, as read.
    pub format: String,
    /// Whether this was only a preview.
    pub dry_run: bool,
    /// Tasks the file holds without error.
    pub tasks: usize,
    /// Tasks added (0 in a dry run).
    pub imported: usize,
    /// The first tasks.
    pub preview: Vec<ImportRowOut>,
    /// Every bad row (an import with one imports nothing).
    pub errors: Vec<ImportErrorOut>,
    /// Columns or rows skipped, values not kept.
    pub notes: Vec<String>,
}

impl ImportReport {
    fn of(preview: ImportPreview, dry_run: bool, imported: usize) -> Self {
        Self {
            format: preview.format,
            dry_run,
            tasks: preview.tasks,
            imported,
            preview: preview.rows.into_iter().map(Into::into).collect(),
            errors: preview.errors.into_iter().map(Into::into).collect(),
            notes: preview.notes,
        }
    }
}

/// Import tasks from a file sent as the body (at most 1 MiB and 2000 tasks). A dry run (the default) answers
/// what would be added and every bad row with its line; `dry_run=false` adds every task in one transaction, and
/// a file with any bad row adds nothing (422, each bad row in `errors`).
#[utoipa::path(post, path = "/api/v1/import", tag = "data", params(ImportParams), security(("bearer" = [])),
    request_body(description = "The file: JSON (a todo-app export; the old system's export, a list of tasks or an object with a `tasks` list) or CSV (the old system's tasks table, a Todoist export). Any JSON is read: rows that are not tasks are reported in `errors`.",
        content((serde_json::Value = "application/json"), (String = "text/csv"))),
    responses(
        (status = 200, description = "Dry run: what would be imported", body = ImportReport),
        (status = 201, description = "Imported", body = ImportReport),
        (status = 400, description = "Malformed query string", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "File over 1 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a file of a known format (or not the kind its Content-Type says), too many tasks, or bad rows: nothing imported", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn import(
    access: WriteAccess,
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ImportParams>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::BadRequest(e.body_text())
        }
    })?;
    let format = ImportFormat::parse(params.format.as_deref().unwrap_or("auto"))?;
    let dry_run = params.dry_run.unwrap_or(true);
    let now = chrono::Utc::now();
    let ctx = ImportContext { zone: users::time_zone(&state.pool, access.user).await?, now };
    let parsed = parse(format, &body, ctx).map_err(|e| match e {
        FileError::TooLarge => ApiError::PayloadTooLarge,
        FileError::Invalid(e) => ApiError::App(e),
    })?;
    // A body declared as CSV or JSON must be that (the format is told from the content otherwise).
    let declared =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let declared_csv = declared.starts_with("text/csv");
    let declared_json = declared.starts_with("application/json") || declared.contains("+json");
    if (declared_csv && !parsed.format.is_csv()) || (declared_json && parsed.format.is_csv()) {
        return Err(AppError::invalid(
            "file",
            format!("The body is a {}, not what its Content-Type ({declared}) says.", parsed.format.label()),
        )
        .into());
    }
    let preview = parsed.preview();
    if dry_run {
        return Ok((StatusCode::OK, Json(ImportReport::of(preview, true, 0))).into_response());
    }
    if !preview.errors.is_empty() {
        return Ok(bad_rows(&preview.errors));
    }
    let tasks = parsed.into_tasks()?;
    let imported = transfer::import(&state.pool, access.user, &tasks, now).await?;
    tracing::info!(user_id = access.user, tasks = imported, "import applied (REST)");
    Ok((StatusCode::CREATED, Json(ImportReport::of(preview, false, imported))).into_response())
}

/// 422 listing every bad row (`field` is `line N`, or `line N: field`).
fn bad_rows(errors: &[RowError]) -> Response {
    let first = &errors[0];
    let api = ApiError::App(AppError::invalid(
        "file",
        format!("Nothing was imported: {} row(s) cannot be, the first is {first}.", errors.len()),
    ));
    let mut problem = api.problem();
    problem.errors = errors
        .iter()
        .map(|e| FieldProblem {
            field: if e.field.is_empty() {
                format!("line {}", e.line)
            } else {
                format!("line {}: {}", e.line, e.field)
            },
            message: e.message.clone(),
        })
        .collect();
    let mut response = (StatusCode::UNPROCESSABLE_ENTITY, Json(problem)).into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static(super::problem::PROBLEM_JSON),
    );
    response
}
