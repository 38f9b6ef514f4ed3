//! Each import format with a good file and with a bad row (nothing written, the line reported), and the caps.

use serde_json::{json, Value};

use super::{export_raw, import_raw, titles};
use crate::helpers::spawn_app;
use crate::rest::token;

/// The token owner's exported tasks, by title.
async fn exported(app: &crate::helpers::TestApp, token: &str) -> Vec<Value> {
    let (_, _, body) = export_raw(app, token, "json").await;
    let doc: Value = serde_json::from_str(&body).unwrap();
    let mut tasks = doc["tasks"].as_array().unwrap().clone();
    tasks.sort_by_key(|t| t["title"].as_str().unwrap().to_owned());
    tasks
}

const OLD_JSON: &str = r#"{"tasks": [
  {"id": 7, "user_id": "u1", "title": "Water plants", "description": "balcony", "completed": false,
   "category": "home", "priority": "high", "due_date": "2026-12-24T17:30:00", "reminder_time": "2026-12-24T17:00:00",
   "is_recurring": true, "recurrence_pattern": "weekly", "recurrence_interval": 2,
   "created_at": "2026-11-01T08:00:00Z", "updated_at": "2026-11-02T08:00:00Z"},
  {"id": 8, "user_id": "u1", "title": "File taxes", "description": null, "completed": true,
   "category": "Admin", "priority": "low", "due_date": "2026-04-30T00:00:00", "reminder_time": null,
   "is_recurring": false, "recurrence_pattern": null, "created_at": "2026-01-10T09:00:00Z"}
]}"#;

#[tokio::test]
async fn the_old_systems_json_export_imports_with_categories_as_tags() {
    let app = spawn_app().await;
    let ada = token(&app, "ada@example.com", "write").await;
    let preview = import_raw(&app, &ada, "", OLD_JSON, "application/json").await;
    assert_eq!(preview.status.as_u16(), 200, "{}", preview.body);
    assert_eq!(preview.body["format"], "old system JSON export");
    assert_eq!(preview.body["tasks"], 2);
    assert_eq!(preview.body["preview"][0]["line"], 2, "{}", preview.body);
    assert_eq!(preview.body["preview"][1]["line"], 6);
    assert!(preview.body["notes"].to_string().contains("reminder"), "{}", preview.body);

    let applied = import_raw(&app, &ada, "dry_run=false", OLD_JSON, "application/json").await;
    assert_eq!(applied.status.as_u16(), 201, "{}", applied.body);
    let tasks = exported(&app, &ada).await;
    assert_eq!(tasks[0]["title"], "File taxes");
    assert_eq!(
        (
            &tasks[0]["done"],
            &tasks[0]["priority"],
            &tasks[0]["tags"],
            &tasks[0]["due_date"],
            &tasks[0]["due_time"]
        ),
        (&json!(true), &json!("low"), &json!(["Admin"]), &json!("2026-04-30"), &Value::Null),
        "midnight is a date without a time"
    );
    assert_eq!(tasks[0]["created_at"], "2026-01-10T09:00:00Z");
    let water = &tasks[1];
    assert_eq!(
        (&water["description"], &water["priority"], &water["tags"], &water["due_date"], &water["due_time"]),
        (&json!("balcony"), &json!("high"), &json!(["home"]), &json!("2026-12-24"), &json!("17:30"))
    );
    assert_eq!(water["recurrence"], "FREQ=WEEKLY;INTERVAL=2");
    assert_eq!(water["repeat_from"], "due");
    app.cleanup().await;
}

#[tokio::test]
async fn a_bad_row_imports_nothing_and_is_reported_with_its_line() {
    let app = spawn_app().await;
    let ada = token(&app, "ada@example.com", "write").await;
    let files = [
        // (file, content type, the bad row's line, its field)
        (
            "title,description,completed,category,priority,due_date,reminder_time,is_recurring,recurrence_pattern\n\
             Good one,,false,home,medium,2026-12-01,,false,\n\
             Bad one,,false,home,critical,2026-12-01,,false,\n",
            "text/csv",
            3,
            "priority",
        ),
        (
            "[{\"title\": \"fine\"},\n {\"title\": \"dated\", \"due_date\": \"next week\"}]",
            "application/json",
            2,
            "due_date",
        ),
        (
            "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n\
             task,Fine @home,,4,1,Ada (1),,,en,Europe/London\n\
             task,Odd,,9,1,Ada (1),,,en,Europe/London\n",
            "text/csv",
            3,
            "priority",
        ),
        (
            "{\"format\": \"todo-app\", \"version\": 1, \"tasks\": [\n  {\"title\": \"ok\"},\n  {\"title\": \"\"}\n]}",
            "application/json",
            3,
            "title",
        ),
    ];
    for (file, content_type, line, field) in files {
        let preview = import_raw(&app, &ada, "", file, content_type).await;
        assert_eq!(preview.status.as_u16(), 200, "{}", preview.body);
        assert_eq!(preview.body["tasks"], 1, "{}", preview.body);
        assert_eq!(preview.body["errors"][0]["line"], line, "{file}: {}", preview.body);
        assert_eq!(preview.body["errors"][0]["field"], field, "{file}: {}", preview.body);

        let refused = import_raw(&app, &ada, "dry_run=false", file, content_type).await;
        let problem = refused.problem(422);
        assert!(
            problem["errors"][0]["field"].as_str().unwrap().starts_with(&format!("line {line}")),
            "{problem}"
        );
        assert_eq!(titles(&app, &ada).await, Vec::<String>::new(), "nothing half-imported: {file}");
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM tags").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 0, "not even a tag");
    app.cleanup().await;
}

#[tokio::test]
async fn a_todoist_export_and_an_old_tasks_csv_import() {
    let app = spawn_app().await;
    let ada = token(&app, "ada@example.com", "write").await;
    let todoist = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT\n\
        section,Errands,,,,,,,,,,\n\
        task,Buy milk @shopping @home,2 litres,4,1,Ada (1),,2026-12-24,en,Europe/London,,\n\
        task,Stand-up,,1,2,Ada (1),,every weekday,en,Europe/London,,\n\
        note,remember the card,,,,Ada (1),,,,,,\n\
        ,,,,,,,,,,,\n";
    let applied = import_raw(&app, &ada, "format=todoist-csv&dry_run=false", todoist, "text/csv").await;
    assert_eq!(applied.status.as_u16(), 201, "{}", applied.body);
    assert_eq!(applied.body["imported"], 2);
    assert!(applied.body["notes"].to_string().contains("2 section and comment"), "{}", applied.body);
    let tasks = exported(&app, &ada).await;
    let milk = &tasks[0];
    assert_eq!(
        (&milk["title"], &milk["description"], &milk["priority"], &milk["tags"], &milk["due_date"]),
        (
            &json!("Buy milk"),
            &json!("2 litres"),
            &json!("urgent"),
            &json!(["home", "shopping"]),
            &json!("2026-12-24")
        ),
        "Todoist's priority 4 is p1, urgent; @labels are tags"
    );
    assert_eq!(tasks[1]["title"], "Stand-up");
    assert_eq!(tasks[1]["recurrence"], "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    assert!(tasks[1]["due_date"].is_string(), "a repeat starts on its first day");

    let bob = token(&app, "bob@example.com", "write").await;
    let csv = "id,user_id,title,description,completed,category,priority,due_date,reminder_time,is_recurring,recurrence_pattern,recurrence_interval,created_at,updated_at,colour\n\
        1,u,\"Call mum, Sunday\",\"about \"\"the trip\"\"\",t,family,medium,2026-12-06 18:00:00,,f,,,2026-11-20 10:00:00,2026-11-20 10:00:00,blue\n\
        2,u,Gym,,f,health,,2026-12-01,,t,daily,3,2026-11-21 10:00:00,2026-11-21 10:00:00,red\n";
    let applied = import_raw(&app, &bob, "dry_run=false", csv, "text/csv").await;
    assert_eq!(applied.status.as_u16(), 201, "{}", applied.body);
    assert_eq!(applied.body["format"], "old system tasks CSV");
    assert!(
        applied.body["notes"].to_string().contains("colour"),
        "unknown columns are named: {}",
        applied.body
    );
    let tasks = exported(&app, &bob).await;
    assert_eq!(
        (&tasks[0]["title"], &tasks[0]["description"], &tasks[0]["done"], &tasks[0]["due_time"]),
        (&json!("Call mum, Sunday"), &json!("about \"the trip\""), &json!(true), &json!("18:00"))
    );
    assert_eq!(
        (&tasks[1]["recurrence"], &tasks[1]["tags"]),
        (&json!("FREQ=DAILY;INTERVAL=3"), &json!(["health"]))
    );
    app.cleanup().await;
}

#[tokio::test]
async fn imports_are_capped_in_size_and_rows() {
    let app = spawn_app().await;
    let ada = token(&app, "ada@example.com", "write").await;
    let huge = format!("title,description\nbig,{}\n", "x".repeat(todo_transfer::MAX_IMPORT_BYTES));
    import_raw(&app, &ada, "dry_run=false", &huge, "text/csv").await.problem(413);

    let mut many = String::from("title\n");
    for i in 0..=todo_transfer::MAX_IMPORT_ROWS {
        many.push_str(&format!("task {i}\n"));
    }
    let refused = import_raw(&app, &ada, "dry_run=false", &many, "text/csv").await;
    assert!(refused.problem(422)["detail"].as_str().unwrap().contains("at most 2000"), "{}", refused.body);

    import_raw(&app, &ada, "", "not a known file", "text/plain").await.problem(422);
    import_raw(&app, &ada, "", "[{\"title\": ", "application/json").await.problem(422);
    import_raw(&app, &ada, "format=excel", "title\nx\n", "text/csv").await.problem(422);
    assert_eq!(titles(&app, &ada).await, Vec::<String>::new());
    app.cleanup().await;
}

#[tokio::test]
async fn a_body_must_be_what_its_content_type_says() {
    let app = spawn_app().await;
    let ada = token(&app, "ada@example.com", "write").await;
    import_raw(&app, &ada, "", r#"[{"title": "json"}]"#, "text/csv").await.problem(422);
    import_raw(&app, &ada, "", "title\ncsv\n", "application/json").await.problem(422);
    let untyped = import_raw(&app, &ada, "", "title\ncsv\n", "application/octet-stream").await;
    assert_eq!(untyped.status.as_u16(), 200, "told from the content: {}", untyped.body);
    app.cleanup().await;
}
