//! A Todoist CSV export (`TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,…`):
//! one row per task, section or comment. Tasks are imported; `@label`s in the content become tags; Todoist's
//! priority 4 (shown as p1) is urgent, 3 high, 2 medium, 1 none; `DATE` ("every monday", "tomorrow 5pm",
//! "2026-12-24") is read by the quick-add parser in the owner's zone. Sections and comments are skipped (the
//! preview counts them); sub-tasks become tasks of their own.

use todo_domain::due::now_in;
use todo_domain::transfer::RowError;
use todo_domain::{parse_quick_add, AppError, FieldsText, Priority, QuickAddContext, RecognisedKind};

use crate::import::{ImportContext, ImportFormat, Parsed};
use crate::rows::{row_error, Collected, RowText};

/// Reads a Todoist CSV export.
pub fn parse(text: &str, ctx: ImportContext) -> Result<Parsed, AppError> {
    // Todoist separates projects' sections with blank rows: row lengths vary.
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| AppError::invalid("file", format!("The CSV header cannot be read: {e}.")))?
        .iter()
        .map(|h| h.trim().to_ascii_uppercase())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(kind), Some(content)) = (column("TYPE"), column("CONTENT")) else {
        return Err(AppError::invalid("file", "A Todoist export has TYPE and CONTENT columns."));
    };
    let (description, priority, indent, date) =
        (column("DESCRIPTION"), column("PRIORITY"), column("INDENT"), column("DATE"));
    let mut rows = Collected::default();
    let (mut skipped, mut subtasks) = (0usize, 0usize);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                rows.push(
                    line,
                    Err(row_error(line, AppError::invalid("", format!("Unreadable CSV row: {e}.")))),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim).unwrap_or_default();
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if !cell(Some(kind)).eq_ignore_ascii_case("task") {
            skipped += 1;
            continue;
        }
        if cell(indent).parse::<u32>().is_ok_and(|n| n > 1) {
            subtasks += 1;
        }
        let row = read_task(cell(Some(content)), cell(description), cell(priority), cell(date), line, ctx);
        rows.push(line, row);
    }
    if skipped > 0 {
        rows.note(format!("{skipped} section and comment row(s) skipped: only tasks are imported."));
    }
    if subtasks > 0 {
        rows.note(format!("{subtasks} sub-task(s) imported as tasks of their own."));
    }
    Ok(rows.finish(ImportFormat::TodoistCsv))
}

fn read_task(
    content: &str,
    description: &str,
    priority: &str,
    date: &str,
    line: u64,
    ctx: ImportContext,
) -> Result<RowText, RowError> {
    let err = |e: AppError| row_error(line, e);
    let (title, labels) = split_labels(content);
    let priority = match priority {
        "" | "1" => Priority::None,
        "2" => Priority::Medium,
        "3" => Priority::High,
        "4" => Priority::Urgent,
        other => {
            return Err(err(AppError::invalid(
                "priority",
                format!("Todoist priority \"{other}\" is not 1 to 4."),
            )))
        }
    };
    let (due, recurrence) = if date.is_empty() {
        (None, None)
    } else {
        // The date as Todoist wrote it, read like quick-add text after a placeholder title; anything else in it
        // (words the parser does not know) refuses the row rather than being half-read.
        let parsed = parse_quick_add(&format!("_ {date}"), QuickAddContext::new(now_in(ctx.zone, ctx.now)));
        let dates_only = parsed.recognised.iter().all(|r| {
            matches!(
                r.kind,
                RecognisedKind::Date
                    | RecognisedKind::Time
                    | RecognisedKind::Recurrence
                    | RecognisedKind::RecurrenceEnd
            )
        });
        if parsed.title != "_" || !dates_only || (parsed.due.is_none() && parsed.recurrence.is_none()) {
            return Err(err(AppError::invalid(
                "due",
                format!("DATE \"{date}\" is not a date I understand (try 2026-12-24, tomorrow 5pm, every monday)."),
            )));
        }
        (parsed.due, parsed.recurrence)
    };
    Ok(RowText {
        title,
        description: Some(description.to_owned()),
        fields: FieldsText {
            priority: Some(priority.as_str().to_owned()),
            tags: Some(labels),
            ..FieldsText::default()
        },
        due,
        recurrence,
        ..RowText::default()
    })
}

/// The content without its `@label`s, and the labels.
fn split_labels(content: &str) -> (String, Vec<String>) {
    let mut labels = Vec::new();
    let mut words = Vec::new();
    for word in content.split_whitespace() {
        match word.strip_prefix('@') {
            Some(label) if !label.is_empty() => labels.push(label.to_owned()),
            _ => words.push(word),
        }
    }
    (words.join(" "), labels)
}
