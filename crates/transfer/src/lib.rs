//! todo-transfer: tasks in and out of the app, as files.
//!
//! - [`export`]: JSON (lossless: it imports back as the same tasks), CSV (for spreadsheets) and iCalendar
//!   (`VTODO`s that calendar and reminder apps open);
//! - [`import`]: our JSON export, the old system's tasks (its JSON export or a CSV of its `tasks` table) and a
//!   Todoist CSV export, read into [`todo_domain::transfer::ImportedTask`]s by the app's own rules (title,
//!   priority, tags, due dates, repeats), with every bad row reported with its line.
//!
//! Pure code: the caller gives the owner's time zone and "now", reads and writes the database.

pub mod export;
pub mod import;
mod old_system;
mod own_json;
mod rows;
mod todoist;

/// The largest import file accepted, in bytes (a larger one is refused whole: 413).
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
/// The most tasks one import may add.
pub const MAX_IMPORT_ROWS: usize = 2000;

#[cfg(test)]
mod tests;
