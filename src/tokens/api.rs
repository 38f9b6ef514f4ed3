//! Server functions for the settings page's personal access tokens. Each one acts for the signed-in user.

use leptos::prelude::*;

use crate::error::AppError;
use crate::tokens::model::{CreatedToken, TokenList};

#[cfg(feature = "ssr")]
use crate::{
    app_state::AppState,
    auth::session::require_user,
    error::{set_response_status, AppResult},
    tokens::{model::TokenName, repo},
};

/// Session key under which a token created without JavaScript waits for the page that shows it.
#[cfg(feature = "ssr")]
const JUST_CREATED_KEY: &str = "just_created_token";

#[cfg(feature = "ssr")]
async fn session() -> AppResult<tower_sessions::Session> {
    leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(|e| AppError::internal("session layer missing", e))
}

/// True for a plain HTML form post (no JavaScript): its result is dropped and the browser is redirected.
#[cfg(feature = "ssr")]
fn is_plain_form_post() -> bool {
    use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

/// The signed-in user's live tokens (and a token just created by a form post without JavaScript).
#[server(prefix = "/api", endpoint = "tokens/list")]
pub async fn list_tokens() -> Result<TokenList, AppError> {
    let result = async {
        let user = require_user().await?;
        let tokens = repo::list(&AppState::get()?.pool, user.id).await?;
        // Handed over once: removed from the session as it is read.
        let just_created = session().await?.remove::<CreatedToken>(JUST_CREATED_KEY).await?;
        Ok(TokenList { tokens, just_created })
    }
    .await;
    set_response_status(&result);
    result
}

/// Creates a personal access token. Its secret is returned this once and never stored in clear.
#[server(prefix = "/api", endpoint = "tokens/create")]
pub async fn create_token(name: String) -> Result<CreatedToken, AppError> {
    let result = async {
        let user = require_user().await?;
        let name = TokenName::parse(&name)?;
        let created = repo::create(&AppState::get()?.pool, user.id, &name).await?;
        if is_plain_form_post() {
            // Without JavaScript the browser is redirected back to /settings and this return value is lost:
            // keep the secret in the (server-side) session until that page has shown it.
            session().await?.insert(JUST_CREATED_KEY, &created).await?;
        }
        tracing::info!(user_id = user.id, token_id = created.token.id, "api token created");
        Ok(created)
    }
    .await;
    set_response_status(&result);
    result
}

/// Revokes one of the signed-in user's tokens.
#[server(prefix = "/api", endpoint = "tokens/revoke")]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    let result = async {
        let user = require_user().await?;
        repo::revoke(&AppState::get()?.pool, user.id, id).await?;
        tracing::info!(user_id = user.id, token_id = id, "api token revoked");
        Ok(())
    }
    .await;
    set_response_status(&result);
    result
}
