//! Tasks: server functions and the page (the types are `todo_domain::task`, the SQL `todo_store::tasks`).

pub mod api;
pub mod page;
