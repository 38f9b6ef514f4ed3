//! An export as an HTTP download: the owner's tasks in a format, with a file name. Settings' links
//! (`GET /settings/export?format=…`, the session's user) and the REST API (`GET /api/v1/export`, the token's owner)
//! both answer with [`file`].

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use todo_domain::due::today_in;
use todo_domain::AppResult;
use todo_store::{transfer, users};
use todo_transfer::export::{export, ExportFormat};
use tower_sessions::Session;

use crate::app_state::AppState;
use crate::auth::session::user_in;

/// The owner's live tasks as `format`, as a download.
pub async fn file(pool: &sqlx::PgPool, owner: i64, format: ExportFormat) -> AppResult<Response> {
    let now = chrono::Utc::now();
    let zone = users::time_zone(pool, owner).await?;
    let tasks = transfer::export(pool, owner).await?;
    let body = export(format, &tasks, zone, now);
    let disposition = format!("attachment; filename=\"{}\"", format.file_name(today_in(zone, now)));
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `?format=` of an export.
#[derive(Debug, Deserialize)]
pub struct FormatQuery {
    /// `json` (default), `csv` or `ics`.
    pub format: Option<String>,
}

/// `GET /settings/export?format=json|csv|ics`: the signed-in user's download; a visitor is sent to log in.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<FormatQuery>,
) -> Response {
    let answer = async {
        let Some(user) = user_in(&session, state.config.session_max_age).await? else {
            return Ok(Redirect::to("/login").into_response());
        };
        let format = ExportFormat::parse(query.format.as_deref().unwrap_or("json"))?;
        file(&state.pool, user.id, format).await
    };
    match answer.await {
        Ok(response) => response,
        Err(e) => {
            let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, e.to_string()).into_response()
        }
    }
}
