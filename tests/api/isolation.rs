//! A second user can neither read nor change the first user's tasks, through any server function.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, titles};

#[tokio::test]
async fn another_user_cannot_see_or_touch_my_tasks() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let bob = app.signed_up("bob@example.com").await;
    let secret = ada.add("ada's secret").await.to_string();
    let done = ada.add("ada's done task").await.to_string();
    let _: Value = ada.ok("tasks/set_done", &[("id", &done), ("done", "true")]).await;

    assert_eq!(titles(&bob.board().await), Vec::<String>::new());

    let not_found = json!({"NotFound": format!("Task {secret}")});
    for (endpoint, form) in [
        ("tasks/update", vec![("id", secret.as_str()), ("title", "hacked")]),
        ("tasks/set_done", vec![("id", secret.as_str()), ("done", "true")]),
        ("tasks/delete", vec![("id", secret.as_str())]),
    ] {
        let (status, body) = bob.err(endpoint, &form).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{endpoint}");
        assert_eq!(body, not_found, "{endpoint}: same answer as for a task that does not exist");
    }
    assert_eq!(bob.ok::<u64>("tasks/clear_completed", &[]).await, 0);

    let board = ada.board().await;
    assert_eq!(titles(&board), ["ada's done task", "ada's secret"]);
    assert_eq!(board["tasks"][1]["done"], false);

    // Bob's undo cannot restore Ada's deletion.
    let _: Value = ada.ok("tasks/delete", &[("id", &secret)]).await;
    assert_eq!(bob.ok::<u64>("tasks/undo_delete", &[]).await, 0);
    assert_eq!(bob.board().await["last_deletion"], Value::Null);
    let _: () = bob.ok("tasks/dismiss_deletion", &[]).await;
    assert_eq!(ada.ok::<u64>("tasks/undo_delete", &[]).await, 1, "Ada's deletion survived Bob's dismiss");
    assert_eq!(titles(&ada.board().await), ["ada's done task", "ada's secret"]);
    app.cleanup().await;
}
