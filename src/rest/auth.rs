//! The one authentication and authorisation step of every REST handler (crates.io's `AuthCheck` idea): a
//! handler takes [`ReadAccess`] or [`WriteAccess`] as its first argument, so it cannot forget either. The bearer
//! token is a personal access token, checked by [`todo_store::token_access::check`] (the same check as todo-mcp),
//! and its scope by [`TokenScope::allows`].

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use todo_domain::token::{TokenScope, READ_ONLY_MESSAGE};
use todo_store::token_access::{self, TokenCheck};

use super::problem::ApiError;
use crate::app_state::AppState;

/// The user a request acts for, allowed at least reading.
#[derive(Debug, Clone, Copy)]
pub struct ReadAccess {
    pub user: i64,
}

/// The user a request acts for, allowed writing.
#[derive(Debug, Clone, Copy)]
pub struct WriteAccess {
    pub user: i64,
}

const NO_TOKEN: &str = "Send `Authorization: Bearer <token>` with a personal access token from Settings.";
const BAD_TOKEN: &str = "The bearer token is invalid or revoked.";
const EXPIRED: &str = "The bearer token has expired: create a new one on Settings.";

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Authenticates the request and checks that its token allows `needed`.
async fn authorise(parts: &Parts, state: &AppState, needed: TokenScope) -> Result<i64, ApiError> {
    let Some(token) = bearer(&parts.headers) else {
        return Err(ApiError::Unauthorized(NO_TOKEN, false));
    };
    match token_access::check(&state.pool, token).await? {
        TokenCheck::Unknown => Err(ApiError::Unauthorized(BAD_TOKEN, true)),
        TokenCheck::Expired => Err(ApiError::Unauthorized(EXPIRED, true)),
        TokenCheck::Valid { scope, .. } if !scope.allows(needed) => {
            Err(ApiError::Forbidden(READ_ONLY_MESSAGE))
        }
        TokenCheck::Valid { user, .. } => Ok(user),
    }
}

impl FromRequestParts<AppState> for ReadAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(Self { user: authorise(parts, state, TokenScope::Read).await? })
    }
}

impl FromRequestParts<AppState> for WriteAccess {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(Self { user: authorise(parts, state, TokenScope::Write).await? })
    }
}
