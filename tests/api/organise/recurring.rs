//! Completing a repeating task creates its next occurrence exactly once — under concurrent calls, a double submit
//! and a reopen — with the rule's end, month ends and DST handled end to end through the store.

use todo_domain::{Priority, TaskFields};
use todo_store::completion::complete;

use super::{at, due, rule, tags, Store};

async fn occurrences(s: &Store, owner: i64) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM tasks WHERE owner_id = $1 AND deleted_at IS NULL")
        .bind(owner)
        .fetch_one(&s.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn concurrent_and_repeated_completions_create_one_next_occurrence() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "Europe/Berlin").await;
    let fields = TaskFields {
        priority: Priority::High,
        due: due("2026-12-02T09:30"),
        tags: tags(&["work"]),
        recurrence: rule("FREQ=DAILY"),
    };
    let standup = s.add(ada, "Standup", fields).await;
    let id = standup.task.id;
    let now = at("2026-12-02T10:00:00Z");

    // Two calls at once (the web app and todo-mcp), each on its own connection.
    let (a, b) = tokio::join!(complete(&s.pool, ada, id, now), complete(&s.pool, ada, id, now));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(occurrences(&s, ada).await, 2, "exactly one next occurrence");
    let next = a.next.clone().expect("next occurrence");
    assert_eq!(b.next.as_ref().map(|n| n.task.id), Some(next.task.id), "both calls see the same one");
    assert!(a.task.task.done && b.task.task.done);
    assert_eq!(next.due, due("2026-12-03T09:30"));
    assert_eq!(
        (next.task.title.as_str(), next.priority, next.tags.clone()),
        ("Standup", Priority::High, tags(&["work"]))
    );
    assert!(!next.task.done);
    assert_eq!(next.recurrence, standup.recurrence);

    // A double submit, and completing again after reopening: still one.
    complete(&s.pool, ada, id, now).await.unwrap();
    todo_store::tasks::set_done(&s.pool, ada, id, false).await.unwrap();
    let again = complete(&s.pool, ada, id, now).await.unwrap();
    assert_eq!(again.next.map(|n| n.task.id), Some(next.task.id));
    assert_eq!(occurrences(&s, ada).await, 2);

    // The existing done toggle (web page, MCP complete_task) goes the same way.
    todo_store::tasks::set_done(&s.pool, ada, next.task.id, true).await.unwrap();
    assert_eq!(occurrences(&s, ada).await, 3);
    let (x, y) = tokio::join!(
        todo_store::tasks::set_done(&s.pool, ada, next.task.id, true),
        todo_store::tasks::set_done(&s.pool, ada, next.task.id, true)
    );
    x.unwrap();
    y.unwrap();
    assert_eq!(occurrences(&s, ada).await, 3);
}

#[tokio::test]
async fn count_ends_the_series_and_completion_based_repeats_restart() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    let twice = TaskFields {
        due: due("2026-12-01"),
        recurrence: rule("FREQ=DAILY;COUNT=2"),
        ..TaskFields::default()
    };
    let first = s.add(ada, "Twice", twice).await;
    let second =
        complete(&s.pool, ada, first.task.id, at("2026-12-01T12:00:00Z")).await.unwrap().next.unwrap();
    assert_eq!(second.due, due("2026-12-02"));
    let last = complete(&s.pool, ada, second.task.id, at("2026-12-02T12:00:00Z")).await.unwrap();
    assert_eq!(last.next, None, "COUNT=2: no third occurrence");

    let water = TaskFields {
        due: due("2026-12-01"),
        recurrence: rule("FREQ=DAILY;INTERVAL=3")
            .map(|r| r.with_repeat_from(todo_domain::RepeatFrom::Completion)),
        ..TaskFields::default()
    };
    let plants = s.add(ada, "Water plants", water).await;
    let next =
        complete(&s.pool, ada, plants.task.id, at("2026-12-05T08:00:00Z")).await.unwrap().next.unwrap();
    assert_eq!(next.due, due("2026-12-08"), "three days after completion");
}

#[tokio::test]
async fn month_ends_and_dst_through_the_store() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "Europe/Berlin").await;
    // Monthly from Jan 31: Feb 28, then back to Mar 31 (the day is anchored when saved).
    let rent =
        TaskFields { due: due("2026-01-31"), recurrence: rule("FREQ=MONTHLY"), ..TaskFields::default() };
    let jan = s.add(ada, "Rent", rent).await;
    assert_eq!(jan.recurrence.as_ref().unwrap().to_rrule(), "FREQ=MONTHLY;BYMONTHDAY=31");
    let feb = complete(&s.pool, ada, jan.task.id, at("2026-01-31T12:00:00Z")).await.unwrap().next.unwrap();
    assert_eq!(feb.due, due("2026-02-28"));
    let mar = complete(&s.pool, ada, feb.task.id, at("2026-02-28T12:00:00Z")).await.unwrap().next.unwrap();
    assert_eq!(mar.due, due("2026-03-31"));

    // Daily at 09:30 Berlin across the spring-forward night (2026-03-29): still 09:30 local.
    let standup =
        TaskFields { due: due("2026-03-28T09:30"), recurrence: rule("FREQ=DAILY"), ..TaskFields::default() };
    let sat = s.add(ada, "Standup", standup).await;
    let sun = complete(&s.pool, ada, sat.task.id, at("2026-03-28T08:35:00Z")).await.unwrap().next.unwrap();
    assert_eq!(sun.due, due("2026-03-29T09:30"));
    let zone = todo_store::users::time_zone(&s.pool, ada).await.unwrap();
    assert_eq!(sun.due.unwrap().to_utc(zone), at("2026-03-29T07:30:00Z"), "CEST: UTC+2");
}

#[tokio::test]
async fn a_task_that_does_not_repeat_completes_alone_and_keeps_a_next_from_an_earlier_rule() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    let bob = s.user("bob@example.com", "UTC").await;
    let plain =
        s.add(ada, "Post letter", TaskFields { tags: tags(&["home"]), ..TaskFields::default() }).await;
    let now = at("2026-12-02T10:00:00Z");

    // Completed by one statement: returned done with its fields, no next occurrence, whoever asks twice at once.
    let (a, b) =
        tokio::join!(complete(&s.pool, ada, plain.task.id, now), complete(&s.pool, ada, plain.task.id, now));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.task.task.done && b.task.task.done);
    assert_eq!((a.task.tags.clone(), a.next, b.next), (tags(&["home"]), None, None));
    assert_eq!(occurrences(&s, ada).await, 1);
    let completed_at: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT completed_at FROM tasks WHERE id = $1")
            .bind(plain.task.id)
            .fetch_one(&s.pool)
            .await
            .unwrap();
    assert_eq!(completed_at, Some(now));

    // Another owner's task is not found and stays open.
    let theirs = s.add(bob, "Bob's", TaskFields::default()).await;
    assert!(matches!(
        complete(&s.pool, ada, theirs.task.id, now).await,
        Err(todo_domain::AppError::NotFound(_))
    ));
    assert!(!todo_store::task_details::get(&s.pool, bob, theirs.task.id).await.unwrap().task.done);

    // A task completed while it repeated, reopened and then made not to repeat still reports that next one.
    let weekly =
        TaskFields { due: due("2026-12-02T09:00"), recurrence: rule("FREQ=WEEKLY"), ..TaskFields::default() };
    let review = s.add(ada, "Review", weekly).await;
    let next = complete(&s.pool, ada, review.task.id, now).await.unwrap().next.expect("next occurrence");
    todo_store::tasks::set_done(&s.pool, ada, review.task.id, false).await.unwrap();
    let no_repeat = todo_domain::TaskPatch { recurrence: Some(None), ..todo_domain::TaskPatch::default() };
    todo_store::task_details::update(&s.pool, ada, review.task.id, &no_repeat).await.unwrap();
    let again = complete(&s.pool, ada, review.task.id, now).await.unwrap();
    assert!(again.task.task.done && again.task.recurrence.is_none());
    assert_eq!(again.next.map(|n| n.task.id), Some(next.task.id));
    assert_eq!(occurrences(&s, ada).await, 3, "no other occurrence");
}
