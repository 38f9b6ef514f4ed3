//! Bearer-token authentication for `/mcp`: an axum middleware that resolves the calling user before
//! any MCP message is read, and answers 401 (with `WWW-Authenticate: Bearer`) when it cannot.
//!
//! Tokens are never logged: only which kind of token failed.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use sqlx::PgPool;

use todo_domain::token::TokenScope;
use todo_domain::AppResult;
use todo_store::token_access::{self, TokenCheck};
use todo_store::{token_secret as secret, user_token as token};

/// The user an MCP request acts for; tools read it from the request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct McpUser {
    pub id: i64,
    /// What the token allows: write tools refuse a read-only token ([`TokenScope::allows`]).
    pub scope: TokenScope,
}

/// Resolves bearer tokens: personal access tokens from the database, user tokens by their signature.
#[derive(Clone)]
pub struct Authenticator {
    pool: PgPool,
    token_secret: Option<Arc<str>>,
}

impl Authenticator {
    /// Without `token_secret`, only personal access tokens are accepted.
    pub fn new(pool: PgPool, token_secret: Option<SecretString>) -> Self {
        Self { pool, token_secret: token_secret.map(|s| s.expose_secret().into()) }
    }

    /// The user `bearer` stands for, or `None` when it is unknown, revoked, expired or forged.
    pub async fn resolve(&self, bearer: &str) -> AppResult<Option<McpUser>> {
        if bearer.starts_with(secret::PAT_PREFIX) {
            // The REST API's check: expired and revoked tokens are refused alike, the scope comes along.
            return Ok(match token_access::check(&self.pool, bearer).await? {
                TokenCheck::Valid { user, scope } => Some(McpUser { id: user, scope }),
                TokenCheck::Expired | TokenCheck::Unknown => None,
            });
        }
        let Some(key) = &self.token_secret else {
            tracing::info!("refused a non-PAT bearer token: MCP_TOKEN_SECRET is not set");
            return Ok(None);
        };
        match token::verify_user_token(key, bearer) {
            // The web app's assistant acts for its signed-in user: full access.
            Ok(id) => Ok(Some(McpUser { id, scope: TokenScope::Write })),
            Err(e) => {
                tracing::info!(reason = %e, "refused a user token");
                Ok(None)
            }
        }
    }
}

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// 401 with the RFC 6750 challenge; `invalid` says a token was sent but refused.
fn unauthorized(invalid: bool) -> Response {
    let (challenge, message) = if invalid {
        (
            r#"Bearer realm="todo-mcp", error="invalid_token""#,
            "The bearer token is invalid, expired or revoked.",
        )
    } else {
        (
            r#"Bearer realm="todo-mcp""#,
            "Send `Authorization: Bearer <token>`: create a personal access token on the web app's Settings page.",
        )
    };
    let mut response = (StatusCode::UNAUTHORIZED, Json(json!({ "error": message }))).into_response();
    response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
    response
}

/// Middleware: lets the request through with its [`McpUser`] in the extensions, or answers 401.
pub async fn require_user(State(auth): State<Authenticator>, mut request: Request, next: Next) -> Response {
    let Some(bearer) = bearer(request.headers()) else {
        return unauthorized(false);
    };
    match auth.resolve(bearer).await {
        Ok(Some(user)) => {
            request.extensions_mut().insert(user);
            next.run(request).await
        }
        Ok(None) => unauthorized(true),
        // The database is down: not the caller's fault, and not a reason to make them drop their token.
        Err(_) => {
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "error": "Try again later." }))).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn bearer_header_parsing() {
        assert_eq!(bearer(&headers("Bearer abc")), Some("abc"));
        assert_eq!(bearer(&headers("bearer  abc ")), Some("abc"));
        assert_eq!(bearer(&headers("Basic abc")), None);
        assert_eq!(bearer(&headers("Bearer ")), None);
        assert_eq!(bearer(&HeaderMap::new()), None);
    }

    #[test]
    fn challenge_is_sent_with_401() {
        let r = unauthorized(true);
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert!(r.headers()[header::WWW_AUTHENTICATE].to_str().unwrap().contains("invalid_token"));
    }
}
