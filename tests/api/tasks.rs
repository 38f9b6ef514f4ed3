use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, titles};

#[tokio::test]
async fn add_list_edit_complete_and_delete_a_task() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;

    let task: Value = ada.ok("tasks/add", &[("title", "  buy milk "), ("description", " 2 litres ")]).await;
    assert_eq!(task["title"], "buy milk");
    assert_eq!(task["description"], "2 litres");
    assert_eq!(task["done"], false);
    let id = task["id"].as_i64().unwrap().to_string();
    ada.add("call mom").await;
    assert_eq!(titles(&ada.board().await), ["call mom", "buy milk"], "newest first");

    let edited: Value =
        ada.ok("tasks/update", &[("id", &id), ("title", "buy oat milk"), ("description", "")]).await;
    assert_eq!(edited["title"], "buy oat milk");
    assert_eq!(edited["description"], Value::Null, "a blank description is removed");

    let done: Value = ada.ok("tasks/set_done", &[("id", &id), ("done", "true")]).await;
    assert_eq!(done["done"], true);
    let undone: Value = ada.ok("tasks/set_done", &[("id", &id), ("done", "false")]).await;
    assert_eq!(undone["done"], false);

    let deleted: Value = ada.ok("tasks/delete", &[("id", &id)]).await;
    assert_eq!(deleted["title"], "buy oat milk");
    let board = ada.board().await;
    assert_eq!(titles(&board), ["call mom"]);
    assert_eq!(board["last_deletion"], json!({"count": 1, "title": "buy oat milk"}));

    let (status, _) = ada.err("tasks/set_done", &[("id", &id), ("done", "true")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a deleted task cannot be changed");
    app.cleanup().await;
}

#[tokio::test]
async fn undo_brings_back_the_latest_deletion_only() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let first = ada.add("first").await.to_string();
    let second = ada.add("second").await.to_string();
    let _: Value = ada.ok("tasks/delete", &[("id", &first)]).await;
    let _: Value = ada.ok("tasks/delete", &[("id", &second)]).await;
    let restored: u64 = ada.ok("tasks/undo_delete", &[]).await;
    assert_eq!(restored, 1);
    let board = ada.board().await;
    assert_eq!(titles(&board), ["second"], "the earlier deletion is final once another one happens");
    assert_eq!(board["last_deletion"], Value::Null);
    app.cleanup().await;
}

#[tokio::test]
async fn clear_completed_removes_done_tasks_and_can_be_undone() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    for title in ["a", "b", "c"] {
        ada.add(title).await;
    }
    let board = ada.board().await;
    for task in board["tasks"].as_array().unwrap().iter().filter(|t| t["title"] != "b") {
        let _: Value = ada.ok("tasks/set_done", &[("id", &task["id"].to_string()), ("done", "true")]).await;
    }
    let cleared: u64 = ada.ok("tasks/clear_completed", &[]).await;
    assert_eq!(cleared, 2);
    let board = ada.board().await;
    assert_eq!(titles(&board), ["b"]);
    assert_eq!(board["last_deletion"]["count"], 2);

    let restored: u64 = ada.ok("tasks/undo_delete", &[]).await;
    assert_eq!(restored, 2);
    assert_eq!(titles(&ada.board().await), ["c", "b", "a"]);

    let _: u64 = ada.ok("tasks/clear_completed", &[]).await;
    let _: () = ada.ok("tasks/dismiss_deletion", &[]).await;
    assert_eq!(ada.board().await["last_deletion"], Value::Null);
    assert_eq!(ada.ok::<u64>("tasks/undo_delete", &[]).await, 0, "dismissed deletions are gone for good");
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM tasks").fetch_one(&app.pool).await.unwrap();
    assert_eq!(rows, 1);
    app.cleanup().await;
}

#[tokio::test]
async fn invalid_input_gets_a_field_message_and_changes_nothing() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let id = ada.add("keep me").await.to_string();
    let long_title = "x".repeat(201);
    let long_description = "y".repeat(1001);
    // (server function, form, field, message)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: [Case; 5] = [
        ("tasks/add", vec![("title", "   ")], "title", "Title is required."),
        (
            "tasks/add",
            vec![("title", &long_title)],
            "title",
            "Title must be at most 200 characters (it has 201).",
        ),
        (
            "tasks/add",
            vec![("title", "ok"), ("description", &long_description)],
            "description",
            "Description must be at most 1000 characters (it has 1001).",
        ),
        ("tasks/update", vec![("id", &id), ("title", "")], "title", "Title is required."),
        (
            "tasks/update",
            vec![("id", &id), ("title", "fine"), ("description", &long_description)],
            "description",
            "Description must be at most 1000 characters (it has 1001).",
        ),
    ];
    for (endpoint, form, field, message) in cases {
        let (status, body) = ada.err(endpoint, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{endpoint} {field}");
        assert_eq!(body, json!({"Invalid": {"field": field, "message": message}}));
    }
    let board = ada.board().await;
    assert_eq!(titles(&board), ["keep me"]);
    assert_eq!(board["tasks"][0]["description"], Value::Null);

    let (status, body) = ada.err("tasks/set_done", &[("id", "not-a-number"), ("done", "true")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["Invalid"]["message"].as_str().unwrap().contains("malformed"), "{body}");
    app.cleanup().await;
}

#[tokio::test]
async fn signed_out_visitors_cannot_use_task_functions() {
    let app = spawn_app().await;
    let visitor = app.client();
    for (endpoint, form) in [
        ("tasks/board", vec![]),
        ("tasks/add", vec![("title", "sneaky")]),
        ("tasks/set_done", vec![("id", "1"), ("done", "true")]),
        ("tasks/clear_completed", vec![]),
    ] {
        let (status, body) = visitor.err(endpoint, &form).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint}");
        assert_eq!(body, json!("Unauthorized"));
    }
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM tasks").fetch_one(&app.pool).await.unwrap();
    assert_eq!(rows, 0);
    app.cleanup().await;
}
