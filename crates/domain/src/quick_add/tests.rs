use proptest::prelude::*;

use super::*;

/// Wednesday 2 December 2026, 15:00.
fn ctx() -> QuickAddContext {
    QuickAddContext::new(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap().and_hms_opt(15, 0, 0).unwrap())
}

fn parse(text: &str) -> QuickAdd {
    parse_quick_add(text, ctx())
}

/// (input, title, due, rrule with `!` appended when counted from completion, priority, tags)
type Case = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Priority,
    &'static [&'static str],
);

const N: Priority = Priority::None;

const CASES: &[Case] = &[
    // The examples.
    (
        "Pay rent every month on the 1st !high #home",
        "Pay rent",
        Some("2027-01-01"),
        Some("FREQ=MONTHLY;BYMONTHDAY=1"),
        Priority::High,
        &["home"],
    ),
    ("call mom tomorrow 5pm #family", "call mom", Some("2026-12-03T17:00"), None, N, &["family"]),
    (
        "standup every weekday 9:30",
        "standup",
        Some("2026-12-03T09:30"),
        Some("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        N,
        &[],
    ),
    ("report friday p1", "report", Some("2026-12-04"), None, Priority::Urgent, &[]),
    ("read #\"long tag name\" now", "read now", None, None, N, &["long tag name"]),
    ("ship 2026-12-24", "ship", Some("2026-12-24"), None, N, &[]),
    ("ship 2026-12-24T08:15", "ship", Some("2026-12-24T08:15"), None, N, &[]),
    ("x in 3 days", "x", Some("2026-12-05"), None, N, &[]),
    ("x in 2 weeks", "x", Some("2026-12-16"), None, N, &[]),
    ("x in 1 month", "x", Some("2027-01-02"), None, N, &[]),
    ("x in 1 year", "x", Some("2027-12-02"), None, N, &[]),
    ("x next week", "x", Some("2026-12-07"), None, N, &[]),
    ("x next month", "x", Some("2027-01-01"), None, N, &[]),
    // Dates.
    ("x today", "x", Some("2026-12-02"), None, N, &[]),
    ("x tomorrow", "x", Some("2026-12-03"), None, N, &[]),
    ("x tonight", "x", Some("2026-12-02T20:00"), None, N, &[]),
    ("x tonight 9pm", "x", Some("2026-12-02T21:00"), None, N, &[]),
    ("x thursday", "x", Some("2026-12-03"), None, N, &[]),
    ("x wednesday", "x", Some("2026-12-09"), None, N, &[]), // today is Wednesday: the next one
    ("x next monday", "x", Some("2026-12-07"), None, N, &[]),
    ("x next fri", "x", Some("2026-12-11"), None, N, &[]),
    ("x next wednesday", "x", Some("2026-12-09"), None, N, &[]),
    ("x dec 24", "x", Some("2026-12-24"), None, N, &[]),
    ("x 24 Dec", "x", Some("2026-12-24"), None, N, &[]),
    ("x december 24th", "x", Some("2026-12-24"), None, N, &[]),
    ("x 24th of december", "x", Some("2026-12-24"), None, N, &[]),
    ("x dec 1", "x", Some("2027-12-01"), None, N, &[]), // already past this year
    ("x dec 2", "x", Some("2026-12-02"), None, N, &[]),
    ("x dec 24 2027", "x", Some("2027-12-24"), None, N, &[]),
    ("x feb 29", "x", Some("2028-02-29"), None, N, &[]),
    ("x feb 30", "x feb 30", None, None, N, &[]),
    // Times: today if still ahead of 15:00, else tomorrow.
    ("x 5pm", "x", Some("2026-12-02T17:00"), None, N, &[]),
    ("x 5 PM", "x", Some("2026-12-02T17:00"), None, N, &[]),
    ("x 5:30pm", "x", Some("2026-12-02T17:30"), None, N, &[]),
    ("x 17:00", "x", Some("2026-12-02T17:00"), None, N, &[]),
    ("x 15:00", "x", Some("2026-12-03T15:00"), None, N, &[]), // exactly now is not ahead
    ("x 9:30", "x", Some("2026-12-03T09:30"), None, N, &[]),
    ("x at 9", "x", Some("2026-12-03T09:00"), None, N, &[]),
    ("x at 21", "x", Some("2026-12-02T21:00"), None, N, &[]),
    ("x at 9pm", "x", Some("2026-12-02T21:00"), None, N, &[]),
    ("x 12am", "x", Some("2026-12-03T00:00"), None, N, &[]),
    ("x 12pm", "x", Some("2026-12-03T12:00"), None, N, &[]),
    ("x noon tomorrow", "x", Some("2026-12-03T12:00"), None, N, &[]),
    ("x 13pm", "x 13pm", None, None, N, &[]),
    ("x 24:00", "x 24:00", None, None, N, &[]),
    // Repeats: without a date they start on the first matching day from today.
    ("x every day", "x", Some("2026-12-02"), Some("FREQ=DAILY"), N, &[]),
    ("x daily 8am", "x", Some("2026-12-03T08:00"), Some("FREQ=DAILY"), N, &[]),
    ("x every 2 weeks", "x", Some("2026-12-02"), Some("FREQ=WEEKLY;INTERVAL=2"), N, &[]),
    ("x every other week", "x", Some("2026-12-02"), Some("FREQ=WEEKLY;INTERVAL=2"), N, &[]),
    ("x every monday and wednesday", "x", Some("2026-12-02"), Some("FREQ=WEEKLY;BYDAY=MO,WE"), N, &[]),
    ("x every mon, fri", "x", Some("2026-12-04"), Some("FREQ=WEEKLY;BYDAY=MO,FR"), N, &[]),
    ("x every tue,thu", "x", Some("2026-12-03"), Some("FREQ=WEEKLY;BYDAY=TU,TH"), N, &[]),
    (
        "x every 2 weeks on mon, fri",
        "x",
        Some("2026-12-04"),
        Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR"),
        N,
        &[],
    ),
    ("x every weekend", "x", Some("2026-12-05"), Some("FREQ=WEEKLY;BYDAY=SA,SU"), N, &[]),
    ("x weekly", "x", Some("2026-12-02"), Some("FREQ=WEEKLY"), N, &[]),
    ("x monthly", "x", Some("2026-12-02"), Some("FREQ=MONTHLY"), N, &[]),
    ("x every last friday", "x", Some("2026-12-25"), Some("FREQ=MONTHLY;BYDAY=-1FR"), N, &[]),
    ("x every month on the last friday", "x", Some("2026-12-25"), Some("FREQ=MONTHLY;BYDAY=-1FR"), N, &[]),
    ("x every 2nd tuesday", "x", Some("2026-12-08"), Some("FREQ=MONTHLY;BYDAY=2TU"), N, &[]),
    ("x every first monday", "x", Some("2026-12-07"), Some("FREQ=MONTHLY;BYDAY=1MO"), N, &[]),
    ("x every 15th", "x", Some("2026-12-15"), Some("FREQ=MONTHLY;BYMONTHDAY=15"), N, &[]),
    (
        "x every month on the 1st and 15th",
        "x",
        Some("2026-12-15"),
        Some("FREQ=MONTHLY;BYMONTHDAY=1,15"),
        N,
        &[],
    ),
    ("x every month on the last day", "x", Some("2026-12-31"), Some("FREQ=MONTHLY;BYMONTHDAY=-1"), N, &[]),
    ("x every year", "x", Some("2026-12-02"), Some("FREQ=YEARLY"), N, &[]),
    ("x yearly", "x", Some("2026-12-02"), Some("FREQ=YEARLY"), N, &[]),
    ("x every dec 24", "x", Some("2026-12-24"), Some("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24"), N, &[]),
    ("x every year on feb 29", "x", Some("2027-02-28"), Some("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"), N, &[]),
    ("x every day until dec 24", "x", Some("2026-12-02"), Some("FREQ=DAILY;UNTIL=20261224"), N, &[]),
    ("x until 2027-01-31 every week", "x", Some("2026-12-02"), Some("FREQ=WEEKLY;UNTIL=20270131"), N, &[]),
    ("x every day for 10 times", "x", Some("2026-12-02"), Some("FREQ=DAILY;COUNT=10"), N, &[]),
    (
        "water plants every! 3 days",
        "water plants",
        Some("2026-12-02"),
        Some("FREQ=DAILY;INTERVAL=3!"),
        N,
        &[],
    ),
    ("x every monday friday", "x", Some("2026-12-07"), Some("FREQ=WEEKLY;BYDAY=MO"), N, &[]), // the date wins: no, see below
    // Not taken: stays in the title.
    ("x until dec 24", "x until dec 24", None, None, N, &[]),
    ("x for 3 times", "x for 3 times", None, None, N, &[]),
    ("every 0 days x", "every 0 days x", None, None, N, &[]),
    ("every 0 days x every day", "every 0 days x", Some("2026-12-02"), Some("FREQ=DAILY"), N, &[]),
    ("x every day for 5000 times", "x for 5000 times", Some("2026-12-02"), Some("FREQ=DAILY"), N, &[]),
    ("Fix issue #42", "Fix issue #42", None, None, N, &[]),
    ("Enjoy the sun on sat", "Enjoy the sun on sat", None, None, N, &[]),
    ("ask if we may go", "ask if we may go", None, None, N, &[]),
    (
        "Watch \"The day after tomorrow\" tonight",
        "Watch \"The day after tomorrow\"",
        Some("2026-12-02T20:00"),
        None,
        N,
        &[],
    ),
    ("\\friday report", "friday report", None, None, N, &[]),
    ("a \\ b", "a \\ b", None, None, N, &[]),
    ("tomorrow", "tomorrow", None, None, N, &[]),
    ("#home", "#home", None, None, N, &[]),
    ("!high p1", "p1", None, None, Priority::High, &[]), // the first priority wins; the second is the title
    ("!high", "!high", None, None, N, &[]),
    ("   spaced    out   ", "spaced out", None, None, N, &[]),
    // Case, duplicates and the first-one-wins rule.
    ("REPORT FRIDAY P1", "REPORT", Some("2026-12-04"), None, Priority::Urgent, &[]),
    ("a friday monday", "a monday", Some("2026-12-04"), None, N, &[]),
    ("a !low !high", "a !high", None, None, Priority::Low, &[]),
    ("a p4", "a", None, None, N, &[]),
    ("#Home x #home #work", "x", None, None, N, &["Home", "work"]),
    // Not tags: a leading # in the name, an empty name. `#"a"` ends at its closing quote.
    ("x ##a #\"\" #\"a\"b\"", "x ##a #\"\" b\"", None, None, N, &["a"]),
];

#[test]
fn table() {
    for &(input, title, due, rrule, priority, tags) in CASES {
        if input == "x every monday friday" {
            // A date typed with a repeat is the first due date, even when the rule would not pick it.
            let q = parse(input);
            assert_eq!(q.due.map(|d| d.to_iso()).as_deref(), Some("2026-12-04"), "{input}");
            assert_eq!(q.recurrence.map(|r| r.to_rrule()).as_deref(), Some("FREQ=WEEKLY;BYDAY=MO"));
            continue;
        }
        let q = parse(input);
        assert_eq!(q.title, title, "title of {input:?}");
        assert_eq!(q.due.map(|d| d.to_iso()).as_deref(), due, "due of {input:?}");
        let got_rule = q.recurrence.as_ref().map(|r| {
            let bang = if r.repeat_from() == RepeatFrom::Completion { "!" } else { "" };
            format!("{}{bang}", r.to_rrule())
        });
        assert_eq!(got_rule.as_deref(), rrule, "recurrence of {input:?}");
        assert_eq!(q.priority, priority, "priority of {input:?}");
        assert_eq!(q.tags.iter().map(Tag::as_str).collect::<Vec<_>>(), tags, "tags of {input:?}");
        // Every recognised span is exactly the source text it claims.
        for r in &q.recognised {
            assert_eq!(&input[r.span.clone()], r.text, "{input:?}");
        }
    }
}

#[test]
fn recognised_lists_each_piece_in_text_order() {
    let q = parse("call mom tomorrow 5pm #family p2");
    let got: Vec<_> = q.recognised.iter().map(|r| (r.kind, r.text.as_str(), r.span.clone())).collect();
    assert_eq!(
        got,
        [
            (RecognisedKind::Date, "tomorrow", 9..17),
            (RecognisedKind::Time, "5pm", 18..21),
            (RecognisedKind::Tag, "#family", 22..29),
            (RecognisedKind::Priority, "p2", 30..32),
        ]
    );
    // The text is exactly the source, extra spaces included.
    let q = parse("x every  day");
    assert_eq!((q.recognised[0].text.as_str(), q.recognised[0].span.clone()), ("every  day", 2..12));
    let q = parse("x every day until dec 24");
    let kinds: Vec<_> = q.recognised.iter().map(|r| (r.kind, r.text.as_str())).collect();
    assert_eq!(
        kinds,
        [(RecognisedKind::Recurrence, "every day"), (RecognisedKind::RecurrenceEnd, "until dec 24")]
    );
    assert!(parse("x until dec 24").recognised.is_empty());
}

#[test]
fn month_ends_and_week_start() {
    let jan31 =
        QuickAddContext::new(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap().and_hms_opt(8, 0, 0).unwrap());
    assert_eq!(parse_quick_add("x in 1 month", jan31).due.unwrap().to_iso(), "2026-02-28");
    assert_eq!(parse_quick_add("x every month on the 31st", jan31).due.unwrap().to_iso(), "2026-01-31");
    let feb1 =
        QuickAddContext::new(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap().and_hms_opt(8, 0, 0).unwrap());
    // "The 31st" of February clamps to its last day, as the repeat itself does.
    assert_eq!(parse_quick_add("x every month on the 31st", feb1).due.unwrap().to_iso(), "2026-02-28");
    let sunday_weeks = QuickAddContext { week_start: Weekday::Sun, ..ctx() };
    assert_eq!(parse_quick_add("x next week", sunday_weeks).due.unwrap().to_iso(), "2026-12-06");
    assert_eq!(parse_quick_add("x next monday", sunday_weeks).due.unwrap().to_iso(), "2026-12-07");
}

#[test]
fn taken_labels_say_what_was_taken() {
    let q = parse("Pay rent every month on the 1st !high #home");
    assert_eq!(
        q.taken_labels(ctx().now.date()),
        ["due Fri 1 Jan 2027", "every month on the 1st", "high priority", "#home"]
    );
    let q = parse("standup every weekday 9:30 p4");
    assert_eq!(q.taken_labels(ctx().now.date()), ["due Thu 3 Dec 09:30", "every weekday", "no priority"]);
    assert!(parse("just a title").taken_labels(ctx().now.date()).is_empty());
    assert_eq!(q.to_text(), "standup 2026-12-03 09:30 every week on mon, tue, wed, thu, fri");
}

#[test]
fn huge_input_is_cheap_and_safe() {
    let text = "every day tomorrow #x ".repeat(50_000);
    let q = parse(&text);
    assert_eq!(q.title, text.trim());
    assert!(q.recognised.is_empty());
    // Just under the cap it is parsed.
    let text = format!("{} tomorrow", "a".repeat(MAX_INPUT_CHARS - 9));
    assert_eq!(parse(&text).due.map(|d| d.to_iso()).as_deref(), Some("2026-12-03"));
}

#[test]
fn long_input_is_not_parsed() {
    let text = format!("{} tomorrow #x", "a".repeat(MAX_INPUT_CHARS));
    let q = parse(&text);
    assert_eq!(q.title, text);
    assert!(q.due.is_none() && q.tags.is_empty() && q.recognised.is_empty());
}

#[test]
fn renders_back_to_the_same_fields() {
    let tags = [Tag::parse("home").unwrap(), Tag::parse("long tag").unwrap(), Tag::parse("42").unwrap()];
    let due = Due::parse_iso("2026-12-24T17:00").ok();
    let r = Recurrence::parse_rrule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3").unwrap();
    let text = to_quick_add_text("Meet at the café friday \\o/", Priority::High, &tags, due, Some(&r));
    assert_eq!(
        text,
        "Meet at the café \\friday \\\\o/ 2026-12-24 17:00 every month on the last fri for 3 times !high #home \
         #\"long tag\" #\"42\""
    );
    let q = parse(&text);
    assert_eq!(q.title, "Meet at the café friday \\o/");
    assert_eq!(
        (q.priority, q.tags.as_slice(), q.due, q.recurrence.as_ref()),
        (Priority::High, &tags[..], due, Some(&r))
    );
    // Nothing to take from a title alone: it is its own text.
    assert_eq!(to_quick_add_text("every day", Priority::None, &[], None, None), "every day");
    assert_eq!(to_quick_add_text("plain", Priority::None, &[], None, None), "plain");
}

/// Words that mean something to the parser, and some that do not, to build inputs that exercise it.
const VOCAB: &[&str] = &[
    "every",
    "every!",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "on",
    "the",
    "and",
    ",",
    "mon,",
    "wed",
    "friday",
    "monday",
    "last",
    "2nd",
    "1st",
    "15th",
    "31st",
    "first",
    "weekday",
    "weekend",
    "other",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "until",
    "for",
    "times",
    "3",
    "10",
    "0",
    "2026-12-24",
    "dec",
    "24",
    "feb",
    "29",
    "today",
    "tomorrow",
    "tonight",
    "next",
    "in",
    "at",
    "9",
    "5pm",
    "12am",
    "9:30",
    "noon",
    "p1",
    "p4",
    "!high",
    "!low",
    "#home",
    "#\"a b\"",
    "#42",
    "\\friday",
    "\"quoted",
    "text\"",
    "buy",
    "milk",
    "café",
    "",
    "\\",
    "#",
];

fn vocab_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(VOCAB), 0..14).prop_map(|w| w.join(" "))
}

fn arb_tag() -> impl Strategy<Value = Tag> {
    prop_oneof!["[a-z]{1,8}", "[a-z]{1,5} [a-z]{1,5}", "[0-9]{1,3}", "\\PC{1,10}"]
        .prop_filter_map("valid tag", |s| Tag::parse(&s).ok())
}

fn arb_title() -> impl Strategy<Value = String> {
    (vocab_text(), "\\PC{0,12}").prop_map(|(a, b)| format!("{a} {b}")).prop_filter_map(
        "non-empty title",
        |t| {
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            (!t.is_empty()).then_some(t)
        },
    )
}

fn arb_due() -> impl Strategy<Value = Due> {
    (0i64..4000, proptest::option::of(0u32..1440)).prop_map(|(d, m)| {
        Due::new(
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::TimeDelta::days(d),
            m.map(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap()),
        )
    })
}

fn arb_priority() -> impl Strategy<Value = Priority> {
    proptest::sample::select(Priority::ALL.to_vec())
}

proptest! {
    // 512 cases unless PROPTEST_CASES asks for more (e.g. a long run before a release).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn never_panics_on_any_text(s in "\\PC{0,600}") {
        let q = parse(&s);
        for r in &q.recognised {
            prop_assert_eq!(&s[r.span.clone()], r.text.as_str());
        }
    }

    #[test]
    fn never_panics_on_keyword_soup(s in vocab_text()) {
        let q = parse(&s);
        prop_assert!(!q.title.is_empty() || s.trim().is_empty());
    }

    #[test]
    fn parsed_text_renders_back_to_the_same_fields(s in vocab_text()) {
        let q = parse(&s);
        if q.title.is_empty() {
            return Ok(()); // blank input: nothing to render
        }
        let text = to_quick_add_text(&q.title, q.priority, &q.tags, q.due, q.recurrence.as_ref());
        let back = parse(&text);
        prop_assert_eq!((&back.title, back.priority, &back.tags, back.due, &back.recurrence),
            (&q.title, q.priority, &q.tags, q.due, &q.recurrence), "{:?} rendered as {:?}", s, text);
    }

    #[test]
    fn task_fields_render_to_text_that_parses_back(
        title in arb_title(),
        priority in arb_priority(),
        tags in proptest::collection::vec(arb_tag(), 0..4),
        due in proptest::option::of(arb_due()),
        recurrence in proptest::option::of(crate::recurrence::tests::arb_recurrence()),
    ) {
        let mut unique = Vec::new();
        for t in tags {
            push_unique(&mut unique, t);
        }
        // A repeating task always has a due date.
        let due = if recurrence.is_some() { due.or(Due::parse_iso("2026-12-24").ok()) } else { due };
        let text = to_quick_add_text(&title, priority, &unique, due, recurrence.as_ref());
        let back = parse(&text);
        prop_assert_eq!((&back.title, back.priority, &back.tags, back.due, back.recurrence.as_ref()),
            (&title, priority, &unique, due, recurrence.as_ref()), "rendered as {:?}", text);
    }
}
