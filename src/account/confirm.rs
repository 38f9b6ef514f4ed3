//! Re-entering the password before a change to the account, under the same limits as a log-in: argon2 runs
//! through the hashing bound, and wrong passwords count against the account's log-in throttle (a stolen
//! session cannot be used to guess the password either).

use todo_domain::user::PASSWORD_MAX;
use todo_domain::{AppError, AppResult};
use todo_store::{throttle, users};

use crate::app_state::AppState;
use crate::auth::password;

/// Checks that `given` is the password of `user`'s account; returns the account's email. A wrong password is
/// an [`AppError::Invalid`] on `field` (the user is signed in: it is a form error, not a failed log-in).
pub async fn confirm_password(state: &AppState, user: i64, given: &str, field: &str) -> AppResult<String> {
    let (email, hash) = users::own_credentials(&state.pool, user).await?;
    let key = throttle::account_key(&email);
    throttle::check(&state.pool, std::slice::from_ref(&key)).await?;
    let verified = given.chars().count() <= PASSWORD_MAX
        && password::verify(&state.hash_limit, given, Some(hash)).await?;
    if !verified {
        let failures = throttle::record(&state.pool, &key, throttle::ACCOUNT).await?;
        let account = throttle::account_id_hash(&email);
        tracing::info!(user_id = user, account, failures, "wrong password to confirm an account change");
        return Err(AppError::invalid(field, "That is not your current password."));
    }
    throttle::clear(&state.pool, &key).await?;
    Ok(email)
}
