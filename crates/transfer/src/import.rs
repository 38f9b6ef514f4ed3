//! Imports: a file read into valid tasks, or the rows that are not, each with its line. Nothing here writes: the
//! caller shows [`Parsed::preview`], then adds [`Parsed::tasks`] in one transaction only when there is no error.

use chrono::{DateTime, Utc};
use todo_domain::due::Tz;
use todo_domain::transfer::{ImportPreview, ImportedTask, PreviewRow, RowError};
use todo_domain::AppError;

use crate::{old_system, own_json, todoist, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS};

/// What an import file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// Our own JSON export.
    OwnJson,
    /// The old system's JSON export.
    OldJson,
    /// A CSV of the old system's `tasks` table.
    OldCsv,
    /// A Todoist CSV export.
    TodoistCsv,
}

impl ImportFormat {
    /// Every format, as offered on Settings.
    pub const ALL: [Self; 4] = [Self::OwnJson, Self::OldJson, Self::OldCsv, Self::TodoistCsv];

    /// Parses a format name: `auto` (or blank) is `None`, to be told from the file.
    pub fn parse(raw: &str) -> Result<Option<Self>, AppError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Ok(None),
            "json" | "todo-app" => Ok(Some(Self::OwnJson)),
            "old-json" => Ok(Some(Self::OldJson)),
            "old-csv" => Ok(Some(Self::OldCsv)),
            "todoist" | "todoist-csv" => Ok(Some(Self::TodoistCsv)),
            other => Err(AppError::invalid(
                "format",
                format!(
                    "Unknown import format \"{other}\": use auto, json, old-json, old-csv or todoist-csv."
                ),
            )),
        }
    }

    /// Whether its files are CSV (else JSON).
    pub fn is_csv(self) -> bool {
        matches!(self, Self::OldCsv | Self::TodoistCsv)
    }

    /// Its name in URLs and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OwnJson => "json",
            Self::OldJson => "old-json",
            Self::OldCsv => "old-csv",
            Self::TodoistCsv => "todoist-csv",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::OwnJson => "todo-app JSON export",
            Self::OldJson => "old system JSON export",
            Self::OldCsv => "old system tasks CSV",
            Self::TodoistCsv => "Todoist CSV",
        }
    }

    /// The format of `text`, told from its content: a JSON export of ours says `"format": "todo-app"`; other
    /// JSON is the old system's; a CSV with `TYPE` and `CONTENT` columns is Todoist's, one with `title` the old
    /// system's.
    pub fn detect(text: &str) -> Result<Self, AppError> {
        let start = text.trim_start();
        if start.starts_with('{') || start.starts_with('[') {
            return Ok(if own_json::is_own(text) { Self::OwnJson } else { Self::OldJson });
        }
        let header: Vec<String> = start
            .lines()
            .next()
            .map(|l| l.split(',').map(|c| c.trim().trim_matches('"').to_ascii_lowercase()).collect())
            .unwrap_or_default();
        let has = |name: &str| header.iter().any(|c| c == name);
        if has("type") && has("content") {
            Ok(Self::TodoistCsv)
        } else if has("title") {
            Ok(Self::OldCsv)
        } else {
            Err(AppError::invalid(
                "file",
                "This file is not one I can import: use a todo-app JSON export, the old system's JSON export or \
                 tasks CSV (with a title column), or a Todoist CSV export.",
            ))
        }
    }
}

/// Where and when an import runs: dates are read in the owner's zone at `now`.
#[derive(Debug, Clone, Copy)]
pub struct ImportContext {
    /// The owner's time zone.
    pub zone: Tz,
    /// Now.
    pub now: DateTime<Utc>,
}

/// A file read: the tasks that can be added (with their lines), the rows that cannot, notes.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The file's format.
    pub format: ImportFormat,
    /// The valid tasks, in file order, each with its line.
    pub tasks: Vec<(u64, ImportedTask)>,
    /// The rows that cannot be imported.
    pub errors: Vec<RowError>,
    /// What else to know.
    pub notes: Vec<String>,
}

/// How many rows the preview lists.
pub const PREVIEW_ROWS: usize = 10;

impl Parsed {
    /// What applying it would do.
    pub fn preview(&self) -> ImportPreview {
        ImportPreview {
            format: self.format.label().to_owned(),
            tasks: self.tasks.len(),
            rows: self.tasks.iter().take(PREVIEW_ROWS).map(|(line, t)| PreviewRow::of(*line, t)).collect(),
            errors: self.errors.clone(),
            notes: self.notes.clone(),
        }
    }

    /// The tasks to add, when every row is valid; otherwise the first bad row as a validation error.
    pub fn into_tasks(self) -> Result<Vec<ImportedTask>, AppError> {
        if let Some(first) = self.errors.first() {
            let more = match self.errors.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more bad rows)"),
            };
            return Err(AppError::invalid("file", format!("Nothing was imported: {first}{more}.")));
        }
        if self.tasks.is_empty() {
            return Err(AppError::invalid("file", "The file has no tasks to import."));
        }
        Ok(self.tasks.into_iter().map(|(_, t)| t).collect())
    }
}

/// Why a whole file is refused (before any row is read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// Over [`MAX_IMPORT_BYTES`].
    TooLarge,
    /// Not readable as this format; the message says why.
    Invalid(AppError),
}

impl From<FileError> for AppError {
    fn from(e: FileError) -> Self {
        match e {
            FileError::TooLarge => AppError::invalid("file", too_large_message()),
            FileError::Invalid(e) => e,
        }
    }
}

impl From<AppError> for FileError {
    fn from(e: AppError) -> Self {
        Self::Invalid(e)
    }
}

/// The message of a file that is over the size cap.
pub fn too_large_message() -> String {
    format!("The file is too large: import at most {} KiB at a time.", MAX_IMPORT_BYTES / 1024)
}

/// Reads `bytes` as `format` (told from the content when `None`).
pub fn parse(format: Option<ImportFormat>, bytes: &[u8], ctx: ImportContext) -> Result<Parsed, FileError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(FileError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| {
        AppError::invalid("file", "The file is not UTF-8 text: save it as UTF-8 and try again.")
    })?;
    // A byte-order mark (spreadsheet apps write one) is not part of the first column's name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(AppError::invalid("file", "The file is empty.").into());
    }
    let format = match format {
        Some(f) => f,
        None => ImportFormat::detect(text)?,
    };
    let parsed = match format {
        ImportFormat::OwnJson => own_json::parse(text, ctx)?,
        ImportFormat::OldJson => old_system::parse_json(text, ctx)?,
        ImportFormat::OldCsv => old_system::parse_csv(text, ctx)?,
        ImportFormat::TodoistCsv => todoist::parse(text, ctx)?,
    };
    let rows = parsed.tasks.len() + parsed.errors.len();
    if rows > MAX_IMPORT_ROWS {
        return Err(AppError::invalid(
            "file",
            format!(
                "The file has {rows} tasks: import at most {MAX_IMPORT_ROWS} at a time (split the file)."
            ),
        )
        .into());
    }
    Ok(Parsed { format, ..parsed })
}
