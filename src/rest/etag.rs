//! Task versions for `ETag` / `If-Match`: a hash of the task as the API shows it, so any change to any field (tags
//! and done included) gives a new tag, and an unchanged task keeps its tag across reads.

use axum::http::{header, HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

use super::problem::ApiError;
use super::tasks::TaskOut;

/// The strong entity tag of `task` (quoted).
pub fn of(task: &TaskOut) -> String {
    let json = serde_json::to_vec(task).unwrap_or_default();
    let digest = Sha256::digest(&json);
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// The header value of `task`'s tag.
pub fn header_value(task: &TaskOut) -> HeaderValue {
    HeaderValue::from_str(&of(task)).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// Refuses the request with 412 when it carries an `If-Match` that matches neither `*` nor `current` (400 when
/// it is not a list of entity tags).
/// (Weak tags compare by their opaque part: a proxy may have weakened ours.)
pub fn check_if_match(headers: &HeaderMap, current: &TaskOut) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else { return Ok(()) };
    let malformed =
        || ApiError::BadRequest("If-Match must be * or a list of quoted entity tags (an ETag).".into());
    let value = value.to_str().map_err(|_| malformed())?.trim();
    if value == "*" {
        return Ok(());
    }
    let tags: Vec<&str> =
        value.split(',').map(str::trim).map(|t| t.strip_prefix("W/").unwrap_or(t)).collect();
    if tags.iter().any(|t| t.len() < 2 || !t.starts_with('"') || !t.ends_with('"')) {
        return Err(malformed());
    }
    let current = of(current);
    let matches = tags.iter().any(|tag| *tag == current);
    if matches {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed)
    }
}
