//! Log-in and sign-up throttling: per account, per client address, kept in Postgres.

use reqwest::{header, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with};

async fn login(user: &crate::helpers::User, password: &str) -> (StatusCode, Option<u64>, Value) {
    let res = user.call("auth/login", &[("email", "ada@example.com"), ("password", password)]).await;
    let status = res.status();
    let retry = res.headers().get(header::RETRY_AFTER).map(|v| v.to_str().unwrap().parse().unwrap());
    (status, retry, res.json().await.unwrap())
}

#[tokio::test]
async fn repeated_wrong_passwords_make_the_account_wait_then_a_right_one_clears_it() {
    let app = spawn_app().await;
    app.signed_up("ada@example.com").await;
    let guesser = app.client();
    for _ in 0..5 {
        let (status, retry, _) = login(&guesser, "wrong password").await;
        assert_eq!((status, retry), (StatusCode::UNAUTHORIZED, None), "the first 5 failures are free");
    }
    // The 6th failure makes the account wait 1 s; any attempt meanwhile, even the right password, is refused
    // before it is checked.
    assert_eq!(login(&guesser, "wrong password").await.0, StatusCode::UNAUTHORIZED);
    let (status, retry, body) = login(&guesser, "correct horse").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let wait = retry.expect("Retry-After");
    assert!((1..=2).contains(&wait), "Retry-After {wait}");
    assert_eq!(body, json!({"TooManyAttempts": {"retry_after_secs": wait}}));
    assert_eq!(guesser.ok::<Value>("auth/me", &[]).await, Value::Null, "still signed out");

    tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
    let (status, _, body) = login(&guesser, "correct horse").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM auth_throttle WHERE key LIKE 'account:%'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "a successful log-in clears its account's failures");
    app.cleanup().await;
}

#[tokio::test]
async fn the_throttle_table_names_no_email() {
    let app = spawn_app().await;
    let (status, ..) = login(&app.client(), "wrong password").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT key FROM auth_throttle ORDER BY key").fetch_all(&app.pool).await.unwrap();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys[0].starts_with("account:") && !keys[0].contains("ada"), "{keys:?}");
    assert_eq!(keys[1], "login-ip:127.0.0.1");
    app.cleanup().await;
}

#[tokio::test]
async fn sign_ups_per_address_are_limited_per_hour() {
    let app = spawn_app_with(|config| config.signups_per_ip_per_hour = 3).await;
    for i in 0..3 {
        app.signed_up(&format!("user{i}@example.com")).await;
    }
    let res = app
        .client()
        .call("auth/signup", &[("email", "user3@example.com"), ("password", "correct horse")])
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!(retry > 3000, "the rest of the hour, not {retry} s");
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&app.pool).await.unwrap();
    assert_eq!(users, 3, "the refused sign-up created nothing");
    app.cleanup().await;
}
