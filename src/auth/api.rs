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
use todo_domain::user::{Email, Password, PASSWORD_MAX};
#[cfg(feature = "ssr")]
use todo_store::{throttle, users as repo};

/// The requesting client's address, as throttle keys and log lines name it.
#[cfg(feature = "ssr")]
fn client(state: &AppState) -> String {
    let parts = use_context::<axum::http::request::Parts>();
    crate::auth::client_ip::client_ip_label(parts.as_ref(), state.config.trusted_proxy_hops)
}

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
        let state = AppState::get()?;
        // Every attempt counts, valid or not: sign-ups from one address are limited per hour.
        let ip_key = format!("signup-ip:{}", client(&state));
        let quota = throttle::signup_ip(state.config.signups_per_ip_per_hour);
        throttle::admit(&state.pool, &ip_key, quota).await?;
        let email = Email::parse(&email)?;
        let password = Password::parse(&password)?;
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
        let state = AppState::get()?;
        let ip = client(&state);
        let (account_key, ip_key) = (throttle::account_key(&email), format!("login-ip:{ip}"));
        // Checked before any hashing: a throttled guess costs one indexed lookup.
        throttle::check(&state.pool, &[account_key.clone(), ip_key.clone()]).await?;
        let fail = || async {
            throttle::record(&state.pool, &account_key, throttle::ACCOUNT).await?;
            let failures = throttle::record(&state.pool, &ip_key, throttle::LOGIN_IP).await?;
            let account = throttle::account_id_hash(&email);
            tracing::info!(client_ip = %ip, account, failures, "failed login");
            Err::<(), _>(AppError::BadCredentials)
        };
        // A malformed email cannot belong to an account, and no password is longer than sign-up allows:
        // answer like any other failed login, without hashing.
        let (Ok(parsed), true) = (Email::parse(&email), password.chars().count() <= PASSWORD_MAX) else {
            return fail().await;
        };
        let found = repo::find_credentials(&state.pool, &parsed).await?;
        let (id, hash) = found.map_or((None, None), |c| (Some(c.id), Some(c.password_hash)));
        let verified = password::verify(&state.hash_limit, &password, hash).await?;
        let Some(id) = id.filter(|_| verified) else {
            return fail().await;
        };
        throttle::clear(&state.pool, &account_key).await?;
        let email = parsed;
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
