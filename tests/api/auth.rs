use reqwest::{header, StatusCode};
use serde_json::{json, Value};

use crate::helpers::spawn_app;

#[tokio::test]
async fn sign_up_log_out_and_log_back_in() {
    let app = spawn_app().await;
    let user = app.client();
    let anonymous: Value = user.ok("auth/me", &[]).await;
    assert_eq!(anonymous, Value::Null);

    let res =
        user.call("auth/signup", &[("email", " Ada@Example.com "), ("password", "correct horse")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers().get(header::SET_COOKIE).expect("session cookie").to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "Secure is off unless COOKIE_SECURE is set: {cookie}");

    let me: Value = user.ok("auth/me", &[]).await;
    assert_eq!(me["email"], "ada@example.com");

    let _: () = user.ok("auth/logout", &[]).await;
    assert_eq!(user.ok::<Value>("auth/me", &[]).await, Value::Null);
    let (status, _) = user.err("tasks/board", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let _: () = user.ok("auth/login", &[("email", "ADA@example.com"), ("password", "correct horse")]).await;
    assert_eq!(user.ok::<Value>("auth/me", &[]).await["email"], "ada@example.com");
    app.cleanup().await;
}

#[tokio::test]
async fn bad_credentials_are_rejected_without_saying_which_part_was_wrong() {
    let app = spawn_app().await;
    app.signed_up("ada@example.com").await;
    let stranger = app.client();
    for (email, password) in [
        ("ada@example.com", "wrong password"),
        ("nobody@example.com", "correct horse"),
        ("not-an-email", "x"),
    ] {
        let (status, body) = stranger.err("auth/login", &[("email", email), ("password", password)]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{email}");
        assert_eq!(body, json!("BadCredentials"));
    }
    assert_eq!(stranger.ok::<Value>("auth/me", &[]).await, Value::Null);
    app.cleanup().await;
}

#[tokio::test]
async fn duplicate_email_is_a_conflict_in_any_letter_case() {
    let app = spawn_app().await;
    app.signed_up("ada@example.com").await;
    let (status, body) =
        app.client().err("auth/signup", &[("email", "ADA@example.COM"), ("password", "another pass")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["Conflict"]["field"], "email");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 1);
    app.cleanup().await;
}

#[tokio::test]
async fn sign_up_validates_email_and_password() {
    let app = spawn_app().await;
    let visitor = app.client();
    let (status, body) =
        visitor.err("auth/signup", &[("email", "ada@example.com"), ("password", "short")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Invalid"]["field"], "password");
    assert_eq!(body["Invalid"]["message"], "Password must be at least 8 characters.");
    let (status, body) =
        visitor.err("auth/signup", &[("email", "ada at example"), ("password", "long enough")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Invalid"]["field"], "email");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 0, "nothing is created from bad input");
    app.cleanup().await;
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id_hashes() {
    let app = spawn_app().await;
    app.signed_up("ada@example.com").await;
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM users").fetch_one(&app.pool).await.unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("correct horse"));
    app.cleanup().await;
}

#[tokio::test]
async fn a_flood_of_log_ins_is_bounded_and_told_to_retry() {
    // Each log-in runs argon2 with 19 MiB, unknown emails too. The test app allows 2 at once and 8 waiting:
    // the rest of a burst must be refused quickly with 503 + Retry-After, not hashed in parallel.
    let app = spawn_app().await;
    let attempts: Vec<_> = (0..48)
        .map(|i| {
            let visitor = app.client();
            tokio::spawn(async move {
                let email = format!("nobody{i}@example.com");
                let res = visitor.call("auth/login", &[("email", &email), ("password", "guess guess")]).await;
                let retry_after =
                    res.headers().get(header::RETRY_AFTER).map(|v| v.to_str().unwrap().to_owned());
                let status = res.status();
                let body: Value = res.json().await.unwrap();
                (status, retry_after, body)
            })
        })
        .collect();
    let mut answers = Vec::new();
    for attempt in attempts {
        answers.push(attempt.await.unwrap());
    }
    let refused: Vec<_> = answers.iter().filter(|(s, ..)| *s == StatusCode::SERVICE_UNAVAILABLE).collect();
    assert!(!refused.is_empty(), "48 parallel log-ins were all hashed at once");
    for (status, retry_after, body) in &answers {
        match *status {
            StatusCode::UNAUTHORIZED => assert_eq!(body, &json!("BadCredentials")),
            // Once 20 have failed, the address is throttled: later ones may be refused before hashing.
            StatusCode::TOO_MANY_REQUESTS => assert!(retry_after.is_some(), "{body}"),
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(retry_after.as_deref(), Some("2"));
                assert_eq!(body, &json!("Busy"));
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    // Once the burst is over, people can sign up and log in again.
    app.signed_up("ada@example.com").await;
    app.cleanup().await;
}
