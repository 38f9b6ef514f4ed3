//! Short-lived user tokens: HS256 JWTs that the web app mints for its signed-in user and `todo-mcp`
//! verifies with the same secret (`MCP_TOKEN_SECRET`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// `aud` of every user token: only the MCP server accepts them.
pub const AUDIENCE: &str = "todo-mcp";
/// `iss` of every user token: the web app.
pub const ISSUER: &str = "todo-app";

/// The claims of a user token.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    /// The user id, as a string (JWT subjects are strings).
    sub: String,
    aud: String,
    iss: String,
    iat: u64,
    exp: u64,
}

/// Why a user token was refused (no detail beyond the kind: the caller only learns "401").
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Bad signature, wrong audience or issuer, expired, malformed.
    #[error("invalid user token: {0}")]
    Invalid(#[from] jsonwebtoken::errors::Error),
    /// The subject is not a user id.
    #[error("user token subject is not a user id")]
    BadSubject,
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default()
}

/// Mints a token that lets the MCP server act as `user_id` for `ttl` (keep it short: minutes).
pub fn mint_user_token(secret: &str, user_id: i64, ttl: Duration) -> String {
    let iat = now();
    let claims = Claims {
        sub: user_id.to_string(),
        aud: AUDIENCE.into(),
        iss: ISSUER.into(),
        iat,
        exp: iat + ttl.as_secs().max(1),
    };
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    // Serialising these claims and signing with HMAC cannot fail.
    .expect("HS256 signing of fixed claims")
}

/// Checks signature, algorithm, audience, issuer and expiry; returns the user id.
pub fn verify_user_token(secret: &str, token: &str) -> Result<i64, TokenError> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_audience(&[AUDIENCE]);
    validation.set_issuer(&[ISSUER]);
    validation.set_required_spec_claims(&["exp", "sub", "aud", "iss"]);
    // The default leeway (60 s) is as long as these tokens live: allow only a little clock skew.
    validation.leeway = 5;
    let data =
        jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(secret.as_bytes()), &validation)?;
    data.claims.sub.parse().map_err(|_| TokenError::BadSubject)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn round_trip() {
        let token = mint_user_token(SECRET, 42, Duration::from_secs(60));
        assert_eq!(verify_user_token(SECRET, &token).unwrap(), 42);
    }

    #[test]
    fn wrong_secret_is_refused() {
        let token = mint_user_token(SECRET, 42, Duration::from_secs(60));
        assert!(verify_user_token("another secret, also long enough!", &token).is_err());
    }

    #[test]
    fn expired_token_is_refused() {
        let claims =
            Claims { sub: "42".into(), aud: AUDIENCE.into(), iss: ISSUER.into(), iat: 1, exp: now() - 60 };
        let token =
            jsonwebtoken::encode(&Header::default(), &claims, &EncodingKey::from_secret(SECRET.as_bytes()))
                .unwrap();
        assert!(verify_user_token(SECRET, &token).is_err());
    }

    #[test]
    fn wrong_audience_or_subject_is_refused() {
        let sign = |aud: &str, sub: &str| {
            let claims =
                Claims { sub: sub.into(), aud: aud.into(), iss: ISSUER.into(), iat: now(), exp: now() + 60 };
            jsonwebtoken::encode(&Header::default(), &claims, &EncodingKey::from_secret(SECRET.as_bytes()))
                .unwrap()
        };
        assert!(verify_user_token(SECRET, &sign("someone-else", "42")).is_err());
        assert!(matches!(verify_user_token(SECRET, &sign(AUDIENCE, "ada")), Err(TokenError::BadSubject)));
    }

    #[test]
    fn a_pat_is_not_a_jwt() {
        assert!(verify_user_token(SECRET, "todo_pat_AAAA").is_err());
    }
}
