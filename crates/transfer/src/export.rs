//! Exports: every live task of one owner as JSON, CSV or iCalendar.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike, Todo, TodoStatus};
use serde::{Deserialize, Serialize};
use todo_domain::due::{hh_mm, iso_date, Tz};
use todo_domain::transfer::TaskRecord;
use todo_domain::{AppError, Priority};

/// The `format` of our JSON export; an import recognises its own files by it.
pub const JSON_FORMAT: &str = "todo-app";
/// The version of the JSON export's layout.
pub const JSON_VERSION: u32 = 1;

/// What an export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Our lossless, re-importable JSON.
    Json,
    /// One row per task, for spreadsheets.
    Csv,
    /// iCalendar `VTODO`s (RFC 5545).
    Ical,
}

impl ExportFormat {
    /// Every format, as offered on Settings.
    pub const ALL: [Self; 3] = [Self::Json, Self::Csv, Self::Ical];

    /// Parses `json`, `csv` or `ics` (`ical`, `icalendar`).
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Self::Json),
            "csv" => Ok(Self::Csv),
            "ics" | "ical" | "icalendar" => Ok(Self::Ical),
            other => Err(AppError::invalid(
                "format",
                format!("Unknown export format \"{other}\": use json, csv or ics."),
            )),
        }
    }

    /// Its name in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Ical => "ics",
        }
    }

    /// The media type of the file.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Ical => "text/calendar; charset=utf-8",
        }
    }

    /// The file's name for the day `today` (`todo-export-2026-12-01.json`).
    pub fn file_name(self, today: chrono::NaiveDate) -> String {
        format!("todo-export-{}.{}", iso_date(today), self.as_str())
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Json => "JSON (complete, re-importable)",
            Self::Csv => "CSV (spreadsheets)",
            Self::Ical => "iCalendar (calendar and reminder apps)",
        }
    }
}

/// Our JSON export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportDocument {
    /// Always [`JSON_FORMAT`].
    pub format: String,
    /// [`JSON_VERSION`].
    pub version: u32,
    /// When the file was made.
    pub exported_at: DateTime<Utc>,
    /// The owner's time zone: due dates and times are wall-clock times in it.
    pub time_zone: String,
    /// The tasks, oldest first.
    pub tasks: Vec<ExportedTask>,
}

/// A task in our JSON export: every field, the same names as the REST API's tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExportedTask {
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether it is done.
    #[serde(default)]
    pub done: bool,
    /// `none`, `low`, `medium`, `high` or `urgent`.
    #[serde(default)]
    pub priority: Option<String>,
    /// `YYYY-MM-DD`, local.
    #[serde(default)]
    pub due_date: Option<String>,
    /// `HH:MM`, local.
    #[serde(default)]
    pub due_time: Option<String>,
    /// Tag names.
    #[serde(default)]
    pub tags: Vec<String>,
    /// RFC 5545 RRULE.
    #[serde(default)]
    pub recurrence: Option<String>,
    /// `due` or `completion`.
    #[serde(default)]
    pub repeat_from: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// When it was done.
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
}

impl From<&TaskRecord> for ExportedTask {
    fn from(r: &TaskRecord) -> Self {
        let t = &r.details;
        Self {
            title: t.task.title.clone(),
            description: t.task.description.clone(),
            done: t.task.done,
            priority: Some(t.priority.as_str().to_owned()),
            due_date: t.due.map(|d| iso_date(d.date())),
            due_time: t.due.and_then(|d| d.time()).map(hh_mm),
            tags: t.tags.iter().map(|g| g.as_str().to_owned()).collect(),
            recurrence: t.recurrence.as_ref().map(|r| r.to_rrule()),
            repeat_from: t.recurrence.as_ref().map(|r| r.repeat_from().as_str().to_owned()),
            created_at: Some(r.created),
            completed_at: r.completed.filter(|_| t.task.done),
        }
    }
}

/// `tasks` written as `format`. `zone` is the owner's time zone (due times are local to it); `now` stamps the
/// file.
pub fn export(format: ExportFormat, tasks: &[TaskRecord], zone: Tz, now: DateTime<Utc>) -> String {
    match format {
        ExportFormat::Json => json(tasks, zone, now),
        ExportFormat::Csv => csv(tasks),
        ExportFormat::Ical => ical(tasks, zone, now),
    }
}

fn json(tasks: &[TaskRecord], zone: Tz, now: DateTime<Utc>) -> String {
    let doc = ExportDocument {
        format: JSON_FORMAT.into(),
        version: JSON_VERSION,
        exported_at: now,
        time_zone: zone.name().to_owned(),
        tasks: tasks.iter().map(ExportedTask::from).collect(),
    };
    // Plain data (strings, numbers, booleans): serialising it cannot fail.
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The CSV export's columns.
pub const CSV_HEADER: [&str; 11] = [
    "title",
    "description",
    "done",
    "priority",
    "due_date",
    "due_time",
    "tags",
    "recurrence",
    "repeat_from",
    "created_at",
    "completed_at",
];

fn csv(tasks: &[TaskRecord]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let rows = std::iter::once(CSV_HEADER.map(str::to_owned).to_vec()).chain(tasks.iter().map(|r| {
        let t = ExportedTask::from(r);
        vec![
            t.title,
            t.description.unwrap_or_default(),
            t.done.to_string(),
            t.priority.unwrap_or_default(),
            t.due_date.unwrap_or_default(),
            t.due_time.unwrap_or_default(),
            t.tags.join(", "),
            t.recurrence.unwrap_or_default(),
            t.repeat_from.unwrap_or_default(),
            t.created_at.map(|c| c.to_rfc3339()).unwrap_or_default(),
            t.completed_at.map(|c| c.to_rfc3339()).unwrap_or_default(),
        ]
    }));
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = out.write_record(&row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// RFC 5545 `PRIORITY` (1 highest … 9 lowest, 0 undefined) of a priority: urgent 1, high 3, medium 5, low 9,
/// none 0 (the property is left out). 1–4 read as high, 5 as medium, 6–9 as low in calendar apps.
pub fn ical_priority(p: Priority) -> u32 {
    match p {
        Priority::None => 0,
        Priority::Urgent => 1,
        Priority::High => 3,
        Priority::Medium => 5,
        Priority::Low => 9,
    }
}

/// The `UID` of task `id`: stable across exports, so a calendar app updates rather than duplicates it.
pub fn ical_uid(id: i64) -> String {
    format!("task-{id}@todo-app")
}

fn ical(tasks: &[TaskRecord], zone: Tz, now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Todo");
    for r in tasks {
        let t = &r.details;
        let mut todo = Todo::new();
        todo.uid(&ical_uid(t.task.id)).summary(&t.task.title).timestamp(now).created(r.created);
        if let Some(description) = &t.task.description {
            todo.description(description);
        }
        if t.task.done {
            todo.status(TodoStatus::Completed);
            todo.completed(r.completed.unwrap_or(now));
        } else {
            todo.status(TodoStatus::NeedsAction);
        }
        if t.priority != Priority::None {
            todo.priority(ical_priority(t.priority));
        }
        if !t.tags.is_empty() {
            todo.categories(t.tags.iter().map(|g| g.as_str()));
        }
        if let Some(due) = t.due {
            let when: icalendar::DatePerhapsTime = match due.time() {
                None => due.date().into(),
                Some(time) => {
                    let local = due.date().and_time(time);
                    if zone == Tz::UTC {
                        CalendarDateTime::Utc(local.and_utc()).into()
                    } else {
                        CalendarDateTime::WithTimezone { date_time: local, tzid: zone.name().to_owned() }
                            .into()
                    }
                }
            };
            // A recurrence is expanded from DTSTART (RFC 5545 3.8.5.3): the first occurrence is the due date.
            todo.starts(when.clone()).due(when);
            if let Some(rule) = &t.recurrence {
                todo.add_property("RRULE", rule.to_rrule());
            }
        }
        calendar.push(todo.done());
    }
    calendar.done().to_string()
}
