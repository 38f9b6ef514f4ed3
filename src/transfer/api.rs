//! Server functions of Settings' import: the waiting import's preview, applying it (one transaction), discarding
//! it, and the message of a refused upload. Each acts for the signed-in user only: drafts are stored per owner.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use todo_domain::transfer::ImportPreview;
use todo_domain::AppError;

#[cfg(feature = "ssr")]
use crate::server_fns::{as_user, is_plain_form_post};
#[cfg(feature = "ssr")]
use todo_store::{transfer, users};
#[cfg(feature = "ssr")]
use todo_transfer::import::{parse, ImportContext, ImportFormat};

/// An uploaded file waiting for confirmation, and what importing it would do; or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedImport {
    /// The draft's id (the confirm form sends it back).
    pub id: i64,
    /// The file's name.
    pub file_name: String,
    /// What it would do (absent when the file was refused whole).
    pub preview: Option<ImportPreview>,
    /// Why the file was refused whole.
    pub error: Option<String>,
}

/// The signed-in user's waiting import, if any.
#[server(prefix = "/api", endpoint = "import/waiting")]
pub async fn waiting_import() -> Result<Option<UploadedImport>, AppError> {
    as_user(|pool, owner| async move {
        let Some(draft) = transfer::draft(&pool, owner).await? else { return Ok(None) };
        let (preview, error) = match &draft.error {
            Some(error) => (None, Some(error.clone())),
            None => match read_draft(&pool, owner, &draft).await {
                Ok(parsed) => (Some(parsed.preview()), None),
                Err(AppError::Invalid { message, .. }) => (None, Some(message)),
                Err(e) => return Err(e),
            },
        };
        Ok(Some(UploadedImport { id: draft.id, file_name: draft.file_name, preview, error }))
    })
    .await
}

/// Reads a draft again (it was read when uploaded: a file-level error here means the rules changed since).
#[cfg(feature = "ssr")]
async fn read_draft(
    pool: &sqlx::PgPool,
    owner: i64,
    draft: &transfer::Draft,
) -> Result<todo_transfer::import::Parsed, AppError> {
    let ctx = ImportContext { zone: users::time_zone(pool, owner).await?, now: chrono::Utc::now() };
    let format = ImportFormat::parse(&draft.format)?;
    Ok(parse(format, draft.body.as_bytes(), ctx)?)
}

/// Imports the waiting file `id`: every task in one transaction, or none when a row is bad. Returns how many
/// were added; a plain form post is sent to Settings, which says so.
#[server(prefix = "/api", endpoint = "import/apply")]
pub async fn apply_import(id: i64) -> Result<usize, AppError> {
    let added = as_user(|pool, owner| async move {
        let now = chrono::Utc::now();
        let ctx = ImportContext { zone: users::time_zone(&pool, owner).await?, now };
        let added = transfer::apply_draft(
            &pool,
            owner,
            id,
            |draft| {
                let format = ImportFormat::parse(&draft.format)?;
                parse(format, draft.body.as_bytes(), ctx)?.into_tasks()
            },
            now,
        )
        .await?;
        tracing::info!(user_id = owner, tasks = added, "import applied");
        Ok(added)
    })
    .await?;
    if is_plain_form_post() {
        leptos_axum::redirect(&format!("/settings?imported={added}#import"));
    }
    Ok(added)
}

/// Drops the waiting import.
#[server(prefix = "/api", endpoint = "import/discard")]
pub async fn discard_import() -> Result<(), AppError> {
    as_user(|pool, owner| async move { transfer::discard_draft(&pool, owner).await }).await?;
    if is_plain_form_post() {
        leptos_axum::redirect("/settings#import");
    }
    Ok(())
}
