//! Server functions for the settings page's personal access tokens. Each one acts for the signed-in user.

use leptos::prelude::*;

use todo_domain::token::{CreatedToken, TokenList};
use todo_domain::AppError;

#[cfg(feature = "ssr")]
use crate::server_fns::{as_user, is_plain_form_post, session, session_error};
#[cfg(feature = "ssr")]
use todo_domain::token::{TokenName, TokenScope};
#[cfg(feature = "ssr")]
use todo_store::api_tokens as repo;
#[cfg(feature = "ssr")]
use todo_store::token_access;

/// Session key under which a token created without JavaScript waits for the page that shows it.
#[cfg(feature = "ssr")]
const JUST_CREATED_KEY: &str = "just_created_token";

/// A token's secret handed over by this request's session, taken at most once per request (provided to every
/// request by the router: src/startup.rs).
#[cfg(feature = "ssr")]
#[derive(Clone, Default)]
pub struct HandOff(std::sync::Arc<tokio::sync::Mutex<Option<Option<CreatedToken>>>>);

/// The signed-in user's live tokens (and a token just created by a form post without JavaScript).
#[server(prefix = "/api", endpoint = "tokens/list")]
pub async fn list_tokens() -> Result<TokenList, AppError> {
    as_user(|pool, owner| async move {
        let tokens = repo::list(&pool, owner).await?;
        // Handed over once: removed from the session as it is read, once per request (the server may render the
        // list twice, a dry run and the real one, and both must see the same token).
        let take = || async {
            session().await?.remove::<CreatedToken>(JUST_CREATED_KEY).await.map_err(session_error)
        };
        let just_created = match use_context::<HandOff>() {
            Some(hand_off) => {
                let mut taken = hand_off.0.lock().await;
                if taken.is_none() {
                    *taken = Some(take().await?);
                }
                taken.clone().flatten()
            }
            None => take().await?,
        };
        Ok(TokenList { tokens, just_created })
    })
    .await
}

/// Creates a personal access token. Its secret is returned this once and never stored in clear. `scope` is
/// `read` or `write` (default: write, as before scopes); `expires_in_days` (1–3650) makes it expire (default,
/// or blank as the form's "Never" sends it: never).
#[server(prefix = "/api", endpoint = "tokens/create")]
pub async fn create_token(
    name: String,
    #[server(default)] scope: Option<String>,
    #[server(default)] expires_in_days: Option<String>,
) -> Result<CreatedToken, AppError> {
    as_user(|pool, owner| async move {
        let name = TokenName::parse(&name)?;
        let scope = match scope.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => TokenScope::parse(raw)?,
            None => TokenScope::default(),
        };
        let now = chrono::Utc::now();
        // Not a whole number of days: 0, refused below like any other out-of-range value.
        let days = expires_in_days
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|raw| raw.parse::<u32>().unwrap_or(0));
        let expires_at = match days {
            None => None,
            Some(days @ 1..=3650) => Some(now + chrono::Duration::days(i64::from(days))),
            Some(_) => {
                return Err(AppError::invalid(
                    "expires_in_days",
                    "Expire the token in 1 to 3650 days, or never.",
                ))
            }
        };
        let created = token_access::create(&pool, owner, &name, scope, expires_at, now).await?;
        if is_plain_form_post() {
            // Without JavaScript the browser is redirected back to /settings and this return value is lost:
            // keep the secret in the (server-side) session until that page has shown it.
            session().await?.insert(JUST_CREATED_KEY, &created).await.map_err(session_error)?;
        }
        tracing::info!(user_id = owner, token_id = created.token.id, "api token created");
        Ok(created)
    })
    .await
}

/// Revokes one of the signed-in user's tokens.
#[server(prefix = "/api", endpoint = "tokens/revoke")]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    as_user(|pool, owner| async move {
        repo::revoke(&pool, owner, id).await?;
        tracing::info!(user_id = owner, token_id = id, "api token revoked");
        Ok(())
    })
    .await
}
