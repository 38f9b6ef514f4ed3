//! The old system's tasks: its JSON export (an array of task objects, or `{"tasks": [...]}`) or a CSV of its
//! `tasks` table. Columns are matched by name, case-insensitively:
//!
//! - `title` (required), `description`, `completed` (`done`): true/false, t/f, 1/0, yes/no;
//! - `category` (`categories`, `tags`): becomes tags (a comma-separated list is several);
//! - `priority`: `low`, `medium`, `high`, `urgent` (or `none`, `p1`…);
//! - `due_date`: a date, or a date-time (local, or with a zone: converted to the owner's); midnight is a date;
//! - recurrence: `recurrence_pattern` (`recurrence`, `recurrence_rule`, `rrule`) as `daily`, `weekly`, `monthly`,
//!   `yearly` or an RRULE, with `recurrence_interval` (every N) and `recurrence_end_date` (until), kept only when
//!   `is_recurring` is absent or true; it repeats from the due date;
//! - `created_at`; `completed_at` for done tasks;
//! - `reminder_time` is read but not kept (this app has no reminders yet: the preview says so); `id`, `user_id`,
//!   `updated_at` are the old system's own. Any other column is named in the preview as not imported.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::Value;
use todo_domain::task_input::split_tags;
use todo_domain::transfer::RowError;
use todo_domain::{AppError, FieldsText, Recurrence};

use crate::import::{ImportContext, ImportFormat, Parsed};
use crate::rows::{
    json_file_error, line_of, parse_bool, parse_due, parse_instant, row_error, Collected, RowText,
};

/// Columns read (any other is reported).
const KNOWN: [&str; 22] = [
    "title",
    "description",
    "completed",
    "done",
    "category",
    "categories",
    "tags",
    "priority",
    "due_date",
    "reminder_time",
    "is_recurring",
    "recurrence_pattern",
    "recurrence",
    "recurrence_rule",
    "rrule",
    "recurrence_interval",
    "recurrence_end_date",
    "created_at",
    "completed_at",
    "updated_at",
    "id",
    "user_id",
];

/// A row: lower-cased column name → text (blank = absent).
type Row = BTreeMap<String, String>;

/// Reads the JSON export.
pub fn parse_json(text: &str, ctx: ImportContext) -> Result<Parsed, AppError> {
    /// `{"tasks": [...]}` (or `items`, `data`), the tasks kept raw for their lines. (Not an untagged enum with
    /// the bare list: serde buffers untagged input, and borrowed raw values cannot come from a buffer.)
    #[derive(serde::Deserialize)]
    struct Wrapped<'a> {
        #[serde(borrow, alias = "items", alias = "data")]
        tasks: Vec<&'a RawValue>,
    }
    let items = if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<&RawValue>>(text).map_err(json_file_error)?
    } else {
        match serde_json::from_str::<Wrapped>(text) {
            Ok(w) => w.tasks,
            Err(e) if e.is_syntax() || e.is_eof() => return Err(json_file_error(e)),
            Err(_) => {
                return Err(AppError::invalid(
                    "file",
                    "Expected a list of tasks, or an object with a \"tasks\" list.",
                ))
            }
        }
    };
    let mut rows = Collected::default();
    let mut seen = Columns::default();
    for raw in items {
        let line = line_of(text, raw);
        let row = match serde_json::from_str::<BTreeMap<String, Value>>(raw.get()) {
            Ok(object) => {
                let row: Row =
                    object.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), as_text(v))).collect();
                seen.note(&row);
                read_row(&row, line, ctx)
            }
            Err(_) => Err(row_error(line, AppError::invalid("", "A task must be a JSON object."))),
        };
        rows.push(line, row);
    }
    seen.report(&mut rows);
    Ok(rows.finish(ImportFormat::OldJson))
}

/// A JSON value as the text a CSV cell would hold.
fn as_text(v: Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s,
        Value::Array(items) => items.into_iter().map(as_text).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// Reads the CSV of the `tasks` table (a header row first).
pub fn parse_csv(text: &str, ctx: ImportContext) -> Result<Parsed, AppError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| AppError::invalid("file", format!("The CSV header cannot be read: {e}.")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    if !header.iter().any(|h| h == "title") {
        return Err(AppError::invalid("file", "The CSV has no \"title\" column."));
    }
    let mut rows = Collected::default();
    let mut seen = Columns::default();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                let row: Row = header.iter().cloned().zip(record.iter().map(str::to_owned)).collect();
                seen.note(&row);
                rows.push(line, read_row(&row, line, ctx));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                rows.push(
                    line,
                    Err(row_error(line, AppError::invalid("", format!("Unreadable CSV row: {e}.")))),
                );
            }
        }
    }
    seen.report(&mut rows);
    Ok(rows.finish(ImportFormat::OldCsv))
}

/// The columns met that are not imported.
#[derive(Default)]
struct Columns {
    unknown: Vec<String>,
    reminders: usize,
}

impl Columns {
    fn note(&mut self, row: &Row) {
        for key in row.keys() {
            if !KNOWN.contains(&key.as_str()) && !self.unknown.contains(key) {
                self.unknown.push(key.clone());
            }
        }
        if row.get("reminder_time").is_some_and(|r| !r.trim().is_empty()) {
            self.reminders += 1;
        }
    }

    fn report(self, rows: &mut Collected) {
        if !self.unknown.is_empty() {
            rows.note(format!("Columns not imported: {}.", self.unknown.join(", ")));
        }
        if self.reminders > 0 {
            rows.note(format!(
                "{} reminder time(s) not imported: this app has no reminders yet (the due dates are kept).",
                self.reminders
            ));
        }
    }
}

fn value<'a>(row: &'a Row, names: &[&str]) -> Option<&'a str> {
    names.iter().filter_map(|n| row.get(*n)).map(|v| v.trim()).find(|v| !v.is_empty())
}

fn read_row(row: &Row, line: u64, ctx: ImportContext) -> Result<RowText, RowError> {
    let err = |e: AppError| row_error(line, e);
    let done = match value(row, &["completed", "done"]) {
        Some(v) => parse_bool("completed", v).map_err(err)?,
        None => false,
    };
    let tags = value(row, &["category", "categories", "tags"]).map(split_tags).unwrap_or_default();
    let due =
        value(row, &["due_date"]).map(|d| parse_due("due_date", d, ctx.zone)).transpose().map_err(err)?;
    let recurring = match value(row, &["is_recurring"]) {
        Some(v) => parse_bool("is_recurring", v).map_err(err)?,
        None => true,
    };
    let recurrence = match value(row, &["recurrence_pattern", "recurrence", "recurrence_rule", "rrule"]) {
        Some(pattern) if recurring => Some(recurrence(row, pattern, ctx).map_err(err)?),
        _ => None,
    };
    Ok(RowText {
        title: value(row, &["title"]).unwrap_or_default().to_owned(),
        description: value(row, &["description"]).map(str::to_owned),
        done,
        fields: FieldsText {
            priority: value(row, &["priority"]).map(str::to_owned),
            tags: Some(tags),
            ..FieldsText::default()
        },
        due,
        recurrence,
        created: value(row, &["created_at"])
            .map(|c| parse_instant("created_at", c, ctx.zone))
            .transpose()
            .map_err(err)?,
        completed: value(row, &["completed_at"])
            .map(|c| parse_instant("completed_at", c, ctx.zone))
            .transpose()
            .map_err(err)?,
    })
}

/// The old system's repeat: a word (`weekly`) with an interval and an end date, or an RRULE; read by the app's
/// RRULE rules.
fn recurrence(row: &Row, pattern: &str, ctx: ImportContext) -> Result<Recurrence, AppError> {
    let invalid = |m: String| AppError::invalid("recurrence", m);
    let mut rule = if pattern.to_ascii_uppercase().contains("FREQ=") {
        pattern.to_owned()
    } else {
        let freq = match pattern.to_ascii_lowercase().as_str() {
            "daily" | "day" | "every day" => "DAILY",
            "weekly" | "week" | "every week" => "WEEKLY",
            "monthly" | "month" | "every month" => "MONTHLY",
            "yearly" | "year" | "annually" | "every year" => "YEARLY",
            other => {
                return Err(invalid(format!(
                    "Unknown recurrence pattern \"{other}\": use daily, weekly, monthly, yearly or an RRULE."
                )))
            }
        };
        format!("FREQ={freq}")
    };
    if let Some(interval) = value(row, &["recurrence_interval"]) {
        let n: u32 = interval
            .parse()
            .map_err(|_| invalid(format!("recurrence_interval \"{interval}\" is not a whole number.")))?;
        if n != 1 {
            rule.push_str(&format!(";INTERVAL={n}"));
        }
    }
    if let Some(end) = value(row, &["recurrence_end_date"]) {
        let until =
            parse_instant("recurrence_end_date", end, ctx.zone)?.with_timezone(&ctx.zone).date_naive();
        rule.push_str(&format!(";UNTIL={}", until.format("%Y%m%d")));
    }
    Ok(Recurrence::parse_rrule(&rule)?)
}
