//! What the new-task box shows besides the form itself: what the last quick add took from the text. (The user's
//! time zone, which the preview as you type reads "today" in, comes with the page's list: [`todo_domain::TaskPage`].)
//!
//! A form post (with or without JavaScript: the islands router posts forms the same way) is answered with a
//! redirect back to the page, so [`super::organise_api::quick_add_task`]'s answer never reaches it: the task just
//! added waits in the (server-side) session, shown by the pages rendered in the next [`NOTE_SECS`] seconds. (Not
//! removed as it is read: one page render may call this more than once, concurrently.)

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use serde::{Deserialize, Serialize};

use todo_domain::{AppError, QuickAdded};

#[cfg(feature = "ssr")]
use crate::server_fns::{as_user, is_plain_form_post, session, session_error};

/// Session key under which a task added by a form post waits for the page that shows what was taken.
#[cfg(feature = "ssr")]
const JUST_ADDED_KEY: &str = "just_quick_added";

/// How long the task page shows what the last quick add took from the text.
#[cfg(feature = "ssr")]
const NOTE_SECS: i64 = 30;

/// The last task a form post added, and when (Unix seconds).
#[cfg(feature = "ssr")]
#[derive(Serialize, Deserialize)]
struct JustAdded {
    added: QuickAdded,
    at: i64,
}

/// The task a form post just added (in the last half minute) and what was taken from its text. Reads the
/// session only, no table.
#[server(prefix = "/api", endpoint = "tasks/quick_add_note")]
pub async fn quick_add_note() -> Result<Option<QuickAdded>, AppError> {
    as_user(|_pool, _owner| async move {
        let session = session().await?;
        let note = session.get::<JustAdded>(JUST_ADDED_KEY).await.map_err(session_error)?;
        let fresh = note.as_ref().is_some_and(|n| chrono::Utc::now().timestamp() - n.at <= NOTE_SECS);
        if note.is_some() && !fresh {
            session.remove::<JustAdded>(JUST_ADDED_KEY).await.map_err(session_error)?;
        }
        // (Signing out flushes the session: a task added by one account is never shown to the next.)
        Ok(note.filter(|_| fresh).map(|n| n.added))
    })
    .await
}

/// Keeps `added` for the page the browser is sent back to after a form post.
#[cfg(feature = "ssr")]
pub async fn remember_for_the_page(added: &QuickAdded) -> Result<(), AppError> {
    if is_plain_form_post() {
        let note = JustAdded { added: added.clone(), at: chrono::Utc::now().timestamp() };
        session().await?.insert(JUST_ADDED_KEY, note).await.map_err(session_error)?;
    }
    Ok(())
}
