//! The organising server functions through HTTP, as the hydrated app calls them (form-encoded in, JSON out).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, titles};

#[tokio::test]
async fn quick_add_fields_lists_tags_and_time_zone() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;

    assert_eq!(ada.ok::<String>("settings/time_zone", &[]).await, "UTC");
    assert_eq!(
        ada.ok::<String>("settings/set_time_zone", &[("time_zone", "Europe/Berlin")]).await,
        "Europe/Berlin"
    );
    let (status, err) = ada.err("settings/set_time_zone", &[("time_zone", "Mars/Olympus")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["Invalid"]["field"], "time_zone");

    let added: Value =
        ada.ok("tasks/quick_add", &[("text", "report friday p1 #work"), ("description", "")]).await;
    let id = added["task"]["id"].as_i64().unwrap();
    assert_eq!(added["task"]["title"], "report");
    assert_eq!(added["task"]["priority"], "urgent");
    assert_eq!(added["task"]["tags"], json!(["work"]));
    assert!(added["task"]["due"].as_str().unwrap().len() == 10, "{added}");
    let taken: Vec<String> = serde_json::from_value(added["taken"].clone()).unwrap();
    assert!(taken.iter().any(|t| t.starts_with("due ")) && taken.contains(&"#work".to_owned()), "{taken:?}");
    // The existing board shows it like any task.
    assert_eq!(titles(&ada.board().await), ["report"]);

    let plain: Value = ada.ok("tasks/quick_add", &[("text", "buy milk")]).await;
    let milk = plain["task"]["id"].as_i64().unwrap().to_string();
    let updated: Value = ada
        .ok(
            "tasks/update_fields",
            &[
                ("id", &milk),
                ("due_date", "2026-12-24"),
                ("due_time", "09:30"),
                ("priority", "low"),
                ("tags", "shopping, Home"),
                ("repeat", "FREQ=WEEKLY;BYDAY=TH"),
                ("repeat_from", "due"),
            ],
        )
        .await;
    assert_eq!(updated["due"], "2026-12-24T09:30");
    assert_eq!(updated["tags"], json!(["Home", "shopping"]));
    assert_eq!(updated["recurrence"]["rrule"], "FREQ=WEEKLY;BYDAY=TH");
    assert_eq!(updated["title"], "buy milk", "absent fields are kept");
    let (status, err) = ada
        .err("tasks/update_fields", &[("id", &milk), ("due_time", "25:00"), ("due_date", "2026-12-24")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["Invalid"]["field"], "due");

    // Lists take the one query type.
    let page: Value = ada.ok("tasks/list", &[("query[tag]", "home"), ("query[sort]", "due")]).await;
    assert_eq!(page["tasks"].as_array().unwrap().len(), 1);
    assert_eq!(page["tasks"][0]["title"], "buy milk");
    let page: Value = ada.ok("tasks/list", &[("query[search]", "rep"), ("query[limit]", "1")]).await;
    assert_eq!(page["tasks"][0]["id"], id);
    let (status, err) = ada.err("tasks/list", &[("query[limit]", "500")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["Invalid"]["field"], "limit");

    let tags: Value = ada.ok("tags/list", &[]).await;
    assert_eq!(tags.as_array().unwrap().len(), 3, "{tags}");
    let _: Value = ada.ok("tags/rename", &[("name", "shopping"), ("new_name", "groceries")]).await;
    let _: () = ada.ok("tags/delete", &[("name", "work")]).await;
    let names: Vec<String> = ada
        .ok::<Value>("tags/list", &[])
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["groceries", "Home"]);

    // Completing the weekly task creates its next occurrence once, also through the old toggle.
    let done: Value = ada.ok("tasks/complete", &[("id", &milk)]).await;
    assert_eq!(done["task"]["done"], true);
    let next = done["next"]["id"].as_i64().expect("next occurrence");
    let again: Value = ada.ok("tasks/complete", &[("id", &milk)]).await;
    assert_eq!(again["next"]["id"], next);
    let _: Value = ada.ok("tasks/set_done", &[("id", &milk), ("done", "true")]).await;
    assert_eq!(ada.board().await["tasks"].as_array().unwrap().len(), 3);

    // Another user reaches none of it.
    let bob = app.signed_up("bob@example.com").await;
    let (status, _) = bob.err("tasks/update_fields", &[("id", &milk), ("priority", "high")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = bob.err("tasks/complete", &[("id", &milk)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(bob.ok::<Value>("tasks/list", &[("query[search]", "milk")]).await["tasks"], json!([]));
    assert_eq!(bob.ok::<Value>("tags/list", &[]).await, json!([]));
    app.cleanup().await;
}

#[tokio::test]
async fn sign_up_takes_the_browsers_time_zone() {
    let app = spawn_app().await;
    let with_zone = app.client();
    let form =
        [("email", "ny@example.com"), ("password", "correct horse"), ("time_zone", "America/New_York")];
    assert_eq!(with_zone.call("auth/signup", &form).await.status(), StatusCode::OK);
    assert_eq!(with_zone.ok::<String>("settings/time_zone", &[]).await, "America/New_York");
    let odd = app.client();
    let form = [("email", "odd@example.com"), ("password", "correct horse"), ("time_zone", "Mars/Olympus")];
    assert_eq!(
        odd.call("auth/signup", &form).await.status(),
        StatusCode::OK,
        "an odd zone does not fail sign-up"
    );
    assert_eq!(odd.ok::<String>("settings/time_zone", &[]).await, "UTC");
    app.cleanup().await;
}
