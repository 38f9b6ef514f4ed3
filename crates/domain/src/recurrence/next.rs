//! The next occurrence of a recurring task (servers only: RRULE expansion uses the `rrule` crate).
//!
//! Occurrences are computed on wall-clock ("floating") times: the rule is expanded in UTC standing in for the
//! user's local clock, so a 09:30 daily task stays at 09:30 local across DST changes; [`Due::to_utc`] resolves the
//! result to an instant in the user's zone afterwards.

use chrono::{DateTime, Datelike, Month, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use rrule::{Frequency as RFrequency, NWeekday, RRule, RRuleSet, Tz as RTz};

use super::{Frequency, Recurrence, RecurrenceEnd, RecurrenceSpec, RepeatFrom};
use crate::Due;

/// How many occurrences to scan before giving up (a daily task overdue for 270 years).
const MAX_SCAN: usize = 100_000;

impl Recurrence {
    /// The due date of the occurrence after `current_due`, completed at `completed_at` by a user in `zone`, or
    /// `None` when the rule has ended. `occurrences_so_far` counts the occurrences so far, the current one
    /// included (the first task is 1), for `COUNT`.
    ///
    /// - From the due date: the first occurrence of the schedule after `current_due` that is not already past at
    ///   completion (completing a late task never creates one that is already overdue; skipped dates do not count
    ///   towards `COUNT`).
    /// - From completion: the schedule restarts on the completion day (or the due date, when done early, so the
    ///   next date is always after the current one): `every! 3 days` done on the 5th is next due on the 8th.
    ///
    /// The result is always strictly after `current_due` and keeps its time of day.
    pub fn next_occurrence(
        &self,
        current_due: Due,
        completed_at: DateTime<Utc>,
        zone: chrono_tz::Tz,
        occurrences_so_far: u32,
    ) -> Option<Due> {
        let r = &self.0;
        if let RecurrenceEnd::Count(n) = r.end {
            if occurrences_so_far >= n {
                return None;
            }
        }
        let completed = completed_at.with_timezone(&zone).naive_local();
        let time = current_due.time();
        let at = |d: NaiveDate| d.and_time(time.unwrap_or(NaiveTime::MIN));
        let (start, after) = match r.repeat_from {
            RepeatFrom::Due => {
                let start = at(current_due.date());
                let done = if time.is_some() { completed } else { at(completed.date()) };
                (start, start.max(done))
            }
            RepeatFrom::Completion => {
                let start = at(current_due.date().max(completed.date()));
                (start, start)
            }
        };
        let set = rrule_set(&pinned(r, start.date()), start)?;
        let next = set.into_iter().take(MAX_SCAN).map(|dt| dt.naive_utc()).find(|dt| *dt > after)?;
        if let RecurrenceEnd::Until(until) = r.end {
            if next.date() > until {
                return None;
            }
        }
        Some(Due::new(next.date(), time))
    }
}

/// The rule with the day (and month) it would take implicitly from `start` written out, so month ends clamp.
fn pinned(r: &RecurrenceSpec, start: NaiveDate) -> RecurrenceSpec {
    let mut r = r.clone();
    if r.weekdays.is_empty() {
        match r.frequency {
            Frequency::Monthly if r.month_days.is_empty() => r.month_days = vec![start.day() as i8],
            Frequency::Yearly if r.months.is_empty() => {
                r.months = vec![start.month() as u8];
                r.month_days = vec![start.day() as i8];
            }
            _ => {}
        }
    }
    r
}

/// The rule as `rrule` sets starting at `start` (a local time written as UTC). Days 29–31 become
/// `BYMONTHDAY=28,…,d;BYSETPOS=-1` ("the d-th, or the month's last day if it is shorter"): that is how RFC 5545
/// says "clamp to the month end", where a plain `BYMONTHDAY=31` would skip short months.
fn rrule_set(r: &RecurrenceSpec, start: NaiveDateTime) -> Option<RRuleSet> {
    let freq = match r.frequency {
        Frequency::Daily => RFrequency::Daily,
        Frequency::Weekly => RFrequency::Weekly,
        Frequency::Monthly => RFrequency::Monthly,
        Frequency::Yearly => RFrequency::Yearly,
    };
    let base = || RRule::new(freq).interval(u16::try_from(r.interval).unwrap_or(u16::MAX));
    let mut rules = Vec::new();
    let weekdays: Vec<NWeekday> =
        r.weekdays.iter().map(|w| NWeekday::new(w.ordinal.map(i16::from), w.weekday)).collect();
    let months: Vec<Month> = r.months.iter().filter_map(|m| Month::try_from(*m).ok()).collect();
    let (short, long): (Vec<i8>, Vec<i8>) = r.month_days.iter().partition(|d| **d <= 28);
    if r.month_days.is_empty() || !short.is_empty() {
        let mut rule = base().by_weekday(weekdays).by_month(&months);
        if !short.is_empty() {
            rule = rule.by_month_day(short);
        }
        rules.push(rule);
    }
    for d in long {
        rules.push(base().by_month(&months).by_month_day((28..=d).collect()).by_set_pos(vec![-1]));
    }
    let dt_start = RTz::UTC.from_utc_datetime(&start);
    let mut set = RRuleSet::new(dt_start);
    for rule in rules {
        set = set.rrule(rule.validate(dt_start).ok()?);
    }
    Some(set)
}
