//! Tasks: server functions (`api`; `organise_api`: quick add, lists, completion, tags, time zone; `editor_api`: the
//! plain-field editor; `quick_add_api`: what the new-task box shows), the page, its new-task form (`add_form`) with
//! the preview of what quick add recognises as you type (`quick_add_preview`, an island), and a task's editor
//! (`editor`) (the types are `todo_domain::task`, the SQL `todo_store::tasks`).

pub mod add_form;
pub mod api;
pub mod editor;
pub mod editor_api;
pub mod organise_api;
pub mod page;
pub mod quick_add_api;
pub mod quick_add_preview;
