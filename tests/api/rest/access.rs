//! Who reaches what: every route × {owner, other user, no token, revoked, expired, read-only}. One user never
//! reaches another's task, and a refused request changes nothing.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::{expire, revoke, task_count, token, token_of, Api};
use crate::helpers::spawn_app;

/// Every task route, with whether it writes and the body it takes.
fn routes(id: i64) -> Vec<(Method, String, Option<Value>, bool)> {
    let t = format!("/api/v1/tasks/{id}");
    vec![
        (Method::GET, "/api/v1/tasks".into(), None, false),
        (Method::GET, "/api/v1/tags".into(), None, false),
        (Method::GET, t.clone(), None, false),
        (Method::PATCH, t.clone(), Some(json!({"title": "changed"})), true),
        (Method::POST, format!("{t}/complete"), None, true),
        (Method::POST, format!("{t}/reopen"), None, true),
        (Method::PATCH, "/api/v1/tags/secret".into(), Some(json!({"name": "renamed"})), true),
        (Method::DELETE, "/api/v1/tags/secret".into(), None, true),
        (Method::DELETE, t, None, true),
        (Method::POST, "/api/v1/tasks".into(), Some(json!({"title": "new"})), true),
        (Method::GET, "/api/v1/export".into(), None, false),
        (Method::GET, "/api/v1/export?format=ics".into(), None, false),
        (
            Method::POST,
            "/api/v1/import?dry_run=false".into(),
            Some(json!({"format": "todo-app", "version": 1, "tasks": [{"title": "new"}]})),
            true,
        ),
    ]
}

#[tokio::test]
async fn no_one_but_the_owner_reaches_a_task_through_any_route() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let owner_secret = token_of(&ada, "write").await;
    let owner = Api::new(&app, Some(owner_secret.clone()));
    let id = owner.post("/api/v1/tasks", json!({"title": "Ada's secret", "tags": ["secret"]})).await.body
        ["id"]
        .as_i64()
        .unwrap();
    let snapshot = || async {
        let task = owner.get(&format!("/api/v1/tasks/{id}")).await.body;
        let tags = owner.get("/api/v1/tags").await.body;
        (task, tags, task_count(&app).await)
    };
    let before = snapshot().await;

    let other = Api::new(&app, Some(token(&app, "bob@example.com", "write").await));
    let nobody = Api::new(&app, None);
    let revoked_secret = token_of(&ada, "write").await;
    revoke(&app, &revoked_secret).await;
    let revoked = Api::new(&app, Some(revoked_secret));
    let expired_secret = token_of(&ada, "write").await;
    expire(&app, &expired_secret).await;
    let expired = Api::new(&app, Some(expired_secret));
    let reader = Api::new(&app, Some(token_of(&ada, "read").await));

    for (method, path, body, writes) in routes(id) {
        let call = |api: &'static str| format!("{api}: {method} {path}");
        let creates =
            method == Method::POST && (path == "/api/v1/tasks" || path.starts_with("/api/v1/import"));
        // Routes over the caller's own data: another user gets their own (without Ada's task).
        let own = ["/api/v1/tasks", "/api/v1/tags", "/api/v1/export", "/api/v1/import"]
            .iter()
            .any(|p| path.split('?').next() == Some(p));
        // Another user: the task and tag are not found (never 403, which would tell they exist); their own list
        // and creating their own task work.
        let a = other.send(method.clone(), &path, body.clone(), &[]).await;
        if own {
            assert!(a.status.is_success(), "{}", call("other"));
            assert!(!a.body.to_string().contains("secret"), "{}: {}", call("other"), a.body);
        } else {
            assert_eq!(a.status, StatusCode::NOT_FOUND, "{}: {}", call("other"), a.body);
        }
        for (name, api) in [("no token", &nobody), ("revoked", &revoked), ("expired", &expired)] {
            let a = api.send(method.clone(), &path, body.clone(), &[]).await;
            assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{name}: {method} {path}");
        }
        let a = reader.send(method.clone(), &path, body.clone(), &[]).await;
        let expected = if writes { StatusCode::FORBIDDEN } else { StatusCode::OK };
        assert_eq!(a.status, expected, "{}: {}", call("read-only"), a.body);
        if creates {
            // Bob's own task: remove it so the snapshot compares.
            sqlx::query("DELETE FROM tasks WHERE title = 'new'").execute(&app.pool).await.unwrap();
        }
    }
    assert_eq!(snapshot().await, before, "nothing changed");

    // The owner reaches every route.
    for (method, path, body, _) in routes(id) {
        // The rename before it gave the tag its new name.
        let path = if method == Method::DELETE && path.ends_with("/secret") {
            path.replace("secret", "renamed")
        } else {
            path
        };
        let a = owner.send(method.clone(), &path, body, &[]).await;
        assert!(a.status.is_success(), "owner: {method} {path}: {}", a.body);
    }
    app.cleanup().await;
}

#[tokio::test]
async fn mcp_tools_follow_the_same_scope_and_expiry_rule() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let reader = token_of(&ada, "read").await;
    let mcp = crate::tokens::spawn_mcp(&app).await;
    let (status, listed) = crate::tokens::call_tool(&mcp, &reader, "list_tasks", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(listed["result"]["isError"], true, "{listed}");
    let (_, added) = crate::tokens::call_tool(&mcp, &reader, "add_task", json!({"title": "x"})).await;
    assert_eq!(added["result"]["isError"], true, "{added}");
    assert!(added.to_string().contains("read-only"), "{added}");
    assert_eq!(task_count(&app).await, 0);

    let old = token_of(&ada, "write").await;
    expire(&app, &old).await;
    let (status, _) = crate::tokens::call_tool(&mcp, &old, "list_tasks", json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "expired");
    app.cleanup().await;
}
