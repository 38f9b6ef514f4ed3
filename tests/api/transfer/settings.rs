//! Settings: export downloads for the signed-in user, and an import uploaded as a plain multipart form,
//! previewed, then confirmed (or refused) — every step for the signed-in user only.

use reqwest::{header, StatusCode};
use serde_json::Value;

use super::upload;
use crate::helpers::{spawn_app, User};

fn location(res: &reqwest::Response) -> &str {
    res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
}

const FILE: &str = "title,priority,category\nWater plants,high,home\nRead,low,\n";

#[tokio::test]
async fn an_upload_is_previewed_then_applied_once_for_its_owner_only() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let res = upload(&ada, "tasks.csv", FILE, "auto").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings/import");

    let waiting: Value = ada.ok("import/waiting", &[]).await;
    assert_eq!(waiting["file_name"], "tasks.csv");
    assert_eq!(waiting["preview"]["tasks"], 2);
    assert_eq!(waiting["preview"]["rows"][0]["title"], "Water plants");
    assert_eq!(waiting["preview"]["rows"][0]["line"], 2);
    let id = waiting["id"].as_i64().unwrap().to_string();
    let page = ada.get("/settings/import").await.text().await.unwrap();
    assert!(page.contains("Water plants") && page.contains("Import 2 task(s)"), "{page}");
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM tasks").fetch_one(&app.pool).await.unwrap()
    };
    assert_eq!(count().await, 0, "nothing is written before the confirmation");

    // Another user can neither see nor apply Ada's upload.
    let bob = app.signed_up("bob@example.com").await;
    let none: Value = bob.ok("import/waiting", &[]).await;
    assert_eq!(none, Value::Null);
    let (status, _) = bob.err("import/apply", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let visitor = User::new(&app.address);
    let (status, _) = visitor.err("import/apply", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(count().await, 0);

    let added: usize = ada.ok("import/apply", &[("id", &id)]).await;
    assert_eq!(added, 2);
    let (status, _) = ada.err("import/apply", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::CONFLICT, "applied once");
    assert_eq!(count().await, 2);
    let tags: Vec<String> =
        sqlx::query_scalar("SELECT name FROM tags ORDER BY name").fetch_all(&app.pool).await.unwrap();
    assert_eq!(tags, ["home"], "the old category became a tag");
    app.cleanup().await;
}

#[tokio::test]
async fn a_file_with_a_bad_row_cannot_be_applied_and_a_refused_file_says_why() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let res = upload(&ada, "bad.csv", "title,priority\nfine,low\n,high\n", "old-csv").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let waiting: Value = ada.ok("import/waiting", &[]).await;
    assert_eq!(waiting["preview"]["errors"][0]["line"], 3, "{waiting}");
    assert_eq!(waiting["preview"]["errors"][0]["field"], "title");
    let page = ada.get("/settings/import").await.text().await.unwrap();
    assert!(page.contains("line 3 (title)") && !page.contains("Import 1 task"), "no confirm button: {page}");
    let (status, error) = ada.err("import/apply", &[("id", &waiting["id"].to_string())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM tasks").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 0);
    let _: () = ada.ok("import/discard", &[]).await;
    assert_eq!(ada.ok::<Value>("import/waiting", &[]).await, Value::Null);

    // A file refused whole: the preview page says why, and there is nothing to apply.
    let res = upload(&ada, "notes.txt", "just some notes", "auto").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/settings/import");
    let page = ada.get("/settings/import").await.text().await.unwrap();
    assert!(page.contains("notes.txt: ") && page.contains("not one I can import"), "{page}");
    let refused: Value = ada.ok("import/waiting", &[]).await;
    assert_eq!(refused["preview"], Value::Null);
    let (status, _) = ada.err("import/apply", &[("id", &refused["id"].to_string())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let big = format!("title\n{}\n", "x".repeat(todo_transfer::MAX_IMPORT_BYTES + 10));
    assert_eq!(upload(&ada, "big.csv", &big, "auto").await.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // A visitor is sent to log in, and nothing is kept.
    let drafts = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM import_drafts").fetch_one(&app.pool).await.unwrap()
    };
    let before = drafts().await;
    let visitor = User::new(&app.address);
    let res = upload(&visitor, "tasks.csv", FILE, "auto").await;
    assert_eq!(location(&res), "/login");
    assert_eq!(drafts().await, before);
    app.cleanup().await;
}

#[tokio::test]
async fn settings_downloads_are_the_signed_in_users_own_tasks() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    ada.add("Ada's secret").await;
    let bob = app.signed_up("bob@example.com").await;
    bob.add("Bob's task").await;
    for format in ["json", "csv", "ics"] {
        let res = bob.get(&format!("/settings/export?format={format}")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
        let body = res.text().await.unwrap();
        assert!(body.contains("Bob's task") && !body.contains("Ada's secret"), "{format}: {body}");
    }
    let visitor = User::new(&app.address);
    let res = visitor.get("/settings/export?format=json").await;
    assert_eq!(location(&res), "/login");
    let page = bob.get("/settings").await.text().await.unwrap();
    assert!(page.contains("/settings/export?format=ics") && page.contains("multipart/form-data"), "{page}");
    app.cleanup().await;
}

#[tokio::test]
async fn a_token_is_created_with_its_scope_and_expiry_and_listed_with_them() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let created: Value =
        ada.ok("tokens/create", &[("name", "reader"), ("scope", "read"), ("expires_in_days", "30")]).await;
    assert_eq!(created["token"]["scope"], "read");
    assert!(created["token"]["expires"].is_string(), "{created}");
    let never: Value =
        ada.ok("tokens/create", &[("name", "writer"), ("scope", "write"), ("expires_in_days", "")]).await;
    assert_eq!((&never["token"]["scope"], &never["token"]["expires"]), (&Value::from("write"), &Value::Null));
    let (status, error) =
        ada.err("tokens/create", &[("name", "x"), ("scope", "read"), ("expires_in_days", "0")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    let (status, _) = ada.err("tokens/create", &[("name", "x"), ("scope", "admin")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let list: Value = ada.ok("tokens/list", &[]).await;
    let tokens = list["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[1]["scope"], "read");
    let page = ada.get("/settings").await.text().await.unwrap();
    assert!(page.contains("Read only") && page.contains("Read and write"), "{page}");
    assert!(page.contains("name=\"expires_in_days\""), "the expiry is chosen on the form");
    app.cleanup().await;
}
