//! Our own JSON export read back: every field as it was written, so an export imported into a fresh account
//! gives the same tasks.

use serde::Deserialize;
use serde_json::value::RawValue;
use todo_domain::{AppError, FieldsText};

use crate::export::{ExportedTask, JSON_FORMAT, JSON_VERSION};
use crate::import::{ImportContext, ImportFormat, Parsed};
use crate::rows::{json_file_error, line_of, row_error, Collected, RowText};

/// The export's envelope, its tasks kept as raw JSON so each is read (and reported) on its own line.
#[derive(Deserialize)]
struct Envelope<'a> {
    format: String,
    version: u32,
    #[serde(borrow)]
    tasks: Vec<&'a RawValue>,
}

/// Whether `text` is a JSON export of ours (`{"format": "todo-app", …}`).
pub fn is_own(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<String>,
    }
    serde_json::from_str::<Probe>(text).ok().and_then(|p| p.format).as_deref() == Some(JSON_FORMAT)
}

/// Reads our JSON export.
pub fn parse(text: &str, _ctx: ImportContext) -> Result<Parsed, AppError> {
    let envelope: Envelope = serde_json::from_str(text).map_err(json_file_error)?;
    if envelope.format != JSON_FORMAT || envelope.version > JSON_VERSION {
        return Err(AppError::invalid(
            "file",
            format!(
                "This is not a todo-app export this version reads (format \"{}\", version {}).",
                envelope.format, envelope.version
            ),
        ));
    }
    let mut rows = Collected::default();
    for raw in envelope.tasks {
        let line = line_of(text, raw);
        let row = serde_json::from_str::<ExportedTask>(raw.get())
            .map_err(|e| row_error(line, AppError::invalid("", format!("Not a task: {e}."))))
            .map(|t| RowText {
                title: t.title,
                description: t.description,
                done: t.done,
                fields: FieldsText {
                    priority: t.priority,
                    due_date: t.due_date,
                    due_time: t.due_time,
                    tags: Some(t.tags),
                    rrule: t.recurrence,
                    repeat_from: t.repeat_from,
                    ..FieldsText::default()
                },
                created: t.created_at,
                completed: t.completed_at,
                ..RowText::default()
            });
        rows.push(line, row);
    }
    Ok(rows.finish(ImportFormat::OwnJson))
}
