//! Server functions for organising tasks (issue 12): quick add, the plain-field editor, lists by
//! [`TaskQuery`] (the editor's plain fields are in [`super::editor_api`]), completion with the next occurrence, tags and the user's time zone. Each one acts for the
//! signed-in user only; the rules live in `todo_domain` and `todo_store`, shared with the MCP tools.

use leptos::prelude::*;

use todo_domain::{AppError, Completion, QuickAdded, Tag, TagCount, TaskDetails, TaskPage, TaskQuery};

#[cfg(feature = "ssr")]
use crate::server_fns::as_user;
#[cfg(feature = "ssr")]
use crate::tasks::quick_add_api::remember_for_the_page;
#[cfg(feature = "ssr")]
use todo_domain::task::TaskDescription;
#[cfg(feature = "ssr")]
use todo_store::{completion, tags, task_details, task_list, users};

/// Adds a task from what was typed in the new-task box: dates, times, priorities, tags and repeats are taken
/// from the text (in the user's time zone), the rest is the title. The answer says what was taken.
#[server(prefix = "/api", endpoint = "tasks/quick_add")]
pub async fn quick_add_task(text: String, description: Option<String>) -> Result<QuickAdded, AppError> {
    as_user(|pool, owner| async move {
        let description = TaskDescription::parse(description.as_deref())?;
        let added = task_details::quick_add(&pool, owner, &text, &description, chrono::Utc::now()).await?;
        remember_for_the_page(&added).await?;
        Ok(added)
    })
    .await
}

/// One page of the user's tasks: view, filters, search, sort; pass the answer's `next_cursor` back for more.
#[server(prefix = "/api", endpoint = "tasks/list")]
pub async fn list_tasks(query: TaskQuery) -> Result<TaskPage, AppError> {
    as_user(|pool, owner| async move { task_list::list(&pool, owner, query, chrono::Utc::now()).await }).await
}

/// One task with its fields (for the editor).
#[server(prefix = "/api", endpoint = "tasks/get")]
pub async fn get_task(id: i64) -> Result<TaskDetails, AppError> {
    as_user(|pool, owner| async move { task_details::get(&pool, owner, id).await }).await
}

/// Marks a task done; a repeating task's next occurrence is created (once, however often this is called).
#[server(prefix = "/api", endpoint = "tasks/complete")]
pub async fn complete_task(id: i64) -> Result<Completion, AppError> {
    as_user(|pool, owner| async move { completion::complete(&pool, owner, id, chrono::Utc::now()).await })
        .await
}

/// The user's tags with how many tasks carry each.
#[server(prefix = "/api", endpoint = "tags/list")]
pub async fn list_tags() -> Result<Vec<TagCount>, AppError> {
    as_user(|pool, owner| async move { tags::list(&pool, owner).await }).await
}

/// Renames one of the user's tags.
#[server(prefix = "/api", endpoint = "tags/rename")]
pub async fn rename_tag(name: String, new_name: String) -> Result<Tag, AppError> {
    as_user(|pool, owner| async move {
        let from = Tag::parse(&name)?;
        let to = Tag::parse(&new_name)?;
        tags::rename(&pool, owner, &from, &to).await
    })
    .await
}

/// Deletes one of the user's tags (its tasks stay).
#[server(prefix = "/api", endpoint = "tags/delete")]
pub async fn delete_tag(name: String) -> Result<(), AppError> {
    as_user(|pool, owner| async move { tags::delete(&pool, owner, &Tag::parse(&name)?).await }).await
}

/// The user's IANA time zone.
#[server(prefix = "/api", endpoint = "settings/time_zone")]
pub async fn get_time_zone() -> Result<String, AppError> {
    as_user(|pool, owner| async move { Ok(users::time_zone(&pool, owner).await?.name().to_owned()) }).await
}

/// Sets the user's time zone from an IANA name such as `Europe/Berlin` (what the browser's `Intl` reports).
#[server(prefix = "/api", endpoint = "settings/set_time_zone")]
pub async fn set_time_zone(time_zone: String) -> Result<String, AppError> {
    as_user(|pool, owner| async move {
        Ok(users::set_time_zone(&pool, owner, &time_zone).await?.name().to_owned())
    })
    .await
}
