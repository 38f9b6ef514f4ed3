//! Every view, filter, search and sort of `todo_store::task_list`, keyset paging, and time zones.

use std::collections::HashSet;

use todo_domain::task::StatusFilter;
use todo_domain::{AppError, Priority, SortBy, SortDirection, TaskDetails, TaskFields, TaskQuery, View};
use todo_store::{completion, task_list};

use super::{at, due, fields, tags, titles, Store};

/// Wednesday 2 December 2026, 10:00 UTC.
const NOW: &str = "2026-12-02T10:00:00Z";

/// The six tasks of the filter tests, in creation order.
async fn six_tasks(s: &Store, owner: i64) -> Vec<TaskDetails> {
    let mut out = Vec::new();
    out.push(
        s.add_described(
            owner,
            "Write report",
            Some("quarterly numbers"),
            fields("2026-12-02", Priority::High, &["work"]),
        )
        .await,
    );
    out.push(s.add(owner, "Buy milk", fields("2026-12-01", Priority::Low, &["shopping", "Home"])).await);
    out.push(s.add(owner, "Pay rent", fields("2026-12-01", Priority::None, &["home"])).await);
    out.push(s.add(owner, "Call mom", fields("2026-12-05T17:00", Priority::Urgent, &["family"])).await);
    out.push(s.add(owner, "Plan trip", fields("2026-12-20", Priority::None, &[])).await);
    out.push(s.add(owner, "Read book", fields("", Priority::Medium, &[])).await);
    completion::complete(&s.pool, owner, out[2].task.id, super::at(NOW)).await.unwrap();
    out
}

async fn list(s: &Store, owner: i64, query: TaskQuery) -> Vec<TaskDetails> {
    task_list::list(&s.pool, owner, query, at(NOW)).await.unwrap().tasks
}

async fn sorted(s: &Store, owner: i64, query: TaskQuery) -> Vec<String> {
    titles(&list(s, owner, query).await).into_iter().map(str::to_owned).collect::<Vec<_>>()
}

async fn list_err(s: &Store, owner: i64, query: TaskQuery) -> AppError {
    task_list::list(&s.pool, owner, query, at(NOW)).await.unwrap_err()
}

fn set(tasks: &[TaskDetails]) -> HashSet<&str> {
    titles(tasks).into_iter().collect()
}

#[tokio::test]
async fn views_filters_and_search() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    six_tasks(&s, ada).await;
    let q = TaskQuery::default;
    let cases: Vec<(&str, TaskQuery, Vec<&str>)> = vec![
        ("all", q(), vec!["Write report", "Buy milk", "Pay rent", "Call mom", "Plan trip", "Read book"]),
        // Due today, or overdue and not done (Pay rent is done).
        ("today", TaskQuery { view: View::Today, ..q() }, vec!["Write report", "Buy milk"]),
        ("upcoming", TaskQuery { view: View::Upcoming, ..q() }, vec!["Write report", "Call mom"]),
        (
            "pending",
            TaskQuery { status: StatusFilter::Pending, ..q() },
            vec!["Write report", "Buy milk", "Call mom", "Plan trip", "Read book"],
        ),
        ("completed", TaskQuery { status: StatusFilter::Completed, ..q() }, vec!["Pay rent"]),
        ("priority", TaskQuery { priority: Some(Priority::High), ..q() }, vec!["Write report"]),
        ("no priority", TaskQuery { priority: Some(Priority::None), ..q() }, vec!["Pay rent", "Plan trip"]),
        ("tag", TaskQuery { tag: Some(tags(&["work"])[0].clone()), ..q() }, vec!["Write report"]),
        (
            "tag any case",
            TaskQuery { tag: Some(tags(&["HOME"])[0].clone()), ..q() },
            vec!["Buy milk", "Pay rent"],
        ),
        (
            "tag view + today",
            TaskQuery { view: View::Today, tag: Some(tags(&["home"])[0].clone()), ..q() },
            vec!["Buy milk"],
        ),
        (
            "due before",
            TaskQuery { due_before: due("2026-12-02").map(|d| d.date()), ..q() },
            vec!["Write report", "Buy milk", "Pay rent"],
        ),
        (
            "due after",
            TaskQuery { due_after: due("2026-12-05").map(|d| d.date()), ..q() },
            vec!["Call mom", "Plan trip"],
        ),
        (
            "due window",
            TaskQuery {
                due_after: due("2026-12-02").map(|d| d.date()),
                due_before: due("2026-12-05").map(|d| d.date()),
                ..q()
            },
            vec!["Write report", "Call mom"],
        ),
        ("no due", TaskQuery { no_due: true, ..q() }, vec!["Read book"]),
        ("search prefix", TaskQuery { search: Some("rep".into()), ..q() }, vec!["Write report"]),
        ("search description", TaskQuery { search: Some("Quarter".into()), ..q() }, vec!["Write report"]),
        ("search every word", TaskQuery { search: Some("mom call".into()), ..q() }, vec!["Call mom"]),
        ("search no match", TaskQuery { search: Some("mom milk".into()), ..q() }, vec![]),
        ("search syntax is text", TaskQuery { search: Some("milk & | !".into()), ..q() }, vec!["Buy milk"]),
        (
            "combined",
            TaskQuery { status: StatusFilter::Pending, search: Some("pla".into()), no_due: false, ..q() },
            vec!["Plan trip"],
        ),
    ];
    for (name, query, want) in cases {
        let got = list(&s, ada, query).await;
        assert_eq!(set(&got), want.into_iter().collect::<HashSet<_>>(), "{name}");
    }
    // The fields come back with each task.
    let report = &list(&s, ada, TaskQuery { search: Some("report".into()), ..q() }).await[0];
    assert_eq!(report.priority, Priority::High);
    assert_eq!(report.due, due("2026-12-02"));
    assert_eq!(report.tags, tags(&["work"]));
    let milk = &list(&s, ada, TaskQuery { search: Some("milk".into()), ..q() }).await[0];
    assert_eq!(milk.tags, tags(&["Home", "shopping"]), "tags in name order, as first written");
}

#[tokio::test]
async fn every_sort_both_ways() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    six_tasks(&s, ada).await;
    let by = |sort, direction| TaskQuery { sort, direction, ..TaskQuery::default() };
    for (sort, direction, want) in [
        (
            SortBy::Created,
            None,
            ["Read book", "Plan trip", "Call mom", "Pay rent", "Buy milk", "Write report"],
        ),
        (
            SortBy::Created,
            Some(SortDirection::Asc),
            ["Write report", "Buy milk", "Pay rent", "Call mom", "Plan trip", "Read book"],
        ),
        // Date-only tasks sort at the end of their day (ties by creation), undated ones last.
        (SortBy::Due, None, ["Buy milk", "Pay rent", "Write report", "Call mom", "Plan trip", "Read book"]),
        (
            SortBy::Due,
            Some(SortDirection::Desc),
            ["Read book", "Plan trip", "Call mom", "Write report", "Pay rent", "Buy milk"],
        ),
        (
            SortBy::Priority,
            None,
            ["Call mom", "Write report", "Read book", "Buy milk", "Plan trip", "Pay rent"],
        ),
        (
            SortBy::Priority,
            Some(SortDirection::Asc),
            ["Pay rent", "Plan trip", "Buy milk", "Read book", "Write report", "Call mom"],
        ),
        (SortBy::Title, None, ["Buy milk", "Call mom", "Pay rent", "Plan trip", "Read book", "Write report"]),
        (
            SortBy::Title,
            Some(SortDirection::Desc),
            ["Write report", "Read book", "Plan trip", "Pay rent", "Call mom", "Buy milk"],
        ),
    ] {
        assert_eq!(sorted(&s, ada, by(sort, direction)).await, want, "{sort:?} {direction:?}");
    }
}

#[tokio::test]
async fn keyset_pages_have_no_gaps_or_duplicates_and_are_capped() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    let priorities = Priority::ALL;
    for i in 0..23 {
        let day = format!("2026-12-{:02}", 1 + i % 9);
        let due_on = if i % 5 == 0 { String::new() } else { day };
        let title = format!("task {:02} {}", (i * 7) % 23, if i % 2 == 0 { "Even" } else { "odd" });
        s.add(ada, &title, fields(&due_on, priorities[i % 5], &[])).await;
    }
    for sort in SortBy::ALL {
        for direction in [SortDirection::Asc, SortDirection::Desc] {
            let base = TaskQuery { sort, direction: Some(direction), ..TaskQuery::default() };
            let all: Vec<i64> = list(&s, ada, TaskQuery { limit: Some(200), ..base.clone() })
                .await
                .iter()
                .map(|t| t.task.id)
                .collect();
            assert_eq!(all.len(), 23);
            let mut walked = Vec::new();
            let mut cursor = None;
            loop {
                let page = task_list::list(
                    &s.pool,
                    ada,
                    TaskQuery { limit: Some(5), cursor: cursor.clone(), ..base.clone() },
                    at(NOW),
                )
                .await
                .unwrap();
                assert!(page.tasks.len() <= 5);
                walked.extend(page.tasks.iter().map(|t| t.task.id));
                match page.next_cursor {
                    Some(c) => cursor = Some(c),
                    None => break,
                }
            }
            assert_eq!(walked, all, "{sort:?} {direction:?}: pages in order, no gap, no duplicate");
        }
    }

    // Stable under inserts: tasks added between pages do not shift the next page.
    let first = task_list::list(&s.pool, ada, TaskQuery { limit: Some(10), ..TaskQuery::default() }, at(NOW))
        .await
        .unwrap();
    for i in 0..3 {
        s.add(ada, &format!("late {i}"), TaskFields::default()).await;
    }
    let rest = task_list::list(
        &s.pool,
        ada,
        TaskQuery { limit: Some(200), cursor: first.next_cursor.clone(), ..TaskQuery::default() },
        at(NOW),
    )
    .await
    .unwrap();
    let seen: HashSet<i64> = first.tasks.iter().chain(&rest.tasks).map(|t| t.task.id).collect();
    assert_eq!(seen.len(), 23, "the 23 original tasks, each once");
    assert_eq!(first.tasks.len() + rest.tasks.len(), 23);

    // Default page size, the cap, and cursors that do not belong.
    assert_eq!(list(&s, ada, TaskQuery::default()).await.len(), 26);
    let limit = list_err(&s, ada, TaskQuery { limit: Some(201), ..TaskQuery::default() }).await;
    assert!(limit.for_field("limit").unwrap().contains("200"));
    let zero = list_err(&s, ada, TaskQuery { limit: Some(0), ..TaskQuery::default() }).await;
    assert!(zero.for_field("limit").is_some());
    let other_sort =
        TaskQuery { sort: SortBy::Title, cursor: first.next_cursor.clone(), ..TaskQuery::default() };
    assert!(list_err(&s, ada, other_sort).await.for_field("cursor").is_some());
    let garbage = TaskQuery { cursor: Some("not-a-cursor!".into()), ..TaskQuery::default() };
    assert!(list_err(&s, ada, garbage).await.for_field("cursor").is_some());
}

#[tokio::test]
async fn the_time_zone_decides_what_today_is() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "Europe/Berlin").await;
    s.add(ada, "Thursday thing", fields("2026-12-03", Priority::None, &[])).await;
    // 23:30 UTC on Wednesday is already Thursday in Berlin, still Wednesday in New York.
    let now = at("2026-12-02T23:30:00Z");
    let today = TaskQuery { view: View::Today, ..TaskQuery::default() };
    let page = task_list::list(&s.pool, ada, today.clone(), now).await.unwrap();
    assert_eq!(titles(&page.tasks), ["Thursday thing"]);
    assert_eq!(page.today.to_string(), "2026-12-03");

    todo_store::users::set_time_zone(&s.pool, ada, "America/New_York").await.unwrap();
    let page = task_list::list(&s.pool, ada, today, now).await.unwrap();
    assert!(page.tasks.is_empty());
    assert_eq!(page.today.to_string(), "2026-12-02");
    let upcoming = TaskQuery { view: View::Upcoming, ..TaskQuery::default() };
    assert_eq!(
        titles(&task_list::list(&s.pool, ada, upcoming, now).await.unwrap().tasks),
        ["Thursday thing"]
    );
    // The other lists read the zone in their own statement, or apart when they are empty.
    let all = task_list::list(&s.pool, ada, TaskQuery::default(), now).await.unwrap();
    assert_eq!((all.tasks.len(), all.today.to_string().as_str()), (1, "2026-12-02"));
    todo_store::users::set_time_zone(&s.pool, ada, "Europe/Berlin").await.unwrap();
    let all = task_list::list(&s.pool, ada, TaskQuery::default(), now).await.unwrap();
    assert_eq!(all.today.to_string(), "2026-12-03");
    let none = TaskQuery { search: Some("nothing matches".into()), ..TaskQuery::default() };
    let empty = task_list::list(&s.pool, ada, none, now).await.unwrap();
    assert_eq!((empty.tasks.len(), empty.today.to_string().as_str()), (0, "2026-12-03"));

    let bad = todo_store::users::set_time_zone(&s.pool, ada, "Mars/Olympus").await.unwrap_err();
    assert!(bad.for_field("time_zone").unwrap().contains("Mars/Olympus"));
}
