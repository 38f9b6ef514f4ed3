//! `/api/v1/tags`: the owner's tags with counts; rename and delete by name (what the store offers, as the tag
//! page does). Names compare case-insensitively.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use todo_domain::{AppError, Tag};
use todo_store::tags;
use utoipa::ToSchema;

use super::auth::{ReadAccess, WriteAccess};
use super::extract::{ApiJson, ApiPath};
use super::problem::{ApiResult, Problem};
use crate::app_state::AppState;

/// The routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new().route("/tags", get(list)).route("/tags/{name}", axum::routing::patch(rename).delete(remove))
}

/// One tag and how many tasks carry it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TagOut {
    /// The tag's name (no `#`).
    pub name: String,
    /// Live tasks with the tag.
    pub tasks: i64,
    /// Of those, not done.
    pub open: i64,
}

/// The owner's tags.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TagListOut {
    /// Tags by name.
    pub items: Vec<TagOut>,
}

/// A tag's new name.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TagRename {
    /// The new name (a change of letter case included).
    pub name: String,
}

/// A tag as named.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TagNameOut {
    /// Its name.
    pub name: String,
}

/// A tag named in the path: a name no tag can have is not found.
fn path_tag(name: &str) -> Result<Tag, AppError> {
    Tag::parse(name).map_err(|_| AppError::NotFound("Tag".into()))
}

/// List tags, with how many tasks (and open tasks) carry each.
#[utoipa::path(get, path = "/api/v1/tags", tag = "tags", security(("bearer" = [])),
    responses(
        (status = 200, description = "The tags", body = TagListOut),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(access: ReadAccess, State(state): State<AppState>) -> ApiResult<Json<TagListOut>> {
    let items = tags::list(&state.pool, access.user)
        .await?
        .into_iter()
        .map(|t| TagOut { name: t.name.as_str().to_owned(), tasks: t.tasks, open: t.open })
        .collect();
    Ok(Json(TagListOut { items }))
}

/// Rename a tag; its tasks keep it.
#[utoipa::path(patch, path = "/api/v1/tags/{name}", tag = "tags", request_body = TagRename, security(("bearer" = [])),
    params(("name" = String, Path, description = "The tag's current name")),
    responses(
        (status = 200, description = "The renamed tag", body = TagNameOut),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tag", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another tag has that name", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid name", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn rename(
    access: WriteAccess,
    State(state): State<AppState>,
    ApiPath(name): ApiPath<String>,
    ApiJson(body): ApiJson<TagRename>,
) -> ApiResult<Json<TagNameOut>> {
    let from = path_tag(&name)?;
    let to = Tag::parse(&body.name).map_err(|e| AppError::invalid("name", e.message()))?;
    let renamed = tags::rename(&state.pool, access.user, &from, &to).await?;
    Ok(Json(TagNameOut { name: renamed.as_str().to_owned() }))
}

/// Delete a tag; its tasks stay, without it.
#[utoipa::path(delete, path = "/api/v1/tags/{name}", tag = "tags", security(("bearer" = [])),
    params(("name" = String, Path, description = "The tag's name")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No, invalid or expired token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tag", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove(
    access: WriteAccess,
    State(state): State<AppState>,
    ApiPath(name): ApiPath<String>,
) -> ApiResult<StatusCode> {
    tags::delete(&state.pool, access.user, &path_tag(&name)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
