//! The full editor's server function: one argument per form field, because a plain HTML form (no JavaScript)
//! posts flat fields. Hence the module-wide allowance for its argument count.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use todo_domain::{AppError, TaskDetails};

#[cfg(feature = "ssr")]
use crate::server_fns::as_user;
#[cfg(feature = "ssr")]
use crate::tasks::api::close_editor_after_plain_post;
#[cfg(feature = "ssr")]
use todo_domain::{task_input::split_tags, FieldsText, RepeatChoice};
#[cfg(feature = "ssr")]
use todo_store::task_details;

/// The full editor's plain fields. An absent field is kept; a blank one is cleared. `tags` is comma-separated,
/// `repeat` an RRULE (`FREQ=WEEKLY;BYDAY=MO`) or one of the editor's presets (`none`, `daily`, `weekdays`,
/// `weekly`, `monthly`, `yearly`), with `repeat_every` (its interval), and `repeat_until` (a date) or
/// `repeat_count` (how many times) replacing its end; `repeat_from` `due` or `completion`.
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
    #[server(default)] repeat_every: Option<String>,
    #[server(default)] repeat_until: Option<String>,
    #[server(default)] repeat_count: Option<String>,
    repeat_from: Option<String>,
    #[server(default)] all_fields: Option<bool>,
) -> Result<TaskDetails, AppError> {
    // A form posts an emptied field as `name=`, which arrives here as `None` ("keep"): the editor says it sends
    // every field, so that an empty one clears.
    let every_field = all_fields.unwrap_or(false);
    let blank_clears = |v: Option<String>| if every_field { Some(v.unwrap_or_default()) } else { v };
    let (description, due_date, due_time, tags) =
        (blank_clears(description), blank_clears(due_date), blank_clears(due_time), blank_clears(tags));
    let (repeat_every, repeat_until, repeat_count) =
        (blank_clears(repeat_every), blank_clears(repeat_until), blank_clears(repeat_count));
    let saved = as_user(|pool, owner| async move {
        let rrule = match repeat {
            Some(repeat) => {
                let choice =
                    RepeatChoice { repeat, every: repeat_every, until: repeat_until, count: repeat_count };
                Some(choice.to_rrule()?.unwrap_or_default())
            }
            None => None,
        };
        let text = FieldsText {
            title,
            description,
            due_date,
            due_time,
            priority,
            tags: tags.as_deref().map(split_tags),
            rrule,
            repeat_from,
        };
        task_details::update(&pool, owner, id, &text.patch()?).await
    })
    .await?;
    close_editor_after_plain_post(id);
    Ok(saved)
}
