//! The full editor's repeat fields — a preset (`none`, `daily`, `weekdays`, `weekly`, `monthly`, `yearly`, or the
//! task's own RRULE kept as it is), "every N", "until" a date and "for N times" — and the RRULE they stand for.
//! The way back ([`RepeatChoice::of`]) pre-fills the editor from a saved rule.
//!
//! A weekly, monthly or yearly preset takes its day from the due date when saved ([`Recurrence::anchored`]).

use chrono::{Datelike, NaiveDate, Weekday};

use crate::due::{digits, iso_date, parse_date};
use crate::recurrence::{Frequency, RecurrenceEnd, RecurrenceSpec, WeekdayRule};
use crate::{DomainError, Recurrence};

/// The presets of the editor's repeat select: (form value, label).
pub const REPEAT_PRESETS: [(&str, &str); 6] = [
    ("none", "Does not repeat"),
    ("daily", "Daily"),
    ("weekdays", "Every weekday (Mon–Fri)"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("yearly", "Yearly"),
];

/// What the editor's repeat fields hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepeatChoice {
    /// A preset's value from [`REPEAT_PRESETS`], or an RRULE (the task's own rule, kept).
    pub repeat: String,
    /// "Every N" (days, weeks, …); absent or blank: 1 for a preset, the rule's own for an RRULE.
    pub every: Option<String>,
    /// The last date (`YYYY-MM-DD`); blank: none. With `count` both absent, an RRULE keeps its own end.
    pub until: Option<String>,
    /// How many times in all; blank: no limit.
    pub count: Option<String>,
}

impl RepeatChoice {
    /// The fields showing `rule` (due on `due`): a preset when the rule is one (anchored to that due date),
    /// else the rule itself.
    pub fn of(rule: Option<&Recurrence>, due: Option<NaiveDate>) -> Self {
        let Some(rule) = rule else { return Self { repeat: "none".into(), ..Self::default() } };
        let spec = rule.spec();
        let (until, count) = match spec.end {
            RecurrenceEnd::Never => (String::new(), String::new()),
            RecurrenceEnd::Until(d) => (iso_date(d), String::new()),
            RecurrenceEnd::Count(n) => (String::new(), n.to_string()),
        };
        let repeat = preset_of(spec, due).map_or_else(|| rule.to_rrule(), str::to_owned);
        Self { repeat, every: Some(spec.interval.to_string()), until: Some(until), count: Some(count) }
    }

    /// The RRULE these fields describe; `None` for no repeat.
    pub fn to_rrule(&self) -> Result<Option<String>, DomainError> {
        let err = |m: &str| Err(DomainError::Recurrence(m.to_owned()));
        let repeat = self.repeat.trim();
        if repeat.is_empty() || repeat.eq_ignore_ascii_case("none") {
            // No repeat: the other fields do not matter.
            return Ok(None);
        }
        let every = match self.every.as_deref().unwrap_or_default().trim() {
            "" => None,
            n => match digits(n) {
                Some(n) if (1..=Recurrence::MAX_INTERVAL).contains(&n) => Some(n),
                _ => return err("Repeat every 1 to 999 days, weeks, months or years."),
            },
        };
        let given = |s: &Option<String>| s.as_deref().unwrap_or_default().trim().to_owned();
        let end = match (given(&self.until).as_str(), given(&self.count).as_str()) {
            ("", "") => RecurrenceEnd::Never,
            (until, "") => RecurrenceEnd::Until(parse_date(until).map_err(|_| {
                DomainError::Recurrence(format!("\"{until}\" is not a date like 2026-12-24."))
            })?),
            ("", count) => match digits(count) {
                Some(n) if (1..=Recurrence::MAX_COUNT).contains(&n) => RecurrenceEnd::Count(n),
                _ => return err("A repeat can happen 1 to 1000 times."),
            },
            _ => return err("End the repeat on a date or after a number of times, not both."),
        };
        let interval = every.unwrap_or(1);
        let spec = match repeat.to_ascii_lowercase().as_str() {
            "daily" => RecurrenceSpec::new(Frequency::Daily, interval),
            "weekdays" => {
                let mut spec = RecurrenceSpec::new(Frequency::Weekly, interval);
                spec.weekdays = WORKDAYS.iter().map(|d| WeekdayRule::every(*d)).collect();
                spec
            }
            "weekly" => RecurrenceSpec::new(Frequency::Weekly, interval),
            "monthly" => RecurrenceSpec::new(Frequency::Monthly, interval),
            "yearly" => RecurrenceSpec::new(Frequency::Yearly, interval),
            _ => {
                let mut spec = Recurrence::parse_rrule(repeat)?.spec().clone();
                if let Some(n) = every {
                    spec.interval = n;
                }
                spec
            }
        };
        let keep_end = self.until.is_none() && self.count.is_none();
        let end = if keep_end { spec.end } else { end };
        let rule = RecurrenceSpec { end, ..spec }.validate()?;
        Ok(Some(rule.to_rrule()))
    }
}

const WORKDAYS: [Weekday; 5] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];

/// The preset `spec` is (ignoring its interval and end), given the due date its day was anchored to.
fn preset_of(spec: &RecurrenceSpec, due: Option<NaiveDate>) -> Option<&'static str> {
    let plain_weekdays = spec.weekdays.iter().all(|w| w.ordinal.is_none());
    let days: Vec<Weekday> = spec.weekdays.iter().map(|w| w.weekday).collect();
    let on_due_day = |d: NaiveDate| spec.month_days == [d.day() as i8];
    match spec.frequency {
        Frequency::Daily if spec.weekdays.is_empty() && spec.month_days.is_empty() => Some("daily"),
        Frequency::Weekly if plain_weekdays && days == WORKDAYS => Some("weekdays"),
        Frequency::Weekly if spec.weekdays.is_empty() => Some("weekly"),
        Frequency::Monthly if spec.weekdays.is_empty() && spec.months.is_empty() => {
            (spec.month_days.is_empty() || due.is_some_and(on_due_day)).then_some("monthly")
        }
        Frequency::Yearly if spec.weekdays.is_empty() => {
            let on_due_date = |d: NaiveDate| on_due_day(d) && spec.months == [d.month() as u8];
            ((spec.months.is_empty() && spec.month_days.is_empty()) || due.is_some_and(on_due_date))
                .then_some("yearly")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(repeat: &str, every: &str, until: &str, count: &str) -> RepeatChoice {
        RepeatChoice {
            repeat: repeat.into(),
            every: Some(every.into()),
            until: Some(until.into()),
            count: Some(count.into()),
        }
    }

    fn rrule(c: RepeatChoice) -> Option<String> {
        c.to_rrule().unwrap()
    }

    #[test]
    fn presets_map_to_rrules() {
        assert_eq!(rrule(choice("none", "3", "", "")), None);
        assert_eq!(rrule(choice("none", "0", "2026-02-30", "x")), None, "no repeat: the rest is not read");
        assert_eq!(rrule(choice("", "", "", "")), None);
        assert_eq!(rrule(choice("daily", "", "", "")).as_deref(), Some("FREQ=DAILY"));
        assert_eq!(rrule(choice("daily", "3", "", "")).as_deref(), Some("FREQ=DAILY;INTERVAL=3"));
        assert_eq!(
            rrule(choice("weekdays", "1", "", "")).as_deref(),
            Some("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
        );
        assert_eq!(
            rrule(choice("weekly", "2", "2026-12-31", "")).as_deref(),
            Some("FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231")
        );
        assert_eq!(rrule(choice("Monthly", "", "", "10")).as_deref(), Some("FREQ=MONTHLY;COUNT=10"));
        assert_eq!(rrule(choice("yearly", "", "", "")).as_deref(), Some("FREQ=YEARLY"));
    }

    #[test]
    fn an_own_rule_is_kept_with_the_new_interval_and_end() {
        let rule = "FREQ=MONTHLY;BYDAY=-1FR;COUNT=5";
        assert_eq!(rrule(choice(rule, "", "", "")).as_deref(), Some("FREQ=MONTHLY;BYDAY=-1FR"));
        assert_eq!(
            rrule(choice(rule, "2", "", "5")).as_deref(),
            Some("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=5")
        );
    }

    #[test]
    fn an_rrule_alone_keeps_its_end() {
        let alone = RepeatChoice { repeat: "FREQ=DAILY;COUNT=3".into(), ..RepeatChoice::default() };
        assert_eq!(rrule(alone).as_deref(), Some("FREQ=DAILY;COUNT=3"));
    }

    #[test]
    fn bad_fields_are_recurrence_errors() {
        for bad in [
            choice("daily", "0", "", ""),
            choice("daily", "1000", "", ""),
            choice("daily", "x", "", ""),
            choice("daily", "", "2026-02-30", ""),
            choice("daily", "", "", "0"),
            choice("daily", "", "2026-12-31", "3"),
            choice("hourly", "", "", ""),
        ] {
            assert_eq!(bad.to_rrule().unwrap_err().field(), "recurrence", "{bad:?}");
        }
    }

    #[test]
    fn saved_rules_pre_fill_the_fields() {
        let due = NaiveDate::from_ymd_opt(2026, 12, 24);
        let of = |rule: &str| {
            let r = Recurrence::parse_rrule(rule).unwrap().anchored(due.unwrap());
            RepeatChoice::of(Some(&r), due)
        };
        assert_eq!(RepeatChoice::of(None, due).repeat, "none");
        assert_eq!(of("FREQ=DAILY;INTERVAL=2"), choice("daily", "2", "", ""));
        assert_eq!(of("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"), choice("weekdays", "1", "", ""));
        assert_eq!(of("FREQ=WEEKLY;UNTIL=20270101"), choice("weekly", "1", "2027-01-01", ""));
        assert_eq!(of("FREQ=MONTHLY;COUNT=4"), choice("monthly", "1", "", "4"));
        assert_eq!(of("FREQ=YEARLY"), choice("yearly", "1", "", ""));
        let own = of("FREQ=WEEKLY;BYDAY=MO,WE");
        assert_eq!(own.repeat, "FREQ=WEEKLY;BYDAY=MO,WE");
        // And back: the fields give the same rule.
        for rule in ["FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=DAILY;INTERVAL=2", "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"] {
            let r = Recurrence::parse_rrule(rule).unwrap();
            assert_eq!(RepeatChoice::of(Some(&r), due).to_rrule().unwrap().as_deref(), Some(rule));
        }
    }
}
