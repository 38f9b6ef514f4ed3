//! Tasks and tags through the REST API: the round trip, ETags, Idempotency-Key, paging.

use reqwest::{header, Method, StatusCode};
use serde_json::json;

use super::{task_count, token, Api};
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_service_describes_itself_and_its_documents() {
    let app = spawn_app().await;
    let api = Api::new(&app, None);
    let about = api.get("/api/v1").await;
    assert_eq!(about.status, StatusCode::OK);
    assert_eq!(about.body["links"]["openapi"], "/api/v1/openapi.json");
    assert_eq!(about.body["links"]["docs"], "/api/docs");
    assert!(about.body["version"].is_string());

    let doc = api.get("/api/v1/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3.1"), "{}", doc.body["openapi"]);
    assert!(doc.body["paths"]["/api/v1/tasks/{id}"]["patch"].is_object());
    assert_eq!(doc.body["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");

    let page = api.get("/api/docs/").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.body.as_str().unwrap();
    assert!(html.contains("swagger-ui") && !html.contains("cdn"), "served from the binary");
    let init = api.get("/api/docs/swagger-initializer.js").await;
    assert!(init.body.as_str().unwrap().contains("/api/v1/openapi.json"));
    app.cleanup().await;
}

#[tokio::test]
async fn tasks_round_trip_through_the_api() {
    let app = spawn_app().await;
    let api = Api::new(&app, Some(token(&app, "ada@example.com", "write").await));

    let created = api
        .post(
            "/api/v1/tasks",
            json!({"title": "Write report", "priority": "high", "due_date": "2030-01-02",
                                     "due_time": "17:00", "tags": ["work"]}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(created.headers[header::LOCATION], format!("/api/v1/tasks/{id}"));
    assert_eq!(created.body["priority"], "high");
    assert_eq!(created.body["tags"], json!(["work"]));
    let etag = created.headers[header::ETAG].to_str().unwrap().to_owned();

    let read = api.get(&format!("/api/v1/tasks/{id}")).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.headers[header::ETAG], etag.as_str(), "same task, same tag");
    assert_eq!(read.body, created.body);

    let quick = api.post("/api/v1/tasks", json!({"quick_add": "call mum tomorrow !urgent #home"})).await;
    assert_eq!(quick.status, StatusCode::CREATED, "{}", quick.body);
    assert_eq!(quick.body["title"], "call mum");
    assert_eq!(quick.body["priority"], "urgent");
    assert_eq!(quick.body["tags"], json!(["home"]));

    // The task page's filters, and keyset paging.
    let list = api.get("/api/v1/tasks?tag=work").await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1, "{}", list.body);
    let first = api.get("/api/v1/tasks?limit=1&sort=title").await;
    assert_eq!(first.body["items"][0]["title"], "call mum");
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    let second = api.get(&format!("/api/v1/tasks?limit=1&sort=title&cursor={cursor}")).await;
    assert_eq!(second.body["items"][0]["title"], "Write report");
    assert_eq!(second.body["next_cursor"], json!(null));
    let bad = api.get("/api/v1/tasks?sort=colour").await;
    assert_eq!(bad.problem(422)["errors"][0]["field"], "sort");

    let patched = api
        .send(
            Method::PATCH,
            &format!("/api/v1/tasks/{id}"),
            Some(json!({"title": "Write the report", "due_date": ""})),
            &[("If-Match", &etag)],
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.body["title"], "Write the report");
    assert_eq!(patched.body["due_date"], json!(null), "a blank field clears");
    assert_ne!(patched.headers[header::ETAG], etag.as_str(), "a change, a new tag");

    let done = api.post(&format!("/api/v1/tasks/{id}/complete"), json!({})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.body["task"]["done"], true);
    let open = api.post(&format!("/api/v1/tasks/{id}/reopen"), json!({})).await;
    assert_eq!(open.body["done"], false);

    let tags = api.get("/api/v1/tags").await;
    assert_eq!(tags.status, StatusCode::OK);
    assert_eq!(tags.body["items"].as_array().unwrap().len(), 2, "{}", tags.body);
    let renamed = api.patch("/api/v1/tags/work", json!({"name": "Office"})).await;
    assert_eq!(renamed.body["name"], "Office", "{}", renamed.body);
    api.patch("/api/v1/tags/home", json!({"name": "office"})).await.problem(409);
    assert_eq!(api.delete("/api/v1/tags/office").await.status, StatusCode::NO_CONTENT);
    api.delete("/api/v1/tags/office").await.problem(404);

    assert_eq!(api.delete(&format!("/api/v1/tasks/{id}")).await.status, StatusCode::NO_CONTENT);
    api.get(&format!("/api/v1/tasks/{id}")).await.problem(404);
    assert_eq!(task_count(&app).await, 1);
    app.cleanup().await;
}

#[tokio::test]
async fn a_stale_etag_changes_nothing() {
    let app = spawn_app().await;
    let api = Api::new(&app, Some(token(&app, "ada@example.com", "write").await));
    let created = api.post("/api/v1/tasks", json!({"title": "Draft"})).await;
    let id = created.body["id"].as_i64().unwrap();
    let old = created.headers[header::ETAG].to_str().unwrap().to_owned();
    let path = format!("/api/v1/tasks/{id}");
    // Someone else changes it first.
    assert_eq!(api.patch(&path, json!({"title": "Theirs"})).await.status, StatusCode::OK);

    let stale = api.send(Method::PATCH, &path, Some(json!({"title": "Mine"})), &[("If-Match", &old)]).await;
    stale.problem(412);
    assert_eq!(api.get(&path).await.body["title"], "Theirs", "nothing lost");
    api.send(Method::DELETE, &path, None, &[("If-Match", &old)]).await.problem(412);
    assert_eq!(api.get(&path).await.status, StatusCode::OK, "not deleted");

    let current = api.get(&path).await.headers[header::ETAG].to_str().unwrap().to_owned();
    let fresh =
        api.send(Method::PATCH, &path, Some(json!({"title": "Mine"})), &[("If-Match", &current)]).await;
    assert_eq!(fresh.body["title"], "Mine");
    app.cleanup().await;
}

#[tokio::test]
async fn a_repeated_idempotency_key_creates_one_task() {
    let app = spawn_app().await;
    let api = Api::new(&app, Some(token(&app, "ada@example.com", "write").await));
    let body = json!({"title": "Pay rent"});
    let key = [("Idempotency-Key", "rent-2030-01")];
    let first = api.send(Method::POST, "/api/v1/tasks", Some(body.clone()), &key).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = api.send(Method::POST, "/api/v1/tasks", Some(body.clone()), &key).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, first.body, "the first answer");
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(task_count(&app).await, 1);

    // Once the task is gone, replaying its creation would point at nothing: 409.
    let gone_key = [("Idempotency-Key", "gone")];
    let gone = api.send(Method::POST, "/api/v1/tasks", Some(json!({"title": "Brief"})), &gone_key).await;
    api.delete(&format!("/api/v1/tasks/{}", gone.body["id"])).await;
    api.send(Method::POST, "/api/v1/tasks", Some(json!({"title": "Brief"})), &gone_key).await.problem(409);
    let other = api.send(Method::POST, "/api/v1/tasks", Some(json!({"title": "Something else"})), &key).await;
    other.problem(409);
    // A failed request does not use the key up.
    let bad_key = [("Idempotency-Key", "k2")];
    api.send(Method::POST, "/api/v1/tasks", Some(json!({"title": " "})), &bad_key).await.problem(422);
    let ok = api.send(Method::POST, "/api/v1/tasks", Some(json!({"title": " "})), &bad_key).await;
    ok.problem(422);
    // Another user's identical key is theirs alone.
    let bob = Api::new(&app, Some(token(&app, "bob@example.com", "write").await));
    let bobs = bob.send(Method::POST, "/api/v1/tasks", Some(body), &key).await;
    assert_eq!(bobs.status, StatusCode::CREATED);
    assert_ne!(bobs.body["id"], first.body["id"]);
    assert_eq!(task_count(&app).await, 2);
    app.cleanup().await;
}
