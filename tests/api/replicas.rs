//! Two replicas of the app on one database, each caching session records in process: a session ended on one
//! (log-out, password change, sign out everywhere, account deletion) is refused by the other within a second,
//! and a replica whose LISTEN connection is lost stops serving from its cache.

use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::account::{logged_in, whoami};
use crate::helpers::{spawn_app, Replica, TestApp, User};
use todo_store::session_cache::PING_SQL;
use todo_store::sessions::PostgresStore;

/// The same browser (cookie jar: cookies do not care about ports) talking to another replica.
fn at(user: &User, address: &str) -> User {
    User { http: user.http.clone(), address: address.to_owned() }
}

/// Waits (at most 10 s) until `store`'s listener is in place and its cache serves.
async fn cache_on(store: &PostgresStore) {
    let start = Instant::now();
    while !store.cache_enabled() {
        assert!(start.elapsed() < Duration::from_secs(10), "the session cache listener never started");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Asserts that `user` is signed out within a second; returns how long it took.
async fn signed_out_within_a_second(user: &User, what: &str) -> Duration {
    let start = Instant::now();
    loop {
        if whoami(user).await.is_none() {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{what}: still signed in on the other replica after 1 s"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn set_trigger(app: &TestApp, on: bool) {
    let sql = if on {
        "ALTER TABLE sessions ENABLE TRIGGER sessions_notify"
    } else {
        "ALTER TABLE sessions DISABLE TRIGGER sessions_notify"
    };
    sqlx::query(sql).execute(&app.pool).await.unwrap();
}

async fn two_replicas() -> (TestApp, Replica) {
    let app = spawn_app().await;
    let other = app.replica().await;
    cache_on(&app.sessions).await;
    cache_on(&other.sessions).await;
    (app, other)
}

#[tokio::test]
async fn a_session_ended_on_one_replica_is_refused_by_the_other_within_a_second() {
    let (app, b) = two_replicas().await;
    let ada = app.signed_up("ada@example.com").await;
    let ada_phone = logged_in(&app, "ada@example.com", "correct horse").await;
    let ada_tablet = logged_in(&app, "ada@example.com", "correct horse").await;
    let ada_laptop = logged_in(&app, "ada@example.com", "correct horse").await;
    let bob = app.signed_up("bob@example.com").await;
    let bob_phone = logged_in(&app, "bob@example.com", "correct horse").await;
    // Every session is now read (and cached) by the other replica too.
    for user in [&ada, &ada_phone, &ada_tablet, &ada_laptop] {
        assert_eq!(whoami(&at(user, &b.address)).await.as_deref(), Some("ada@example.com"));
    }
    for user in [&bob, &bob_phone] {
        assert_eq!(whoami(&at(user, &b.address)).await.as_deref(), Some("bob@example.com"));
    }

    // Log-out on A.
    assert_eq!(ada.call("auth/logout", &[]).await.status(), StatusCode::OK);
    let took = signed_out_within_a_second(&at(&ada, &b.address), "log-out").await;
    eprintln!("log-out reached the other replica in {took:?}");

    // A password change on A ends the other sessions (on B too), not the one that made it.
    let res = ada_phone
        .call("account/password", &[("current_password", "correct horse"), ("password", "battery staple")])
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    signed_out_within_a_second(&at(&ada_tablet, &b.address), "password change").await;
    assert_eq!(whoami(&at(&ada_phone, &b.address)).await.as_deref(), Some("ada@example.com"));

    // Sign out everywhere, asked on B: A refuses too.
    assert_eq!(
        at(&ada_phone, &b.address).call("account/sign_out_everywhere", &[]).await.status(),
        StatusCode::OK
    );
    signed_out_within_a_second(&ada_laptop, "sign out everywhere").await;
    assert_eq!(whoami(&ada_phone).await, None);

    // Account deletion on A: every session of the account ends on B.
    assert_eq!(bob.call("account/delete", &[("password", "correct horse")]).await.status(), StatusCode::OK);
    signed_out_within_a_second(&at(&bob_phone, &b.address), "account deletion").await;
    app.cleanup().await;
}

#[tokio::test]
async fn the_notification_is_what_keeps_the_cache_correct_and_a_lost_listener_turns_caching_off() {
    let (app, b) = two_replicas().await;
    let ada = app.signed_up("ada@example.com").await;
    let ada_phone = logged_in(&app, "ada@example.com", "correct horse").await;
    let ada_b = at(&ada, &b.address);
    let ada_phone_b = at(&ada_phone, &b.address);
    assert_eq!(whoami(&ada_b).await.as_deref(), Some("ada@example.com"));
    assert_eq!(whoami(&ada_phone_b).await.as_deref(), Some("ada@example.com"));

    // Without the trigger, a deleted row is still served from B's cache: the cache is really in use...
    set_trigger(&app, false).await;
    sqlx::query(
        "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'ada@example.com')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(whoami(&ada_b).await.as_deref(), Some("ada@example.com"), "served from B's cache");

    // ...and when B's listener connection is lost, B empties its cache and stops caching until it listens
    // again: the ended sessions are refused without any notification.
    let start = Instant::now();
    loop {
        let killed: Vec<bool> = sqlx::query_scalar(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query = $1",
        )
        .bind(PING_SQL)
        .fetch_all(&app.pool)
        .await
        .unwrap();
        if !killed.is_empty() {
            break;
        }
        // The listeners ping after half a second of silence: wait for one to show.
        assert!(start.elapsed() < Duration::from_secs(5), "no session cache listener in pg_stat_activity");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    signed_out_within_a_second(&ada_phone_b, "listener lost").await;
    set_trigger(&app, true).await;
    // The listener comes back (caching on again, empty).
    cache_on(&b.sessions).await;
    app.cleanup().await;
}
