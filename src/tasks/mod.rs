//! Tasks: server functions (`api`: the task page's board and the row actions; `organise_api`: quick add, lists,
//! completion, tags, time zone; `editor_api`: the plain-field editor), the page (`page`) with its URL
//! (`list_url`), where a next page takes the reader (`arrival`), list controls (`controls`) and rows (`task_row`), its new-task form (`add_form`) with the
//! preview of what quick add recognises (`quick_add_preview`, an island; `quick_add_reading`, the parser loaded
//! on demand; `quick_add_api`) and a task's editor
//! (`editor`). The types are `todo_domain`'s, the SQL `todo_store`'s.

pub mod add_form;
pub mod api;
pub mod arrival;
pub mod controls;
pub mod editor;
pub mod editor_api;
pub mod list_url;
pub mod organise_api;
pub mod page;
pub mod quick_add_api;
pub mod quick_add_preview;
pub mod quick_add_reading;
pub mod task_row;
