//! Short-lived tokens the web app mints for its signed-in user when it calls `todo-mcp` itself.
//!
//! HS256 JWTs signed with `MCP_TOKEN_SECRET`, which both services share.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{encode, EncodingKey, Header};
use serde::{Deserialize, Serialize};

/// The `aud` claim: tokens are only good for the MCP server.
pub const AUDIENCE: &str = "todo-mcp";
/// The `iss` claim: the web app minted it.
pub const ISSUER: &str = "todo-app";

/// What a minted token says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id, as a string (JWT convention).
    pub sub: String,
    pub aud: String,
    pub iss: String,
    /// Issued at, seconds since the Unix epoch.
    pub iat: u64,
    /// Expires at, seconds since the Unix epoch.
    pub exp: u64,
}

/// Mints a token that lets the MCP server act for `user_id` during `ttl`.
pub fn mint_user_token(secret: &str, user_id: i64, ttl: Duration) -> String {
    let iat = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let claims = Claims {
        sub: user_id.to_string(),
        aud: AUDIENCE.into(),
        iss: ISSUER.into(),
        iat,
        exp: iat + ttl.as_secs(),
    };
    // Serialising five plain fields and an HMAC cannot fail.
    encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("HS256 signing")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{decode, DecodingKey, Validation};

    #[test]
    fn minted_token_verifies_with_the_same_secret_only() {
        let token = mint_user_token("shared", 42, Duration::from_secs(60));
        let mut validation = Validation::default();
        validation.set_audience(&[AUDIENCE]);
        validation.set_issuer(&[ISSUER]);
        let data =
            decode::<Claims>(&token, &DecodingKey::from_secret(b"shared"), &validation).unwrap();
        assert_eq!(data.claims.sub, "42");
        assert_eq!(data.claims.exp - data.claims.iat, 60);
        assert!(
            decode::<Claims>(&token, &DecodingKey::from_secret(b"other"), &validation).is_err()
        );
    }
}
