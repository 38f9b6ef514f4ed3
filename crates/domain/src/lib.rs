//! Domain types shared by the browser (wasm32) and the servers: priority, tags, due dates, recurrence and the
//! quick-add parser. Pure code: "now" and the user's zone are always passed in, never read from a clock.
//!
//! The default build is what the browser bundle gets. The `tz` feature (servers only) adds the IANA time-zone
//! database (`chrono-tz`) and RRULE expansion (`rrule`): resolving a due date to an instant and computing the next
//! occurrence of a recurring task.

pub mod due;
pub mod field_error;
pub mod priority;
pub mod quick_add;
pub mod recurrence;
pub mod tag;

pub use due::Due;
pub use field_error::DomainError;
pub use priority::Priority;
pub use quick_add::{
    parse_quick_add, to_quick_add_text, QuickAdd, QuickAddContext, Recognised, RecognisedKind,
};

pub use recurrence::{
    Frequency, MonthDay, Recurrence, RecurrenceEnd, RecurrenceSpec, RepeatFrom, WeekdayRule,
};
pub use tag::Tag;
