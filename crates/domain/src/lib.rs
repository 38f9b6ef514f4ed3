//! Domain types shared by the browser (wasm32) and the servers: tasks, users, tokens, chat messages, their
//! validation newtypes and the user-facing [`AppError`]; priority, tags, due dates, recurrence and the
//! quick-add parser. Pure code: "now" and the user's zone are always passed in, never read from a clock.
//!
//! The default build is what the browser bundle gets. The `tz` feature (servers only) adds the IANA time-zone
//! database (`chrono-tz`) and RRULE expansion (`rrule`): resolving a due date to an instant and computing the next
//! occurrence of a recurring task.
//!
//! What the other layers use:
//! - [`Priority`] (stored as `as_i16`, 0 = none … 4 = urgent), [`Tag`] (compare by `key()`), [`Due`] (ISO text
//!   `2026-12-24` / `2026-12-24T17:00`; with `tz`: `to_utc`, `is_overdue`, `due::today_in`, `due::parse_zone`).
//! - [`Recurrence`]: `parse_rrule` / `to_rrule` (the RRULE column), `repeat_from` (a column beside it),
//!   `anchored` when saving, `describe` for people; with `tz`: `next_occurrence` when a task is completed.
//! - [`parse_quick_add`] → [`QuickAdd`] (fields + what was `recognised`), [`to_quick_add_text`] for the way back.
//! - [`DomainError`]: `field()` and a user-facing `message()` (an [`AppError::Invalid`] on that field via `From`).
//! - [`transfer`]: what exports hold, what imports add, the preview before an import.
//! - [`TaskQuery`]: the one list query (view, filters, search, sort, page + cursor), [`TaskDetails`] and
//!   [`TaskPage`] what lists return, [`TaskFields`] / [`TaskPatch`] what saving takes.
//!
//! In a size-optimised wasm32 build (opt-level z, LTO, custom sections stripped) the parser with `Due::label` and
//! `Recurrence::describe` adds about 56 KB raw, 23 KB gzip, to a binary that already has `alloc` and `core::fmt`.

pub mod chat;
pub mod due;
pub mod error;
pub mod field_error;
pub mod priority;
pub mod quick_add;
pub mod recurrence;
pub mod tag;
pub mod task;
pub mod task_details;
pub mod task_input;
pub mod task_query;
pub mod token;
pub mod transfer;
pub mod user;

pub use due::Due;
pub use error::{AppError, AppResult};
pub use field_error::DomainError;
pub use priority::Priority;
pub use quick_add::{
    parse_quick_add, to_quick_add_text, QuickAdd, QuickAddContext, Recognised, RecognisedKind,
};

pub use recurrence::{
    Frequency, MonthDay, Recurrence, RecurrenceEnd, RecurrenceSpec, RepeatFrom, WeekdayRule,
};
pub use tag::Tag;
pub use task_details::{
    Completion, QuickAdded, TagCount, TaskBoard, TaskDetails, TaskFields, TaskPage, TaskPatch, TaskSummary,
};
pub use task_input::FieldsText;
pub use task_query::{SortBy, SortDirection, TaskQuery, View};
