//! Recurrence: the RFC 5545 RRULE subset tasks repeat by, plus whether the next date counts from the due date or
//! from completion.
//!
//! The subset (anything else is refused with a message saying what to do instead):
//!
//! | part         | allowed                                                                                  |
//! |--------------|------------------------------------------------------------------------------------------|
//! | `FREQ`       | `DAILY`, `WEEKLY`, `MONTHLY`, `YEARLY` (required)                                        |
//! | `INTERVAL`   | 1–999                                                                                    |
//! | `BYDAY`      | weekly: weekdays (`MO,WE`); monthly: ordinal weekdays `1MO`…`5MO`, `-1FR` (last Friday)  |
//! | `BYMONTHDAY` | monthly: 1–31 and -1 (last day), not with `BYDAY`; yearly: one day, with one `BYMONTH`   |
//! | `BYMONTH`    | yearly: one month 1–12, with one `BYMONTHDAY`                                            |
//! | `UNTIL`      | a date (`20261231`, inclusive); a date-time's date part is taken                         |
//! | `COUNT`      | 1–1000, not with `UNTIL`                                                                 |
//! | `WKST`       | `MO` only (the RFC default)                                                              |
//!
//! `FREQ=DAILY;BYDAY=…` (what some calendars write for "every weekday") is read as the weekly rule it means.
//!
//! **Month ends clamp** (a deliberate difference from RFC 5545, which skips months without the day): "every month
//! on the 31st" is due on the last day of shorter months (Jan 31, Feb 28, Mar 31, Apr 30, …) and "every year on
//! Feb 29" on Feb 28 in common years, as Todoist and most people's rent contracts do. Without `BYMONTHDAY` the day
//! comes from the due date; [`Recurrence::anchored`] pins it so a clamped Feb 28 does not drift to Mar 28.

use core::fmt;
use core::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::due::{iso_date, month_short, MONTH_NAMES, WEEKDAY_NAMES};
use crate::DomainError;

/// How often the rule repeats, before its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Every N days.
    Daily,
    /// Every N weeks (weeks start on Monday).
    Weekly,
    /// Every N months.
    Monthly,
    /// Every N years.
    Yearly,
}

impl Frequency {
    /// The RRULE `FREQ` value.
    pub fn as_rrule(self) -> &'static str {
        match self {
            Self::Daily => "DAILY",
            Self::Weekly => "WEEKLY",
            Self::Monthly => "MONTHLY",
            Self::Yearly => "YEARLY",
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Self::Daily => "day",
            Self::Weekly => "week",
            Self::Monthly => "month",
            Self::Yearly => "year",
        }
    }
}

/// Whether the next occurrence follows the rule from the due date, or starts again from the completion day
/// (Todoist's `every!`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RepeatFrom {
    /// The schedule is fixed by the due dates ("every Monday").
    #[default]
    Due,
    /// The next date counts from when the task was done ("water the plants 3 days after I last did").
    Completion,
}

impl RepeatFrom {
    /// The name used in the database column, the REST API and the MCP tools (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::Completion => "completion",
        }
    }
}

/// A `BYDAY` entry: a weekday, with an ordinal in monthly rules (`2TU` = the 2nd Tuesday, `-1FR` = the last Friday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeekdayRule {
    /// 1–5 or -1 (last), monthly rules only.
    pub ordinal: Option<i8>,
    /// The weekday.
    pub weekday: Weekday,
}

impl WeekdayRule {
    /// Every `weekday` (weekly rules).
    pub fn every(weekday: Weekday) -> Self {
        Self { ordinal: None, weekday }
    }

    /// The `ordinal`th `weekday` of the month (monthly rules; -1 is the last).
    pub fn nth(ordinal: i8, weekday: Weekday) -> Self {
        Self { ordinal: Some(ordinal), weekday }
    }

    fn sort_key(&self) -> (u8, u32) {
        let ord = match self.ordinal {
            None => 0,
            Some(-1) => 9,
            Some(n) => n as u8,
        };
        (ord, self.weekday.num_days_from_monday())
    }
}

/// A day of the month in a rule: 1–31, or -1 for the last day.
pub type MonthDay = i8;

/// When a recurrence stops.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum RecurrenceEnd {
    /// Repeats forever.
    #[default]
    Never,
    /// No occurrence after this date (inclusive).
    Until(NaiveDate),
    /// At most this many occurrences in all, the first one included.
    Count(u32),
}

/// The plain fields of a recurrence, as a form or an MCP client gives them; [`RecurrenceSpec::validate`] turns it
/// into a [`Recurrence`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurrenceSpec {
    /// `FREQ`.
    pub frequency: Frequency,
    /// `INTERVAL` (1 = every, 2 = every other, …).
    pub interval: u32,
    /// `BYDAY`.
    pub weekdays: Vec<WeekdayRule>,
    /// `BYMONTHDAY`.
    pub month_days: Vec<MonthDay>,
    /// `BYMONTH` (1–12).
    pub months: Vec<u8>,
    /// `UNTIL` or `COUNT`.
    pub end: RecurrenceEnd,
    /// Due-date or completion based.
    pub repeat_from: RepeatFrom,
}

impl RecurrenceSpec {
    /// Every `interval` `frequency` units, with no other parts.
    pub fn new(frequency: Frequency, interval: u32) -> Self {
        Self {
            frequency,
            interval,
            weekdays: Vec::new(),
            month_days: Vec::new(),
            months: Vec::new(),
            end: RecurrenceEnd::Never,
            repeat_from: RepeatFrom::Due,
        }
    }

    /// Checks the subset's rules and normalises the lists (sorted, no duplicates).
    pub fn validate(mut self) -> Result<Recurrence, DomainError> {
        let err = |m: &str| Err(DomainError::Recurrence(m.to_owned()));
        if !(1..=Recurrence::MAX_INTERVAL).contains(&self.interval) {
            return err("Repeat every 1 to 999 days, weeks, months or years.");
        }
        sort_small(&mut self.weekdays, WeekdayRule::sort_key);
        self.weekdays.dedup();
        sort_small(&mut self.month_days, |d| if *d < 0 { 100 } else { *d as i32 });
        self.month_days.dedup();
        sort_small(&mut self.months, |m| *m);
        self.months.dedup();
        if self.frequency == Frequency::Daily && !self.weekdays.is_empty() {
            if self.interval != 1 {
                return err(
                    "A repeat every few days cannot also pick weekdays: repeat weekly on those days instead.",
                );
            }
            // "FREQ=DAILY;BYDAY=MO,…,FR" is how some calendars write "every weekday": it is the weekly rule.
            self.frequency = Frequency::Weekly;
        }
        for rule in &self.weekdays {
            match (self.frequency, rule.ordinal) {
                (Frequency::Weekly, Some(_)) => {
                    return err(
                        "A weekly repeat takes plain weekdays; \"the 2nd Tuesday\" needs a monthly repeat.",
                    )
                }
                (Frequency::Monthly, None) => return err(
                    "A monthly repeat on a weekday needs which one: 1st to 5th, or last (e.g. last Friday).",
                ),
                (Frequency::Monthly, Some(n)) if !(n == -1 || (1..=5).contains(&n)) => {
                    return err("The weekday of a month must be the 1st to 5th, or the last.")
                }
                (Frequency::Yearly, _) => {
                    return err("A yearly repeat cannot pick weekdays: use a date such as Dec 24.")
                }
                _ => {}
            }
        }
        if !self.month_days.is_empty() {
            match self.frequency {
                Frequency::Daily | Frequency::Weekly => {
                    return err("Days of the month need a monthly or yearly repeat.")
                }
                _ if !self.weekdays.is_empty() => {
                    return err("Repeat on days of the month or on weekdays, not both.")
                }
                _ => {}
            }
            if self.month_days.iter().any(|d| !(*d == -1 || (1..=31).contains(d))) {
                return err("A day of the month must be 1 to 31, or the last day.");
            }
        }
        if !self.months.is_empty() && self.frequency != Frequency::Yearly {
            return err("Months can only be picked in a yearly repeat.");
        }
        if self.months.iter().any(|m| !(1..=12).contains(m)) {
            return err("A month must be 1 to 12.");
        }
        if self.frequency == Frequency::Yearly && (!self.months.is_empty() || !self.month_days.is_empty()) {
            let (&[month], &[day]) = (self.months.as_slice(), self.month_days.as_slice()) else {
                return err("A yearly repeat takes one date, a month and a day (e.g. Dec 24).");
            };
            // Feb 29 is allowed (it clamps to Feb 28 in common years); Feb 30 or Apr 31 never happen.
            if day < 1 || NaiveDate::from_ymd_opt(2024, month as u32, day as u32).is_none() {
                return err("That day does not exist in that month.");
            }
        }
        match self.end {
            RecurrenceEnd::Count(n) if !(1..=Recurrence::MAX_COUNT).contains(&n) => {
                return err("A repeat can happen 1 to 1000 times.")
            }
            _ => {}
        }
        Ok(Recurrence(self))
    }
}

/// A valid recurrence rule (see the module documentation for the subset). Serialised as
/// `{"rrule": "FREQ=…", "repeat_from": "due" | "completion"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RecurrenceJson", into = "RecurrenceJson")]
pub struct Recurrence(RecurrenceSpec);

/// The serde form of [`Recurrence`].
#[derive(Serialize, Deserialize)]
struct RecurrenceJson {
    rrule: String,
    #[serde(default)]
    repeat_from: RepeatFrom,
}

impl TryFrom<RecurrenceJson> for Recurrence {
    type Error = DomainError;

    fn try_from(value: RecurrenceJson) -> Result<Self, Self::Error> {
        Ok(Self::parse_rrule(&value.rrule)?.with_repeat_from(value.repeat_from))
    }
}

impl From<Recurrence> for RecurrenceJson {
    fn from(value: Recurrence) -> Self {
        Self { rrule: value.to_rrule(), repeat_from: value.0.repeat_from }
    }
}

impl Recurrence {
    /// The largest `INTERVAL`.
    pub const MAX_INTERVAL: u32 = 999;
    /// The largest `COUNT`.
    pub const MAX_COUNT: u32 = 1000;

    /// The plain fields (for the editor form and MCP results).
    pub fn spec(&self) -> &RecurrenceSpec {
        &self.0
    }

    /// `FREQ`.
    pub fn frequency(&self) -> Frequency {
        self.0.frequency
    }

    /// `INTERVAL`.
    pub fn interval(&self) -> u32 {
        self.0.interval
    }

    /// When the rule stops.
    pub fn end(&self) -> RecurrenceEnd {
        self.0.end
    }

    /// Due-date or completion based.
    pub fn repeat_from(&self) -> RepeatFrom {
        self.0.repeat_from
    }

    /// The same rule counted from `repeat_from`.
    pub fn with_repeat_from(mut self, repeat_from: RepeatFrom) -> Self {
        self.0.repeat_from = repeat_from;
        self
    }

    /// The same rule ending at `end` (always valid: `COUNT` is capped at 1000).
    pub fn with_end(mut self, end: RecurrenceEnd) -> Result<Self, DomainError> {
        self.0.end = end;
        self.0.validate()
    }

    /// Pins the day (and month) a rule without one takes from its first due date, so a monthly rule started on
    /// Jan 31 stays on month ends after a clamped Feb 28. Completion-based rules are left alone: their day is
    /// meant to move with each completion. Call it when a recurrence is saved with a due date.
    pub fn anchored(mut self, first_due: NaiveDate) -> Self {
        if self.0.repeat_from == RepeatFrom::Completion || !self.0.weekdays.is_empty() {
            return self;
        }
        match self.0.frequency {
            Frequency::Monthly if self.0.month_days.is_empty() => {
                self.0.month_days = vec![first_due.day() as i8]
            }
            Frequency::Yearly if self.0.months.is_empty() => {
                self.0.months = vec![first_due.month() as u8];
                self.0.month_days = vec![first_due.day() as i8];
            }
            _ => {}
        }
        self
    }

    /// Whether the rule is "every weekday" (Monday to Friday, every week).
    pub fn is_every_weekday(&self) -> bool {
        self.0.frequency == Frequency::Weekly && self.0.interval == 1 && self.weekday_set() == WEEKDAYS
    }

    fn weekday_set(&self) -> u8 {
        self.0.weekdays.iter().fold(0, |acc, r| acc | 1 << r.weekday.num_days_from_monday())
    }

    /// Parses an RRULE value (`FREQ=WEEKLY;BYDAY=MO,WE`, optionally prefixed with `RRULE:`); keys are
    /// case-insensitive. The result repeats from the due date: see [`Recurrence::with_repeat_from`].
    pub fn parse_rrule(s: &str) -> Result<Self, DomainError> {
        let err = |m: String| Err(DomainError::Recurrence(m));
        let s = s.trim();
        let s = match s.get(..6) {
            Some(p) if p.eq_ignore_ascii_case("RRULE:") => &s[6..],
            _ => s,
        };
        if s.is_empty() {
            return err("The repeat rule is empty.".into());
        }
        let mut frequency = None;
        let mut spec = RecurrenceSpec::new(Frequency::Daily, 1);
        let mut seen: Vec<String> = Vec::new();
        let (mut until, mut count) = (None, None);
        for part in s.split(';').filter(|p| !p.is_empty()) {
            let Some((key, value)) = part.split_once('=') else {
                return err(format!("\"{part}\" is not a KEY=VALUE part of a repeat rule."));
            };
            let key = key.trim().to_ascii_uppercase();
            let value = value.trim();
            if seen.contains(&key) {
                return err(format!("{key} appears twice in the repeat rule."));
            }
            seen.push(key.clone());
            let bad = || DomainError::Recurrence(format!("{key}={value} is not valid."));
            match key.as_str() {
                "FREQ" => {
                    frequency = Some(match value.to_ascii_uppercase().as_str() {
                        "DAILY" => Frequency::Daily,
                        "WEEKLY" => Frequency::Weekly,
                        "MONTHLY" => Frequency::Monthly,
                        "YEARLY" => Frequency::Yearly,
                        _ => {
                            return err(format!(
                                "FREQ={value} is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY."
                            ))
                        }
                    })
                }
                "INTERVAL" => spec.interval = value.parse().map_err(|_| bad())?,
                "COUNT" => count = Some(value.parse::<u32>().map_err(|_| bad())?),
                "UNTIL" => until = Some(parse_until(value).ok_or_else(bad)?),
                "BYDAY" => {
                    spec.weekdays =
                        value.split(',').map(parse_byday).collect::<Option<_>>().ok_or_else(bad)?
                }
                "BYMONTHDAY" => {
                    spec.month_days = value
                        .split(',')
                        .map(|d| d.trim().parse::<i8>().ok())
                        .collect::<Option<_>>()
                        .ok_or_else(bad)?
                }
                "BYMONTH" => {
                    spec.months = value
                        .split(',')
                        .map(|d| d.trim().parse::<u8>().ok())
                        .collect::<Option<_>>()
                        .ok_or_else(bad)?
                }
                "WKST" if value.eq_ignore_ascii_case("MO") => {}
                "WKST" => return err("Only weeks starting on Monday (WKST=MO) are supported.".into()),
                _ => return err(format!("{key} is not supported in a task's repeat rule.")),
            }
        }
        spec.frequency =
            frequency.ok_or_else(|| DomainError::Recurrence("The repeat rule needs a FREQ.".into()))?;
        spec.end = match (until, count) {
            (Some(_), Some(_)) => {
                return err(
                    "A repeat ends on a date (UNTIL) or after a number of times (COUNT), not both.".into()
                )
            }
            (Some(d), None) => RecurrenceEnd::Until(d),
            (None, Some(n)) => RecurrenceEnd::Count(n),
            (None, None) => RecurrenceEnd::Never,
        };
        spec.validate()
    }

    /// The RRULE value, parts in a fixed order: `FREQ`, `INTERVAL` (when not 1), `BYMONTH`, `BYMONTHDAY`, `BYDAY`,
    /// `UNTIL` or `COUNT`. [`Recurrence::repeat_from`] is not part of it (RRULE has no such part): store it beside.
    pub fn to_rrule(&self) -> String {
        let r = &self.0;
        let mut s = format!("FREQ={}", r.frequency.as_rrule());
        if r.interval != 1 {
            s.push_str(&format!(";INTERVAL={}", r.interval));
        }
        if !r.months.is_empty() {
            s.push_str(";BYMONTH=");
            s.push_str(&join(r.months.iter().map(|m| m.to_string())));
        }
        if !r.month_days.is_empty() {
            s.push_str(";BYMONTHDAY=");
            s.push_str(&join(r.month_days.iter().map(|d| d.to_string())));
        }
        if !r.weekdays.is_empty() {
            s.push_str(";BYDAY=");
            s.push_str(&join(r.weekdays.iter().map(|w| {
                let code = &WEEKDAY_NAMES[w.weekday.num_days_from_monday() as usize].0[..2];
                match w.ordinal {
                    Some(n) => format!("{n}{}", code.to_ascii_uppercase()),
                    None => code.to_ascii_uppercase(),
                }
            })));
        }
        match r.end {
            RecurrenceEnd::Never => {}
            RecurrenceEnd::Until(d) => s.push_str(&format!(";UNTIL={}", iso_date(d).replace('-', ""))),
            RecurrenceEnd::Count(n) => s.push_str(&format!(";COUNT={n}")),
        }
        s
    }

    /// A sentence for people: "every 2 weeks on Mon, Wed", "every month on the last Friday", "every weekday",
    /// "every 3 days after completion, until 31 Dec 2026".
    pub fn describe(&self) -> String {
        let r = &self.0;
        let weekend = r.frequency == Frequency::Weekly && r.interval == 1 && self.weekday_set() == WEEKEND;
        let mut s = if self.is_every_weekday() {
            "every weekday".to_owned()
        } else if weekend {
            "every weekend".to_owned()
        } else {
            let mut s = every(r.frequency, r.interval);
            if !r.weekdays.is_empty() {
                s.push_str(" on ");
                let items = r.weekdays.iter().map(|w| {
                    let (short, long) = WEEKDAY_NAMES[w.weekday.num_days_from_monday() as usize];
                    match w.ordinal {
                        None => short.to_owned(),
                        Some(n) => format!("the {} {}", ordinal_token(n), capitalise(long)),
                    }
                });
                s.push_str(&join_with(items, ", "));
            }
            s
        };
        if r.frequency == Frequency::Monthly && !r.month_days.is_empty() {
            s.push_str(" on the ");
            s.push_str(&join_with(r.month_days.iter().map(|d| month_day_words(*d)), ", "));
        }
        if let (&[m], &[d]) = (r.months.as_slice(), r.month_days.as_slice()) {
            s.push_str(&format!(" on {d} {}", month_short(m as u32)));
        }
        if r.repeat_from == RepeatFrom::Completion {
            s.push_str(" after completion");
        }
        match r.end {
            RecurrenceEnd::Never => {}
            RecurrenceEnd::Until(d) => {
                s.push_str(&format!(", until {} {} {}", d.day(), month_short(d.month()), d.year()))
            }
            RecurrenceEnd::Count(1) => s.push_str(", once"),
            RecurrenceEnd::Count(n) => s.push_str(&format!(", {n} times")),
        }
        s
    }

    /// The quick-add words that parse back to exactly this rule (see [`crate::quick_add`]): `every 2 weeks on mon,
    /// wed`, `every! 3 days`, `every month on the last fri until 2026-12-31`, `every year on dec 24 for 5 times`.
    pub fn to_quick_add(&self) -> String {
        let r = &self.0;
        let mut s = String::from(if r.repeat_from == RepeatFrom::Completion { "every!" } else { "every" });
        if r.interval == 1 {
            s.push(' ');
            s.push_str(r.frequency.unit());
        } else {
            s.push_str(&format!(" {} {}s", r.interval, r.frequency.unit()));
        }
        let mut items: Vec<String> = r
            .weekdays
            .iter()
            .map(|w| {
                let short = WEEKDAY_NAMES[w.weekday.num_days_from_monday() as usize].0.to_ascii_lowercase();
                match w.ordinal {
                    None => short,
                    Some(n) => format!("{} {short}", ordinal_token(n)),
                }
            })
            .collect();
        if r.frequency == Frequency::Monthly {
            items.extend(r.month_days.iter().map(|d| {
                if *d == -1 {
                    "last day".into()
                } else {
                    ordinal_token(*d)
                }
            }));
        }
        if let (&[m], &[d]) = (r.months.as_slice(), r.month_days.as_slice()) {
            items.push(format!("{} {d}", MONTH_NAMES[m as usize - 1].0.to_ascii_lowercase()));
        }
        if !items.is_empty() {
            s.push_str(if r.frequency == Frequency::Monthly { " on the " } else { " on " });
            s.push_str(&join_with(items.into_iter(), ", "));
        }
        match r.end {
            RecurrenceEnd::Never => {}
            RecurrenceEnd::Until(d) => s.push_str(&format!(" until {}", iso_date(d))),
            RecurrenceEnd::Count(n) => s.push_str(&format!(" for {n} times")),
        }
        s
    }
}

impl fmt::Display for Recurrence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rrule())
    }
}

impl FromStr for Recurrence {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_rrule(s)
    }
}

/// Monday to Friday as a bit set (bit 0 = Monday).
const WEEKDAYS: u8 = 0b001_1111;
/// Saturday and Sunday.
const WEEKEND: u8 = 0b110_0000;

fn every(frequency: Frequency, interval: u32) -> String {
    match interval {
        1 => format!("every {}", frequency.unit()),
        n => format!("every {n} {}s", frequency.unit()),
    }
}

fn join(items: impl Iterator<Item = String>) -> String {
    join_with(items, ",")
}

fn join_with(items: impl Iterator<Item = String>, sep: &str) -> String {
    items.collect::<Vec<_>>().join(sep)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Insertion sort by key: the lists here hold a handful of items, and each `sort_by_key` instantiation costs the
/// browser bundle a few KB of merge-sort code.
pub(crate) fn sort_small<T, K: PartialOrd>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// "1st", "2nd", "23rd", "last".
pub(crate) fn ordinal_token(n: i8) -> String {
    if n == -1 {
        return "last".into();
    }
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn month_day_words(d: MonthDay) -> String {
    if d == -1 {
        "last day".into()
    } else {
        ordinal_token(d)
    }
}

/// `MO`, `2TU`, `-1FR`, `+1MO`.
fn parse_byday(s: &str) -> Option<WeekdayRule> {
    let s = s.trim();
    if s.len() < 2 || !s.is_ascii() {
        return None;
    }
    let (n, code) = s.split_at(s.len() - 2);
    let weekday = WEEKDAY_NAMES
        .iter()
        .position(|(short, _)| short[..2].eq_ignore_ascii_case(code))
        .and_then(|i| Weekday::try_from(i as u8).ok())?;
    let ordinal = match n {
        "" => None,
        n => Some(n.parse::<i8>().ok().filter(|n| *n != 0)?),
    };
    Some(WeekdayRule { ordinal, weekday })
}

/// `YYYYMMDD`, or `YYYYMMDDTHHMMSS[Z]` (date part taken).
fn parse_until(s: &str) -> Option<NaiveDate> {
    let date = match s.split_once(['T', 't']) {
        Some((d, _)) => d,
        None => s,
    };
    if date.len() != 8 || !date.is_ascii() {
        return None;
    }
    crate::due::parse_iso_date(&format!("{}-{}-{}", &date[0..4], &date[4..6], &date[6..8]))
}

#[cfg(feature = "tz")]
mod next;

#[cfg(test)]
pub(crate) mod tests;
