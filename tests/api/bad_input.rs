//! The bad-input corpus: every server function (the rows of the authorization matrix, which fails when one is
//! missing) called by its own user with each field replaced by oversized, malformed, unicode-edge and injection
//! values, and with malformed bodies; the log-in, sign-up and settings forms also as plain HTML form posts; the
//! import upload with malformed multipart bodies. Never a 5xx. A refusal is a 4xx with a clear message (never the
//! generic internal error) and changes nothing; what is accepted (an injection string is a fine title) is stored
//! as sent and rendered escaped. About 740 requests, under a minute.

use reqwest::{header, StatusCode};
use todo_domain::AppError;

use crate::authz_matrix::{
    account_rows, ada_with_targets, assert_every_server_fn_is_listed, owner_checked_elsewhere,
};
use crate::authz_matrix::{rows, Access};
use crate::helpers::{spawn_app_with, TestApp, User};
use crate::support::owner_snapshot;

/// A well-formed form: field names and values.
type Form = Vec<(&'static str, String)>;

/// One field's value: text (form-encoded when sent) or bytes already encoded, sent as they are.
#[derive(Clone)]
enum Value {
    Text(String),
    Encoded(&'static str),
}

/// The values every field gets.
fn always() -> Vec<(&'static str, Value)> {
    vec![
        ("empty", Value::Text(String::new())),
        ("oversized", Value::Text("x".repeat(20_000))),
        ("NUL", Value::Text("a\0b".into())),
        ("SQL injection", Value::Text("' OR '1'='1'; DROP TABLE tasks; --".into())),
        ("markup injection", Value::Text("<script>alert(1)</script><img src=x onerror=alert(2)>".into())),
    ]
}

/// The other values: each field gets half of them (which half alternates from field to field).
fn rotating() -> Vec<(&'static str, Value)> {
    vec![
        ("oversized multibyte", Value::Text("\u{e9}".repeat(3_000))),
        ("RTL override", Value::Text("\u{202e}gnp.exe \u{200f}abc".into())),
        ("combining marks", Value::Text(format!("e{}", "\u{301}".repeat(300)))),
        (
            "emoji",
            Value::Text(
                "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} \u{1f3f3}\u{fe0f}\u{200d}\u{1f308}".into(),
            ),
        ),
        ("zero-width and BOM", Value::Text("\u{feff}\u{200b}\u{2060}".into())),
        ("lone surrogate", Value::Encoded("%ED%A0%80x")),
        ("overlong UTF-8", Value::Encoded("%C0%AE%C0%AE%2F")),
        ("control characters", Value::Text("\u{7}\u{1b}[31m\r\n\t\u{85}".into())),
        ("template and JNDI", Value::Text("{{7*7}} ${jndi:ldap://x} %s%n".into())),
        ("path traversal", Value::Text("../../../../etc/passwd".into())),
        ("integer overflow", Value::Text("99999999999999999999999".into())),
        ("wrong type", Value::Text("[object Object]".into())),
        ("negative", Value::Text("-1".into())),
        ("float", Value::Text("1e309".into())),
    ]
}

/// Bodies that are not a well-formed form of the right fields.
fn malformed_bodies() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let form = "application/x-www-form-urlencoded";
    vec![
        ("missing fields", form, Vec::new()),
        ("broken escapes", form, b"%%%&&==&%zz=%G0&id=%&title=%E2%82".to_vec()),
        ("raw invalid UTF-8", form, b"title=\xff\xfe\xfd&id=\xc0\xaf&text=\xed\xa0\x80".to_vec()),
        (
            "nested and repeated keys",
            form,
            b"id[]=1&id[x]=2&title[]=a&title=b&title=c&query[tag][x]=1".to_vec(),
        ),
        ("malformed JSON", "application/json", b"{\"id\": {\"$ne\": null}, \"title\": [1,2".to_vec()),
        (
            "broken multipart",
            "multipart/form-data; boundary=zzz",
            b"--zzz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--zz".to_vec(),
        ),
        ("oversized body", form, format!("title={}&text=x", "y".repeat(3 * 1024 * 1024)).into_bytes()),
    ]
}

/// `form` with field `i` set to `value`.
fn with_field<'a>(form: &[(&'a str, String)], i: usize, value: Value) -> Vec<(&'a str, Value)> {
    let mut changed: Vec<(&str, Value)> = form.iter().map(|(k, v)| (*k, Value::Text(v.clone()))).collect();
    changed[i].1 = value;
    changed
}

fn encode(form: &[(&str, Value)]) -> Vec<u8> {
    form.iter()
        .map(|(k, v)| {
            let key = form_urlencoded::byte_serialize(k.as_bytes()).collect::<String>();
            match v {
                Value::Text(t) => {
                    format!("{key}={}", form_urlencoded::byte_serialize(t.as_bytes()).collect::<String>())
                }
                Value::Encoded(e) => format!("{key}={e}"),
            }
        })
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

/// Server functions that end the caller's session when they succeed: each call gets a signed-up user of its own.
const ENDS_THE_SESSION: [&str; 1] = ["account/sign_out_everywhere"];

/// Everything a refused call must leave as it was: the owner's data, and how many accounts and tasks exist.
async fn state_of(app: &TestApp, owner: i64) -> String {
    let counts: (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM tasks)")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    format!("{counts:?} {}", owner_snapshot(&app.pool, owner).await)
}

/// Checks one answer: never a 5xx; a refusal is a 4xx with a clear message. Returns whether it was refused.
fn judge(what: &str, status: StatusCode, body: &str) -> bool {
    assert!(!status.is_server_error(), "{what}: {status} {body}");
    if status.is_success() {
        return false;
    }
    assert!(status.is_client_error(), "{what}: {status} {body}");
    match serde_json::from_str::<AppError>(body) {
        Ok(err) => {
            assert_ne!(err, AppError::Internal, "{what}: a refusal must say what is wrong");
            assert!(err.to_string().trim().len() > 5, "{what}: {body}");
        }
        // A refusal before the server function runs (a body over the size limit): plain text that says why.
        Err(_) => assert!(body.trim().len() > 5, "{what}: {status} with no message: {body:?}"),
    }
    true
}

async fn post(client: &User, endpoint: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, String) {
    let res = client
        .http
        .post(format!("{}/api/{endpoint}", client.address))
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .expect("request sent");
    let status = res.status();
    (status, res.text().await.unwrap_or_default())
}

#[tokio::test]
async fn no_bad_input_gets_a_5xx_or_changes_anything() {
    assert_every_server_fn_is_listed();
    let app = spawn_app_with(|c| c.signups_per_ip_per_hour = 1_000).await;
    let (ada, ada_id, targets) = ada_with_targets(&app).await;
    let visitor = app.client();
    // (server function, its well-formed form, whether a visitor calls it)
    let mut calls: Vec<(&str, Form, bool)> = rows()
        .into_iter()
        .map(|row| (row.endpoint, (row.form)(&targets), row.access == Access::Public))
        .collect();
    calls.extend(owner_checked_elsewhere().into_iter().map(|(e, form)| (e, form, false)));
    calls.extend(account_rows().into_iter().map(|(e, form, _)| (e, form, false)));

    let (always, rotating) = (always(), rotating());
    let mut sent = 0;
    let mut field_no = 0;
    for (endpoint, form, public) in &calls {
        let mut throwaways = 0;
        let caller = || -> Option<&User> {
            if ENDS_THE_SESSION.contains(endpoint) {
                None
            } else if *public {
                Some(&visitor)
            } else {
                Some(&ada)
            }
        };
        let mut cases: Vec<(String, &str, Vec<u8>)> = Vec::new();
        for (i, (field, _)) in form.iter().enumerate() {
            field_no += 1;
            let half = rotating.iter().enumerate().filter(|(j, _)| (j + field_no) % 2 == 0).map(|(_, v)| v);
            for (label, value) in always.iter().chain(half) {
                let changed = with_field(form, i, value.clone());
                cases.push((
                    format!("{endpoint} {field}={label}"),
                    "application/x-www-form-urlencoded",
                    encode(&changed),
                ));
            }
        }
        for (label, content_type, body) in malformed_bodies() {
            cases.push((format!("{endpoint} with {label}"), content_type, body));
        }
        for (what, content_type, body) in cases {
            let own;
            let client = match caller() {
                Some(client) => client,
                None => {
                    throwaways += 1;
                    own = app.signed_up(&format!("throwaway{throwaways}-{field_no}@example.com")).await;
                    &own
                }
            };
            let before = state_of(&app, ada_id).await;
            let (status, answer) = post(client, endpoint, content_type, body).await;
            sent += 1;
            if judge(&what, status, &answer) {
                assert_eq!(state_of(&app, ada_id).await, before, "{what} was refused ({status}) but wrote");
            }
        }
    }
    assert!(sent > 400, "the corpus sent {sent} requests");
    eprintln!("bad-input corpus: {sent} requests to {} server functions", calls.len());

    // Accepted text is stored exactly as sent and rendered escaped: the markup never reaches a page as markup.
    let markup = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let id = ada.add(markup).await;
    let stored: String = sqlx::query_scalar("SELECT title FROM tasks WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, markup);
    let page = ada.get("/").await.text().await.unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is shown, escaped");
    assert!(
        !page.contains("<script>alert(1)") && !page.contains("<img src=x"),
        "no injected markup on the page"
    );
    app.cleanup().await;
}

/// The forms people post without JavaScript: a bad value sends the browser back to the form, which says what is
/// wrong. Never a 5xx, never a blank page.
#[tokio::test]
async fn the_login_signup_and_settings_forms_answer_bad_input_with_the_form_and_its_message() {
    let app = spawn_app_with(|c| c.signups_per_ip_per_hour = 1_000).await;
    let (ada, ada_id, targets) = ada_with_targets(&app).await;
    // (page, server function, form); the log-in and sign-up pages are for visitors, Settings for Ada.
    let forms: Vec<(&str, &str, Form)> = rows()
        .into_iter()
        .filter_map(|row| {
            let page = match row.endpoint {
                "auth/login" => "/login",
                "auth/signup" => "/signup",
                "settings/set_time_zone" | "tokens/create" => "/settings",
                _ => return None,
            };
            Some((page, row.endpoint, (row.form)(&targets)))
        })
        .chain(
            account_rows()
                .into_iter()
                .filter(|(_, form, _)| !form.is_empty())
                .map(|(e, form, _)| ("/settings", e, form)),
        )
        .collect();
    assert_eq!(forms.len(), 6, "log-in, sign-up, time zone, token, password, deletion");
    for (page, endpoint, form) in forms {
        for (i, (field, _)) in form.iter().enumerate() {
            for (label, value) in always() {
                // A visitor each time: one whose sign-up was accepted is signed in, and sent away from /login.
                let visitor;
                let client = if page == "/settings" {
                    &ada
                } else {
                    visitor = app.client();
                    &visitor
                };
                let changed = with_field(&form, i, value);
                let what = format!("{endpoint} {field}={label} (no JavaScript)");
                let before = state_of(&app, ada_id).await;
                let res = client
                    .http
                    .post(format!("{}/api/{endpoint}", app.address))
                    .header(header::ACCEPT, "text/html")
                    .header(header::REFERER, format!("{}{page}", app.address))
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(encode(&changed))
                    .send()
                    .await
                    .unwrap();
                let status = res.status();
                assert!(status.is_redirection(), "{what}: {status} {}", res.text().await.unwrap_or_default());
                let to = res.headers()[header::LOCATION]
                    .to_str()
                    .unwrap()
                    .trim_start_matches(&app.address)
                    .to_owned();
                if !to.contains("__err=") {
                    continue; // accepted: on to where the form leads
                }
                assert!(to.starts_with(page), "{what}: refused, but sent to {to}");
                assert_eq!(state_of(&app, ada_id).await, before, "{what} was refused but wrote");
                let shown = client.get(&to).await;
                assert_eq!(shown.status(), StatusCode::OK, "{what}: {to}");
                let html = shown.text().await.unwrap();
                assert!(html.contains("role=\"alert\""), "{what}: the form shows no message at {to}");
                assert!(
                    !html.contains("Something went wrong on our side"),
                    "{what}: a generic error at {to}"
                );
            }
        }
    }

    // The import upload (multipart, not a server function): a malformed body never gets a 5xx nor imports.
    let tasks_before: i64 =
        sqlx::query_scalar("SELECT count(*) FROM tasks").fetch_one(&app.pool).await.unwrap();
    for (label, content_type, body) in [
        ("no boundary", "multipart/form-data", b"--x\r\n\r\n".to_vec()),
        (
            "cut short",
            "multipart/form-data; boundary=zzz",
            b"--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ntitle\nx"
                .to_vec(),
        ),
        ("no parts", "multipart/form-data; boundary=zzz", b"--zzz--\r\n".to_vec()),
        ("not multipart", "application/x-www-form-urlencoded", b"file=title%0Ax".to_vec()),
        ("over the cap", "multipart/form-data; boundary=zzz", {
            let mut b = b"--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\ntitle\n".to_vec();
            b.extend(std::iter::repeat_n(b'x', todo_transfer::MAX_IMPORT_BYTES + 64 * 1024));
            b.extend(b"\r\n--zzz--\r\n");
            b
        }),
    ] {
        let res = ada
            .http
            .post(format!("{}/settings/import", app.address))
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = res.status();
        assert!(!status.is_server_error(), "import upload, {label}: {status}");
        assert!(status.is_client_error() || status.is_redirection(), "import upload, {label}: {status}");
    }
    let tasks_after: i64 =
        sqlx::query_scalar("SELECT count(*) FROM tasks").fetch_one(&app.pool).await.unwrap();
    assert_eq!(tasks_after, tasks_before, "no malformed upload imported anything");
    app.cleanup().await;
}
