//! Tags, updates, quick add and the migration through `todo_store`; and isolation: one user's tags, searches and
//! views never include another user's tasks, and SQL refuses another user's tag on a task.

use todo_domain::task::TaskDescription;
use todo_domain::{AppError, FieldsText, Priority, TaskFields, TaskPatch, TaskQuery, View};
use todo_store::{completion, tags as tag_repo, task_details, task_list, tasks as task_repo};

use super::{at, due, fields, rule, tags, titles, Store};

const NOW: &str = "2026-12-02T10:00:00Z";

#[tokio::test]
async fn one_users_tags_searches_and_views_never_hold_anothers_tasks() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    let bob = s.user("bob@example.com", "UTC").await;
    let secret = s.add(ada, "Ada secret plan", fields("2026-12-02", Priority::High, &["home"])).await;
    s.add(bob, "Bob plan", fields("2026-12-03", Priority::High, &["Home"])).await;

    let q = TaskQuery::default;
    for query in [
        q(),
        TaskQuery { tag: Some(tags(&["home"])[0].clone()), ..q() },
        TaskQuery { search: Some("plan".into()), ..q() },
        TaskQuery { search: Some("secret".into()), ..q() },
        TaskQuery { view: View::Today, ..q() },
        TaskQuery { view: View::Upcoming, ..q() },
        TaskQuery { priority: Some(Priority::High), ..q() },
    ] {
        let got = task_list::list(&s.pool, bob, query.clone(), at(NOW)).await.unwrap().tasks;
        assert!(titles(&got).iter().all(|t| t.starts_with("Bob")), "{query:?}: {:?}", titles(&got));
    }
    let bobs_tags = tag_repo::list(&s.pool, bob).await.unwrap();
    assert_eq!(bobs_tags.len(), 1);
    assert_eq!((bobs_tags[0].name.as_str(), bobs_tags[0].tasks), ("Home", 1), "each user has their own tag");

    // Another user's task answers like a missing one.
    let id = secret.task.id;
    let not_found = AppError::NotFound(format!("Task {id}"));
    assert_eq!(task_details::get(&s.pool, bob, id).await.unwrap_err(), not_found);
    let patch = TaskPatch { priority: Some(Priority::Low), ..TaskPatch::default() };
    assert_eq!(task_details::update(&s.pool, bob, id, &patch).await.unwrap_err(), not_found);
    assert_eq!(completion::complete(&s.pool, bob, id, at(NOW)).await.unwrap_err(), not_found);
    assert!(!task_details::get(&s.pool, ada, id).await.unwrap().task.done);

    // SQL itself refuses to put Bob's tag on Ada's task, whichever owner the row claims.
    let bob_tag: i64 = sqlx::query_scalar("SELECT id FROM tags WHERE owner_id = $1")
        .bind(bob)
        .fetch_one(&s.pool)
        .await
        .unwrap();
    for owner in [ada, bob] {
        let err = sqlx::query("INSERT INTO task_tags (task_id, tag_id, owner_id) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(bob_tag)
            .bind(owner)
            .execute(&s.pool)
            .await
            .unwrap_err();
        assert_eq!(
            err.as_database_error().and_then(|e| e.code()).as_deref(),
            Some("23503"),
            "foreign key: {err}"
        );
    }
    // Renaming or deleting "home" as Bob touches Bob's tag only.
    tag_repo::delete(&s.pool, bob, &tags(&["HOME"])[0]).await.unwrap();
    assert_eq!(task_details::get(&s.pool, ada, id).await.unwrap().tags, tags(&["home"]));
}

#[tokio::test]
async fn tags_are_listed_renamed_and_deleted() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    let milk = s.add(ada, "Milk", fields("", Priority::None, &["shopping", "home"])).await;
    s.add(ada, "Bread", fields("", Priority::None, &["Shopping"])).await;
    completion::complete(&s.pool, ada, milk.task.id, at(NOW)).await.unwrap();
    let listed: Vec<(String, i64, i64)> = tag_repo::list(&s.pool, ada)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.name.as_str().to_owned(), t.tasks, t.open))
        .collect();
    assert_eq!(listed, [("home".to_owned(), 1, 0), ("shopping".to_owned(), 2, 1)]);

    let renamed =
        tag_repo::rename(&s.pool, ada, &tags(&["SHOPPING"])[0], &tags(&["groceries"])[0]).await.unwrap();
    assert_eq!(renamed.as_str(), "groceries");
    assert_eq!(
        task_details::get(&s.pool, ada, milk.task.id).await.unwrap().tags,
        tags(&["groceries", "home"])
    );
    let conflict =
        tag_repo::rename(&s.pool, ada, &tags(&["groceries"])[0], &tags(&["Home"])[0]).await.unwrap_err();
    assert!(conflict.for_field("tags").unwrap().contains("already"));
    let missing = tag_repo::rename(&s.pool, ada, &tags(&["nope"])[0], &tags(&["x"])[0]).await.unwrap_err();
    assert!(matches!(missing, AppError::NotFound(_)));

    tag_repo::delete(&s.pool, ada, &tags(&["home"])[0]).await.unwrap();
    assert_eq!(task_details::get(&s.pool, ada, milk.task.id).await.unwrap().tags, tags(&["groceries"]));
    assert!(matches!(tag_repo::delete(&s.pool, ada, &tags(&["home"])[0]).await, Err(AppError::NotFound(_))));
}

/// The task page reads its counts, its undoable deletion and its tags in one statement: the tags as
/// `tags::list` lists them, and nothing of another user's.
#[tokio::test]
async fn the_pages_summary_and_tags_come_in_one_statement_for_their_owner_only() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    let bob = s.user("bob@example.com", "UTC").await;
    let (summary, tags_none) = task_repo::summary_and_tags(&s.pool, ada).await.unwrap();
    assert_eq!((summary.open, summary.completed, summary.last_deletion), (0, 0, None));
    assert!(tags_none.is_empty());

    let milk = s.add(ada, "Milk", fields("", Priority::None, &["shopping", "Home"])).await;
    s.add(ada, "Bread", fields("", Priority::None, &["Shopping", "zebra"])).await;
    let rent = s.add(ada, "Rent", fields("", Priority::None, &["home"])).await;
    s.add(bob, "Bob's", fields("", Priority::None, &["apple", "shopping"])).await;
    completion::complete(&s.pool, ada, milk.task.id, at(NOW)).await.unwrap();
    task_repo::delete(&s.pool, ada, rent.task.id).await.unwrap();

    let (summary, tags) = task_repo::summary_and_tags(&s.pool, ada).await.unwrap();
    assert_eq!((summary.open, summary.completed), (1, 1));
    let deletion = summary.last_deletion.expect("the deletion can be undone");
    assert_eq!((deletion.count, deletion.title.as_str()), (1, "Rent"));
    let named: Vec<(String, i64, i64)> =
        tags.iter().map(|t| (t.name.as_str().to_owned(), t.tasks, t.open)).collect();
    assert_eq!(named, [("Home".to_owned(), 1, 0), ("shopping".to_owned(), 2, 1), ("zebra".to_owned(), 1, 1)]);
    assert_eq!(tags, tag_repo::list(&s.pool, ada).await.unwrap());
}

/// `task_counts` as (owner, live, open) for every user, checked against a count of the rows.
async fn kept_counts(pool: &sqlx::PgPool) -> Vec<(i64, i64, i64)> {
    let kept: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT owner_id, live, open FROM task_counts ORDER BY owner_id")
            .fetch_all(pool)
            .await
            .unwrap();
    let counted: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT u.id, count(t.id) FILTER (WHERE t.deleted_at IS NULL),
                count(t.id) FILTER (WHERE t.deleted_at IS NULL AND NOT t.done)
         FROM users u LEFT JOIN tasks t ON t.owner_id = u.id GROUP BY u.id ORDER BY u.id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(kept, counted, "task_counts (owner, live, open) against a count of the rows");
    kept
}

/// Clearing the completed and undoing a deletion at once (two tabs, a double submit) both finish, and the counts
/// stay right: each locks the owner's counts row only after the task rows it changes (a deadlock otherwise: the
/// clear's purge waited on the undo's rows while the undo waited on the counts row the clear held).
#[tokio::test]
async fn clearing_and_undoing_at_once_both_finish() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    let none = || fields("", Priority::None, &[]);
    for round in 0..20 {
        let gone = s.add(ada, &format!("Gone {round}"), none()).await.task.id;
        task_repo::delete(&s.pool, ada, gone).await.unwrap();
        let done = s.add(ada, &format!("Done {round}"), none()).await.task.id;
        task_repo::set_done(&s.pool, ada, done, true).await.unwrap();
        let (cleared, undone) =
            tokio::join!(task_repo::clear_completed(&s.pool, ada), task_repo::undo_delete(&s.pool, ada));
        cleared.unwrap();
        undone.unwrap();
        kept_counts(&s.pool).await;
    }
}

/// The page's counts come from `task_counts`, which triggers keep: after each kind of write, by each path that
/// writes tasks, they equal a count of the rows, for every user (including one the writes never touch).
#[tokio::test]
async fn the_kept_task_counts_follow_every_kind_of_write() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    let bob = s.user("bob@example.com", "UTC").await;
    let cy = s.user("cy@example.com", "UTC").await;
    let recount = || kept_counts(&s.pool);
    let pool = &s.pool;
    let open_done = |owner: i64| async move {
        let (summary, _) = task_repo::summary_and_tags(pool, owner).await.unwrap();
        (summary.open, summary.completed)
    };
    assert_eq!(recount().await.len(), 3, "a new user has a row of zeros");

    let milk = s.add(ada, "Milk", fields("", Priority::None, &[])).await.task.id;
    let rent = s.add(ada, "Rent", fields("", Priority::None, &[])).await.task.id;
    let walk = s.add(ada, "Walk", fields("", Priority::None, &[])).await.task.id;
    task_details::quick_add(
        &s.pool,
        ada,
        "Call mom tomorrow #family",
        &TaskDescription::parse(None).unwrap(),
        at(NOW),
    )
    .await
    .unwrap();
    s.add(bob, "Bob's", fields("", Priority::None, &[])).await;
    recount().await;
    assert_eq!(open_done(ada).await, (4, 0));

    // Completing and reopening, a title edit (no count changes), a repeating task's completion (one done, one new).
    task_repo::set_done(&s.pool, ada, milk, true).await.unwrap();
    completion::complete(&s.pool, ada, rent, at(NOW)).await.unwrap();
    task_repo::set_done(&s.pool, ada, rent, false).await.unwrap();
    let patch = TaskPatch {
        title: Some(todo_domain::task::TaskTitle::parse("Walk the dog").unwrap()),
        ..TaskPatch::default()
    };
    task_details::update(&s.pool, ada, walk, &patch).await.unwrap();
    let daily = TaskFields { recurrence: rule("FREQ=DAILY"), ..fields("2026-12-02", Priority::None, &[]) };
    let standup = s.add(ada, "Standup", daily).await.task.id;
    completion::complete(&s.pool, ada, standup, at(NOW)).await.unwrap();
    recount().await;
    assert_eq!(open_done(ada).await, (4, 2));

    // Deleting (undoable), undoing, deleting again, then clearing the completed and purging the deleted.
    task_repo::delete(&s.pool, ada, walk).await.unwrap();
    recount().await;
    assert_eq!(open_done(ada).await, (3, 2));
    task_repo::undo_delete(&s.pool, ada).await.unwrap();
    recount().await;
    assert_eq!(open_done(ada).await, (4, 2));
    task_repo::delete(&s.pool, ada, walk).await.unwrap();
    task_repo::clear_completed(&s.pool, ada).await.unwrap();
    recount().await;
    assert_eq!(open_done(ada).await, (3, 0));
    task_repo::dismiss_deletion(&s.pool, ada).await.unwrap();
    recount().await;

    // An import: many rows in one statement, some done.
    let imported: Vec<_> = (0..30)
        .map(|i| todo_domain::transfer::ImportedTask {
            title: todo_domain::task::TaskTitle::parse(&format!("Imported {i}")).unwrap(),
            description: TaskDescription::parse(None).unwrap(),
            done: i % 3 == 0,
            fields: fields("", Priority::None, &[]),
            created: None,
            completed: None,
        })
        .collect();
    todo_store::transfer::import(&s.pool, bob, &imported, at(NOW)).await.unwrap();
    recount().await;
    assert_eq!(open_done(bob).await, (21, 10));

    // An account's deletion takes its row with it and leaves the others' alone.
    todo_store::users::delete_account(&s.pool, ada, "ada@example.com").await.unwrap();
    let kept = recount().await;
    assert_eq!(kept, [(bob, 31, 21), (cy, 0, 0)]);
}

#[tokio::test]
async fn updates_set_and_clear_fields_and_a_repeat_needs_a_date() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "UTC").await;
    let task = s.add(ada, "Report", fields("", Priority::None, &[])).await;
    let id = task.task.id;
    let text = |t: FieldsText| t.patch().unwrap();
    let set = text(FieldsText {
        due_date: Some("2026-12-04".into()),
        due_time: Some("17:00".into()),
        priority: Some("p1".into()),
        tags: Some(vec!["#work".into(), "q4".into()]),
        rrule: Some("FREQ=WEEKLY;BYDAY=FR".into()),
        ..FieldsText::default()
    });
    let saved = task_details::update(&s.pool, ada, id, &set).await.unwrap();
    assert_eq!(saved.due, due("2026-12-04T17:00"));
    assert_eq!(saved.priority, Priority::Urgent);
    assert_eq!(saved.tags, tags(&["q4", "work"]));
    assert_eq!(saved.recurrence, rule("FREQ=WEEKLY;BYDAY=FR"));
    assert_eq!(saved.task.title, "Report", "kept");

    // Clearing the due date of a repeating task is refused; clearing both works.
    let no_due = text(FieldsText { due_date: Some(String::new()), ..FieldsText::default() });
    let err = task_details::update(&s.pool, ada, id, &no_due).await.unwrap_err();
    assert!(err.for_field("recurrence").is_some(), "{err:?}");
    let neither = text(FieldsText {
        due_date: Some(String::new()),
        rrule: Some(String::new()),
        tags: Some(vec![]),
        ..FieldsText::default()
    });
    let cleared = task_details::update(&s.pool, ada, id, &neither).await.unwrap();
    assert_eq!((cleared.due, cleared.recurrence, cleared.tags.len()), (None, None, 0));
    let repeat_only = text(FieldsText { rrule: Some("FREQ=DAILY".into()), ..FieldsText::default() });
    assert!(task_details::update(&s.pool, ada, id, &repeat_only)
        .await
        .unwrap_err()
        .for_field("recurrence")
        .is_some());
}

#[tokio::test]
async fn quick_add_parses_in_the_users_zone_and_says_what_it_took() {
    let s = Store::new().await;
    let ada = s.user("ada@example.com", "Europe/Berlin").await;
    // 23:30 UTC on Wednesday 2 Dec is 00:30 on Thursday in Berlin: "tomorrow" is Friday.
    let now = at("2026-12-02T23:30:00Z");
    let none = TaskDescription::parse(None).unwrap();
    let added = task_details::quick_add(&s.pool, ada, "call mom tomorrow 5pm #family !high", &none, now)
        .await
        .unwrap();
    assert_eq!(added.task.task.title, "call mom");
    assert_eq!(added.task.due, due("2026-12-04T17:00"));
    assert_eq!(added.task.priority, Priority::High);
    assert_eq!(added.task.tags, tags(&["family"]));
    assert_eq!(added.taken, ["due Fri 4 Dec 17:00", "high priority", "#family"]);

    let rent = task_details::quick_add(&s.pool, ada, "Pay rent every month on the 1st #home", &none, now)
        .await
        .unwrap();
    assert_eq!(rent.task.task.title, "Pay rent");
    assert_eq!(rent.task.due, due("2027-01-01"));
    assert!(rent.task.recurrence.is_some());

    let plain = task_details::quick_add(&s.pool, ada, "read the manual", &none, now).await.unwrap();
    assert_eq!(plain.task.task.title, "read the manual", "unrecognised text stays");
    assert!(plain.taken.is_empty());
}

#[tokio::test]
async fn the_migration_keeps_existing_rows() {
    let db = crate::support::TestDb::create().await;
    let pool = sqlx::PgPool::connect(&db.url()).await.unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (before, after): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|f| f.file_name().unwrap().to_str().unwrap() < "20261130120000");
    for f in &before {
        sqlx::raw_sql(&std::fs::read_to_string(f).unwrap()).execute(&pool).await.unwrap();
    }
    sqlx::raw_sql(
        "INSERT INTO users (email, password_hash) VALUES ('old@example.com', 'x');
         INSERT INTO tasks (owner_id, title, description, done) VALUES (1, 'Old task', 'notes', true), (1, 'Open one', NULL, false);",
    )
    .execute(&pool)
    .await
    .unwrap();
    for f in &after {
        sqlx::raw_sql(&std::fs::read_to_string(f).unwrap()).execute(&pool).await.unwrap();
    }
    let page = task_list::list(
        &pool,
        1,
        TaskQuery { sort: todo_domain::SortBy::Title, ..TaskQuery::default() },
        at(NOW),
    )
    .await
    .unwrap();
    assert_eq!(titles(&page.tasks), ["Old task", "Open one"]);
    let old = &page.tasks[0];
    assert_eq!((old.task.description.as_deref(), old.task.done), (Some("notes"), true));
    assert_eq!(
        (old.priority, old.due, old.tags.len(), old.recurrence.clone()),
        (Priority::None, None, 0, None)
    );
    assert_eq!(todo_store::users::time_zone(&pool, 1).await.unwrap().name(), "UTC");
    let (summary, _) = task_repo::summary_and_tags(&pool, 1).await.unwrap();
    assert_eq!((summary.open, summary.completed), (1, 1), "the kept counts start from the existing rows");
    let found = task_list::list(
        &pool,
        1,
        TaskQuery { search: Some("notes".into()), ..TaskQuery::default() },
        at(NOW),
    )
    .await
    .unwrap();
    assert_eq!(titles(&found.tasks), ["Old task"], "existing rows are searchable");
    pool.close().await;
}
