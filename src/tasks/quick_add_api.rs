//! What the new-task box needs besides the form itself: the user's time zone (the preview as you type reads
//! "today" in it) and, once, what the last quick add took from the text.
//!
//! A form post (with or without JavaScript: the islands router posts forms the same way) is answered with a
//! redirect back to the page, so [`super::organise_api::quick_add_task`]'s answer never reaches it: the task just
//! added waits in the (server-side) session until the page has shown it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use todo_domain::{AppError, QuickAdded};

#[cfg(feature = "ssr")]
use crate::server_fns::{as_user, is_plain_form_post, session, session_error};
#[cfg(feature = "ssr")]
use todo_store::users;

/// Session key under which a task added by a form post waits for the page that shows what was taken.
#[cfg(feature = "ssr")]
const JUST_ADDED_KEY: &str = "just_quick_added";

/// The new-task box's state for the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickAddState {
    /// The user's IANA time zone.
    pub time_zone: String,
    /// The task the last form post added and what was taken from its text, handed over once.
    pub just_added: Option<QuickAdded>,
}

/// The user's time zone and the task a form post just added (removed from the session as it is read).
#[server(prefix = "/api", endpoint = "tasks/quick_add_box")]
pub async fn quick_add_box() -> Result<QuickAddState, AppError> {
    as_user(|pool, owner| async move {
        let time_zone = users::time_zone(&pool, owner).await?.name().to_owned();
        let just_added =
            session().await?.remove::<QuickAdded>(JUST_ADDED_KEY).await.map_err(session_error)?;
        // (Signing out flushes the session: a task added by one account is never shown to the next.)
        Ok(QuickAddState { time_zone, just_added })
    })
    .await
}

/// Keeps `added` for the page the browser is sent back to after a form post.
#[cfg(feature = "ssr")]
pub async fn remember_for_the_page(added: &QuickAdded) -> Result<(), AppError> {
    if is_plain_form_post() {
        session().await?.insert(JUST_ADDED_KEY, added).await.map_err(session_error)?;
    }
    Ok(())
}
