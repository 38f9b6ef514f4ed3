//! The REST API's one error type, answered as RFC 9457 `application/problem+json`.
//!
//! Domain errors ([`AppError`]) keep their status ([`AppError::http_status`]) and user-facing message; what only
//! HTTP knows (a missing token, a read-only token, a stale `If-Match`, a body that is not JSON) is added here.
//! axum's extractor rejections are mapped in, so a malformed request never answers plain text.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use todo_domain::AppError;
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// `Result` of REST handlers.
pub type ApiResult<T, E = ApiError> = Result<T, E>;

/// Every way a REST request can fail.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A domain error: validation (422), not found (404), conflict (409), throttled (429), internal (500)…
    #[error(transparent)]
    App(#[from] AppError),
    /// No bearer token, or one that is unknown, revoked (`invalid` = a token was sent) or expired.
    #[error("{0}")]
    Unauthorized(&'static str, bool),
    /// A read-only token on a write.
    #[error("{0}")]
    Forbidden(&'static str),
    /// Malformed request: bad JSON syntax, bad query string or path.
    #[error("{0}")]
    BadRequest(String),
    /// A body that is not `application/json`.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// A body over the limit.
    #[error("The request body is too large.")]
    PayloadTooLarge,
    /// `If-Match` names another version than the current one: nothing was changed.
    #[error("The task was changed since you read it (If-Match does not match its ETag): nothing was changed. Read it again and retry.")]
    PreconditionFailed,
    /// No such route under `/api/v1`.
    #[error("There is no such API endpoint.")]
    NoRoute,
    /// The route exists, not with this method.
    #[error("This endpoint does not accept that method.")]
    MethodNotAllowed,
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` when the status says it all).
    #[serde(rename = "type")]
    pub kind: String,
    /// The status's short, human-readable summary.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request, for people.
    pub detail: String,
    /// Per-field messages (422 and 409 on a field).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One field's problem.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field (body member or query parameter) it concerns.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl ApiError {
    /// The status it is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::App(e) => {
                StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            }
            Self::Unauthorized(..) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::NoRoute => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    /// The problem document.
    pub fn problem(&self) -> Problem {
        let status = self.status();
        let errors = match self {
            Self::App(AppError::Invalid { field, message } | AppError::Conflict { field, message })
                if !field.is_empty() =>
            {
                vec![FieldProblem { field: field.clone(), message: message.clone() }]
            }
            _ => Vec::new(),
        };
        Problem {
            kind: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").into(),
            status: status.as_u16(),
            detail: self.to_string(),
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match &self {
            Self::Unauthorized(_, invalid) => {
                let challenge = if *invalid {
                    r#"Bearer realm="todo-api", error="invalid_token""#
                } else {
                    r#"Bearer realm="todo-api""#
                };
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
            }
            Self::Forbidden(_) => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(
                        r#"Bearer realm="todo-api", error="insufficient_scope", scope="write""#,
                    ),
                );
            }
            Self::App(e) => {
                if let Some(v) = e.retry_after().and_then(|s| HeaderValue::from_str(&s).ok()) {
                    headers.insert(header::RETRY_AFTER, v);
                }
            }
            _ => {}
        }
        response
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        match r {
            JsonRejection::MissingJsonContentType(_) => Self::UnsupportedMediaType(
                "Send the body as JSON, with `Content-Type: application/json`.".into(),
            ),
            // Valid JSON of the wrong shape: a missing or mistyped member is a validation error on it.
            JsonRejection::JsonDataError(e) => {
                let text = e.body_text();
                let detail = text
                    .strip_prefix("Failed to deserialize the JSON body into the target type: ")
                    .unwrap_or(&text)
                    .to_owned();
                // serde_path_to_error puts the member's path first ("tags[0]: invalid type…").
                let field = match detail.split_once(": ") {
                    Some((path, _)) if !path.contains(' ') => path.to_owned(),
                    _ => String::new(),
                };
                Self::App(AppError::invalid(&field, detail))
            }
            JsonRejection::JsonSyntaxError(e) => Self::BadRequest(e.body_text()),
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Self::PayloadTooLarge
            }
            other => Self::BadRequest(other.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        Self::BadRequest(r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        Self::BadRequest(r.body_text())
    }
}

/// The fallback under `/api/v1`: unknown routes answer a problem too.
pub async fn no_route() -> ApiError {
    ApiError::NoRoute
}
