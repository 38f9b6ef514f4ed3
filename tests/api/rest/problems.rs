//! Every error status the API produces is an RFC 9457 problem+json body with the right headers.

use reqwest::{header, Method, StatusCode};
use serde_json::json;

use super::{expire, token, Api};
use crate::helpers::spawn_app;

#[tokio::test]
async fn errors_are_problem_documents_with_precise_statuses() {
    let app = spawn_app().await;
    let secret = token(&app, "ada@example.com", "write").await;
    let api = Api::new(&app, Some(secret.clone()));
    let http = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", app.address);

    // 400: not JSON at all.
    let res = http
        .post(url("/api/v1/tasks"))
        .bearer_auth(&secret)
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"title\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/problem+json");
    // 400: an id that is not a number.
    api.get("/api/v1/tasks/abc").await.problem(400);

    // 401 without a token, with an unknown one, with an expired one: each with the Bearer challenge.
    let anonymous = Api::new(&app, None).get("/api/v1/tasks").await;
    anonymous.problem(401);
    assert!(anonymous.headers[header::WWW_AUTHENTICATE].to_str().unwrap().starts_with("Bearer"));
    let forged = Api::new(&app, Some("todo_pat_nope".into())).get("/api/v1/tasks").await;
    forged.problem(401);
    assert!(forged.headers[header::WWW_AUTHENTICATE].to_str().unwrap().contains("invalid_token"));
    let old = token(&app, "old@example.com", "write").await;
    expire(&app, &old).await;
    let expired = Api::new(&app, Some(old)).get("/api/v1/tasks").await;
    expired.problem(401);
    assert!(expired.body["detail"].as_str().unwrap().contains("expired"));

    // 403: a read-only token on a write.
    let reader = Api::new(&app, Some(token(&app, "reader@example.com", "read").await));
    let refused = reader.post("/api/v1/tasks", json!({"title": "x"})).await;
    refused.problem(403);
    assert!(refused.headers[header::WWW_AUTHENTICATE].to_str().unwrap().contains("insufficient_scope"));

    // 404: no such task, no such route.
    api.get("/api/v1/tasks/999999").await.problem(404);
    api.get("/api/v1/nothing-here").await.problem(404);

    // 409: a tag name already taken.
    api.post("/api/v1/tasks", json!({"title": "a", "tags": ["one", "two"]})).await;
    let conflict = api.patch("/api/v1/tags/one", json!({"name": "Two"})).await;
    conflict.problem(409);

    // 412: a stale If-Match.
    let id = api.post("/api/v1/tasks", json!({"title": "b"})).await.body["id"].as_i64().unwrap();
    let stale = api
        .send(
            Method::PATCH,
            &format!("/api/v1/tasks/{id}"),
            Some(json!({"title": "c"})),
            &[("If-Match", "\"0\"")],
        )
        .await;
    stale.problem(412);
    let malformed = api
        .send(
            Method::PATCH,
            &format!("/api/v1/tasks/{id}"),
            Some(json!({"title": "c"})),
            &[("If-Match", "abc")],
        )
        .await;
    malformed.problem(400);
    assert_eq!(api.get(&format!("/api/v1/tasks/{id}")).await.body["title"], "b", "nothing changed");

    // 413: a body over the limit.
    let huge = json!({"title": "x".repeat(200 * 1024)});
    api.post("/api/v1/tasks", huge).await.problem(413);

    // 415: a body that is not JSON.
    let res = http.post(url("/api/v1/tasks")).bearer_auth(&secret).body("title=x").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/problem+json");

    // 422: the domain's validation, naming the field; a wrong JSON shape too.
    let invalid = api.post("/api/v1/tasks", json!({"title": "  "})).await;
    assert_eq!(invalid.problem(422)["errors"][0]["field"], "title");
    let invalid = api.post("/api/v1/tasks", json!({"title": "ok", "priority": "whenever"})).await;
    assert_eq!(invalid.problem(422)["errors"][0]["field"], "priority");
    let nul = api.post("/api/v1/tasks", json!({"title": "a\0b"})).await;
    assert_eq!(nul.problem(422)["errors"][0]["field"], "title", "not a database error");
    let shape = api.post("/api/v1/tasks", json!({"title": 5})).await;
    shape.problem(422);
    let unknown = api.post("/api/v1/tasks", json!({"title": "x", "colour": "red"})).await;
    unknown.problem(422);

    // 405: a route without that method.
    api.send(Method::PUT, "/api/v1/tasks", None, &[]).await.problem(405);
    app.cleanup().await;
}
