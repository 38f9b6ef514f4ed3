//! Generating and hashing personal access tokens.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use todo_domain::{AppError, AppResult};

/// Every personal access token starts with this, so it is recognisable (and findable by secret scanners).
pub const PAT_PREFIX: &str = "todo_pat_";
/// How many characters of a token are kept in clear for display: the prefix plus four.
const DISPLAY_LEN: usize = PAT_PREFIX.len() + 4;

/// A fresh token: `todo_pat_` + 32 random bytes, base64url without padding.
pub fn generate() -> AppResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::internal("no randomness for a token", e))?;
    Ok(format!("{PAT_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// Lower-case hex SHA-256 of the token: what is stored and looked up.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The part of a token that may be shown again (`todo_pat_AbCd`).
pub fn display_prefix(token: &str) -> String {
    token.chars().take(DISPLAY_LEN).collect()
}

/// Whether `token` has the shape of a personal access token (cheap check before any database lookup).
pub fn looks_like_pat(token: &str) -> bool {
    token.len() == PAT_PREFIX.len() + 43
        && token.starts_with(PAT_PREFIX)
        && token[PAT_PREFIX.len()..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_well_formed() {
        let (a, b) = (generate().unwrap(), generate().unwrap());
        assert_ne!(a, b);
        assert!(looks_like_pat(&a), "{a}");
        assert!(!looks_like_pat("todo_pat_short"));
        assert!(!looks_like_pat(&format!("{}!", &a[..a.len() - 1])));
        assert_eq!(display_prefix(&a).len(), PAT_PREFIX.len() + 4);
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
