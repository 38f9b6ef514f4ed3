//! The import parsers on generated files: arbitrary bytes in every format never panic and never yield more rows
//! than the cap, every task read is valid by the app's rules, and files written from generated titles read back
//! as exactly the titles the app accepts (the others as errors, one each). 256 cases per property
//! (`PROPTEST_CASES` for more).

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use todo_domain::due::Tz;
use todo_domain::task::TaskTitle;
use todo_transfer::import::{parse, ImportContext, ImportFormat, Parsed};
use todo_transfer::MAX_IMPORT_ROWS;

fn ctx() -> ImportContext {
    ImportContext {
        zone: "America/New_York".parse::<Tz>().unwrap(),
        now: Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap(),
    }
}

fn format() -> impl Strategy<Value = Option<ImportFormat>> {
    prop_oneof![Just(None), proptest::sample::select(ImportFormat::ALL.to_vec()).prop_map(Some)]
}

/// Titles as other systems hold them: anything, with the troublesome characters and lengths over the cap.
fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        proptest::sample::select(vec![
            "",
            "   ",
            "\0",
            "a\0b",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "\u{202e}evil",
            "e\u{301}",
            "\u{1f4a9}",
            "\"quoted\"",
            "comma, inside",
            "line\nbreak",
            "=cmd|' /C calc'!A0",
        ])
        .prop_map(str::to_owned),
        (195usize..205).prop_map(|n| "t".repeat(n)),
    ]
}

/// What the app's own rules make of `titles`, in order.
fn accepted(titles: &[String]) -> Vec<String> {
    titles.iter().filter_map(|t| TaskTitle::parse(t).ok()).map(|t| t.as_str().to_owned()).collect()
}

fn read_titles(parsed: &Parsed) -> Vec<String> {
    parsed.tasks.iter().map(|(_, t)| t.title.as_str().to_owned()).collect()
}

/// Every task read is one the app would accept as typed, every line number points into the file.
fn check_rows(parsed: &Parsed, text_lines: usize) -> Result<(), TestCaseError> {
    prop_assert!(parsed.tasks.len() + parsed.errors.len() <= MAX_IMPORT_ROWS);
    for (line, task) in &parsed.tasks {
        prop_assert!((1..=text_lines as u64 + 1).contains(line), "line {line} of {text_lines}");
        prop_assert_eq!(TaskTitle::parse(task.title.as_str()).unwrap(), task.title.clone());
        if task.fields.recurrence.is_some() {
            prop_assert!(task.fields.due.is_some(), "a repeat has its due date");
        }
    }
    for err in &parsed.errors {
        prop_assert!((1..=text_lines as u64 + 1).contains(&err.line), "{err:?}");
        prop_assert!(!err.message.trim().is_empty(), "{err:?}");
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(format in format(), bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(parsed) = parse(format, &bytes, ctx()) {
            check_rows(&parsed, bytes.iter().filter(|b| **b == b'\n').count() + 1)?;
            let _ = parsed.preview();
        }
    }

    #[test]
    fn arbitrary_text_in_each_shape_never_panics(
        format in format(),
        head in prop_oneof![
            Just("TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n"),
            Just("title,description,completed,priority,due_date,category,recurrence_pattern\n"),
            Just("{\"format\": \"todo-app\", \"version\": 1, \"tasks\": "),
            Just("["),
            Just(""),
        ],
        body in "\\PC{0,400}",
    ) {
        let text = format!("{head}{body}");
        if let Ok(parsed) = parse(format, text.as_bytes(), ctx()) {
            check_rows(&parsed, text.lines().count())?;
        }
    }

    #[test]
    fn an_old_system_csv_reads_back_as_the_titles_the_app_accepts(titles in proptest::collection::vec(title(), 1..20)) {
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.write_record(["title", "description"]).unwrap();
        for t in &titles {
            csv.write_record([t.as_str(), ""]).unwrap();
        }
        let file = csv.into_inner().unwrap();
        let parsed = parse(None, &file, ctx()).unwrap();
        prop_assert_eq!(parsed.format, ImportFormat::OldCsv);
        prop_assert_eq!(read_titles(&parsed), accepted(&titles));
        prop_assert_eq!(parsed.errors.len(), titles.len() - accepted(&titles).len(), "{:?}", parsed.errors);
        check_rows(&parsed, file.iter().filter(|b| **b == b'\n').count() + 1)?;
    }

    #[test]
    fn an_old_system_json_export_reads_back_as_the_titles_the_app_accepts(titles in proptest::collection::vec(title(), 1..20)) {
        let rows: Vec<serde_json::Value> = titles.iter().map(|t| serde_json::json!({ "title": t })).collect();
        let file = serde_json::to_vec_pretty(&rows).unwrap();
        let parsed = parse(None, &file, ctx()).unwrap();
        prop_assert_eq!(parsed.format, ImportFormat::OldJson);
        prop_assert_eq!(read_titles(&parsed), accepted(&titles));
        prop_assert_eq!(parsed.errors.len(), titles.len() - accepted(&titles).len(), "{:?}", parsed.errors);
    }
}
