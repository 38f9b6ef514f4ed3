//! Caching of the files the fallback handler serves (`/pkg/*` and `public/`).
//!
//! A release build names the bundle's files after their content (`hash-files = true`: `todo-app.<hash>.wasm`,
//! the split chunks, the CSS): they never change under a name, so browsers may keep them for a year without
//! asking again. Every other file (`/favicon.svg`, or `/pkg` built without hashes) is `no-cache`: the browser
//! keeps it but revalidates (`Last-Modified`) before each use. Pages and server functions are left alone.
//! Precompressed `.br`/`.gz` siblings are chosen by leptos_axum's file handler; this only adds the header.

use axum::extract::Request;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// For content-addressed files: one year, never revalidated.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For files whose content may change under the same name.
pub const REVALIDATE: &str = "no-cache";

/// Adds `Cache-Control` to successful responses for static files (paths whose last segment has an
/// extension, or anything under `/pkg/`) that do not carry one already.
pub async fn cache_control(req: Request, next: Next) -> Response {
    let policy = policy(req.uri().path());
    let mut res = next.run(req).await;
    if let Some(policy) = policy {
        let ok = res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED;
        if ok && !res.headers().contains_key(CACHE_CONTROL) {
            res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(policy));
        }
    }
    res
}

/// The policy for a request path: `None` for pages and server functions.
pub fn policy(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or_default();
    let is_file = path.starts_with("/pkg/") || (name.contains('.') && !path.starts_with("/api/"));
    if !is_file {
        None
    } else if is_content_hashed(name) {
        Some(IMMUTABLE)
    } else {
        Some(REVALIDATE)
    }
}

/// Whether a file name carries a content hash as cargo-leptos writes it: a dot-separated part of 22
/// URL-safe base64 characters (an MD5), as in `todo-app.AbC…xyz.wasm` or `__wasm_split.AbC…xyz.js`.
/// The split chunks' own names (`<name>_<hash>.wasm`, from wasm-split) are hashed too. Placeholders made
/// of `_` only (`__wasm_split.______________________.js`, used before hashing) do not count.
pub fn is_content_hashed(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1].iter().any(|p| {
            p.len() == 22
                && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && p.bytes().any(|b| b != b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_bundle_files_are_immutable() {
        for path in [
            "/pkg/todo-app.DpR4cv6Yfs7TnSpIw1MJ_Q.wasm",
            "/pkg/todo-app.DpR4cv6Yfs7TnSpIw1MJ_Q.js",
            "/pkg/todo-app.Zx-9cv6Yfs7TnSpIw1MJ_Q.css",
            "/pkg/__wasm_split.DpR4cv6Yfs7TnSpIw1MJ_Q.js",
        ] {
            assert_eq!(policy(path), Some(IMMUTABLE), "{path}");
        }
    }

    #[test]
    fn other_static_files_revalidate() {
        for path in [
            "/pkg/todo-app.wasm",
            "/pkg/todo-app.js",
            "/favicon.svg",
            "/pkg/__wasm_split.______________________.js",
            "/pkg/__wasm_split_manifest.json",
        ] {
            assert_eq!(policy(path), Some(REVALIDATE), "{path}");
        }
    }

    #[test]
    fn pages_and_server_functions_are_left_alone() {
        for path in ["/", "/login", "/settings", "/api/tasks/add", "/api/x.y", "/health"] {
            assert_eq!(policy(path), None, "{path}");
        }
    }
}
