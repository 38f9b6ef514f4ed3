//! The full editor's server function: one argument per form field, because a plain HTML form (no JavaScript)
//! posts flat fields. Hence the module-wide allowance for its argument count.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use todo_domain::{AppError, TaskDetails};

#[cfg(feature = "ssr")]
use crate::server_fns::as_user;
#[cfg(feature = "ssr")]
use todo_domain::{task_input::split_tags, FieldsText};
#[cfg(feature = "ssr")]
use todo_store::task_details;

/// The full editor's plain fields. An absent field is kept; a blank one is cleared. `tags` is comma-separated,
/// `repeat` an RRULE (`FREQ=WEEKLY;BYDAY=MO`), `repeat_from` `due` or `completion`.
#[server(prefix = "/api", endpoint = "tasks/update_fields")]
pub async fn update_task_fields(
    id: i64,
    title: Option<String>,
    description: Option<String>,
    due_date: Option<String>,
    due_time: Option<String>,
    priority: Option<String>,
    tags: Option<String>,
    repeat: Option<String>,
    repeat_from: Option<String>,
) -> Result<TaskDetails, AppError> {
    as_user(|pool, owner| async move {
        let text = FieldsText {
            title,
            description,
            due_date,
            due_time,
            priority,
            tags: tags.as_deref().map(split_tags),
            rrule: repeat,
            repeat_from,
        };
        task_details::update(&pool, owner, id, &text.patch()?).await
    })
    .await
}
