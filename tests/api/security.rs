//! Browser-facing defences: the cross-site request guard, security headers, the `__Host-` session cookie.

use reqwest::{header, StatusCode};
use serde_json::Value;

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn cross_site_posts_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    app.signed_up("ada@example.com").await;
    let own_origin = app.address.clone();
    let visitor = app.client();
    let login = |extra: Vec<(&'static str, String)>| {
        let mut req = visitor
            .http
            .post(format!("{}/api/auth/login", app.address))
            .header(header::ACCEPT, "application/json")
            .form(&[("email", "ada@example.com"), ("password", "correct horse")]);
        for (name, value) in extra {
            req = req.header(name, value);
        }
        req.send()
    };

    // Login CSRF: a third-party page posting the attacker's credentials would sign the victim in.
    for forged in [
        vec![("sec-fetch-site", "cross-site".to_owned())],
        vec![("origin", "https://evil.example".to_owned()), ("sec-fetch-site", "same-site".to_owned())],
        vec![("origin", "null".to_owned())],
    ] {
        let res = login(forged.clone()).await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{forged:?}");
        assert!(res.headers().get(header::SET_COOKIE).is_none(), "a refused request set a cookie");
        assert!(res.text().await.unwrap().contains("another site"));
        assert_eq!(visitor.ok::<Value>("auth/me", &[]).await, Value::Null, "signed in by {forged:?}");
    }
    let sessions: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sessions").fetch_one(&app.pool).await.unwrap();
    assert_eq!(sessions, 1, "only the sign-up's session exists");

    // The app's own pages post with their own origin; scripts send no Origin at all: both pass.
    let res =
        login(vec![("origin", own_origin), ("sec-fetch-site", "same-origin".to_owned())]).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(visitor.ok::<Value>("auth/me", &[]).await["email"], "ada@example.com");
    app.cleanup().await;
}

#[tokio::test]
async fn pages_carry_security_headers_and_are_never_cached() {
    let app = spawn_app().await;
    let visitor = app.client();
    for path in ["/login", "/signup"] {
        let res = visitor.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let h = res.headers();
        assert_eq!(h[header::X_FRAME_OPTIONS], "DENY", "{path}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(h[header::REFERRER_POLICY], "strict-origin-when-cross-origin", "{path}");
        assert!(h[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("frame-ancestors 'none'"));
        assert_eq!(h[header::CACHE_CONTROL], "no-store", "{path}");
        assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "no HSTS over plain HTTP");
    }
    let answer = visitor.call("auth/me", &[]).await;
    assert_eq!(answer.headers()[header::CACHE_CONTROL], "no-store", "server functions are not cached");
    app.cleanup().await;
}

#[tokio::test]
async fn pages_let_only_their_own_nonced_scripts_run() {
    let app = spawn_app().await;
    let visitor = app.client();
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let res = visitor.get("/login").await;
        let policy = res.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        let body = res.text().await.unwrap();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("no script nonce in {policy}"))
            .to_owned();
        assert!(
            policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"),
            "{policy}"
        );
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        // Every inline script of the page carries the nonce the header announces.
        let scripts = body.matches("<script").count();
        assert!(scripts > 0, "the page has its hydration script");
        assert_eq!(body.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "{body}");
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "a fresh nonce for every response");
    // Non-page answers keep the base policy.
    let answer = visitor.call("auth/me", &[]).await;
    let policy = answer.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(!policy.contains("nonce-") && policy.contains("frame-ancestors 'none'"), "{policy}");
    app.cleanup().await;
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_hsts_is_sent() {
    let app = spawn_app_with(|config| config.cookie_secure = true).await;
    let res = app
        .client()
        .call("auth/signup", &[("email", "ada@example.com"), ("password", "correct horse")])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-todo_session="), "{cookie}");
    assert!(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"), "{cookie}");
    assert!(res.headers()[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap().starts_with("max-age="));
    app.cleanup().await;
}
