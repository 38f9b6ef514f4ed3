//! Server functions for the account. Each acts for the signed-in user only; the two that change the account
//! need its current password ([`confirm`](super::confirm)).

use leptos::prelude::*;

use todo_domain::AppError;

#[cfg(feature = "ssr")]
use crate::{
    account::confirm::confirm_password,
    app_state::AppState,
    auth::{password, session},
    server_fns::{as_user, session as current_session, session_error},
};
#[cfg(feature = "ssr")]
use todo_domain::user::Password;
#[cfg(feature = "ssr")]
use todo_store::users;

/// Where a password change sends the browser: the settings page, which then says it worked.
pub const PASSWORD_CHANGED_PATH: &str = "/settings?changed=password";

/// Sets a new `password` after checking `current_password`. Every other session of the user ends and every
/// personal access token is revoked (a leaked password may have been used to make one); this session stays signed
/// in (under a fresh session id).
#[server(prefix = "/api", endpoint = "account/password")]
pub async fn change_password(current_password: String, password: String) -> Result<(), AppError> {
    let result = as_user(|pool, owner| async move {
        let state = AppState::get()?;
        let new = Password::parse(&password)?;
        confirm_password(&state, owner, &current_password, "current_password").await?;
        if new.expose() == current_password {
            return Err(AppError::invalid("password", "Choose a password different from your current one."));
        }
        let hash = password::hash(&state.hash_limit, &new).await?;
        let revoked = users::change_password(&pool, owner, &hash).await?;
        let keep = session::current_session_id().await?;
        let ended = state.sessions.end_user_sessions(owner, keep.as_deref()).await?;
        // This session carries on under a new id: an id seen before the change is worth nothing after it.
        current_session().await?.cycle_id().await.map_err(session_error)?;
        tracing::info!(
            user_id = owner,
            ended,
            revoked,
            "password changed: other sessions ended, tokens revoked"
        );
        Ok(())
    })
    .await;
    if result.is_ok() {
        leptos_axum::redirect(PASSWORD_CHANGED_PATH);
    }
    result
}

/// Ends every session of the signed-in user, this one included, and sends the browser to the login page.
#[server(prefix = "/api", endpoint = "account/sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    let result = as_user(|_, owner| async move {
        let ended = AppState::get()?.sessions.end_user_sessions(owner, None).await?;
        session::sign_out().await?;
        tracing::info!(user_id = owner, ended, "signed out everywhere");
        Ok(())
    })
    .await;
    if result.is_ok() {
        leptos_axum::redirect("/login");
    }
    result
}

/// Deletes the signed-in user's account and everything it owns, after checking its `password`; then sends the
/// browser to the sign-up page.
#[server(prefix = "/api", endpoint = "account/delete")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    let result = as_user(|pool, owner| async move {
        let state = AppState::get()?;
        let email = confirm_password(&state, owner, &password, "password").await?;
        users::delete_account(&pool, owner, &email).await?;
        // The rows went with the account (the trigger tells the other replicas); forget them here at once.
        state.sessions.forget_user(owner);
        session::sign_out().await?;
        tracing::info!(user_id = owner, "account deleted");
        Ok(())
    })
    .await;
    if result.is_ok() {
        leptos_axum::redirect("/signup");
    }
    result
}
