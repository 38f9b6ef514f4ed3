//! Server functions for the task page. Each one acts for the signed-in user only.

use leptos::prelude::*;

use todo_domain::task::Task;
use todo_domain::{AppError, TaskBoard, TaskQuery};

#[cfg(feature = "ssr")]
use crate::server_fns::{as_user, is_plain_form_post};
#[cfg(feature = "ssr")]
use todo_domain::task::{TaskDescription, TaskTitle};
#[cfg(feature = "ssr")]
use todo_store::{task_list, tasks as repo};

/// The task page's data: one page of the list `query` describes (the page reads it from its URL; absent: the
/// newest tasks first), the user's tags for the views, the counts of open and done tasks, and the deletion that
/// can still be undone.
#[server(prefix = "/api", endpoint = "tasks/board")]
pub async fn get_board(#[server(default)] query: TaskQuery) -> Result<TaskBoard, AppError> {
    as_user(|pool, owner| async move {
        // One after the other: concurrent statements would take two pooled connections per page view under load.
        let page = task_list::list(&pool, owner, query, chrono::Utc::now()).await?;
        let (summary, tags) = repo::summary_and_tags(&pool, owner).await?;
        Ok(TaskBoard { page, tags, summary })
    })
    .await
}

/// Adds a task.
#[server(prefix = "/api", endpoint = "tasks/add")]
pub async fn add_task(title: String, description: Option<String>) -> Result<Task, AppError> {
    as_user(|pool, owner| async move {
        let title = TaskTitle::parse(&title)?;
        let description = TaskDescription::parse(description.as_deref())?;
        repo::create(&pool, owner, &title, &description).await
    })
    .await
}

/// Changes a task's title and description.
#[server(prefix = "/api", endpoint = "tasks/update")]
pub async fn update_task(id: i64, title: String, description: Option<String>) -> Result<Task, AppError> {
    let saved = as_user(|pool, owner| async move {
        let title = TaskTitle::parse(&title)?;
        let description = TaskDescription::parse(description.as_deref())?;
        repo::update(&pool, owner, id, Some(&title), Some(&description)).await
    })
    .await?;
    close_editor_after_plain_post(id);
    Ok(saved)
}

/// After a plain form post (no JavaScript) from an open editor (`?edit=ID`), sends the browser back to
/// the list with the editor closed. Once hydrated, the page closes the editor itself.
#[cfg(feature = "ssr")]
pub(crate) fn close_editor_after_plain_post(id: i64) {
    if !is_plain_form_post() {
        return;
    }
    let Some(parts) = use_context::<axum::http::request::Parts>() else { return };
    let referer = parts.headers.get(axum::http::header::REFERER).and_then(|v| v.to_str().ok());
    if let Some(to) = referer.and_then(|r| editor_closed(r, id)) {
        leptos_axum::redirect(&to);
    }
}

/// `page` (an editor's URL) without its `edit` parameter (nor a previous error's `__err…`), scrolled to
/// the task; `None` when no editor was open there.
#[cfg(feature = "ssr")]
fn editor_closed(page: &str, id: i64) -> Option<String> {
    let (base, query) = page.split_once('?')?;
    let params: Vec<&str> = query.split('&').collect();
    let is_edit = |p: &&str| p.split('=').next() == Some("edit");
    if !params.iter().any(is_edit) {
        return None;
    }
    let kept: Vec<&str> =
        params.into_iter().filter(|p| !p.is_empty() && !is_edit(p) && !p.starts_with("__")).collect();
    let query = if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) };
    Some(format!("{base}{query}#{}", Task::element_id(id)))
}

/// Marks a task done (`done = true`) or not done.
#[server(prefix = "/api", endpoint = "tasks/set_done")]
pub async fn set_task_done(id: i64, done: bool) -> Result<Task, AppError> {
    as_user(|pool, owner| async move { repo::set_done(&pool, owner, id, done).await }).await
}

/// Deletes a task (undoable for a while).
#[server(prefix = "/api", endpoint = "tasks/delete")]
pub async fn delete_task(id: i64) -> Result<Task, AppError> {
    as_user(|pool, owner| async move { repo::delete(&pool, owner, id).await }).await
}

/// Deletes every completed task (undoable for a while); returns how many.
#[server(prefix = "/api", endpoint = "tasks/clear_completed")]
pub async fn clear_completed() -> Result<u64, AppError> {
    as_user(|pool, owner| async move { repo::clear_completed(&pool, owner).await }).await
}

/// Brings back the latest deletion; returns how many tasks were restored.
#[server(prefix = "/api", endpoint = "tasks/undo_delete")]
pub async fn undo_delete() -> Result<u64, AppError> {
    as_user(|pool, owner| async move { repo::undo_delete(&pool, owner).await }).await
}

/// Forgets the latest deletion (hides the undo banner).
#[server(prefix = "/api", endpoint = "tasks/dismiss_deletion")]
pub async fn dismiss_deletion() -> Result<(), AppError> {
    as_user(|pool, owner| async move { repo::dismiss_deletion(&pool, owner).await }).await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::editor_closed;

    #[test]
    fn closing_the_editor_keeps_the_filter_and_drops_errors() {
        let closed = |page| editor_closed(page, 7);
        assert_eq!(closed("http://h/?edit=7").as_deref(), Some("http://h/#task-7"));
        assert_eq!(
            closed("http://h/?filter=active&edit=7").as_deref(),
            Some("http://h/?filter=active#task-7")
        );
        assert_eq!(
            closed("http://h/?edit=7&__err=x&filter=completed").as_deref(),
            Some("http://h/?filter=completed#task-7")
        );
        assert_eq!(closed("http://h/?filter=active"), None, "no editor was open");
        assert_eq!(closed("http://h/"), None);
    }
}
