use super::*;

fn rule(s: &str) -> Recurrence {
    Recurrence::parse_rrule(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn rrule_round_trips_in_canonical_form() {
    for (input, canonical) in [
        ("FREQ=DAILY", "FREQ=DAILY"),
        ("RRULE:freq=daily;interval=3", "FREQ=DAILY;INTERVAL=3"),
        ("FREQ=WEEKLY;BYDAY=WE,MO;INTERVAL=2", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE"),
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("FREQ=MONTHLY;BYDAY=+2TU", "FREQ=MONTHLY;BYDAY=2TU"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1,15,1", "FREQ=MONTHLY;BYMONTHDAY=1,15,-1"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
        ("FREQ=WEEKLY;UNTIL=20261231", "FREQ=WEEKLY;UNTIL=20261231"),
        ("FREQ=WEEKLY;UNTIL=20261231T235959Z;WKST=MO", "FREQ=WEEKLY;UNTIL=20261231"),
        ("FREQ=DAILY;COUNT=10", "FREQ=DAILY;COUNT=10"),
    ] {
        let r = rule(input);
        assert_eq!(r.to_rrule(), canonical, "{input}");
        assert_eq!(rule(canonical), r, "{canonical}");
    }
}

#[test]
fn invalid_rules_say_why() {
    for (input, message) in [
        ("", "empty"),
        ("INTERVAL=2", "needs a FREQ"),
        ("FREQ=HOURLY", "not supported"),
        ("FREQ=DAILY;INTERVAL=0", "1 to 999"),
        ("FREQ=DAILY;INTERVAL=1000", "1 to 999"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20261231", "not both"),
        ("FREQ=DAILY;COUNT=0", "1 to 1000"),
        ("FREQ=DAILY;FREQ=WEEKLY", "twice"),
        ("FREQ=DAILY;INTERVAL=2;BYDAY=MO", "weekly"),
        ("FREQ=WEEKLY;BYDAY=2MO", "monthly"),
        ("FREQ=MONTHLY;BYDAY=MO", "which one"),
        ("FREQ=MONTHLY;BYDAY=6MO", "1st to 5th"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "1 to 31"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "1 to 31"),
        ("FREQ=MONTHLY;BYMONTHDAY=-2", "1 to 31"),
        ("FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=1MO", "not both"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "monthly or yearly"),
        ("FREQ=MONTHLY;BYMONTH=1", "yearly"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "does not exist"),
        ("FREQ=YEARLY;BYMONTH=2", "one date"),
        ("FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1", "1 to 12"),
        ("FREQ=WEEKLY;BYDAY=XX", "not valid"),
        ("FREQ=WEEKLY;UNTIL=2026", "not valid"),
        ("FREQ=WEEKLY;WKST=SU", "Monday"),
        ("FREQ=WEEKLY;BYSETPOS=1", "not supported"),
        ("FREQ", "KEY=VALUE"),
    ] {
        let err = Recurrence::parse_rrule(input).expect_err(input);
        assert_eq!(err.field(), "recurrence");
        assert!(err.message().contains(message), "{input}: {err}");
    }
}

#[test]
fn descriptions() {
    for (input, from, text) in [
        ("FREQ=DAILY", RepeatFrom::Due, "every day"),
        ("FREQ=DAILY;INTERVAL=3", RepeatFrom::Completion, "every 3 days after completion"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", RepeatFrom::Due, "every 2 weeks on Mon, Wed"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", RepeatFrom::Due, "every weekday"),
        ("FREQ=WEEKLY;BYDAY=SA,SU", RepeatFrom::Due, "every weekend"),
        ("FREQ=MONTHLY;BYDAY=-1FR", RepeatFrom::Due, "every month on the last Friday"),
        ("FREQ=MONTHLY;BYDAY=2TU", RepeatFrom::Due, "every month on the 2nd Tuesday"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,-1", RepeatFrom::Due, "every month on the 1st, last day"),
        ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", RepeatFrom::Due, "every year on 24 Dec"),
        ("FREQ=YEARLY;UNTIL=20301231", RepeatFrom::Due, "every year, until 31 Dec 2030"),
        ("FREQ=WEEKLY;COUNT=10", RepeatFrom::Due, "every week, 10 times"),
    ] {
        assert_eq!(rule(input).with_repeat_from(from).describe(), text, "{input}");
    }
}

#[test]
fn serde_carries_repeat_from() {
    let r = rule("FREQ=DAILY;INTERVAL=2").with_repeat_from(RepeatFrom::Completion);
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(json, r#"{"rrule":"FREQ=DAILY;INTERVAL=2","repeat_from":"completion"}"#);
    assert_eq!(serde_json::from_str::<Recurrence>(&json).unwrap(), r);
    assert!(serde_json::from_str::<Recurrence>(r#"{"rrule":"FREQ=DAILY;INTERVAL=0"}"#).is_err());
}

#[test]
fn anchored_pins_implicit_days_of_due_based_rules() {
    let jan31 = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
    assert_eq!(rule("FREQ=MONTHLY").anchored(jan31).to_rrule(), "FREQ=MONTHLY;BYMONTHDAY=31");
    assert_eq!(rule("FREQ=YEARLY").anchored(jan31).to_rrule(), "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31");
    assert_eq!(rule("FREQ=MONTHLY;BYDAY=-1FR").anchored(jan31).to_rrule(), "FREQ=MONTHLY;BYDAY=-1FR");
    let every = rule("FREQ=MONTHLY").with_repeat_from(RepeatFrom::Completion);
    assert_eq!(every.clone().anchored(jan31), every);
}

mod strategies {
    use super::*;
    use proptest::prelude::*;

    fn weekday() -> impl Strategy<Value = Weekday> {
        (0u8..7).prop_map(|i| Weekday::try_from(i).unwrap())
    }

    /// Valid recurrences of every shape the subset allows.
    pub fn recurrence() -> impl Strategy<Value = Recurrence> {
        let end = prop_oneof![
            Just(RecurrenceEnd::Never),
            (1u32..=1000).prop_map(RecurrenceEnd::Count),
            (0i64..20_000).prop_map(|d| RecurrenceEnd::Until(
                NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::TimeDelta::days(d)
            )),
        ];
        let from = prop_oneof![Just(RepeatFrom::Due), Just(RepeatFrom::Completion)];
        let shape = prop_oneof![
            (1u32..=999).prop_map(|i| RecurrenceSpec::new(Frequency::Daily, i)),
            (1u32..=999, proptest::collection::vec(weekday(), 0..7)).prop_map(|(i, days)| {
                let mut s = RecurrenceSpec::new(Frequency::Weekly, i);
                s.weekdays = days.into_iter().map(WeekdayRule::every).collect();
                s
            }),
            (1u32..=999, proptest::collection::vec((prop_oneof![1i8..=5, Just(-1)], weekday()), 1..4))
                .prop_map(|(i, days)| {
                    let mut s = RecurrenceSpec::new(Frequency::Monthly, i);
                    s.weekdays = days.into_iter().map(|(n, d)| WeekdayRule::nth(n, d)).collect();
                    s
                }),
            (1u32..=999, proptest::collection::vec(prop_oneof![1i8..=31, Just(-1)], 0..4)).prop_map(
                |(i, days)| {
                    let mut s = RecurrenceSpec::new(Frequency::Monthly, i);
                    s.month_days = days;
                    s
                }
            ),
            (1u32..=999, proptest::option::of((1u8..=12, 1i8..=28))).prop_map(|(i, date)| {
                let mut s = RecurrenceSpec::new(Frequency::Yearly, i);
                if let Some((m, d)) = date {
                    s.months = vec![m];
                    s.month_days = vec![d];
                }
                s
            }),
        ];
        (shape, end, from).prop_map(|(mut s, end, from)| {
            s.end = end;
            s.repeat_from = from;
            s.validate().unwrap()
        })
    }
}
pub(crate) use strategies::recurrence as arb_recurrence;

proptest::proptest! {
    #[test]
    fn rrule_format_parse_round_trips(r in arb_recurrence()) {
        let back = Recurrence::parse_rrule(&r.to_rrule()).unwrap().with_repeat_from(r.repeat_from());
        proptest::prop_assert_eq!(back, r);
    }

    #[test]
    fn rrule_parser_never_panics(s in "\\PC{0,80}") {
        let _ = Recurrence::parse_rrule(&s);
    }
}

#[cfg(feature = "tz")]
mod next {
    use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
    use chrono_tz::Tz;
    use proptest::prelude::*;

    use super::*;
    use crate::Due;

    fn d(s: &str) -> NaiveDate {
        crate::due::parse_iso_date(s).unwrap()
    }

    fn due(s: &str) -> Due {
        Due::parse_iso(s).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    /// Completes each occurrence on its own due day (at noon UTC) and lists the next `n` due dates.
    fn series(r: &Recurrence, first: &str, zone: Tz, n: usize) -> Vec<String> {
        let mut due = due(first);
        let mut out = Vec::new();
        for i in 1..=n {
            let done = crate::due::local_to_utc(due.date().and_time(NaiveTime::MIN), zone);
            match r.next_occurrence(due, done, zone, i as u32) {
                Some(next) => {
                    out.push(next.to_iso());
                    due = next;
                }
                None => break,
            }
        }
        out
    }

    const BERLIN: Tz = chrono_tz::Europe::Berlin;
    const NEW_YORK: Tz = chrono_tz::America::New_York;

    #[test]
    fn jan_31_monthly_clamps_to_month_ends() {
        let want = ["2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"];
        // Pinned (as the store saves it) and implicit (taken from the first due date) give the same first step.
        assert_eq!(series(&rule("FREQ=MONTHLY;BYMONTHDAY=31"), "2026-01-31", BERLIN, 4), want);
        assert_eq!(series(&rule("FREQ=MONTHLY").anchored(d("2026-01-31")), "2026-01-31", BERLIN, 4), want);
        assert_eq!(series(&rule("FREQ=MONTHLY"), "2026-01-31", BERLIN, 1), ["2026-02-28"]);
        assert_eq!(
            series(&rule("FREQ=MONTHLY;BYMONTHDAY=30"), "2028-01-30", BERLIN, 2),
            ["2028-02-29", "2028-03-30"]
        );
        assert_eq!(
            series(&rule("FREQ=MONTHLY;BYMONTHDAY=-1"), "2026-01-31", BERLIN, 2),
            ["2026-02-28", "2026-03-31"]
        );
        assert_eq!(
            series(&rule("FREQ=MONTHLY;BYMONTHDAY=1,31"), "2026-01-31", BERLIN, 4),
            ["2026-02-01", "2026-02-28", "2026-03-01", "2026-03-31"]
        );
    }

    #[test]
    fn feb_29_yearly_is_feb_28_in_common_years() {
        let r = rule("FREQ=YEARLY").anchored(d("2028-02-29"));
        assert_eq!(
            series(&r, "2028-02-29", BERLIN, 4),
            ["2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"]
        );
    }

    #[test]
    fn monthly_weekday_ordinals() {
        assert_eq!(
            series(&rule("FREQ=MONTHLY;BYDAY=-1FR"), "2026-11-27", BERLIN, 3),
            ["2026-12-25", "2027-01-29", "2027-02-26"]
        );
        assert_eq!(
            series(&rule("FREQ=MONTHLY;BYDAY=2TU"), "2026-12-08", BERLIN, 2),
            ["2027-01-12", "2027-02-09"]
        );
    }

    #[test]
    fn a_daily_0930_stays_at_0930_local_across_dst() {
        let r = rule("FREQ=DAILY");
        for (zone, before, change) in [
            (BERLIN, "2026-03-28T09:30", "2026-03-29"),
            (BERLIN, "2026-10-24T09:30", "2026-10-25"),
            (NEW_YORK, "2026-03-07T09:30", "2026-03-08"),
            (NEW_YORK, "2026-10-31T09:30", "2026-11-01"),
        ] {
            let first = due(before);
            let done = first.to_utc(zone) + TimeDelta::minutes(5);
            let next = r.next_occurrence(first, done, zone, 1).unwrap();
            assert_eq!(next, Due::new(d(change), NaiveTime::from_hms_opt(9, 30, 0)));
            // 24 hours later would be 08:30 or 10:30 local: the instant moved by 23 or 25 hours instead.
            let hours = (next.to_utc(zone) - first.to_utc(zone)).num_hours();
            assert!(hours == 23 || hours == 25, "{zone} {before}: {hours} h");
        }
        assert_eq!(due("2026-03-29T09:30").to_utc(BERLIN), utc("2026-03-29T07:30:00Z"));
        assert_eq!(due("2026-11-01T09:30").to_utc(NEW_YORK), utc("2026-11-01T14:30:00Z"));
    }

    #[test]
    fn a_weekly_task_in_the_dst_gap_keeps_its_wall_time() {
        // 02:30 does not exist on 2026-03-29 in Berlin: the occurrence keeps 02:30 as its wall time and resolves to
        // 03:00 CEST; the week after is 02:30 again.
        let r = rule("FREQ=WEEKLY");
        let next =
            r.next_occurrence(due("2026-03-22T02:30"), utc("2026-03-22T06:00:00Z"), BERLIN, 1).unwrap();
        assert_eq!(next, due("2026-03-29T02:30"));
        assert_eq!(next.to_utc(BERLIN), utc("2026-03-29T01:00:00Z"));
    }

    #[test]
    fn every_weekday_skips_the_weekend() {
        let r = rule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
        // 2026-12-04 is a Friday.
        assert_eq!(series(&r, "2026-12-04T09:30", BERLIN, 2), ["2026-12-07T09:30", "2026-12-08T09:30"]);
    }

    #[test]
    fn count_and_until_end_the_series() {
        let r = rule("FREQ=DAILY;COUNT=3");
        assert_eq!(series(&r, "2026-12-01", BERLIN, 10), ["2026-12-02", "2026-12-03"]);
        let r = rule("FREQ=WEEKLY;UNTIL=20261215");
        assert_eq!(series(&r, "2026-12-01", BERLIN, 10), ["2026-12-08", "2026-12-15"]);
        let r = rule("FREQ=DAILY;COUNT=1");
        assert_eq!(r.next_occurrence(due("2026-12-01"), utc("2026-12-01T10:00:00Z"), BERLIN, 1), None);
    }

    #[test]
    fn from_due_skips_dates_already_past_at_completion() {
        let r = rule("FREQ=DAILY");
        // Due Monday the 7th, done Thursday the 10th: the next one is Friday, not the overdue Tuesday.
        let next = r.next_occurrence(due("2026-12-07"), utc("2026-12-10T12:00:00Z"), BERLIN, 1);
        assert_eq!(next, Some(due("2026-12-11")));
        // Done early: still after the current due date.
        let next = r.next_occurrence(due("2026-12-07"), utc("2026-12-01T12:00:00Z"), BERLIN, 1);
        assert_eq!(next, Some(due("2026-12-08")));
        // A timed one done on its day after its time: tomorrow at the same time.
        let next = r.next_occurrence(due("2026-12-07T09:00"), utc("2026-12-07T17:00:00Z"), BERLIN, 1);
        assert_eq!(next, Some(due("2026-12-08T09:00")));
        let weekly = rule("FREQ=WEEKLY;BYDAY=MO");
        let next = weekly.next_occurrence(due("2026-12-07"), utc("2026-12-16T12:00:00Z"), BERLIN, 1);
        assert_eq!(next, Some(due("2026-12-21")));
    }

    #[test]
    fn from_completion_restarts_on_the_completion_day() {
        let r = rule("FREQ=DAILY;INTERVAL=3").with_repeat_from(RepeatFrom::Completion);
        // Due the 1st, done the 5th (late, Berlin time): next the 8th.
        let next = r.next_occurrence(due("2026-12-01T18:00"), utc("2026-12-05T20:00:00Z"), BERLIN, 1);
        assert_eq!(next, Some(due("2026-12-08T18:00")));
        // Done early: counts from the due date, so it moves forward.
        let next = r.next_occurrence(due("2026-12-10"), utc("2026-12-05T20:00:00Z"), BERLIN, 1);
        assert_eq!(next, Some(due("2026-12-13")));
        // The completion day is the user's: 23:30 UTC on the 5th is the 6th in Berlin and the 5th in New York.
        let done = utc("2026-12-05T23:30:00Z");
        assert_eq!(r.next_occurrence(due("2026-12-01"), done, BERLIN, 1), Some(due("2026-12-09")));
        assert_eq!(r.next_occurrence(due("2026-12-01"), done, NEW_YORK, 1), Some(due("2026-12-08")));
        let monthly = rule("FREQ=MONTHLY").with_repeat_from(RepeatFrom::Completion);
        let next = monthly.next_occurrence(due("2026-01-31"), utc("2026-03-05T12:00:00Z"), BERLIN, 1);
        assert_eq!(next, Some(due("2026-04-05")));
    }

    proptest! {
        #[test]
        fn next_occurrence_is_strictly_after_the_current_due(
            r in arb_recurrence(),
            day in 0i64..3650,
            minutes in proptest::option::of(0u32..1440),
            done_offset in -3000i64..3000,
            zone in prop_oneof![Just(BERLIN), Just(NEW_YORK), Just(chrono_tz::UTC), Just(chrono_tz::Asia::Kolkata)],
        ) {
            let date = d("2024-01-01") + TimeDelta::days(day);
            let time = minutes.map(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap());
            let current = Due::new(date, time);
            let done = current.to_utc(zone) + TimeDelta::hours(done_offset);
            let next = r.next_occurrence(current, done, zone, 1);
            if r.end() == RecurrenceEnd::Never {
                prop_assert!(next.is_some(), "{:?} from {} done {}", r, current, done);
            }
            if let Some(next) = next {
                prop_assert!(next > current, "{r:?}: {current} -> {next}");
                prop_assert_eq!(next.time(), current.time());
                if let RecurrenceEnd::Until(until) = r.end() {
                    prop_assert!(next.date() <= until);
                }
            }
        }
    }
}
