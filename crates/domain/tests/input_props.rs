//! Every parser of user text in the domain, on generated input: none panics, and each keeps its promises —
//! what it accepts is normalised (parsing it again gives the same value), within its length cap, storable
//! (no NUL, which PostgreSQL text cannot hold), and what it refuses names the field to fix.
//!
//! 256 cases per property by default (proptest's own default); `PROPTEST_CASES=20000 cargo test -p todo-domain
//! --features tz --test input_props` for a long run. The quick-add and RRULE parsers have their own properties
//! (src/quick_add/tests.rs, src/recurrence/tests.rs).

use chrono::NaiveDate;
use proptest::prelude::*;
use todo_domain::chat::{MessageText, MESSAGE_MAX};
use todo_domain::task::{StatusFilter, TaskDescription, TaskTitle, DESCRIPTION_MAX, TITLE_MAX};
use todo_domain::task_input::{parse_tags, parse_when};
use todo_domain::task_query::{PAGE_SIZE_MAX, SEARCH_MAX_CHARS};
use todo_domain::token::{TokenName, TokenScope, NAME_MAX};
use todo_domain::user::{Email, Password, PASSWORD_MAX, PASSWORD_MIN};
use todo_domain::{AppError, Due, FieldsText, Priority, QuickAddContext, Tag, TaskQuery};

/// Text that people and attackers type: any characters, with a bias towards the troublesome ones (controls, NUL,
/// bidi overrides, combining marks, zero-width and wide characters, quotes, SQL and markup) and lengths around
/// the caps.
fn nasty_text(max: usize) -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "\0",
        "\u{202e}",
        "\u{200f}",
        "\u{200b}",
        "\u{feff}",
        "e\u{301}",
        "\u{301}",
        "\u{1f4a9}",
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
        "\u{130}",
        "\u{df}",
        "\u{3a3}",
        "\u{fdfd}",
        "\u{fffd}",
        "\t",
        "\n",
        "\r\n",
        " ",
        "\u{a0}",
        "\u{3000}",
        "'",
        "\"",
        "`",
        "\\",
        "%00",
        "%",
        "+",
        "&",
        "=",
        "#",
        "@",
        "' OR '1'='1",
        "'; DROP TABLE tasks; --",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{{7*7}}",
        "${jndi:ldap://x}",
        "../../etc/passwd",
        "a",
        "Z",
        "9",
    ];
    prop_oneof![
        3 => proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|p| p.concat()),
        2 => proptest::string::string_regex(&format!("\\PC{{0,{max}}}")).unwrap(),
        1 => proptest::string::string_regex(&format!(".{{0,{max}}}")).unwrap(),
        // Just under, at and over a cap.
        1 => (max.saturating_sub(2)..=max + 2, proptest::sample::select(vec!['x', 'é', '\u{1f600}', ' ']))
            .prop_map(|(n, c)| std::iter::repeat_n(c, n).collect()),
    ]
}

fn field_of(err: &AppError, field: &str) -> bool {
    err.for_field(field).is_some_and(|m| !m.trim().is_empty())
}

/// Decodes `%XX` escapes (what `TaskQuery::to_query_string` writes) into key/value pairs.
fn decode_query(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' && i + 2 < bytes.len() {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (decode(k), decode(v))
        })
        .collect()
}

const QUERY_KEYS: &[&str] = &[
    "view",
    "status",
    "filter",
    "priority",
    "tag",
    "due_before",
    "due_after",
    "no_due",
    "search",
    "q",
    "sort",
    "direction",
    "dir",
    "limit",
    "cursor",
    "edit",
    "",
];

/// Values that are sometimes right for some key.
fn query_value() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "all",
            "today",
            "upcoming",
            "pending",
            "active",
            "completed",
            "done",
            "high",
            "p1",
            "!low",
            "none",
            "home",
            "#work",
            "2026-12-24",
            "2026-02-30",
            "1",
            "0",
            "201",
            "-5",
            "on",
            "true",
            "created",
            "due",
            "priority",
            "title",
            "asc",
            "desc",
            "  DESC  ",
            "report",
            "",
        ])
        .prop_map(str::to_owned),
        nasty_text(SEARCH_MAX_CHARS),
    ]
}

proptest! {
    #[test]
    fn titles_are_trimmed_bounded_storable_and_parse_to_themselves(raw in nasty_text(TITLE_MAX)) {
        let trimmed = raw.trim();
        let acceptable = !trimmed.is_empty() && !trimmed.contains('\0') && trimmed.chars().count() <= TITLE_MAX;
        match TaskTitle::parse(&raw) {
            Ok(title) => {
                prop_assert!(acceptable, "{raw:?} accepted");
                prop_assert_eq!(title.as_str(), trimmed);
                prop_assert_eq!(TaskTitle::parse(title.as_str()).unwrap(), title);
            }
            Err(err) => {
                prop_assert!(!acceptable, "{raw:?} refused: {err}");
                prop_assert!(field_of(&err, "title"), "{err:?}");
            }
        }
    }

    #[test]
    fn descriptions_are_trimmed_bounded_storable_and_blank_is_none(raw in nasty_text(DESCRIPTION_MAX)) {
        match TaskDescription::parse(Some(&raw)) {
            Ok(d) => match d.as_deref() {
                None => prop_assert!(raw.trim().is_empty()),
                Some(text) => {
                    prop_assert_eq!(text, raw.trim());
                    prop_assert!(!text.contains('\0') && text.chars().count() <= DESCRIPTION_MAX);
                    prop_assert_eq!(TaskDescription::parse(Some(text)).unwrap(), d.clone());
                }
            },
            Err(err) => {
                prop_assert!(
                    raw.trim().contains('\0') || raw.trim().chars().count() > DESCRIPTION_MAX,
                    "{raw:?}: {err}"
                );
                prop_assert!(field_of(&err, "description"), "{err:?}");
            }
        }
    }

    #[test]
    fn emails_are_normalised_once_and_for_all(raw in prop_oneof![
        nasty_text(260),
        (nasty_text(20), nasty_text(20), "[a-z]{1,5}").prop_map(|(l, d, tld)| format!("{l}@{d}.{tld}")),
        ("[A-Za-z0-9._%+-]{1,64}", "[A-Za-z0-9-]{1,63}", "[A-Za-z]{2,6}").prop_map(|(l, d, t)| format!(" {l}@{d}.{t} ")),
    ]) {
        match Email::parse(&raw) {
            Ok(email) => {
                let e = email.as_str();
                prop_assert_eq!(e, e.to_lowercase());
                prop_assert_eq!(e, e.trim());
                prop_assert!(e.chars().count() <= 254, "{e:?}");
                prop_assert!(!e.chars().any(|c| c.is_whitespace() || c.is_control()), "{e:?}");
                let (local, domain) = e.split_once('@').unwrap();
                prop_assert!(!local.is_empty() && domain.contains('.') && !domain.contains('@'), "{e:?}");
                prop_assert_eq!(Email::parse(e).unwrap(), email.clone(), "normalising is idempotent");
            }
            Err(err) => prop_assert!(field_of(&err, "email"), "{err:?}"),
        }
    }

    #[test]
    fn passwords_are_taken_as_typed_within_the_length_rules(raw in nasty_text(PASSWORD_MAX)) {
        let len = raw.chars().count();
        match Password::parse(&raw) {
            Ok(p) => {
                prop_assert!((PASSWORD_MIN..=PASSWORD_MAX).contains(&len));
                prop_assert_eq!(p.expose(), raw.as_str(), "not trimmed, not changed");
                prop_assert_eq!(format!("{p:?}"), "Password(***)", "never shown");
            }
            Err(err) => {
                prop_assert!(!(PASSWORD_MIN..=PASSWORD_MAX).contains(&len));
                prop_assert!(field_of(&err, "password"), "{err:?}");
            }
        }
    }

    #[test]
    fn tags_are_bounded_clean_and_survive_json_and_quick_add(raw in nasty_text(Tag::MAX_CHARS)) {
        let Ok(tag) = Tag::parse(&raw) else { return Ok(()) };
        let name = tag.as_str();
        prop_assert_eq!(name, raw.trim());
        prop_assert!(!name.is_empty() && name.chars().count() <= Tag::MAX_CHARS, "{name:?}");
        prop_assert!(!name.starts_with('#') && !name.chars().any(|c| c == '"' || c.is_control()), "{name:?}");
        prop_assert_eq!(Tag::parse(name).unwrap(), tag.clone());
        prop_assert_eq!(tag.key(), tag.key().to_lowercase());
        let json = serde_json::to_string(&tag).unwrap();
        prop_assert_eq!(serde_json::from_str::<Tag>(&json).unwrap(), tag.clone());
        // A list of tag names takes a leading '#' off and keeps each tag once.
        let names = vec![format!("#{name}"), name.to_uppercase(), name.to_owned()];
        if let Ok(tags) = parse_tags(&names) {
            prop_assert!(tags.iter().filter(|t| t.key() == tag.key()).count() <= 1, "{tags:?}");
        }
    }

    #[test]
    fn token_names_and_scopes(raw in nasty_text(NAME_MAX), scope in nasty_text(8)) {
        match TokenName::parse(&raw) {
            Ok(name) => {
                prop_assert_eq!(name.as_str(), raw.trim());
                prop_assert!(name.as_str().chars().count() <= NAME_MAX);
                prop_assert!(!name.as_str().chars().any(char::is_control), "{:?}", name.as_str());
                prop_assert_eq!(TokenName::parse(name.as_str()).unwrap(), name.clone());
            }
            Err(err) => prop_assert!(field_of(&err, "name"), "{err:?}"),
        }
        match TokenScope::parse(&scope) {
            Ok(s) => prop_assert_eq!(TokenScope::parse(s.as_str()).unwrap(), s),
            Err(err) => prop_assert!(field_of(&err, "scope"), "{err:?}"),
        }
    }

    #[test]
    fn chat_messages_are_bounded_and_storable(raw in nasty_text(MESSAGE_MAX)) {
        match MessageText::parse(&raw) {
            Ok(text) => {
                prop_assert_eq!(text.as_str(), raw.trim());
                prop_assert!(!text.as_str().contains('\0') && text.as_str().chars().count() <= MESSAGE_MAX);
            }
            Err(err) => prop_assert!(field_of(&err, "text"), "{err:?}"),
        }
    }

    #[test]
    fn priorities_read_back_from_their_own_names_and_tokens(raw in nasty_text(10)) {
        if let Ok(p) = raw.parse::<Priority>() {
            prop_assert_eq!(p.as_str().parse::<Priority>().unwrap(), p);
            if let Some(token) = p.token() {
                prop_assert_eq!(Priority::from_token(token), Some(p));
            }
        }
    }

    #[test]
    fn due_dates_round_trip_through_their_iso_text(days in 0i64..60_000, minutes in proptest::option::of(0u32..1440), raw in nasty_text(20)) {
        let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::TimeDelta::days(days);
        let time = minutes.map(|m| chrono::NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap());
        let due = Due::new(date, time);
        prop_assert_eq!(Due::parse_iso(&due.to_iso()).unwrap(), due);
        if let Ok(parsed) = Due::parse_iso(&raw) {
            prop_assert_eq!(Due::parse_iso(&parsed.to_iso()).unwrap(), parsed);
        }
        // "when" text as people type it: never panics, whatever it is.
        let ctx = QuickAddContext::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(9, 0, 0).unwrap());
        let _ = parse_when(&raw, ctx);
    }

    #[test]
    fn list_queries_are_bounded_and_their_links_read_back(
        pairs in proptest::collection::vec((proptest::sample::select(QUERY_KEYS), query_value()), 0..8),
    ) {
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let Ok(query) = TaskQuery::from_pairs(borrowed) else { return Ok(()) };
        if let Some(limit) = query.limit {
            prop_assert!((1..=PAGE_SIZE_MAX).contains(&limit));
        }
        prop_assert!((1..=PAGE_SIZE_MAX).contains(&query.page_size()));
        if let Some(search) = &query.search {
            prop_assert!(!search.contains('\0') && search.chars().count() <= SEARCH_MAX_CHARS);
            prop_assert_eq!(search.as_str(), search.trim());
        }
        if let (Some(after), Some(before)) = (query.due_after, query.due_before) {
            prop_assert!(after <= before);
        }
        // The first page's link names the same list.
        let link = query.to_query_string();
        let decoded = decode_query(&link);
        let back = TaskQuery::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        prop_assert_eq!(back, TaskQuery { cursor: None, ..query }, "{}", link);
    }

    #[test]
    fn editor_fields_never_panic_and_refusals_name_a_field(
        title in proptest::option::of(nasty_text(TITLE_MAX)),
        due_date in proptest::option::of(prop_oneof![Just("2026-12-24".to_owned()), nasty_text(12)]),
        due_time in proptest::option::of(prop_oneof![Just("17:00".to_owned()), nasty_text(6)]),
        priority in proptest::option::of(nasty_text(8)),
        tags in proptest::option::of(proptest::collection::vec(nasty_text(Tag::MAX_CHARS), 0..4)),
        rrule in proptest::option::of(prop_oneof![Just("FREQ=WEEKLY;BYDAY=MO".to_owned()), nasty_text(30)]),
    ) {
        let text = FieldsText { title, description: None, due_date, due_time, priority, tags, rrule, repeat_from: None };
        if let Err(err) = text.patch() {
            prop_assert!(matches!(err, AppError::Invalid { .. }), "{err:?}");
        }
        let _ = text.fields();
        let status = StatusFilter::parse("pending").unwrap();
        prop_assert_eq!(StatusFilter::parse(status.as_str()).unwrap(), status);
    }
}

#[cfg(feature = "tz")]
mod zones {
    use super::*;
    use todo_domain::due::{parse_zone, zone_names};

    #[test]
    fn every_offered_zone_parses_to_itself() {
        for name in zone_names() {
            let zone = parse_zone(name).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(zone.name(), name);
        }
    }

    proptest! {
        #[test]
        fn zone_names_never_panic_and_read_back(raw in prop_oneof![
            nasty_text(40),
            proptest::sample::select(zone_names()).prop_map(|z| format!("  {z}\t")),
        ]) {
            if let Ok(zone) = parse_zone(&raw) {
                prop_assert_eq!(parse_zone(zone.name()).unwrap(), zone);
                prop_assert_eq!(zone.name(), raw.trim());
            }
        }
    }
}
