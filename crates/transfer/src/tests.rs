//! Unit tests of the formats; the database round trips are in tests/api/transfer/.

use chrono::{TimeZone, Utc};
use todo_domain::due::Tz;
use todo_domain::Priority;

use crate::import::{parse, FileError, ImportContext, ImportFormat};
use crate::MAX_IMPORT_BYTES;

fn ctx() -> ImportContext {
    ImportContext {
        zone: "Europe/Berlin".parse::<Tz>().unwrap(),
        now: Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap(),
    }
}

#[test]
fn formats_are_told_from_the_content() {
    let detect = |s: &str| ImportFormat::detect(s).ok();
    assert_eq!(detect(r#"{"format": "todo-app", "version": 1, "tasks": []}"#), Some(ImportFormat::OwnJson));
    assert_eq!(detect(r#"[{"title": "x"}]"#), Some(ImportFormat::OldJson));
    assert_eq!(detect("TYPE,CONTENT,DESCRIPTION,PRIORITY\n"), Some(ImportFormat::TodoistCsv));
    assert_eq!(detect("\"id\",\"title\",\"completed\"\n"), Some(ImportFormat::OldCsv));
    assert_eq!(detect("name,when\n"), None);
}

#[test]
fn old_dates_are_read_in_the_owners_zone() {
    let file = "title,due_date\nA,2026-12-24T16:30:00Z\nB,2026-12-24T00:00:00\nC,2026-12-24\n";
    let parsed = parse(None, file.as_bytes(), ctx()).unwrap();
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let due: Vec<String> = parsed.tasks.iter().map(|(_, t)| t.fields.due.unwrap().to_iso()).collect();
    assert_eq!(due, ["2026-12-24T17:30", "2026-12-24", "2026-12-24"], "UTC to Berlin; midnight is a date");
}

#[test]
fn todoist_priorities_labels_and_dates() {
    let file = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n\
                task,Call @work  Bob @phone,,3,1,,,tomorrow 5pm,en,\n\
                task,Someday,,1,1,,,whenever you like,en,\n";
    let parsed = parse(Some(ImportFormat::TodoistCsv), file.as_bytes(), ctx()).unwrap();
    let (line, call) = &parsed.tasks[0];
    assert_eq!((*line, call.title.as_str(), call.fields.priority), (2, "Call Bob", Priority::High));
    assert_eq!(call.fields.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(), ["work", "phone"]);
    assert_eq!(call.fields.due.unwrap().to_iso(), "2026-12-03T17:00");
    assert_eq!((parsed.errors[0].line, parsed.errors[0].field.as_str()), (3, "due"));
}

#[test]
fn a_file_over_the_cap_or_not_text_is_refused_whole() {
    let big = vec![b'a'; MAX_IMPORT_BYTES + 1];
    assert_eq!(parse(None, &big, ctx()).unwrap_err(), FileError::TooLarge);
    assert!(matches!(parse(None, &[0xff, 0xfe, 0x00], ctx()), Err(FileError::Invalid(_))));
    assert!(matches!(parse(None, b"  \n", ctx()), Err(FileError::Invalid(_))));
}

#[test]
fn repeats_need_a_due_date() {
    let parsed = parse(None, b"title,recurrence_pattern\nGym,daily\n", ctx()).unwrap();
    assert_eq!(parsed.errors[0].field, "recurrence");
    assert!(parsed.into_tasks().unwrap_err().to_string().contains("line 2"));
}
