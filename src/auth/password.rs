//! Password hashing with argon2id (the `argon2` crate's defaults: m=19 MiB, t=2, p=1), bounded by a
//! [`HashLimit`] so that a burst of log-ins cannot exhaust memory.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use todo_domain::user::Password;
use todo_domain::{AppError, AppResult};

use crate::auth::hash_limit::HashLimit;

/// Hashes `password` into a PHC string, off the async runtime (it takes tens of milliseconds).
pub async fn hash(limit: &HashLimit, password: &Password) -> AppResult<String> {
    let password = password.clone();
    limit
        .run(move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(password.expose().as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| AppError::internal("hashing password", e))
        })
        .await
}

/// Checks `password` against a stored PHC string. With no stored hash (unknown email) it still does
/// the same work against a dummy hash, so response time does not reveal which emails exist.
pub async fn verify(limit: &HashLimit, password: &str, stored: Option<String>) -> AppResult<bool> {
    let password = password.to_owned();
    limit
        .run(move || {
            let known = stored.is_some();
            let phc = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
            let parsed =
                PasswordHash::new(&phc).map_err(|e| AppError::internal("stored hash unreadable", e))?;
            let ok = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
            Ok(known && ok)
        })
        .await
}

/// argon2id hash of a random string, with the default parameters.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$H1vqD8Xl1p+qXHpK2bbsz/hbYvzkg+TEhh0IGIT+HUo";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_then_verify() {
        let pw = Password::parse("correct horse").unwrap();
        let limit = HashLimit::new(1);
        let phc = hash(&limit, &pw).await.unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify(&limit, "correct horse", Some(phc.clone())).await.unwrap());
        assert!(!verify(&limit, "wrong horse!", Some(phc)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_user_never_verifies() {
        assert!(!verify(&HashLimit::new(1), "anything at all", None).await.unwrap());
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
