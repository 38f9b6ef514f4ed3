//! Due dates: a calendar date with an optional wall-clock time, in the user's time zone.
//!
//! A `Due` is deliberately zone-less ("floating"): a task due at 09:30 stays at 09:30 local time across DST changes
//! and when the user moves to another zone. The `tz` feature resolves it to an instant for sorting and reminders.

use core::fmt;
use core::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A due date with an optional local time (minute precision), in the user's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Due {
    date: NaiveDate,
    time: Option<NaiveTime>,
}

impl Due {
    /// A due date on `date`, at `time` if given (seconds are dropped: due times have minute precision).
    pub fn new(date: NaiveDate, time: Option<NaiveTime>) -> Self {
        let time = time.map(|t| NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t));
        Self { date, time }
    }

    /// A due date without a time.
    pub fn on(date: NaiveDate) -> Self {
        Self::new(date, None)
    }

    /// The local date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The local time, if the task has one.
    pub fn time(&self) -> Option<NaiveTime> {
        self.time
    }

    /// The same due with another date, keeping the time.
    pub fn with_date(self, date: NaiveDate) -> Self {
        Self { date, ..self }
    }

    /// `2026-12-24` or `2026-12-24T17:00`: the stored, URL, form and MCP format.
    pub fn to_iso(&self) -> String {
        match self.time {
            Some(t) => format!("{}T{}", iso_date(self.date), hh_mm(t)),
            None => iso_date(self.date),
        }
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM` (`:SS` is accepted and dropped).
    pub fn parse_iso(s: &str) -> Result<Self, DomainError> {
        let s = s.trim();
        let bad = || DomainError::Due(format!("\"{s}\" is not a date like 2026-12-24 or 2026-12-24T17:00."));
        let (date, time) = match s.split_once(['T', ' ']) {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let date = parse_iso_date(date).ok_or_else(bad)?;
        let time = match time {
            Some(t) => Some(parse_hh_mm(t).ok_or_else(bad)?),
            None => None,
        };
        Ok(Self::new(date, time))
    }

    /// A short label relative to `today`: "Today", "Tomorrow 17:00", "Yesterday", "Fri" (within the next week),
    /// "Fri 5 Dec", "Fri 5 Dec 2027" (another year).
    pub fn label(&self, today: NaiveDate) -> String {
        let days = (self.date - today).num_days();
        let date = match days {
            0 => "Today".to_owned(),
            1 => "Tomorrow".to_owned(),
            -1 => "Yesterday".to_owned(),
            2..=6 => weekday_short(self.date.weekday()).to_owned(),
            _ => date_label(self.date, today),
        };
        self.with_time(date)
    }

    /// An absolute label: "Fri 5 Dec", "Fri 5 Dec 17:00", with the year when it is not `today`'s.
    pub fn absolute_label(&self, today: NaiveDate) -> String {
        self.with_time(date_label(self.date, today))
    }

    fn with_time(&self, mut label: String) -> String {
        if let Some(t) = self.time {
            label.push(' ');
            label.push_str(&hh_mm(t));
        }
        label
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

impl FromStr for Due {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_iso(s)
    }
}

impl TryFrom<String> for Due {
    type Error = DomainError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse_iso(&value)
    }
}

impl From<Due> for String {
    fn from(due: Due) -> Self {
        due.to_iso()
    }
}

/// "Fri 5 Dec", plus the year when it differs from `today`'s.
pub fn date_label(date: NaiveDate, today: NaiveDate) -> String {
    let mut s = format!("{} {} {}", weekday_short(date.weekday()), date.day(), month_short(date.month()));
    if date.year() != today.year() {
        s.push_str(&format!(" {}", date.year()));
    }
    s
}

/// Parses a `YYYY-MM-DD` date (a filter's bound, a form's date field).
pub fn parse_date(s: &str) -> Result<NaiveDate, DomainError> {
    let s = s.trim();
    parse_iso_date(s).ok_or_else(|| DomainError::Due(format!("\"{s}\" is not a date like 2026-12-24.")))
}

/// `2026-12-24`. Hand-written instead of chrono's formatter, which is large in the WASM bundle.
pub fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `17:05`.
pub fn hh_mm(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// `YYYY-MM-DD` with a four-digit year.
pub(crate) fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&s[0..4])?;
    let month = digits(&s[5..7])?;
    let day = digits(&s[8..10])?;
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// `H:MM` or `HH:MM`, optionally `:SS`, 24-hour clock.
pub(crate) fn parse_hh_mm(s: &str) -> Option<NaiveTime> {
    let mut parts = s.split(':');
    let h = parts.next()?;
    let m = parts.next()?;
    let sec = parts.next();
    if parts.next().is_some() || h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if let Some(sec) = sec {
        if sec.len() != 2 {
            return None;
        }
        digits(sec).filter(|s| *s < 60)?;
    }
    NaiveTime::from_hms_opt(digits(h)?, digits(m)?, 0)
}

/// ASCII digits only (no sign, no spaces), as a number.
pub(crate) fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// "Mon" … "Sun".
pub fn weekday_short(day: Weekday) -> &'static str {
    WEEKDAY_NAMES[day.num_days_from_monday() as usize].0
}

/// "Jan" … "Dec" for 1 … 12.
pub fn month_short(month: u32) -> &'static str {
    MONTH_NAMES.get(month.wrapping_sub(1) as usize).map_or("?", |m| m.0)
}

/// Short and long weekday names, Monday first.
pub(crate) const WEEKDAY_NAMES: [(&str, &str); 7] = [
    ("Mon", "monday"),
    ("Tue", "tuesday"),
    ("Wed", "wednesday"),
    ("Thu", "thursday"),
    ("Fri", "friday"),
    ("Sat", "saturday"),
    ("Sun", "sunday"),
];

/// Short and long month names, January first.
pub(crate) const MONTH_NAMES: [(&str, &str); 12] = [
    ("Jan", "january"),
    ("Feb", "february"),
    ("Mar", "march"),
    ("Apr", "april"),
    ("May", "may"),
    ("Jun", "june"),
    ("Jul", "july"),
    ("Aug", "august"),
    ("Sep", "september"),
    ("Oct", "october"),
    ("Nov", "november"),
    ("Dec", "december"),
];

#[cfg(feature = "tz")]
pub use zoned::*;

/// Zone-aware helpers (servers only: the IANA database is too big for the browser bundle).
#[cfg(feature = "tz")]
mod zoned {
    use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
    /// An IANA time zone (re-exported so the servers need no chrono-tz of their own).
    pub use chrono_tz::Tz;

    use super::Due;
    use crate::DomainError;

    /// Parses an IANA zone name such as `Europe/Berlin` (as sent by the browser's `Intl` API).
    pub fn parse_zone(name: &str) -> Result<Tz, DomainError> {
        name.trim()
            .parse::<Tz>()
            .map_err(|_| DomainError::Due(format!("Unknown time zone \"{}\".", name.trim())))
    }

    /// The zones people pick from (Settings): `UTC` and the region/city names (`Europe/Berlin`), sorted; without the
    /// legacy aliases (`US/Eastern`, `Etc/GMT+5`), which still parse.
    pub fn zone_names() -> Vec<&'static str> {
        const REGIONS: [&str; 10] = [
            "Africa/",
            "America/",
            "Antarctica/",
            "Arctic/",
            "Asia/",
            "Atlantic/",
            "Australia/",
            "Europe/",
            "Indian/",
            "Pacific/",
        ];
        let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|z| z.name())
            .filter(|n| *n == "UTC" || REGIONS.iter().any(|r| n.starts_with(r)))
            .collect();
        names.sort_unstable();
        names
    }

    /// The instant of a local wall-clock time in `zone`. In a DST gap (02:30 on a spring-forward day) it is the
    /// first valid time after the gap (03:00); in a fold (02:30 on a fall-back day) the earlier of the two.
    pub fn local_to_utc(local: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
        let mut probe = local;
        // Gaps are at most a few hours (usually 1 h, 30 min in a few zones): walk forward by the minute.
        for _ in 0..=24 * 60 {
            if let Some(dt) = zone.from_local_datetime(&probe).earliest() {
                return dt.with_timezone(&Utc);
            }
            probe += TimeDelta::minutes(1);
        }
        // Unreachable with real zone data; UTC is a harmless answer.
        Utc.from_utc_datetime(&local)
    }

    /// The user's wall-clock time at `now`.
    pub fn now_in(zone: Tz, now: DateTime<Utc>) -> NaiveDateTime {
        now.with_timezone(&zone).naive_local()
    }

    /// The user's date at `now` ("today" in their zone).
    pub fn today_in(zone: Tz, now: DateTime<Utc>) -> NaiveDate {
        now_in(zone, now).date()
    }

    impl Due {
        /// The instant this is due in `zone`: its time, or the start of its day when it has none.
        pub fn to_utc(&self, zone: Tz) -> DateTime<Utc> {
            let time = self.time.unwrap_or(chrono::NaiveTime::MIN);
            local_to_utc(self.date.and_time(time), zone)
        }

        /// Whether it is overdue at `now`: a date-only due once its day is over, a timed one once its time passed.
        pub fn is_overdue(&self, zone: Tz, now: DateTime<Utc>) -> bool {
            match self.time {
                Some(_) => self.to_utc(zone) < now,
                None => self.date < today_in(zone, now),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn iso_round_trip() {
        for (s, due) in [
            ("2026-12-24", Due::on(d(2026, 12, 24))),
            ("2026-12-24T17:00", Due::new(d(2026, 12, 24), Some(t(17, 0)))),
            ("2026-02-28T00:05", Due::new(d(2026, 2, 28), Some(t(0, 5)))),
        ] {
            assert_eq!(Due::parse_iso(s), Ok(due));
            assert_eq!(due.to_iso(), s);
            let json = serde_json::to_string(&due).unwrap();
            assert_eq!(serde_json::from_str::<Due>(&json).unwrap(), due);
        }
        assert_eq!(Due::parse_iso("2026-12-24 9:30:00").unwrap().to_iso(), "2026-12-24T09:30");
        for bad in
            ["", "2026-02-30", "26-12-24", "2026-12-24T25:00", "2026-12-24T9", "2026-1-2", "+2026-12-24"]
        {
            assert_eq!(Due::parse_iso(bad).unwrap_err().field(), "due", "{bad}");
        }
    }

    #[test]
    fn seconds_are_dropped() {
        let due = Due::new(d(2026, 1, 1), NaiveTime::from_hms_opt(9, 30, 59));
        assert_eq!(due.time(), Some(t(9, 30)));
    }

    #[test]
    fn labels() {
        let today = d(2026, 12, 2); // a Wednesday
        assert_eq!(Due::on(today).label(today), "Today");
        assert_eq!(Due::new(d(2026, 12, 3), Some(t(17, 0))).label(today), "Tomorrow 17:00");
        assert_eq!(Due::on(d(2026, 12, 1)).label(today), "Yesterday");
        assert_eq!(Due::on(d(2026, 12, 4)).label(today), "Fri");
        assert_eq!(Due::on(d(2026, 12, 24)).label(today), "Thu 24 Dec");
        assert_eq!(Due::on(d(2027, 1, 1)).label(today), "Fri 1 Jan 2027");
        assert_eq!(Due::on(d(2026, 12, 4)).absolute_label(today), "Fri 4 Dec");
    }

    #[cfg(feature = "tz")]
    #[test]
    fn dst_gap_and_fold() {
        use chrono::{DateTime, Utc};
        let berlin = parse_zone("Europe/Berlin").unwrap();
        let utc = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // 2026-03-29 02:00 CET → 03:00 CEST: 02:30 does not exist.
        assert_eq!(Due::new(d(2026, 3, 29), Some(t(2, 30))).to_utc(berlin), utc("2026-03-29T01:00:00Z"));
        // 2026-10-25 03:00 CEST → 02:00 CET: 02:30 happens twice; the earlier is 00:30 UTC.
        assert_eq!(Due::new(d(2026, 10, 25), Some(t(2, 30))).to_utc(berlin), utc("2026-10-25T00:30:00Z"));
        assert_eq!(Due::new(d(2026, 10, 25), Some(t(9, 30))).to_utc(berlin), utc("2026-10-25T08:30:00Z"));
        let ny = parse_zone("America/New_York").unwrap();
        assert_eq!(Due::new(d(2026, 3, 8), Some(t(2, 30))).to_utc(ny), utc("2026-03-08T07:00:00Z"));
        assert_eq!(Due::new(d(2026, 11, 1), Some(t(1, 30))).to_utc(ny), utc("2026-11-01T05:30:00Z"));
        assert_eq!(Due::on(d(2026, 7, 1)).to_utc(ny), utc("2026-07-01T04:00:00Z"));
        // Today differs by zone near midnight UTC.
        let now = utc("2026-12-02T23:30:00Z");
        assert_eq!(today_in(berlin, now), d(2026, 12, 3));
        assert_eq!(today_in(ny, now), d(2026, 12, 2));
        assert!(Due::on(d(2026, 12, 2)).is_overdue(berlin, now));
        assert!(!Due::on(d(2026, 12, 2)).is_overdue(ny, now));
        assert!(parse_zone("Mars/Olympus").is_err());
    }
}
