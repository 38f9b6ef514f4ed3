//! One error type for every surface (pages, server functions, MCP tools): what the user may see, and its HTTP status.
//!
//! It crosses the wire between server functions and the browser, so it only ever carries messages meant
//! for the user. Internal details are logged on the server and replaced by [`AppError::Internal`].

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
    /// Too many failed log-ins (for this account or from this address) or sign-ups: wait, then retry.
    /// Answered with 429 and `Retry-After`.
    #[error("Too many attempts. Please wait {retry_after_secs} s and try again.")]
    TooManyAttempts { retry_after_secs: u32 },
    /// The assistant is still answering this user's previous message (one at a time). 429 with `Retry-After`.
    #[error(
        "The assistant is still answering your previous message. Wait for its reply, then send this one."
    )]
    AssistantBusy,
    /// The server cannot reach its database (restarting, unreachable, out of connections): nothing was changed
    /// that the caller was told about. Answered with 503 and `Retry-After`; the server recovers by itself.
    #[error("The server cannot reach its database right now. Please try again in a moment.")]
    Unavailable,
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

/// The message of a form whose fields could not be read at all (missing or of the wrong type).
pub const MALFORMED_FORM: &str = "The form was incomplete or malformed. Please fill it in again.";

/// `Retry-After` (seconds) sent with [`AppError::Busy`]: a saturated hashing queue drains within a second or two.
pub const RETRY_AFTER_SECS: &str = "2";

/// `Retry-After` (seconds) sent with [`AppError::Unavailable`]: a database restart or fail-over takes seconds.
pub const UNAVAILABLE_RETRY_AFTER_SECS: &str = "5";

impl AppError {
    /// The `Retry-After` header value (seconds) this error is answered with, if any.
    pub fn retry_after(&self) -> Option<String> {
        match self {
            Self::Busy | Self::AssistantBusy => Some(RETRY_AFTER_SECS.to_owned()),
            Self::Unavailable => Some(UNAVAILABLE_RETRY_AFTER_SECS.to_owned()),
            Self::TooManyAttempts { retry_after_secs } => Some(retry_after_secs.max(&1).to_string()),
            _ => None,
        }
    }
}

impl AppError {
    /// The HTTP status code this error is reported with (the web app's server functions and REST handlers).
    pub fn http_status(&self) -> u16 {
        match self {
            Self::Invalid { .. } => 422,
            Self::Unauthorized | Self::BadCredentials => 401,
            Self::NotFound(_) => 404,
            Self::Conflict { .. } => 409,
            Self::Internal => 500,
            Self::Busy | Self::Unavailable => 503,
            Self::TooManyAttempts { .. } | Self::AssistantBusy => 429,
            Self::Network => 502,
        }
    }

    /// Logs an unexpected error with its details and returns the generic [`AppError::Internal`].
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!(error = %err, "{context}");
        Self::Internal
    }
}

#[cfg(feature = "server-fn")]
mod server_fn_error {
    use std::sync::OnceLock;

    use server_fn::codec::JsonEncoding;
    use server_fn::error::{FromServerFnError, ServerFnErrorErr};

    use super::AppError;

    /// Called with the error a server function answers when its arguments could not be read (set by the web
    /// app's server, which knows how to put a status on the response; unset in the browser).
    static ON_BAD_ARGUMENTS: OnceLock<fn(&AppError)> = OnceLock::new();

    /// Registers the server's hook for malformed server-function arguments (once; later calls are ignored).
    pub fn on_bad_arguments(hook: fn(&AppError)) {
        let _ = ON_BAD_ARGUMENTS.set(hook);
    }

    /// The error of a request whose arguments could not be read, its status reported through the server's hook.
    fn malformed_request() -> AppError {
        let err = AppError::invalid("", super::MALFORMED_FORM);
        if let Some(hook) = ON_BAD_ARGUMENTS.get() {
            hook(&err);
        }
        err
    }

    impl FromServerFnError for AppError {
        type Encoder = JsonEncoding;

        fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
            match value {
                ServerFnErrorErr::Request(_) => Self::Network,
                ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => malformed_request(),
                // On the server (where the hook is set) this is the request body that could not be read: not
                // UTF-8, or over the body limit. The sender's fault like bad arguments, not ours. In the browser it
                // is an answer that did not decode, which stays an internal error.
                ServerFnErrorErr::Deserialization(_) if ON_BAD_ARGUMENTS.get().is_some() => {
                    malformed_request()
                }
                other => {
                    // A no-op in the browser, which installs no tracing subscriber.
                    tracing::error!(error = %other, "server function failure");
                    Self::Internal
                }
            }
        }
    }
}

#[cfg(feature = "server-fn")]
pub use server_fn_error::on_bad_arguments;

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

    #[cfg(feature = "server-fn")]
    #[test]
    fn internal_errors_say_nothing_specific() {
        use server_fn::error::{FromServerFnError, ServerFnErrorErr};
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError("db password=x".into()));
        assert_eq!(err, AppError::Internal);
        assert!(!err.to_string().contains("password"));
    }

    #[test]
    fn an_unreachable_database_is_a_503_with_retry_after() {
        let err = AppError::Unavailable;
        assert_eq!(err.http_status(), 503);
        assert_eq!(err.retry_after().as_deref(), Some(UNAVAILABLE_RETRY_AFTER_SECS));
        assert_eq!(err.general(&["title"]), Some(err.to_string()));
    }
}
