//! One error type for the whole app: what the user may see, and (on the server) how it maps to HTTP.
//!
//! It crosses the wire between server functions and the browser, so it only ever carries messages meant
//! for the user. Internal details are logged on the server and replaced by [`AppError::Internal`].

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Result alias used by server functions and services.
pub type AppResult<T> = Result<T, AppError>;

/// Every failure a user can be told about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Input broke a validation rule; `field` names the form field it belongs to.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// The caller is not signed in (or the session expired).
    #[error("Please log in to continue.")]
    Unauthorized,
    /// Sign-in failed: deliberately vague about which part was wrong.
    #[error("Email or password is incorrect.")]
    BadCredentials,
    /// The resource does not exist *for this user* (other users' data looks the same as missing data).
    #[error("{0} not found.")]
    NotFound(String),
    /// The request conflicts with existing data (e.g. an email already registered).
    #[error("{message}")]
    Conflict { field: String, message: String },
    /// Anything unexpected. The details are in the server log, never in the response.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The server is saturated (e.g. too many log-ins at once); answered with 503 and `Retry-After`.
    #[error("The server is busy right now. Please try again in a moment.")]
    Busy,
    /// The browser could not talk to the server (network down, server restarting, …).
    #[error("Could not reach the server. Check your connection and try again.")]
    Network,
}

impl AppError {
    /// A validation error for `field`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid { field: field.to_owned(), message: message.into() }
    }

    /// The message to show next to `field`, if this error belongs to it.
    pub fn for_field(&self, name: &str) -> Option<String> {
        match self {
            Self::Invalid { field, message } | Self::Conflict { field, message } if field == name => {
                Some(message.clone())
            }
            _ => None,
        }
    }

    /// The message to show for the form as a whole: everything not tied to one of `fields`.
    pub fn general(&self, fields: &[&str]) -> Option<String> {
        match self {
            Self::Invalid { field, .. } | Self::Conflict { field, .. }
                if fields.contains(&field.as_str()) =>
            {
                None
            }
            other => Some(other.to_string()),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => Self::Network,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                let err = Self::invalid("", "The form was incomplete or malformed. Please fill it in again.");
                #[cfg(feature = "ssr")]
                ssr::set_status(&err);
                err
            }
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failure");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                Self::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use axum::http::StatusCode;

    /// `Retry-After` sent with [`AppError::Busy`]: a saturated hashing queue drains within a second or two.
    pub const RETRY_AFTER_SECS: &str = "2";

    impl AppError {
        /// The HTTP status this error is reported with.
        pub fn status(&self) -> StatusCode {
            match self {
                Self::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
                Self::Unauthorized | Self::BadCredentials => StatusCode::UNAUTHORIZED,
                Self::NotFound(_) => StatusCode::NOT_FOUND,
                Self::Conflict { .. } => StatusCode::CONFLICT,
                Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
                Self::Busy => StatusCode::SERVICE_UNAVAILABLE,
                Self::Network => StatusCode::BAD_GATEWAY,
            }
        }

        /// Logs an unexpected error with its details and returns the generic [`AppError::Internal`].
        pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
            tracing::error!(error = %err, "{context}");
            Self::Internal
        }
    }

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            Self::internal("database error", err)
        }
    }

    impl From<tower_sessions::session::Error> for AppError {
        fn from(err: tower_sessions::session::Error) -> Self {
            Self::internal("session store error", err)
        }
    }

    /// Sets the response status for a failed server function called by script (`fetch`).
    pub fn set_response_status<T>(result: &Result<T, AppError>) {
        if let Err(err) = result {
            set_status(err);
        }
    }

    /// Reports `err` as the HTTP status of the current server-function request.
    ///
    /// Left alone: server functions run inline while a page renders (the page decides its own
    /// status), and plain HTML form posts, which server_fn answers with a redirect back to the form
    /// carrying the error in the URL — a 4xx status would break that redirect.
    pub(super) fn set_status(err: &AppError) {
        use leptos::prelude::use_context;
        let Some(parts) = use_context::<axum::http::request::Parts>() else { return };
        let is_api_call = parts.uri.path().starts_with("/api/");
        let accepts_html = parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        if is_api_call && !accepts_html {
            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(err.status());
                if *err == AppError::Busy {
                    res.insert_header(
                        axum::http::header::RETRY_AFTER,
                        axum::http::HeaderValue::from_static(RETRY_AFTER_SECS),
                    );
                }
            }
        }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::set_response_status;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_are_routed_to_their_field() {
        let err = AppError::invalid("title", "Title is required.");
        assert_eq!(err.for_field("title").as_deref(), Some("Title is required."));
        assert_eq!(err.for_field("description"), None);
        assert_eq!(err.general(&["title"]), None);
        assert_eq!(err.general(&["description"]).as_deref(), Some("Title is required."));
    }

    #[test]
    fn internal_errors_say_nothing_specific() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError("db password=x".into()));
        assert_eq!(err, AppError::Internal);
        assert!(!err.to_string().contains("password"));
    }
}
