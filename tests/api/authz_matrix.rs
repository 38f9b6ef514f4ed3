//! The authorization matrix of the server functions: every one of them × {signed out, another user, the
//! owner}. Refused calls must change nothing of the owner's data (compared row by row, in every table that
//! holds it) and never echo it; the owner's call must succeed, so a refusal is about who asks, not a bad form.
//!
//! The table is checked against the server functions the app registers: a new server function fails this
//! test until it has a row here. tests/api/bad_input.rs sends its bad-input corpus through the same rows.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{spawn_app, TestApp};
use crate::support::{owner_snapshot, User};

/// A title only Ada's data holds: no answer to anyone else may contain it.
const MARKER: &str = "ada-private-7f3c";

/// Ada's rows that the calls aim at.
pub struct Targets {
    /// A pending task tagged #work and #home, due, repeating weekly.
    pub task: String,
    /// A second task, for the delete.
    pub doomed: String,
    /// One of her personal access tokens.
    pub token: String,
    /// Her uploaded import, waiting for confirmation.
    pub draft: String,
}

/// Who may call a server function.
#[derive(Clone, Copy, PartialEq)]
pub enum Access {
    /// Signing in and out, and "who am I": no session needed.
    Public,
    /// Acts for the signed-in user only; another user gets `other` and changes nothing of Ada's.
    User { other: StatusCode },
}

pub struct Row {
    pub endpoint: &'static str,
    pub access: Access,
    /// The owner's call (for the public ones: a visitor's well-formed call).
    pub form: fn(&Targets) -> Vec<(&'static str, String)>,
}

const fn user(
    endpoint: &'static str,
    other: StatusCode,
    form: fn(&Targets) -> Vec<(&'static str, String)>,
) -> Row {
    Row { endpoint, access: Access::User { other }, form }
}

const OWN: StatusCode = StatusCode::OK;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;

/// Every server function, in the order the owner calls them (the destructive ones last).
pub fn rows() -> Vec<Row> {
    vec![
        Row { endpoint: "auth/me", access: Access::Public, form: |_| vec![] },
        Row {
            endpoint: "auth/signup",
            access: Access::Public,
            form: |_| {
                vec![
                    ("email", "new@example.com".into()),
                    ("password", "correct horse".into()),
                    ("time_zone", "Europe/Berlin".into()),
                ]
            },
        },
        Row {
            endpoint: "auth/login",
            access: Access::Public,
            form: |_| vec![("email", "ada@example.com".into()), ("password", "not the password".into())],
        },
        Row { endpoint: "auth/logout", access: Access::Public, form: |_| vec![] },
        // Ada's tag and words: Bob's board answers with none of her tasks (nor tags, counts, deletion).
        user("tasks/board", OWN, |_| {
            vec![("query[tag]", "work".into()), ("query[search]", "ada private".into())]
        }),
        user("tasks/list", OWN, |_| vec![("query[tag]", "home".into())]),
        user("tasks/get", NOT_FOUND, |t| vec![("id", t.task.clone())]),
        user("tags/list", OWN, |_| vec![]),
        user("settings/time_zone", OWN, |_| vec![]),
        user("settings/time_zone_choice", OWN, |_| vec![]),
        user("tasks/quick_add_note", OWN, |_| vec![]),
        user("tokens/list", OWN, |_| vec![]),
        user("import/waiting", OWN, |_| vec![]),
        user("assistant/conversation", OWN, |_| vec![]),
        user("tasks/add", OWN, |_| vec![("title", "added".into()), ("description", String::new())]),
        user("tasks/quick_add", OWN, |_| vec![("text", "added tomorrow #errands".into())]),
        user("tasks/update", NOT_FOUND, |t| vec![("id", t.task.clone()), ("title", "hacked".into())]),
        user("tasks/update_fields", NOT_FOUND, |t| vec![("id", t.task.clone()), ("priority", "low".into())]),
        user("tasks/update_fields", NOT_FOUND, |t| {
            vec![
                ("id", t.task.clone()),
                ("repeat", "daily".into()),
                ("repeat_every", "2".into()),
                ("repeat_count", "3".into()),
            ]
        }),
        user("tasks/set_done", NOT_FOUND, |t| vec![("id", t.task.clone()), ("done", "true".into())]),
        user("tasks/complete", NOT_FOUND, |t| vec![("id", t.task.clone())]),
        user("settings/set_time_zone", OWN, |_| vec![("time_zone", "Asia/Tokyo".into())]),
        user("tokens/create", OWN, |_| vec![("name", "matrix".into())]),
        user("assistant/new", OWN, |_| vec![]),
        user("tags/rename", NOT_FOUND, |_| vec![("name", "work".into()), ("new_name", "job".into())]),
        user("tags/delete", NOT_FOUND, |_| vec![("name", "home".into())]),
        user("tasks/delete", NOT_FOUND, |t| vec![("id", t.doomed.clone())]),
        user("tasks/undo_delete", OWN, |_| vec![]),
        user("tasks/dismiss_deletion", OWN, |_| vec![]),
        user("tasks/clear_completed", OWN, |_| vec![]),
        user("tokens/revoke", NOT_FOUND, |t| vec![("id", t.token.clone())]),
        // Drafts are one per owner: another user's id is not theirs to apply.
        user("import/apply", StatusCode::CONFLICT, |t| vec![("id", t.draft.clone())]),
        user("import/discard", OWN, |_| vec![]),
    ]
}

/// Server functions whose owner call depends on a service these tests do not run (todo-mcp): refusals are
/// checked, the owner's success is checked in tests/assistant.
pub fn owner_checked_elsewhere() -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    vec![("assistant/send", vec![("text", "delete everything".into())])]
}

/// One call of the matrix: endpoint, form, and what another user gets (`None`: not checked).
pub type MatrixCall = (&'static str, Vec<(&'static str, String)>, Option<StatusCode>);

/// The account's own server functions (Settings → Account). They take no id: another user's call acts on that
/// user's own account, so Bob sends a password that is not his (422, nothing changes) — and "sign out everywhere",
/// which needs none, goes last: it ends Bob's sessions, and must leave Ada's alone (her owner calls below need
/// her session). Their owner calls are checked in tests/api/account.rs.
pub fn account_rows() -> Vec<MatrixCall> {
    let wrong = || "not the password".to_owned();
    vec![
        (
            "account/password",
            vec![("current_password", wrong()), ("password", "battery staple".into())],
            Some(StatusCode::UNPROCESSABLE_ENTITY),
        ),
        ("account/delete", vec![("password", wrong())], Some(StatusCode::UNPROCESSABLE_ENTITY)),
        ("account/sign_out_everywhere", vec![], Some(StatusCode::OK)),
    ]
}

async fn call(client: &User, endpoint: &str, form: &[(&'static str, String)]) -> (StatusCode, String) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = client.call(endpoint, &form).await;
    (res.status(), res.text().await.unwrap())
}

/// Fails unless every server function the app registers has a row here.
pub fn assert_every_server_fn_is_listed() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let mut listed: BTreeSet<String> = rows().iter().map(|r| r.endpoint.to_owned()).collect();
    listed.extend(owner_checked_elsewhere().into_iter().map(|(e, _)| e.to_owned()));
    listed.extend(account_rows().into_iter().map(|(e, _, _)| e.to_owned()));
    assert_eq!(registered, listed, "every server function needs a row in the authorization matrix");
}

/// Ada, signed up and signed in, with the rows the calls aim at; and her user id.
pub async fn ada_with_targets(app: &TestApp) -> (User, i64, Targets) {
    let ada = app.signed_up("ada@example.com").await;
    let ada_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'ada@example.com'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let added: Value =
        ada.ok("tasks/quick_add", &[("text", &format!("{MARKER} every monday #work #home"))]).await;
    let doomed = ada.add(&format!("{MARKER} doomed")).await;
    let token: Value = ada.ok("tokens/create", &[("name", MARKER)]).await;
    let file = format!("title,category\n{MARKER} imported,home\n");
    let uploaded = crate::transfer::upload(&ada, "matrix.csv", &file, "auto").await;
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER);
    let draft: Value = ada.ok("import/waiting", &[]).await;
    let targets = Targets {
        task: added["task"]["id"].as_i64().expect("quick_add answers the task").to_string(),
        doomed: doomed.to_string(),
        token: token["token"]["id"].as_i64().expect("token id").to_string(),
        draft: draft["id"].as_i64().expect("the waiting import").to_string(),
    };
    (ada, ada_id, targets)
}

#[tokio::test]
async fn every_server_fn_refuses_strangers_and_other_users_and_serves_the_owner() {
    assert_every_server_fn_is_listed();
    let app = spawn_app().await;
    let (ada, ada_id, targets) = ada_with_targets(&app).await;
    let bob = app.signed_up("bob@example.com").await;
    let stranger = app.client();

    let before = owner_snapshot(&app.pool, ada_id).await;
    let sends = owner_checked_elsewhere();
    let user_rows = rows()
        .into_iter()
        .filter_map(|row| match row.access {
            Access::User { other } => Some((row.endpoint, (row.form)(&targets), Some(other))),
            Access::Public => None,
        })
        .chain(sends.into_iter().map(|(endpoint, form)| (endpoint, form, None)))
        .chain(account_rows());
    for (endpoint, form, other) in user_rows {
        let (status, body) = call(&stranger, endpoint, &form).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint} signed out: {body}");
        assert_eq!(
            owner_snapshot(&app.pool, ada_id).await,
            before,
            "{endpoint} signed out changed Ada's data"
        );

        let (status, body) = call(&bob, endpoint, &form).await;
        if let Some(other) = other {
            assert_eq!(status, other, "{endpoint} as another user: {body}");
        }
        assert!(!body.contains(MARKER), "{endpoint} showed Ada's data to Bob: {body}");
        assert_eq!(owner_snapshot(&app.pool, ada_id).await, before, "{endpoint} as Bob changed Ada's data");
    }

    for row in rows().into_iter().filter(|r| r.access != Access::Public) {
        let (status, body) = call(&ada, row.endpoint, &(row.form)(&targets)).await;
        assert_eq!(status, StatusCode::OK, "{} as its owner: {body}", row.endpoint);
    }
    app.cleanup().await;
}
