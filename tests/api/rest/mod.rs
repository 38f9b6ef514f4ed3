//! REST API v1: bearer-token clients on the real app. Helpers shared by the files below.

mod access;
mod problems;
mod tasks;

use reqwest::header::{self, HeaderMap};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::TestApp;

/// A bearer-token API client.
pub struct Api {
    pub address: String,
    pub token: Option<String>,
    http: reqwest::Client,
}

/// What an API call answered.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The media type, without parameters.
    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap()
    }

    /// Asserts a problem+json answer with `status`; returns its body.
    pub fn problem(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        assert_eq!(self.content_type(), "application/problem+json", "{}", self.body);
        assert_eq!(self.body["status"], status, "{}", self.body);
        assert!(self.body["title"].is_string() && self.body["type"].is_string(), "{}", self.body);
        assert!(!self.body["detail"].as_str().unwrap_or("").is_empty(), "{}", self.body);
        &self.body
    }
}

impl Api {
    pub fn new(app: &TestApp, token: Option<String>) -> Self {
        Self { address: app.address.clone(), token, http: reqwest::Client::new() }
    }

    /// Sends `method path` with a JSON body (if any) and extra headers.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        extra: &[(&str, &str)],
    ) -> Answer {
        let mut req = self.http.request(method, format!("{}{path}", self.address));
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let res = req.send().await.expect("request sent");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Answer { status, headers, body }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(Method::POST, path, Some(body), &[]).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Answer {
        self.send(Method::PATCH, path, Some(body), &[]).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send(Method::DELETE, path, None, &[]).await
    }
}

/// Signs `email` up and creates a personal access token with `scope` (`read`/`write`); returns its secret.
pub async fn token(app: &TestApp, email: &str, scope: &str) -> String {
    let user = app.signed_up(email).await;
    token_of(&user, scope).await
}

/// Another token of a signed-in user.
pub async fn token_of(user: &crate::helpers::User, scope: &str) -> String {
    let created: Value = user.ok("tokens/create", &[("name", "api test"), ("scope", scope)]).await;
    created["secret"].as_str().unwrap().to_owned()
}

/// Makes the token with `secret` expired.
pub async fn expire(app: &TestApp, secret: &str) {
    let n =
        sqlx::query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1")
            .bind(todo_store::token_secret::hash(secret))
            .execute(&app.pool)
            .await
            .unwrap()
            .rows_affected();
    assert_eq!(n, 1, "token expired");
}

/// Revokes the token with `secret`.
pub async fn revoke(app: &TestApp, secret: &str) {
    sqlx::query("UPDATE api_tokens SET revoked_at = now() WHERE token_hash = $1")
        .bind(todo_store::token_secret::hash(secret))
        .execute(&app.pool)
        .await
        .unwrap();
}

/// How many live tasks are stored, all users together.
pub async fn task_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM tasks WHERE deleted_at IS NULL")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}
