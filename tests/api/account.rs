//! The account section of Settings: password change, sign out everywhere, account deletion, and the absolute
//! session lifetime. Each acts for the signed-in user only.

use std::time::Duration;

use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with, TestApp, User};
use crate::rest::{token_of, Api};

/// A client that logs in (a second session of an existing account).
pub(crate) async fn logged_in(app: &TestApp, email: &str, password: &str) -> User {
    let user = app.client();
    let res = user.call("auth/login", &[("email", email), ("password", password)]).await;
    assert_eq!(res.status(), StatusCode::OK, "log-in of {email}: {}", res.text().await.unwrap());
    user
}

/// Who the client is signed in as (`None` for a visitor).
pub(crate) async fn whoami(user: &User) -> Option<String> {
    user.ok::<Value>("auth/me", &[]).await["email"].as_str().map(str::to_owned)
}

async fn count(app: &TestApp, sql: &str, user: i64) -> i64 {
    sqlx::query_scalar(sql).bind(user).fetch_one(&app.pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_password_change_needs_the_current_password_and_ends_only_the_other_sessions() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let ada_phone = logged_in(&app, "ada@example.com", "correct horse").await;
    let bob = app.signed_up("bob@example.com").await;
    let hash_before: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'ada@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();

    // Wrong current password: a field error, nothing changes.
    let (status, body) = ada
        .err("account/password", &[("current_password", "wrong horse"), ("password", "battery staple")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Invalid"]["field"], "current_password", "{body}");
    // A new password that breaks the rules: refused before anything is checked or changed.
    let (status, body) =
        ada.err("account/password", &[("current_password", "correct horse"), ("password", "short")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Invalid"]["field"], "password", "{body}");
    let hash_now: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'ada@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(hash_now, hash_before);
    assert_eq!(whoami(&ada_phone).await.as_deref(), Some("ada@example.com"), "no session ended");

    let res = ada
        .call("account/password", &[("current_password", "correct horse"), ("password", "battery staple")])
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    assert_eq!(whoami(&ada).await.as_deref(), Some("ada@example.com"), "this session stays signed in");
    assert_eq!(whoami(&ada_phone).await, None, "the other session ended");
    assert_eq!(whoami(&bob).await.as_deref(), Some("bob@example.com"), "another user's session survives");
    assert_eq!(ada.ok::<Value>("tasks/board", &[]).await["tasks"], json!([]), "and still works");

    let old =
        app.client().call("auth/login", &[("email", "ada@example.com"), ("password", "correct horse")]).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED, "the old password no longer signs in");
    logged_in(&app, "ada@example.com", "battery staple").await;
    app.cleanup().await;
}

#[tokio::test]
async fn a_password_change_revokes_every_access_token_of_the_account_only() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let bob = app.signed_up("bob@example.com").await;
    let ada_write = Api::new(&app, Some(token_of(&ada, "write").await));
    let ada_read = Api::new(&app, Some(token_of(&ada, "read").await));
    let bob_api = Api::new(&app, Some(token_of(&bob, "write").await));
    for api in [&ada_write, &ada_read, &bob_api] {
        assert_eq!(api.get("/api/v1/tasks").await.status, StatusCode::OK);
    }

    // A refused change (wrong current password) revokes nothing.
    ada.err("account/password", &[("current_password", "wrong horse"), ("password", "battery staple")]).await;
    assert_eq!(ada_write.get("/api/v1/tasks").await.status, StatusCode::OK);

    let res = ada
        .call("account/password", &[("current_password", "correct horse"), ("password", "battery staple")])
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    for api in [&ada_write, &ada_read] {
        let answer = api.get("/api/v1/tasks").await;
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "a token made before the change: {}",
            answer.body
        );
    }
    assert_eq!(bob_api.get("/api/v1/tasks").await.status, StatusCode::OK, "another user's token lives on");
    let listed: Value = ada.ok("tokens/list", &[]).await;
    assert_eq!(listed["tokens"], json!([]), "Settings lists no live token: {listed}");
    let revoked = count(
        &app,
        "SELECT count(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NOT NULL",
        user_id(&app, "ada@example.com").await,
    )
    .await;
    assert_eq!(revoked, 2, "revoked, not deleted: the rows stay for the record");

    // A token made after the change works.
    let fresh = Api::new(&app, Some(token_of(&ada, "write").await));
    assert_eq!(fresh.get("/api/v1/tasks").await.status, StatusCode::OK);
    let page = ada.get("/settings").await.text().await.unwrap();
    assert!(page.contains("revokes every access token"), "the form says so");
    app.cleanup().await;
}

#[tokio::test]
async fn wrong_passwords_to_confirm_a_change_are_throttled_like_log_ins() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    for _ in 0..6 {
        let (status, _) = ada.err("account/delete", &[("password", "guess guess")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let res = ada.call("account/delete", &[("password", "correct horse")]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "a stolen session cannot guess on");
    assert!(res.headers().get(header::RETRY_AFTER).is_some());
    assert_eq!(
        count(&app, "SELECT count(*) FROM users WHERE id = $1", user_id(&app, "ada@example.com").await).await,
        1
    );
    app.cleanup().await;
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_user_only() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let ada_phone = logged_in(&app, "ada@example.com", "correct horse").await;
    let bob = app.signed_up("bob@example.com").await;
    let ada_id = user_id(&app, "ada@example.com").await;
    assert_eq!(count(&app, "SELECT count(*) FROM sessions WHERE user_id = $1", ada_id).await, 2);

    let res = ada.call("account/sign_out_everywhere", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(whoami(&ada).await, None);
    assert_eq!(whoami(&ada_phone).await, None);
    assert_eq!(whoami(&bob).await.as_deref(), Some("bob@example.com"));
    assert_eq!(count(&app, "SELECT count(*) FROM sessions WHERE user_id = $1", ada_id).await, 0);
    // A cookie of an ended session is a visitor's: its requests are refused, and it cannot come back.
    let (status, _) = ada_phone.err("tasks/add", &[("title", "x"), ("description", "")]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(count(&app, "SELECT count(*) FROM sessions WHERE user_id = $1", ada_id).await, 0);
    app.cleanup().await;
}

#[tokio::test]
async fn account_functions_refuse_visitors() {
    let app = spawn_app().await;
    app.signed_up("ada@example.com").await;
    let visitor = app.client();
    for (endpoint, form) in [
        ("account/password", vec![("current_password", "correct horse"), ("password", "battery staple")]),
        ("account/sign_out_everywhere", vec![]),
        ("account/delete", vec![("password", "correct horse")]),
    ] {
        let (status, body) = visitor.err(endpoint, &form).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint}");
        assert_eq!(body, json!("Unauthorized"), "{endpoint}");
    }
    let ada = user_id(&app, "ada@example.com").await;
    assert_eq!(
        count(&app, "SELECT count(*) FROM users WHERE id = $1", ada).await,
        1,
        "the account is still there"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM sessions WHERE user_id = $1", ada).await,
        1,
        "its session too"
    );
    app.cleanup().await;
}

/// Every table, and how to count the rows in it that belong to a user (`$1`). A table added to migrations/
/// must be added here (the test checks the list is complete), so account deletion cannot miss it.
const OWNED_ROWS: [(&str, &str); 14] = [
    ("users", "SELECT count(*) FROM users WHERE id = $1"),
    ("tasks", "SELECT count(*) FROM tasks WHERE owner_id = $1"),
    ("task_counts", "SELECT count(*) FROM task_counts WHERE owner_id = $1"),
    ("tags", "SELECT count(*) FROM tags WHERE owner_id = $1"),
    ("task_tags", "SELECT count(*) FROM task_tags WHERE owner_id = $1"),
    ("api_tokens", "SELECT count(*) FROM api_tokens WHERE user_id = $1"),
    ("sessions", "SELECT count(*) FROM sessions WHERE user_id = $1"),
    ("conversations", "SELECT count(*) FROM conversations WHERE user_id = $1"),
    (
        "messages",
        "SELECT count(*) FROM messages m WHERE m.conversation_id IN (SELECT id FROM conversations WHERE user_id = $1)
            OR m.conversation_id IN (SELECT conversation_id FROM deleted_conversations WHERE user_id = $1)",
    ),
    ("idempotency_keys", "SELECT count(*) FROM idempotency_keys WHERE owner_id = $1"),
    (
        "auth_throttle",
        "SELECT count(*) FROM auth_throttle
         WHERE key IN ('assistant:' || $1, (SELECT key FROM deleted_throttle_keys WHERE user_id = $1))",
    ),
    ("assistant_turns", "SELECT count(*) FROM assistant_turns WHERE user_id = $1"),
    ("import_drafts", "SELECT count(*) FROM import_drafts WHERE owner_id = $1"),
    ("_sqlx_migrations", "SELECT 0::bigint WHERE $1 IS NOT NULL"),
];

/// Gives `user` a row in every table there is.
async fn fill(app: &TestApp, user: &User, email: &str) {
    let api = Api::new(app, Some(token_of(user, "write").await));
    let created = api
        .send(
            Method::POST,
            "/api/v1/tasks",
            Some(json!({"title": "tagged", "tags": ["home"]})),
            &[("Idempotency-Key", "k1")],
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    user.add("plain task").await;
    // A message to the assistant: a conversation, its messages, a quota count.
    let reply: Value = user.ok("assistant/send", &[("text", "hello")]).await;
    assert!(reply["reply"].is_string());
    // A failed log-in for the account: a throttle count keyed to its email.
    let res = app.client().call("auth/login", &[("email", email), ("password", "not the password")]).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let id = user_id(app, email).await;
    sqlx::query("INSERT INTO assistant_turns (user_id, started_at) VALUES ($1, now() - interval '1 hour')")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    // An import waiting for its confirmation (uploaded from Settings as a multipart form).
    sqlx::query(
        "INSERT INTO import_drafts (owner_id, file_name, format, body) VALUES ($1, 'tasks.csv', '', 'title')",
    )
    .bind(id)
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO deleted_throttle_keys VALUES ($1, $2)")
        .bind(id)
        .bind(todo_store::throttle::account_key(email))
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO deleted_conversations SELECT user_id, id FROM conversations WHERE user_id = $1")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
}

/// Each table's count of `user`'s rows.
async fn owned_rows(app: &TestApp, user: i64) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for (table, sql) in OWNED_ROWS {
        counts.push((table, count(app, sql, user).await));
    }
    counts
}

#[tokio::test]
async fn deleting_the_account_removes_every_row_it_owns_and_nothing_else() {
    let app = spawn_app().await;
    // Scratch tables for the checks: what identified Ada's rows once they are gone.
    sqlx::raw_sql(
        "CREATE TABLE deleted_throttle_keys (user_id BIGINT, key TEXT);
         CREATE TABLE deleted_conversations (user_id BIGINT, conversation_id BIGINT);",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'
         AND table_name NOT IN ('deleted_throttle_keys', 'deleted_conversations') ORDER BY 1",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let mut checked: Vec<String> = OWNED_ROWS.iter().map(|(t, _)| (*t).to_owned()).collect();
    checked.sort();
    assert_eq!(tables, checked, "a table is missing from OWNED_ROWS: does account deletion cover it?");

    let ada = app.signed_up("ada@example.com").await;
    let ada_phone = logged_in(&app, "ada@example.com", "correct horse").await;
    let bob = app.signed_up("bob@example.com").await;
    fill(&app, &ada, "ada@example.com").await;
    fill(&app, &bob, "bob@example.com").await;
    let (ada_id, bob_id) = (user_id(&app, "ada@example.com").await, user_id(&app, "bob@example.com").await);
    let ada_before = owned_rows(&app, ada_id).await;
    for (table, n) in &ada_before {
        assert!(*n > 0 || *table == "_sqlx_migrations", "the test gave Ada no row in {table}");
    }
    let bob_before = owned_rows(&app, bob_id).await;

    // The wrong password: 422, and nothing is deleted.
    let (status, body) = ada.err("account/delete", &[("password", "wrong horse")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Invalid"]["field"], "password");
    // (The wrong password counted one more failure on the account's throttle row: still one row.)
    assert_eq!(owned_rows(&app, ada_id).await, ada_before);

    let res = ada.call("account/delete", &[("password", "correct horse")]).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    for (table, n) in owned_rows(&app, ada_id).await {
        assert_eq!(n, 0, "{table} still holds a row of the deleted account");
    }
    assert_eq!(owned_rows(&app, bob_id).await, bob_before, "Bob's rows are untouched");
    assert_eq!(whoami(&ada).await, None);
    assert_eq!(whoami(&ada_phone).await, None);
    assert_eq!(whoami(&bob).await.as_deref(), Some("bob@example.com"));
    let login =
        app.client().call("auth/login", &[("email", "ada@example.com"), ("password", "correct horse")]).await;
    assert_eq!(login.status(), StatusCode::UNAUTHORIZED);
    // The email is free again.
    app.signed_up("ada@example.com").await;
    app.cleanup().await;
}

#[tokio::test]
async fn a_session_ends_at_its_maximum_age_however_much_it_is_used() {
    let app = spawn_app_with(|config| config.session_max_age = Duration::from_secs(4)).await;
    let ada = app.signed_up("ada@example.com").await;
    let started = std::time::Instant::now();
    // (Sign-in times are whole seconds: a margin of one.)
    while started.elapsed() < Duration::from_millis(2000) {
        assert_eq!(whoami(&ada).await.as_deref(), Some("ada@example.com"), "used within its lifetime");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    tokio::time::sleep(Duration::from_millis(3000)).await;
    assert_eq!(whoami(&ada).await, None, "ended at its maximum age, despite constant use");
    let (status, _) = ada.err("tasks/add", &[("title", "x"), ("description", "")]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Signing in again starts a new lifetime.
    let again = logged_in(&app, "ada@example.com", "correct horse").await;
    assert_eq!(whoami(&again).await.as_deref(), Some("ada@example.com"));
    app.cleanup().await;
}

/// A plain form post (no JavaScript) from `/settings`: the status and where the browser is sent.
async fn form_post(
    app: &TestApp,
    user: &User,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let res = user
        .http
        .post(format!("{}/api/{endpoint}", app.address))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("{}/settings", app.address))
        .form(form)
        .send()
        .await
        .unwrap();
    let location =
        res.headers()[header::LOCATION].to_str().unwrap().trim_start_matches(&app.address).to_owned();
    (res.status(), location)
}

#[tokio::test]
async fn the_settings_forms_work_without_javascript() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let page = ada.get("/settings").await.text().await.unwrap();
    for control in
        ["Change password", "Sign out everywhere", "Delete my account", r#"action="/api/account/delete""#]
    {
        assert!(page.contains(control), "{control} missing from /settings");
    }

    let (status, to) = form_post(
        &app,
        &ada,
        "account/password",
        &[("current_password", "nope nope"), ("password", "battery staple")],
    )
    .await;
    assert_eq!(status, StatusCode::FOUND);
    let page = ada.get(&to).await.text().await.unwrap();
    assert!(page.contains("That is not your current password."), "the error is shown on Settings: {to}");

    let (status, to) = form_post(
        &app,
        &ada,
        "account/password",
        &[("current_password", "correct horse"), ("password", "battery staple")],
    )
    .await;
    assert_eq!((status, to.as_str()), (StatusCode::FOUND, "/settings?changed=password"));
    let page = ada.get(&to).await.text().await.unwrap();
    assert!(page.contains("Your password was changed."), "{page}");

    let (_, to) = form_post(&app, &ada, "account/delete", &[("password", "correct horse")]).await;
    assert!(ada.get(&to).await.text().await.unwrap().contains("That is not your current password."));
    let (status, to) = form_post(&app, &ada, "account/delete", &[("password", "battery staple")]).await;
    assert_eq!((status, to.as_str()), (StatusCode::FOUND, "/signup"));
    assert_eq!(whoami(&ada).await, None);
    app.cleanup().await;
}
