//! Export, then import into a fresh account: the same tasks. And the export's other formats, its scope and its
//! owner.

use serde_json::{json, Value};

use super::{export_raw, import_raw, titles};
use crate::helpers::spawn_app;
use crate::rest::{token, Api};

#[tokio::test]
async fn a_json_export_imports_into_a_fresh_account_as_the_same_tasks() {
    let app = spawn_app().await;
    let ada = token(&app, "ada@example.com", "write").await;
    let api = Api::new(&app, Some(ada.clone()));
    for body in [
        json!({"title": "Plain"}),
        json!({"title": "Everything", "description": "line one\nline two, with \"quotes\"", "priority": "urgent",
               "due_date": "2026-12-24", "due_time": "17:30", "tags": ["Home", "work"],
               "recurrence": "FREQ=WEEKLY;BYDAY=MO,WE", "repeat_from": "completion"}),
        json!({"title": "Monthly", "priority": "low", "due_date": "2027-01-31", "recurrence": "FREQ=MONTHLY;COUNT=5"}),
        json!({"title": "Dated", "priority": "medium", "due_date": "2026-12-02", "tags": ["Home"]}),
    ] {
        let a = api.post("/api/v1/tasks", body.clone()).await;
        assert_eq!(a.status.as_u16(), 201, "{body}: {}", a.body);
    }
    let done = api.post("/api/v1/tasks", json!({"title": "Finished", "priority": "high"})).await.body["id"]
        .as_i64()
        .unwrap();
    assert!(api.post(&format!("/api/v1/tasks/{done}/complete"), json!({})).await.status.is_success());

    let (status, headers, exported) = export_raw(&app, &ada, "json").await;
    assert_eq!(status, 200);
    assert!(headers["content-type"].to_str().unwrap().starts_with("application/json"));
    assert!(headers["content-disposition"].to_str().unwrap().contains("todo-export-"), "a download");
    let first: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(first["format"], "todo-app");
    assert_eq!(first["tasks"].as_array().unwrap().len(), 5);

    let bob = token(&app, "bob@example.com", "write").await;
    let preview = import_raw(&app, &bob, "", &exported, "application/json").await;
    assert_eq!(preview.status.as_u16(), 200, "{}", preview.body);
    assert_eq!((preview.body["dry_run"].clone(), preview.body["tasks"].clone()), (json!(true), json!(5)));
    assert_eq!(titles(&app, &bob).await, Vec::<String>::new(), "a dry run writes nothing");

    let applied = import_raw(&app, &bob, "dry_run=false", &exported, "application/json").await;
    assert_eq!(applied.status.as_u16(), 201, "{}", applied.body);
    assert_eq!(applied.body["imported"], 5);
    let (_, _, again) = export_raw(&app, &bob, "json").await;
    let second: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(second["tasks"], first["tasks"], "every field of every task, created and completed times too");
    app.cleanup().await;
}

#[tokio::test]
async fn the_icalendar_and_csv_exports_carry_the_fields() {
    let app = spawn_app().await;
    let ada = token(&app, "ada@example.com", "write").await;
    let api = Api::new(&app, Some(ada.clone()));
    let made = api
        .post(
            "/api/v1/tasks",
            json!({"title": "Pay rent, now", "description": "a; b", "priority": "urgent", "due_date": "2026-12-01",
                   "due_time": "09:00", "tags": ["home", "money"], "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1"}),
        )
        .await;
    assert_eq!(made.status.as_u16(), 201, "{}", made.body);
    let id = made.body["id"].as_i64().unwrap();

    let (status, headers, ics) = export_raw(&app, &ada, "ics").await;
    assert_eq!(status, 200);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let unfolded = ics.replace("\r\n ", "");
    for expected in [
        "BEGIN:VCALENDAR",
        "BEGIN:VTODO",
        &format!("UID:task-{id}@todo-app"),
        "SUMMARY:Pay rent\\, now",
        "DESCRIPTION:a\\; b",
        "PRIORITY:1",
        "CATEGORIES:home,money",
        "STATUS:NEEDS-ACTION",
        "DUE:20261201T090000Z",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
        "END:VCALENDAR",
    ] {
        assert!(unfolded.contains(expected), "{expected} in\n{ics}");
    }

    let (status, headers, csv) = export_raw(&app, &ada, "csv").await;
    assert_eq!(status, 200);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("title,description,done,priority,due_date,due_time,tags"));
    assert!(lines
        .next()
        .unwrap()
        .starts_with("\"Pay rent, now\",a; b,false,urgent,2026-12-01,09:00,\"home, money\""));

    let (status, _, body) = export_raw(&app, &ada, "pdf").await;
    assert_eq!(status, 422, "{body}");
    app.cleanup().await;
}

#[tokio::test]
async fn an_export_holds_only_the_token_owners_tasks_and_a_read_token_cannot_import() {
    let app = spawn_app().await;
    let ada = token(&app, "ada@example.com", "write").await;
    let bob = token(&app, "bob@example.com", "write").await;
    Api::new(&app, Some(ada.clone())).post("/api/v1/tasks", json!({"title": "Ada's secret"})).await;
    Api::new(&app, Some(bob.clone())).post("/api/v1/tasks", json!({"title": "Bob's list"})).await;
    for format in ["json", "csv", "ics"] {
        let (status, _, body) = export_raw(&app, &bob, format).await;
        assert_eq!(status, 200);
        assert!(body.contains("Bob's list") && !body.contains("Ada's secret"), "{format}: {body}");
    }

    let reader = token(&app, "reader@example.com", "read").await;
    let (status, _, _) = export_raw(&app, &reader, "json").await;
    assert_eq!(status, 200, "reading is allowed");
    let file = r#"[{"title": "sneaked in"}]"#;
    for query in ["", "dry_run=false"] {
        let refused = import_raw(&app, &reader, query, file, "application/json").await;
        refused.problem(403);
    }
    let nobody = reqwest::Client::new().get(format!("{}/api/v1/export", app.address)).send().await.unwrap();
    assert_eq!(nobody.status().as_u16(), 401);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM tasks WHERE title = 'sneaked in'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
    app.cleanup().await;
}
