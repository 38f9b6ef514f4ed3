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

/// Shortest secret accepted: HS256 wants at least 256 bits of key (64 hex digits carry 256).
pub const SECRET_MIN_LEN: usize = 32;

/// Words that mark a secret as a placeholder copied from an example file, not a generated one.
const PLACEHOLDER_WORDS: &[&str] = &[
    "change",
    "example",
    "placeholder",
    "secret",
    "password",
    "replace",
    "random",
    "default",
    "dummy",
    "sample",
    "insecure",
];

/// Refuses a token secret that anyone could guess: too short, a placeholder from an example file
/// (`change-me-…`), a repeated pattern, or too little entropy (estimated from its characters).
///
/// Both binaries call it at start-up: a known secret would let anyone mint a token for any user.
/// The message says how to generate a good one and never echoes the secret.
pub fn check_secret(name: &str, secret: &str) -> Result<(), String> {
    let fix = "generate one with `openssl rand -hex 32` (scripts/init-env.sh does it for .env)";
    let len = secret.chars().count();
    if len < SECRET_MIN_LEN {
        return Err(format!("{name} must be at least {SECRET_MIN_LEN} characters (it has {len}): {fix}"));
    }
    let lower = secret.to_lowercase();
    if let Some(word) = PLACEHOLDER_WORDS.iter().find(|w| lower.contains(*w)) {
        return Err(format!("{name} looks like a placeholder (it contains \"{word}\"): {fix}"));
    }
    if is_patterned(secret) {
        return Err(format!("{name} is a repeated or sequential pattern, not a random value: {fix}"));
    }
    let bits = estimated_entropy_bits(secret);
    if bits < 128.0 {
        return Err(format!("{name} has too little entropy (~{bits:.0} bits, 128 needed): {fix}"));
    }
    Ok(())
}

/// Shannon entropy of the character distribution times the length: a generous upper bound of the real
/// entropy, but low for placeholders made of few distinct characters.
fn estimated_entropy_bits(secret: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for c in secret.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    let len = secret.chars().count() as f64;
    let per_char: f64 = counts
        .values()
        .map(|&n| {
            let p = n as f64 / len;
            -p * p.log2()
        })
        .sum();
    per_char * len
}

/// A chunk repeated (`abcabc…`) or mostly runs of consecutive characters (`0123…`, `abcd…`).
fn is_patterned(secret: &str) -> bool {
    let chars: Vec<char> = secret.chars().collect();
    let n = chars.len();
    let periodic = (1..=n / 2).any(|p| (p..n).all(|i| chars[i] == chars[i - p]));
    let steps = chars.windows(2).filter(|w| (w[1] as i64 - w[0] as i64).abs() <= 1).count();
    periodic || steps * 2 > n
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
    fn placeholder_and_weak_secrets_are_refused() {
        for weak in [
            // What .env.example and the Kubernetes example shipped before: long enough, but public.
            "change-me-to-a-long-random-string",
            "change-me-to-the-output-of-openssl-rand-hex-32",
            "0123456789abcdef0123456789abcdef",
            "abcdefghijklmnopqrstuvwxyzabcdefghijkl",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "short",
            "my-super-SECRET-value-nobody-will-guess-2026",
        ] {
            let err = check_secret("MCP_TOKEN_SECRET", weak).unwrap_err();
            assert!(err.starts_with("MCP_TOKEN_SECRET "), "{err}");
            assert!(!err.contains(weak), "the message must not echo the secret: {err}");
        }
    }

    #[test]
    fn generated_secrets_are_accepted() {
        for good in [
            // `openssl rand -hex 32`, `openssl rand -base64 32`, Python's secrets.token_urlsafe(32).
            "9f3c2b7e1d8a4f60b5e29c7d3a1f8e4b6c0d2a9f7e5b3c1d8f6a4e2b0c9d7f5a",
            "q3V8zK1mP0xR7tY2wN5bH9cL4jD6fG0sA1eU8iO3kQ=",
            "Zr8_kT2pXw9VbL4nQy7HcJ1mF6sD3gA0eR5uI8oK2tM",
        ] {
            assert_eq!(check_secret("MCP_TOKEN_SECRET", good), Ok(()), "{good}");
        }
    }

    #[test]
    fn the_example_files_ship_no_usable_secret() {
        // A value here would be public: anyone could mint tokens for every user of a deployment that kept it.
        let shipped = [
            (".env.example", include_str!("../../../.env.example")),
            ("deploy/k8s/secret.example.yaml", include_str!("../../../deploy/k8s/secret.example.yaml")),
        ];
        for (file, text) in shipped {
            for line in text.lines().filter(|l| l.trim_start().starts_with("MCP_TOKEN_SECRET")) {
                let value = line.split_once(['=', ':']).map_or("", |(_, v)| v.trim().trim_matches('"'));
                assert!(
                    value.is_empty() || check_secret("MCP_TOKEN_SECRET", value).is_err(),
                    "{file} ships a usable MCP_TOKEN_SECRET"
                );
            }
        }
    }

    #[test]
    fn a_pat_is_not_a_jwt() {
        assert!(verify_user_token(SECRET, "todo_pat_AAAA").is_err());
    }

    /// Bearer tokens and secrets as anyone may send or set them (256 cases each; `PROPTEST_CASES` for more).
    mod props {
        use proptest::prelude::*;

        use super::*;
        use crate::token_secret::looks_like_pat;

        proptest! {
            #[test]
            fn only_tokens_minted_with_the_secret_verify(user in any::<i64>(), junk in "\\PC{0,300}", parts in "[A-Za-z0-9_-]{0,40}\\.[A-Za-z0-9_-]{0,80}\\.[A-Za-z0-9_-]{0,60}") {
                let token = mint_user_token(SECRET, user, Duration::from_secs(60));
                prop_assert_eq!(verify_user_token(SECRET, &token).unwrap(), user);
                prop_assert!(verify_user_token("9f3c2b7e1d8a4f60b5e29c7d3a1f8e4b", &token).is_err());
                prop_assert!(verify_user_token(SECRET, &junk).is_err());
                prop_assert!(verify_user_token(SECRET, &parts).is_err());
                // A token cut short, or with its signature swapped for another's, is refused.
                let other = mint_user_token(SECRET, user.wrapping_add(1), Duration::from_secs(60));
                let (body, _) = token.rsplit_once('.').unwrap();
                let (_, signature) = other.rsplit_once('.').unwrap();
                let swapped = [body, signature].join(".");
                prop_assert!(verify_user_token(SECRET, &swapped).is_err());
                prop_assert!(verify_user_token(SECRET, body).is_err());
                prop_assert!(!looks_like_pat(&token));
            }

            #[test]
            fn a_refused_secret_is_never_echoed(secret in "\\PC{4,80}") {
                if let Err(message) = check_secret("MCP_TOKEN_SECRET", &secret) {
                    prop_assert!(!message.contains(&secret), "{message}");
                }
            }

            #[test]
            fn only_pat_shaped_text_looks_like_a_pat(text in prop_oneof!["\\PC{0,60}", "todo_pat_[A-Za-z0-9_!-]{40,46}"]) {
                if looks_like_pat(&text) {
                    prop_assert!(text.starts_with("todo_pat_") && text.len() == "todo_pat_".len() + 43);
                    prop_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
                }
            }
        }
    }
}
