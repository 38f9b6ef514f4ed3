//! `POST /settings/import`: the import form's file upload (`multipart/form-data`, which server functions sent
//! by plain forms do not take). The file is read and checked, kept as the user's import draft, and the browser
//! is sent to the preview (`/settings/import`); nothing is imported until it is confirmed there. A file refused
//! whole is kept as its reason only, which the same page shows; one over the size cap gets a 413 page.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use todo_domain::{AppError, AppResult};
use todo_store::{transfer, users};
use todo_transfer::import::{parse, too_large_message, FileError, ImportContext, ImportFormat};
use tower_sessions::Session;

use crate::app_state::AppState;
use crate::auth::session::user_in;

/// Where Settings shows the import form.
const SETTINGS_IMPORT: &str = "/settings#import";
/// The preview page.
const PREVIEW: &str = "/settings/import";

/// What the form sent.
#[derive(Default)]
struct Upload {
    file_name: String,
    format: String,
    bytes: Vec<u8>,
    has_file: bool,
}

/// The upload handler.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    match handle(&state, &session, form).await {
        Ok(response) => response,
        Err(e) => {
            tracing::debug!(error = %e, "import upload refused");
            let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, e.to_string()).into_response()
        }
    }
}

async fn handle(
    state: &AppState,
    session: &Session,
    form: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    let Some(user) = user_in(session, state.config.session_max_age).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let refuse = |file_name: String, message: String| async move {
        transfer::save_draft(&state.pool, user.id, &file_name, "", "", Some(&message)).await?;
        Ok::<_, AppError>(Redirect::to(PREVIEW).into_response())
    };
    let upload = match read(form).await {
        Ok(upload) => upload,
        Err(FileError::TooLarge) => return Ok(too_large()),
        Err(FileError::Invalid(e)) => return refuse(String::new(), e.to_string()).await,
    };
    if !upload.has_file || upload.bytes.is_empty() {
        return refuse(upload.file_name, "Choose a file to import.".into()).await;
    }
    let format = match ImportFormat::parse(&upload.format) {
        Ok(f) => f,
        Err(e) => return refuse(upload.file_name, e.to_string()).await,
    };
    let ctx = ImportContext { zone: users::time_zone(&state.pool, user.id).await?, now: chrono::Utc::now() };
    match parse(format, &upload.bytes, ctx) {
        Err(FileError::TooLarge) => Ok(too_large()),
        Err(FileError::Invalid(e)) => refuse(upload.file_name, e.to_string()).await,
        Ok(parsed) => {
            // Valid UTF-8: parse checked it.
            let body = String::from_utf8_lossy(&upload.bytes);
            let format = format.map_or("", ImportFormat::as_str);
            transfer::save_draft(&state.pool, user.id, &upload.file_name, format, &body, None).await?;
            tracing::info!(
                user_id = user.id,
                tasks = parsed.tasks.len(),
                errors = parsed.errors.len(),
                "import previewed"
            );
            Ok(Redirect::to(PREVIEW).into_response())
        }
    }
}

/// Reads the form's `file` and `format` fields.
async fn read(form: Result<Multipart, MultipartRejection>) -> Result<Upload, FileError> {
    let bad = |m: &str| FileError::Invalid(AppError::invalid("file", m));
    let too_large_or = |status: StatusCode, m: &str| {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            FileError::TooLarge
        } else {
            bad(m)
        }
    };
    let mut form = form.map_err(|r| too_large_or(r.status(), "Send the file with the import form."))?;
    let mut upload = Upload::default();
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(too_large_or(e.status(), "The upload could not be read: try again.")),
        };
        match field.name() {
            Some("file") => {
                upload.has_file = true;
                upload.file_name = field.file_name().unwrap_or("upload").to_owned();
                upload.bytes = field
                    .bytes()
                    .await
                    .map_err(|e| too_large_or(e.status(), "The file could not be read: try again."))?
                    .to_vec();
            }
            Some("format") => {
                upload.format = field
                    .text()
                    .await
                    .map_err(|e| too_large_or(e.status(), "The form could not be read."))?;
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// 413, as a page a browser without JavaScript shows.
fn too_large() -> Response {
    let message = too_large_message();
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        Html(format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>File too large</title></head>\
             <body><main><h1>File too large</h1><p role=\"alert\">{message}</p>\
             <p><a href=\"{SETTINGS_IMPORT}\">Back to Settings</a></p></main></body></html>"
        )),
    )
        .into_response()
}
