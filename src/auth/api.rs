//! Server functions for accounts: sign up, log in, log out, who am I.

use leptos::prelude::*;

use todo_domain::user::CurrentUser;
use todo_domain::AppError;

#[cfg(feature = "ssr")]
use crate::{
    app_state::AppState,
    auth::{password, session},
    server_fns::serve,
};
#[cfg(feature = "ssr")]
use todo_domain::user::{Email, Password};
#[cfg(feature = "ssr")]
use todo_store::users as repo;

/// The signed-in user, or `None` for a visitor.
#[server(prefix = "/api", endpoint = "auth/me")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    serve(session::current_user()).await
}

/// Creates an account and signs it in, then sends the browser to its tasks. `time_zone` is the browser's IANA zone
/// (`Intl.DateTimeFormat().resolvedOptions().timeZone`, sent by the form when JavaScript runs); without it, or if
/// it is not a known zone, the account starts in UTC (changeable in Settings).
#[server(prefix = "/api", endpoint = "auth/signup")]
pub async fn signup(email: String, password: String, time_zone: Option<String>) -> Result<(), AppError> {
    let result = serve(async {
        let email = Email::parse(&email)?;
        let password = Password::parse(&password)?;
        let state = AppState::get()?;
        let hash = password::hash(&state.hash_limit, &password).await?;
        let id = repo::create_user(&state.pool, &email, &hash).await?;
        if let Some(zone) = time_zone.as_deref().filter(|z| !z.trim().is_empty()) {
            // A browser's odd zone name must not fail the sign-up: the account keeps UTC.
            if let Err(err) = repo::set_time_zone(&state.pool, id, zone).await {
                tracing::info!(user_id = id, error = %err, "sign-up time zone ignored");
            }
        }
        session::sign_in(&CurrentUser { id, email: email.as_str().to_owned() }).await?;
        tracing::info!(user_id = id, "account created");
        Ok(())
    })
    .await;
    if result.is_ok() {
        leptos_axum::redirect("/");
    }
    result
}

/// Signs in with email and password, then sends the browser to its tasks.
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    let result = serve(async {
        // A malformed email cannot belong to an account: answer like any other failed login.
        let email = Email::parse(&email).map_err(|_| AppError::BadCredentials)?;
        let state = AppState::get()?;
        let found = repo::find_credentials(&state.pool, &email).await?;
        let (id, hash) = found.map_or((None, None), |(id, hash)| (Some(id), Some(hash)));
        if !password::verify(&state.hash_limit, &password, hash).await? {
            tracing::info!("failed login");
            return Err(AppError::BadCredentials);
        }
        let id = id.ok_or(AppError::BadCredentials)?;
        session::sign_in(&CurrentUser { id, email: email.as_str().to_owned() }).await?;
        Ok(())
    })
    .await;
    if result.is_ok() {
        leptos_axum::redirect("/");
    }
    result
}

/// Ends the session and sends the browser to the login page.
#[server(prefix = "/api", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    let result = serve(session::sign_out()).await;
    leptos_axum::redirect("/login");
    result
}
