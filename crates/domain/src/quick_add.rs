//! The quick-add parser: what people type in the new-task box, e.g. `Pay rent every month on the 1st !high #home`.
//!
//! One parser for the server (so quick add works without JavaScript) and the browser (which previews what it
//! recognised as you type). It never guesses silently: every piece it takes out of the text is listed in
//! [`QuickAdd::recognised`] with its exact source text, and anything it does not recognise stays in the title.
//! Keywords are case-insensitive; "now" is passed in as the user's local time.
//!
//! | you type                                   | it means                                                          |
//! |--------------------------------------------|-------------------------------------------------------------------|
//! | `#home`, `#"long tag name"`                | tag (removed from the title); `#42` stays in the title (issue refs)|
//! | `!low` `!medium` `!high` `!urgent`         | priority                                                          |
//! | `p1` `p2` `p3` `p4`                        | Todoist priorities: urgent, high, medium, none                    |
//! | `today`, `tomorrow`, `tonight`             | today, tomorrow, today at 20:00                                   |
//! | `friday` (full weekday names)              | the next Friday after today (on a Friday: in 7 days; say `today`) |
//! | `next friday`, `next week`, `next month`   | Friday of next week; the first day of next week; the 1st of next month |
//! | `in 3 days`, `in 2 weeks`, `in 1 month`, `in 1 year` | relative to today (month ends clamp: Jan 31 + 1 month = Feb 28) |
//! | `2026-12-24`, `2026-12-24T17:00`           | ISO date (and time)                                               |
//! | `dec 24`, `24 dec`, `december 24th`, `dec 24 2027` | that date; without a year the next one from today         |
//! | `5pm`, `5:30pm`, `5 pm`, `12am` (00:00), `12pm`, `17:00`, `9:30`, `noon`, `at 9` (09:00: 24-hour), `at 9pm` | time; without a date: today if still ahead, else tomorrow |
//! | `every day`, `daily`, `every 3 days`, `every other week` | repeat (see below)                                  |
//! | `every weekday`, `every weekend`, `every monday and wednesday`, `every mon, wed` | weekly on those days        |
//! | `every 2 weeks on mon, fri`, `weekly`      | weekly                                                            |
//! | `every month on the 1st`, `every 15th`, `every month on the last day`, `monthly` | monthly on days of the month |
//! | `every last friday`, `every 2nd tuesday`, `every month on the first monday` | monthly on a weekday              |
//! | `every year`, `yearly`, `annually`, `every year on dec 24`, `every dec 24` | yearly                             |
//! | `every! 3 days`                            | repeat counted from completion (Todoist's `every!`)               |
//! | `until 2026-12-31` (any date form), `for 10 times` | end of the repeat (only with a repeat)                    |
//!
//! - A repeat without a date starts on its first matching day from today (from tomorrow if its time has passed).
//! - Each kind is taken once, the first one wins: a second date stays in the title. All tags are taken.
//! - Short weekday names (`mon`, `sat`, `sun`, `wed`) count only after `every`/`on`/`next`, because "sat" and
//!   "sun" are ordinary words; month names count only next to a day number ("may" is a word too).
//! - Escaping: a word starting with `\` is taken literally (the backslash is dropped: `\friday`), and text in
//!   double quotes is kept literally, quotes included (`Watch "The day after tomorrow"`).
//! - If nothing would be left of the title, nothing is taken: the whole text is the title.
//! - Text longer than [`MAX_INPUT_CHARS`] is not parsed at all (it is the title as typed), which bounds the work a
//!   keystroke costs in the browser.
//! - Whitespace in the title is collapsed to single spaces.

use core::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::due::{digits, parse_hh_mm, parse_iso_date, MONTH_NAMES, WEEKDAY_NAMES};
use crate::recurrence::{Frequency, RecurrenceSpec, WeekdayRule};
use crate::tag::push_unique;
use crate::{Due, Priority, Recurrence, RecurrenceEnd, RepeatFrom, Tag};

/// Longer input is not parsed (see the module documentation).
pub const MAX_INPUT_CHARS: usize = 500;

/// What the parser needs besides the text: the user's local "now" and the first day of their week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuickAddContext {
    /// The user's wall-clock time now, in their zone.
    pub now: NaiveDateTime,
    /// The first day of the week, for `next week` and `next friday`.
    pub week_start: Weekday,
}

impl QuickAddContext {
    /// A context at `now` with weeks starting on Monday.
    pub fn new(now: NaiveDateTime) -> Self {
        Self { now, week_start: Weekday::Mon }
    }
}

/// What kind of field a piece of the text became.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecognisedKind {
    /// A due date.
    Date,
    /// A time of day.
    Time,
    /// A priority.
    Priority,
    /// A tag.
    Tag,
    /// A repeat rule.
    Recurrence,
    /// The end of the repeat (`until …`, `for N times`).
    RecurrenceEnd,
}

/// One piece taken from the text: its kind and exactly where it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recognised {
    /// What it became.
    pub kind: RecognisedKind,
    /// The source text, as typed.
    pub text: String,
    /// Its byte range in the input.
    pub span: Range<usize>,
}

/// The parsed task fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickAdd {
    /// The text left after taking the recognised pieces out (never empty for non-blank input).
    pub title: String,
    /// `Priority::None` unless given.
    pub priority: Priority,
    /// Tags, unique case-insensitively, in the order typed.
    pub tags: Vec<Tag>,
    /// The due date and time.
    pub due: Option<Due>,
    /// The repeat rule.
    pub recurrence: Option<Recurrence>,
    /// Every piece taken from the text, in text order.
    pub recognised: Vec<Recognised>,
}

impl QuickAdd {
    /// This task as quick-add text (see [`to_quick_add_text`]).
    pub fn to_text(&self) -> String {
        to_quick_add_text(&self.title, self.priority, &self.tags, self.due, self.recurrence.as_ref())
    }

    /// What was taken from the text, for "taken from the text: due Fri 4 Dec 17:00, every weekday, high priority,
    /// #home": one label per field, in a fixed order.
    pub fn taken_labels(&self, today: NaiveDate) -> Vec<String> {
        let mut labels = Vec::new();
        let took = |kind| self.recognised.iter().any(|r| r.kind == kind);
        // A due date is only ever set from the text: typed, or the first day of a typed repeat.
        if let Some(due) = self.due {
            labels.push(format!("due {}", due.absolute_label(today)));
        }
        if let Some(r) = &self.recurrence {
            labels.push(r.describe());
        }
        if took(RecognisedKind::Priority) {
            labels.push(match self.priority {
                Priority::None => "no priority".to_owned(),
                p => format!("{} priority", p.label().to_lowercase()),
            });
        }
        labels.extend(self.tags.iter().map(|t| format!("#{t}")));
        labels
    }
}

#[derive(Debug, Clone)]
enum Kind {
    Word,
    /// Escaped or quoted text: never parsed, kept in the title as this.
    Literal(String),
    /// `#"long tag"`: the name between the quotes.
    QuotedTag(String),
}

#[derive(Debug, Clone)]
struct Token<'a> {
    src: &'a str,
    span: Range<usize>,
    kind: Kind,
    /// Lowercased text of a plain word.
    lower: String,
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut i = 0;
    let word_end = |from: usize| text[from..].find(char::is_whitespace).map_or(text.len(), |n| from + n);
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let (end, kind) = if let Some(q) = rest.strip_prefix("#\"").and_then(|r| r.find('"')) {
            (i + 2 + q + 1, Kind::QuotedTag(text[i + 2..i + 2 + q].to_owned()))
        } else if let Some(q) = rest.strip_prefix('"').and_then(|r| r.find('"')) {
            let end = word_end(i + 1 + q + 1);
            // Collapsed like the rest of the title, so a title reads back the same after rendering.
            (end, Kind::Literal(collapse(&text[i..end])))
        } else if let Some(escaped) = rest.strip_prefix('\\') {
            let end = word_end(i);
            let literal = if escaped.is_empty() || end == i + 1 { "\\" } else { &text[i + 1..end] };
            (end, Kind::Literal(literal.to_owned()))
        } else {
            (word_end(i), Kind::Word)
        };
        let src = &text[i..end];
        let lower = if matches!(kind, Kind::Word) { src.to_lowercase() } else { String::new() };
        tokens.push(Token { src, span: i..end, kind, lower });
        i = end;
    }
    tokens
}

/// Parses quick-add `text` (see the module documentation for the grammar).
pub fn parse_quick_add(text: &str, ctx: QuickAddContext) -> QuickAdd {
    let plain = |title: String| QuickAdd {
        title,
        priority: Priority::None,
        tags: Vec::new(),
        due: None,
        recurrence: None,
        recognised: Vec::new(),
    };
    if text.chars().count() > MAX_INPUT_CHARS {
        return plain(text.trim().to_owned());
    }
    let mut p = Parser { text, t: tokenize(text), used: Vec::new(), ctx, found: Vec::new() };
    p.used = vec![false; p.t.len()];
    let out = p.run();
    if out.title.is_empty() {
        return plain(collapse(text));
    }
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Parser<'a> {
    text: &'a str,
    t: Vec<Token<'a>>,
    used: Vec<bool>,
    ctx: QuickAddContext,
    found: Vec<Recognised>,
}

/// A list item's values, how many tokens it took, and whether it ended with a comma.
type ListItem<T> = (Vec<T>, usize, bool);

/// A date expression's value: the date and a default time (`tonight`).
type DateHit = (NaiveDate, Option<TimeHint>, usize);

/// A time that came with a date expression.
#[derive(Debug, Clone, Copy)]
enum TimeHint {
    /// `tonight`: used unless a time is given.
    Default(NaiveTime),
    /// `2026-12-24T17:00`.
    Explicit(NaiveTime),
}

impl Parser<'_> {
    fn today(&self) -> NaiveDate {
        self.ctx.now.date()
    }

    /// The lowercased plain word at `i`, or "" (literals, tags and the end never match a keyword).
    fn w(&self, i: usize) -> &str {
        match self.t.get(i) {
            Some(Token { kind: Kind::Word, lower, .. }) if !self.used[i] => lower,
            _ => "",
        }
    }

    fn take(&mut self, kind: RecognisedKind, i: usize, len: usize) {
        let (start, end) = (self.t[i].span.start, self.t[i + len - 1].span.end);
        for u in &mut self.used[i..i + len] {
            *u = true;
        }
        self.found.push(Recognised { kind, text: self.text[start..end].to_owned(), span: start..end });
    }

    fn run(mut self) -> QuickAdd {
        let (mut priority, mut tags) = (None, Vec::new());
        let (mut date, mut time, mut default_time) = (None, None, None);
        let (mut recurrence, mut end): (Option<RecurrenceSpec>, Option<(RecurrenceEnd, usize, usize)>) =
            (None, None);
        let mut i = 0;
        while i < self.t.len() {
            if self.used[i] {
                i += 1;
                continue;
            }
            if let Some(tag) = self.tag(i) {
                // A repeated tag is taken out of the title too, but kept once.
                push_unique(&mut tags, tag);
                self.take(RecognisedKind::Tag, i, 1);
                i += 1;
                continue;
            }
            let w = self.w(i).to_owned();
            if priority.is_none() {
                if let Some(p) = Priority::from_token(&w) {
                    priority = Some(p);
                    self.take(RecognisedKind::Priority, i, 1);
                    i += 1;
                    continue;
                }
            }
            if recurrence.is_none() {
                // An invalid rule (`every 0 days`) is not taken: its words stay in the title.
                if let Some((spec, len)) = self.recurrence(i).filter(|(s, _)| s.clone().validate().is_ok()) {
                    recurrence = Some(spec);
                    self.take(RecognisedKind::Recurrence, i, len);
                    i += len;
                    continue;
                }
            }
            if end.is_none() {
                if let Some((e, len)) = self.recurrence_end(i) {
                    // Kept aside: it only counts if there is a repeat to end.
                    end = Some((e, i, len));
                    for u in &mut self.used[i..i + len] {
                        *u = true;
                    }
                    i += len;
                    continue;
                }
            }
            if date.is_none() {
                if let Some((d, t, len)) = self.date(i) {
                    date = Some(d);
                    self.take(RecognisedKind::Date, i, len);
                    match t {
                        // `2026-12-24T17:00` carries its time.
                        Some(TimeHint::Explicit(t)) if time.is_none() => time = Some(t),
                        Some(TimeHint::Default(t)) => default_time = Some(t),
                        _ => {}
                    }
                    i += len;
                    continue;
                }
            }
            if time.is_none() {
                if let Some((t, len)) = self.time(i) {
                    time = Some(t);
                    self.take(RecognisedKind::Time, i, len);
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
        if let Some((_, at, len)) = end {
            for u in &mut self.used[at..at + len] {
                *u = false;
            }
        }
        // The end is taken only if there is a repeat and it is valid with it (`for 5000 times` is not).
        let recurrence = recurrence.and_then(|spec| {
            if let Some((e, at, len)) = end {
                let ended = RecurrenceSpec { end: e, ..spec.clone() }.validate();
                if ended.is_ok() {
                    self.take(RecognisedKind::RecurrenceEnd, at, len);
                    return ended.ok();
                }
            }
            spec.validate().ok()
        });
        let time = time.or(default_time);
        let due = match (date, time, &recurrence) {
            (Some(d), t, _) => Some(Due::new(d, t)),
            (None, t, Some(r)) => first_match(r, self.start_day(t)).map(|d| Due::new(d, t)),
            (None, Some(t), None) => Some(Due::new(self.start_day(Some(t)), Some(t))),
            (None, None, None) => None,
        };
        crate::recurrence::sort_small(&mut self.found, |r| r.span.start);
        let title = self
            .t
            .iter()
            .zip(&self.used)
            .filter(|(_, used)| !**used)
            .map(|(tok, _)| match &tok.kind {
                Kind::Literal(s) => s.as_str(),
                _ => tok.src,
            })
            .collect::<Vec<_>>()
            .join(" ");
        QuickAdd {
            title,
            priority: priority.unwrap_or_default(),
            tags,
            due,
            recurrence,
            recognised: self.found,
        }
    }

    /// Today if `time` is still ahead (or there is none), else tomorrow.
    fn start_day(&self, time: Option<NaiveTime>) -> NaiveDate {
        match time {
            Some(t) if t <= self.ctx.now.time() => self.today().succ_opt().unwrap_or(self.today()),
            _ => self.today(),
        }
    }

    fn tag(&self, i: usize) -> Option<Tag> {
        if self.used[i] {
            return None;
        }
        match &self.t[i].kind {
            Kind::QuotedTag(name) => Tag::parse(name).ok(),
            Kind::Word => {
                let name = self.t[i].src.strip_prefix('#')?;
                // `#42` is an issue number, not a tag.
                if name.chars().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                Tag::parse(name).ok()
            }
            Kind::Literal(_) => None,
        }
    }

    fn number(&self, i: usize) -> Option<u32> {
        digits(self.w(i))
    }

    fn recurrence_end(&self, i: usize) -> Option<(RecurrenceEnd, usize)> {
        match self.w(i) {
            "until" => self.date(i + 1).map(|(d, _, len)| (RecurrenceEnd::Until(d), len + 1)),
            "for" => {
                let n = self.number(i + 1)?;
                matches!(self.w(i + 2), "times" | "time").then_some((RecurrenceEnd::Count(n), 3))
            }
            _ => None,
        }
    }

    fn recurrence(&self, i: usize) -> Option<(RecurrenceSpec, usize)> {
        let simple = |f| Some(RecurrenceSpec::new(f, 1));
        let (mut spec, mut j) = match self.w(i) {
            "daily" => (simple(Frequency::Daily)?, i + 1),
            "weekly" => (simple(Frequency::Weekly)?, i + 1),
            "monthly" => (simple(Frequency::Monthly)?, i + 1),
            "yearly" | "annually" => (simple(Frequency::Yearly)?, i + 1),
            "every" | "every!" => return self.every(i),
            _ => return None,
        };
        j += self.on_suffix(&mut spec, j);
        Some((spec, j - i))
    }

    /// `every[!] …` at `i`.
    fn every(&self, i: usize) -> Option<(RecurrenceSpec, usize)> {
        let from = if self.w(i) == "every!" { RepeatFrom::Completion } else { RepeatFrom::Due };
        let mut j = i + 1;
        let interval = match (self.w(j), self.number(j)) {
            ("other", _) => Some(2),
            (_, Some(n)) => Some(n),
            _ => None,
        };
        if interval.is_some() {
            j += 1;
        }
        let unit = match self.w(j) {
            "day" | "days" => Some(Frequency::Daily),
            "week" | "weeks" => Some(Frequency::Weekly),
            "month" | "months" => Some(Frequency::Monthly),
            "year" | "years" => Some(Frequency::Yearly),
            _ => None,
        };
        let mut spec = if let Some(f) = unit {
            j += 1;
            let mut spec = RecurrenceSpec::new(f, interval.unwrap_or(1));
            j += self.on_suffix(&mut spec, j);
            spec
        } else if interval.is_some() {
            return None;
        } else if let w @ ("weekday" | "weekdays" | "weekend") = self.w(j) {
            let days: &[Weekday] = if w == "weekend" {
                &[Weekday::Sat, Weekday::Sun]
            } else {
                &[Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]
            };
            j += 1;
            let mut spec = RecurrenceSpec::new(Frequency::Weekly, 1);
            spec.weekdays = days.iter().map(|d| WeekdayRule::every(*d)).collect();
            spec
        } else if let Some((days, len)) = self.list(j, Self::weekday_item) {
            j += len;
            let mut spec = RecurrenceSpec::new(Frequency::Weekly, 1);
            spec.weekdays = days.into_iter().map(WeekdayRule::every).collect();
            spec
        } else if let Some((items, len)) = self.list(j, Self::month_item) {
            j += len;
            let mut spec = RecurrenceSpec::new(Frequency::Monthly, 1);
            set_month_items(&mut spec, items);
            spec
        } else if let Some((month, day, len)) = self.month_day(j) {
            j += len;
            let mut spec = RecurrenceSpec::new(Frequency::Yearly, 1);
            spec.months = vec![month as u8];
            spec.month_days = vec![day as i8];
            spec
        } else {
            return None;
        };
        spec.repeat_from = from;
        Some((spec, j - i))
    }

    /// The optional `on …` after a unit: weekdays (weekly), days or weekdays of the month (monthly), a date
    /// (yearly). Returns how many tokens it took.
    fn on_suffix(&self, spec: &mut RecurrenceSpec, j: usize) -> usize {
        if self.w(j) != "on" {
            return 0;
        }
        match spec.frequency {
            Frequency::Weekly => self.list(j + 1, Self::weekday_item).map_or(0, |(days, len)| {
                spec.weekdays = days.into_iter().map(WeekdayRule::every).collect();
                len + 1
            }),
            Frequency::Monthly => {
                let the = usize::from(self.w(j + 1) == "the");
                self.list(j + 1 + the, Self::month_item).map_or(0, |(items, len)| {
                    set_month_items(spec, items);
                    len + 1 + the
                })
            }
            Frequency::Yearly => self.month_day(j + 1).map_or(0, |(m, d, len)| {
                spec.months = vec![m as u8];
                spec.month_days = vec![d as i8];
                len + 1
            }),
            Frequency::Daily => 0,
        }
    }

    /// A list of items separated by `,` (attached to a word or alone), `and`, `, and`, with an optional `the` before
    /// each item. An item returns its values, its length and whether it ended with a comma.
    fn list<T>(&self, i: usize, item: fn(&Self, usize) -> Option<ListItem<T>>) -> Option<(Vec<T>, usize)> {
        let (mut out, len, mut comma) = item(self, i)?;
        let mut j = i + len;
        loop {
            let mut k = j;
            if self.w(k) == "," {
                k += 1;
                comma = true;
            }
            if self.w(k) == "and" {
                k += 1;
            } else if !comma {
                break;
            }
            if self.w(k) == "the" {
                k += 1;
            }
            match item(self, k) {
                Some((more, len, c)) => {
                    out.extend(more);
                    j = k + len;
                    comma = c;
                }
                None => break,
            }
        }
        Some((out, j - i))
    }

    /// `monday`, `mon`, `mon,wed,` (one token).
    fn weekday_item(&self, i: usize) -> Option<(Vec<Weekday>, usize, bool)> {
        let w = self.w(i);
        let comma = w.ends_with(',');
        let days =
            w.split(',').filter(|p| !p.is_empty()).map(|p| weekday(p, true)).collect::<Option<Vec<_>>>()?;
        (!days.is_empty()).then_some((days, 1, comma))
    }

    /// `1st`, `15th`, `first`, `last day`, `last friday`, `2nd tue`.
    fn month_item(&self, i: usize) -> Option<(Vec<MonthItem>, usize, bool)> {
        let w = self.w(i);
        let n = ordinal(w.trim_end_matches(','))?;
        if !w.ends_with(',') {
            let next = self.w(i + 1);
            let comma = next.ends_with(',');
            if let Some(day) = weekday(next.trim_end_matches(','), true) {
                return Some((vec![MonthItem::Weekday(n, day)], 2, comma));
            }
            if next.trim_end_matches(',') == "day" {
                return Some((vec![MonthItem::Day(n)], 2, comma));
            }
        }
        Some((vec![MonthItem::Day(n)], 1, w.ends_with(',')))
    }

    /// `dec 24`, `24 dec`, `december 24th`, `24th of december`: (month, day, tokens).
    fn month_day(&self, i: usize) -> Option<(u32, u32, usize)> {
        if let (Some(m), Some(d)) = (month(self.w(i)), day_number(self.w(i + 1))) {
            return Some((m, d, 2));
        }
        let d = day_number(self.w(i))?;
        match (self.w(i + 1), month(self.w(i + 1)), month(self.w(i + 2))) {
            (_, Some(m), _) => Some((m, d, 2)),
            ("of", None, Some(m)) => Some((m, d, 3)),
            _ => None,
        }
    }

    fn date(&self, i: usize) -> Option<DateHit> {
        let today = self.today();
        let w = self.w(i);
        match w {
            "today" => return Some((today, None, 1)),
            "tomorrow" => return Some((today.succ_opt()?, None, 1)),
            "tonight" => return Some((today, NaiveTime::from_hms_opt(20, 0, 0).map(TimeHint::Default), 1)),
            "next" => return self.next(i),
            "in" => return self.relative(i),
            _ => {}
        }
        if let Some(day) = weekday(w, false) {
            let ahead = (day.num_days_from_monday() + 7 - today.weekday().num_days_from_monday()) % 7;
            return Some((
                today.checked_add_days(Days::new(if ahead == 0 { 7 } else { ahead.into() }))?,
                None,
                1,
            ));
        }
        if let Some(d) = parse_iso_date(w) {
            return Some((d, None, 1));
        }
        if let Some((d, t)) = w.split_once('t') {
            if let (Some(d), Some(t)) = (parse_iso_date(d), parse_hh_mm(t)) {
                return Some((d, Some(TimeHint::Explicit(t)), 1));
            }
        }
        let (m, d, len) = self.month_day(i)?;
        if let Some(year) = self.number(i + len).filter(|y| (1000..=9999).contains(y)) {
            return NaiveDate::from_ymd_opt(year as i32, m, d).map(|date| (date, None, len + 1));
        }
        // The next such date from today (Feb 29: the next leap year's).
        (0..=8)
            .filter_map(|y| NaiveDate::from_ymd_opt(today.year() + y, m, d))
            .find(|date| *date >= today)
            .map(|date| (date, None, len))
    }

    /// `next week`, `next month`, `next friday` (in next week).
    fn next(&self, i: usize) -> Option<DateHit> {
        let today = self.today();
        let into_week =
            (7 + today.weekday().num_days_from_monday() - self.ctx.week_start.num_days_from_monday()) % 7;
        let next_week =
            today.checked_sub_days(Days::new(into_week.into()))?.checked_add_days(Days::new(7))?;
        match self.w(i + 1) {
            "week" => Some((next_week, None, 2)),
            "month" => Some((today.with_day(1)?.checked_add_months(Months::new(1))?, None, 2)),
            w => {
                let day = weekday(w, true)?;
                let offset =
                    (7 + day.num_days_from_monday() - self.ctx.week_start.num_days_from_monday()) % 7;
                Some((next_week.checked_add_days(Days::new(offset.into()))?, None, 2))
            }
        }
    }

    /// `in 3 days`, `in 2 weeks`, `in 1 month`, `in 1 year`.
    fn relative(&self, i: usize) -> Option<DateHit> {
        let n = self.number(i + 1).filter(|n| *n <= 3650)?;
        let today = self.today();
        let date = match self.w(i + 2) {
            "day" | "days" => today.checked_add_days(Days::new(n.into())),
            "week" | "weeks" => today.checked_add_days(Days::new(u64::from(n) * 7)),
            "month" | "months" => today.checked_add_months(Months::new(n)),
            "year" | "years" => today.checked_add_months(Months::new(n * 12)),
            _ => None,
        }?;
        Some((date, None, 3))
    }

    /// `5pm`, `5:30pm`, `5 pm`, `17:00`, `9:30`, `noon`, `at 9`, `at 9pm`, `at 17:30`.
    fn time(&self, i: usize) -> Option<(NaiveTime, usize)> {
        let w = self.w(i);
        if w == "noon" {
            return Some((NaiveTime::from_hms_opt(12, 0, 0)?, 1));
        }
        if w == "at" {
            if let Some((t, len)) = self.clock(i + 1) {
                return Some((t, len + 1));
            }
            let h = self.number(i + 1).filter(|h| *h < 24)?;
            return Some((NaiveTime::from_hms_opt(h, 0, 0)?, 2));
        }
        self.clock(i)
    }

    /// A time that reads as one without `at`: with am/pm, or with a colon.
    fn clock(&self, i: usize) -> Option<(NaiveTime, usize)> {
        let w = self.w(i);
        if let Some(t) = parse_hh_mm(w) {
            return Some((t, 1));
        }
        for suffix in ["am", "pm"] {
            if let Some(t) = w.strip_suffix(suffix).and_then(|n| twelve_hour(n, suffix)) {
                return Some((t, 1));
            }
            if self.w(i + 1) == suffix {
                if let Some(t) = twelve_hour(w, suffix) {
                    return Some((t, 2));
                }
            }
        }
        None
    }
}

#[derive(Debug, Clone, Copy)]
enum MonthItem {
    Day(i8),
    Weekday(i8, Weekday),
}

fn set_month_items(spec: &mut RecurrenceSpec, items: Vec<MonthItem>) {
    for item in items {
        match item {
            MonthItem::Day(d) => spec.month_days.push(d),
            MonthItem::Weekday(n, w) => spec.weekdays.push(WeekdayRule::nth(n, w)),
        }
    }
}

/// `5`, `5:30` on a 12-hour clock (1–12) with `am`/`pm`.
fn twelve_hour(n: &str, suffix: &str) -> Option<NaiveTime> {
    let (h, m) = match n.split_once(':') {
        Some((h, m)) if m.len() == 2 => (digits(h)?, digits(m)?),
        Some(_) => return None,
        None => (digits(n)?, 0),
    };
    if !(1..=12).contains(&h) {
        return None;
    }
    let h = match (h, suffix) {
        (12, "am") => 0,
        (12, _) => 12,
        (h, "pm") => h + 12,
        (h, _) => h,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A weekday name; short names (`mon`, `tues`, `thurs`) only when `short` is allowed.
fn weekday(w: &str, short: bool) -> Option<Weekday> {
    let i = WEEKDAY_NAMES.iter().position(|(s, long)| {
        *long == w
            || short
                && (s.eq_ignore_ascii_case(w)
                    || matches!((*s, w), ("Tue", "tues") | ("Thu", "thur" | "thurs")))
    })?;
    Weekday::try_from(i as u8).ok()
}

/// A month name, short (`dec`, `sept`) or long.
fn month(w: &str) -> Option<u32> {
    MONTH_NAMES
        .iter()
        .position(|(s, long)| *long == w || s.eq_ignore_ascii_case(w) || (w == "sept" && *s == "Sep"))
        .map(|i| i as u32 + 1)
}

/// `24` or `24th` (1–31).
fn day_number(w: &str) -> Option<u32> {
    let n = ["st", "nd", "rd", "th"].iter().find_map(|s| w.strip_suffix(s)).unwrap_or(w);
    digits(n).filter(|d| (1..=31).contains(d))
}

/// `1st`…`31st`, `first`…`fifth` as numbers, `last` as -1.
fn ordinal(w: &str) -> Option<i8> {
    const WORDS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];
    if w == "last" {
        return Some(-1);
    }
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as i8 + 1);
    }
    let n = ["st", "nd", "rd", "th"].iter().find_map(|s| w.strip_suffix(s))?;
    digits(n).filter(|d| (1..=31).contains(d)).map(|d| d as i8)
}

/// The first day from `from` (within four years) on which the rule could fall, ignoring its interval: where a
/// repeat typed without a date starts. Month ends clamp as in [`crate::recurrence`].
fn first_match(r: &Recurrence, from: NaiveDate) -> Option<NaiveDate> {
    let spec = r.spec();
    let matches = |d: NaiveDate| {
        let last = last_day_of_month(d);
        let day_ok = |md: i8| {
            let md = if md == -1 { last } else { md as u32 };
            d.day() == md.min(last)
        };
        let weekday_ok = |w: &WeekdayRule| {
            if w.weekday != d.weekday() {
                return false;
            }
            match w.ordinal {
                None => true,
                Some(-1) => d.day() + 7 > last,
                Some(n) => (d.day() - 1) / 7 + 1 == n as u32,
            }
        };
        match spec.frequency {
            Frequency::Daily => true,
            Frequency::Weekly | Frequency::Monthly if !spec.weekdays.is_empty() => {
                spec.weekdays.iter().any(weekday_ok)
            }
            Frequency::Monthly if !spec.month_days.is_empty() => spec.month_days.iter().any(|md| day_ok(*md)),
            Frequency::Yearly if !spec.months.is_empty() => {
                spec.months.contains(&(d.month() as u8)) && spec.month_days.iter().any(|md| day_ok(*md))
            }
            _ => true,
        }
    };
    from.iter_days().take(4 * 366 + 1).find(|d| matches(*d))
}

fn last_day_of_month(d: NaiveDate) -> u32 {
    let first_next = d.with_day(1).and_then(|f| f.checked_add_months(Months::new(1)));
    first_next.and_then(|f| f.pred_opt()).map_or(31, |p| p.day())
}

/// Renders task fields as quick-add text that parses back to the same fields: the title (with words the parser
/// would take escaped by `\`), then the due date (`2026-12-24 17:00`), the repeat, the priority and the tags.
/// Whitespace in the title is collapsed; an empty title gives just the fields.
pub fn to_quick_add_text(
    title: &str,
    priority: Priority,
    tags: &[Tag],
    due: Option<Due>,
    recurrence: Option<&Recurrence>,
) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    let mut fields = Vec::new();
    if let Some(due) = due {
        fields.push(crate::due::iso_date(due.date()));
        if let Some(t) = due.time() {
            fields.push(crate::due::hh_mm(t));
        }
    }
    if let Some(r) = recurrence {
        fields.push(r.to_quick_add());
    }
    fields.extend(priority.token().map(str::to_owned));
    fields.extend(tags.iter().map(Tag::to_quick_add));
    let fields = fields.join(" ");
    // Words that start a quote or an escape are always escaped; others only once the parser is seen taking them.
    let mut escape: Vec<bool> =
        words.iter().map(|w| w.starts_with(['\\', '"']) || w.starts_with("#\"")).collect();
    let render = |escape: &[bool]| {
        let mut parts: Vec<String> = words
            .iter()
            .zip(escape)
            .map(|(w, e)| if *e { format!("\\{w}") } else { (*w).to_owned() })
            .collect();
        if !fields.is_empty() {
            parts.push(fields.clone());
        }
        parts.join(" ")
    };
    // Dates are rendered absolute, so "now" only matters for a repeat without a due date: any fixed day will do.
    let ctx = QuickAddContext::new(due.map_or(NaiveDate::default(), |d| d.date()).and_time(NaiveTime::MIN));
    let want_title = words.join(" ");
    for _ in 0..=words.len() {
        let text = render(&escape);
        let got = parse_quick_add(&text, ctx);
        let same = got.title == want_title
            && got.priority == priority
            && got.tags == tags
            && got.due == due
            && got.recurrence.as_ref() == recurrence;
        if same {
            return text;
        }
        // Escape the title words that fell inside a recognised piece, then try again.
        let mut changed = false;
        let mut offset = 0;
        for (k, w) in words.iter().enumerate() {
            let start = offset;
            let end = start + w.len() + usize::from(escape[k]);
            offset = end + 1;
            if !escape[k] && got.recognised.iter().any(|r| r.span.start < end && start < r.span.end) {
                escape[k] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    render(&vec![true; words.len()])
}

#[cfg(test)]
mod tests;
