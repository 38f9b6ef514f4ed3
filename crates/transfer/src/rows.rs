//! What every import format shares: turning a row's text into a valid task with the app's own rules
//! ([`FieldsText`], [`TaskTitle`], [`TaskDescription`]), errors with their line, and the reading of booleans,
//! date-times and JSON positions.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde_json::value::RawValue;
use todo_domain::due::{local_to_utc, Tz};
use todo_domain::task::{TaskDescription, TaskTitle};
use todo_domain::transfer::{ImportedTask, RowError};
use todo_domain::{AppError, Due, FieldsText};

use crate::import::{ImportFormat, Parsed};

/// The error of `line` from a validation error.
pub fn row_error(line: u64, e: AppError) -> RowError {
    match e {
        AppError::Invalid { field, message } | AppError::Conflict { field, message } => {
            RowError { line, field, message }
        }
        other => RowError { line, field: String::new(), message: other.to_string() },
    }
}

/// One row's values, as text, before the rules are applied.
#[derive(Debug, Default)]
pub struct RowText {
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Done.
    pub done: bool,
    /// Priority, due date (and time), tags, repeat.
    pub fields: FieldsText,
    /// A due date read elsewhere (a date-time with a zone, Todoist's words), used when `fields` has none.
    pub due: Option<Due>,
    /// A repeat rule read with `due`.
    pub recurrence: Option<todo_domain::Recurrence>,
    /// Created.
    pub created: Option<DateTime<Utc>>,
    /// Completed.
    pub completed: Option<DateTime<Utc>>,
}

impl RowText {
    /// The task, valid by the app's rules, or the first rule it breaks.
    pub fn into_task(self, line: u64) -> Result<ImportedTask, RowError> {
        let err = |e: AppError| row_error(line, e);
        let title = TaskTitle::parse(&self.title).map_err(err)?;
        let description = TaskDescription::parse(self.description.as_deref()).map_err(err)?;
        let mut fields = self.fields.fields().map_err(err)?;
        if fields.due.is_none() {
            fields.due = self.due;
        }
        if fields.recurrence.is_none() {
            fields.recurrence = self.recurrence;
        }
        if fields.recurrence.is_some() && fields.due.is_none() {
            return Err(err(AppError::invalid(
                "recurrence",
                "A repeating task needs a due date: its first occurrence.",
            )));
        }
        let completed = if self.done { self.completed } else { None };
        Ok(ImportedTask { title, description, done: self.done, fields, created: self.created, completed })
    }
}

/// Collects a file's rows.
#[derive(Debug, Default)]
pub struct Collected {
    tasks: Vec<(u64, ImportedTask)>,
    errors: Vec<RowError>,
    notes: Vec<String>,
}

impl Collected {
    /// Adds row `line`: its task, or its error.
    pub fn push(&mut self, line: u64, row: Result<RowText, RowError>) {
        match row.and_then(|r| r.into_task(line)) {
            Ok(task) => self.tasks.push((line, task)),
            Err(e) => self.errors.push(e),
        }
    }

    /// Adds a note.
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// The result (its format is set by [`crate::import::parse`]).
    pub fn finish(self, format: ImportFormat) -> Parsed {
        Parsed { format, tasks: self.tasks, errors: self.errors, notes: self.notes }
    }
}

/// A boolean as files write it: `true`/`false`, `t`/`f`, `1`/`0`, `yes`/`no`, `y`/`n`, blank (false).
pub fn parse_bool(field: &str, raw: &str) -> Result<bool, AppError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "1" | "yes" | "y" | "done" | "completed" => Ok(true),
        "false" | "f" | "0" | "no" | "n" | "" => Ok(false),
        other => Err(AppError::invalid(field, format!("\"{other}\" is not true or false."))),
    }
}

/// A moment as files write it: RFC 3339 (`2026-12-24T17:00:00Z`, an offset), or a local date-time
/// (`2026-12-24T17:00`, `2026-12-24 17:00:00.123`) read in `zone`.
pub fn parse_instant(field: &str, raw: &str, zone: Tz) -> Result<DateTime<Utc>, AppError> {
    let raw = raw.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(raw) {
        return Ok(dt.with_timezone(&Utc));
    }
    if let Some(local) = parse_local(raw) {
        return Ok(local_to_utc(local, zone));
    }
    if let Ok(date) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(local_to_utc(date.and_time(NaiveTime::MIN), zone));
    }
    Err(AppError::invalid(field, format!("\"{raw}\" is not a date and time (use 2026-12-24T17:00:00).")))
}

fn parse_local(raw: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
}

/// A due date as the old system stored it: a date, or a date-time (local, or with a zone: converted to the
/// owner's `zone`). Midnight means "that day, no time": its date picker stored dates that way.
pub fn parse_due(field: &str, raw: &str, zone: Tz) -> Result<Due, AppError> {
    let raw = raw.trim();
    if let Ok(date) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(Due::on(date));
    }
    let local = match DateTime::parse_from_rfc3339(raw) {
        Ok(dt) => dt.with_timezone(&zone).naive_local(),
        Err(_) => parse_local(raw).ok_or_else(|| {
            AppError::invalid(field, format!("\"{raw}\" is not a date (use 2026-12-24 or 2026-12-24T17:00)."))
        })?,
    };
    // Seconds are dropped: due times are to the minute.
    let time = NaiveTime::from_hms_opt(local.hour(), local.minute(), 0).unwrap_or(NaiveTime::MIN);
    Ok(if time == NaiveTime::MIN { Due::on(local.date()) } else { Due::new(local.date(), Some(time)) })
}

/// The line (1-based) of byte `offset` in `text`.
pub fn line_at(text: &str, offset: usize) -> u64 {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// The line where `raw` (a slice of `text`, as serde_json's borrowed [`RawValue`]s are) starts.
pub fn line_of(text: &str, raw: &RawValue) -> u64 {
    let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    line_at(text, offset)
}

/// A JSON syntax or shape error of the whole file, with its line.
pub fn json_file_error(e: serde_json::Error) -> AppError {
    AppError::invalid(
        "file",
        format!("The file is not valid JSON here: line {}, column {}: {e}.", e.line(), e.column()),
    )
}
