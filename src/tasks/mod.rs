//! Tasks: server functions (`api`; `organise_api`: quick add, lists, completion, tags, time zone; `editor_api`: the plain-field editor) and the page (the types are `todo_domain::task`, the SQL `todo_store::tasks`).

pub mod api;
pub mod editor_api;
pub mod organise_api;
pub mod page;
