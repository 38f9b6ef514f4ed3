//! Task fields as forms and tools send them — plain text, one value per field — turned into [`TaskFields`] (a new
//! task) or a [`TaskPatch`] (a change). The editor's server fn and MCP's `add_task`/`update_task` both use it, so
//! the rules (a time needs a date, a blank value clears, what a repeat may be) are written once.

use crate::task::{TaskDescription, TaskTitle};
use crate::task_details::{TaskFields, TaskPatch};
use crate::{
    parse_quick_add, AppError, DomainError, Due, Priority, QuickAddContext, RecognisedKind, Recurrence,
    RepeatFrom, Tag,
};

/// Text of the fields; `None` = not given (kept), a blank value = cleared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldsText {
    /// Title.
    pub title: Option<String>,
    /// Description (blank removes it).
    pub description: Option<String>,
    /// `YYYY-MM-DD`; blank removes the due date (and time).
    pub due_date: Option<String>,
    /// `HH:MM`; blank keeps only the date. Needs `due_date`.
    pub due_time: Option<String>,
    /// `none`, `low`, `medium`, `high`, `urgent` (or `!high`, `p1`…).
    pub priority: Option<String>,
    /// The whole set of tag names (a leading `#` is dropped); empty removes every tag.
    pub tags: Option<Vec<String>>,
    /// An RRULE (`FREQ=WEEKLY;BYDAY=MO`); blank removes the repeat.
    pub rrule: Option<String>,
    /// `due` (default) or `completion`. Needs `rrule`.
    pub repeat_from: Option<String>,
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| s.trim().is_empty())
}

/// Splits a comma-separated tag list as a form field holds it (`home, work`).
pub fn split_tags(list: &str) -> Vec<String> {
    list.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

impl FieldsText {
    /// The change these fields describe.
    pub fn patch(&self) -> Result<TaskPatch, AppError> {
        Ok(TaskPatch {
            title: self.title.as_deref().map(TaskTitle::parse).transpose()?,
            description: self.description.as_deref().map(|d| TaskDescription::parse(Some(d))).transpose()?,
            priority: self.priority.as_deref().map(str::parse::<Priority>).transpose()?,
            due: self.due()?,
            tags: self.tags.as_deref().map(parse_tags).transpose()?,
            recurrence: self.recurrence()?,
        })
    }

    /// The fields of a new task (the title and description are taken apart).
    pub fn fields(&self) -> Result<TaskFields, AppError> {
        let patch = self.patch()?;
        Ok(TaskFields {
            priority: patch.priority.unwrap_or_default(),
            due: patch.due.flatten(),
            tags: patch.tags.unwrap_or_default(),
            recurrence: patch.recurrence.flatten(),
        })
    }

    fn due(&self) -> Result<Option<Option<Due>>, DomainError> {
        let time = self.due_time.as_deref().map(str::trim).filter(|t| !t.is_empty());
        match self.due_date.as_deref().map(str::trim) {
            None if time.is_some() => Err(DomainError::Due("Give the date with the time.".into())),
            None => Ok(None),
            Some("") if time.is_some() => Err(DomainError::Due("A time needs a date.".into())),
            Some("") => Ok(Some(None)),
            Some(date) => {
                let iso = match time {
                    Some(t) => format!("{date}T{t}"),
                    None => date.to_owned(),
                };
                Due::parse_iso(&iso).map(|d| Some(Some(d)))
            }
        }
    }

    fn recurrence(&self) -> Result<Option<Option<Recurrence>>, DomainError> {
        let repeat_from = match self.repeat_from.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) if s.eq_ignore_ascii_case("due") => Some(RepeatFrom::Due),
            Some(s) if s.eq_ignore_ascii_case("completion") => Some(RepeatFrom::Completion),
            Some(s) => {
                return Err(DomainError::Recurrence(format!(
                    "Repeat from \"{s}\"? Use due (the schedule) or completion."
                )))
            }
        };
        match (&self.rrule, repeat_from) {
            (None, Some(_)) => Err(DomainError::Recurrence("Give the repeat rule with repeat_from.".into())),
            (None, None) => Ok(None),
            (Some(_), _) if blank(&self.rrule) => Ok(Some(None)),
            (Some(rule), from) => {
                Ok(Some(Some(Recurrence::parse_rrule(rule)?.with_repeat_from(from.unwrap_or_default()))))
            }
        }
    }
}

/// A due date (and time) as a person says it — `friday`, `tomorrow 5pm`, `in 3 days`, `dec 24`, `2026-12-24 17:00`
/// — read by the quick-add parser at `ctx` (the user's local now). Text with anything else in it is refused rather
/// than half-read.
pub fn parse_when(text: &str, ctx: QuickAddContext) -> Result<Due, DomainError> {
    let text = text.trim();
    // A placeholder title: the parser takes nothing from text that would leave no title.
    let parsed = parse_quick_add(&format!("_ {text}"), ctx);
    let dates_only =
        parsed.recognised.iter().all(|r| matches!(r.kind, RecognisedKind::Date | RecognisedKind::Time));
    match parsed.due {
        Some(due) if parsed.title == "_" && dates_only => Ok(due),
        _ => Err(DomainError::Due(format!(
            "\"{text}\" is not a date I understand: try friday, tomorrow 5pm, in 3 days, dec 24 or 2026-12-24."
        ))),
    }
}

/// Tag names as typed (a leading `#` dropped), unique by letter case.
pub fn parse_tags(names: &[String]) -> Result<Vec<Tag>, DomainError> {
    let mut tags = Vec::new();
    for name in names {
        let name = name.trim();
        crate::tag::push_unique(&mut tags, Tag::parse(name.strip_prefix('#').unwrap_or(name))?);
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> FieldsText {
        FieldsText::default()
    }

    #[test]
    fn nothing_given_changes_nothing() {
        assert!(text().patch().unwrap().is_empty());
        assert_eq!(text().fields().unwrap(), TaskFields::default());
    }

    #[test]
    fn fields_parse_and_blank_clears() {
        let t = FieldsText {
            due_date: Some("2026-12-24".into()),
            due_time: Some("17:00".into()),
            priority: Some("high".into()),
            tags: Some(vec!["#Home".into(), "home".into(), "work".into()]),
            rrule: Some("FREQ=WEEKLY;BYDAY=MO".into()),
            repeat_from: Some("completion".into()),
            ..text()
        };
        let p = t.patch().unwrap();
        assert_eq!(p.due, Some(Some("2026-12-24T17:00".parse().unwrap())));
        assert_eq!(p.priority, Some(Priority::High));
        assert_eq!(p.tags.unwrap().iter().map(Tag::as_str).collect::<Vec<_>>(), ["Home", "work"]);
        assert_eq!(p.recurrence.unwrap().unwrap().repeat_from(), RepeatFrom::Completion);
        let cleared = FieldsText {
            due_date: Some(" ".into()),
            rrule: Some(String::new()),
            tags: Some(vec![]),
            ..text()
        }
        .patch()
        .unwrap();
        assert_eq!((cleared.due, cleared.recurrence, cleared.tags), (Some(None), Some(None), Some(vec![])));
        assert_eq!(split_tags(" a, b ,,c "), ["a", "b", "c"]);
    }

    #[test]
    fn when_as_people_say_it() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap().and_hms_opt(10, 0, 0).unwrap();
        let ctx = QuickAddContext::new(now); // a Wednesday
        let when = |s: &str| parse_when(s, ctx).map(|d| d.to_iso());
        assert_eq!(when("friday").as_deref(), Ok("2026-12-04"));
        assert_eq!(when(" tomorrow 5pm ").as_deref(), Ok("2026-12-03T17:00"));
        assert_eq!(when("in 3 days").as_deref(), Ok("2026-12-05"));
        assert_eq!(when("2026-12-24 17:00").as_deref(), Ok("2026-12-24T17:00"));
        for bad in ["", "someday", "friday #home", "every monday", "friday or so"] {
            assert_eq!(parse_when(bad, ctx).unwrap_err().field(), "due", "{bad}");
        }
    }

    #[test]
    fn errors_name_their_field() {
        let field = |t: FieldsText| match t.patch().unwrap_err() {
            AppError::Invalid { field, .. } => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(FieldsText { due_time: Some("9:00".into()), ..text() }), "due");
        assert_eq!(
            field(FieldsText { due_date: Some("".into()), due_time: Some("9:00".into()), ..text() }),
            "due"
        );
        assert_eq!(field(FieldsText { due_date: Some("2026-02-30".into()), ..text() }), "due");
        assert_eq!(field(FieldsText { priority: Some("critical".into()), ..text() }), "priority");
        assert_eq!(field(FieldsText { tags: Some(vec!["a\"b".into()]), ..text() }), "tags");
        assert_eq!(field(FieldsText { rrule: Some("FREQ=HOURLY".into()), ..text() }), "recurrence");
        assert_eq!(field(FieldsText { repeat_from: Some("due".into()), ..text() }), "recurrence");
        assert_eq!(field(FieldsText { title: Some(" ".into()), ..text() }), "title");
    }
}
