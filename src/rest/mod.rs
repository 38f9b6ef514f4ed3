//! REST API v1 under `/api/v1`: one module per resource, each with its own `router()` (realworld's shape), the
//! problem+json errors ([`problem`]), the one auth step ([`auth`]), and the OpenAPI document generated from the
//! handlers ([`openapi`]) with its offline docs page at `/api/docs`.
//!
//! Handlers are thin: every rule is in todo-domain or todo-store, shared with the server fns and the MCP tools.

pub mod auth;
pub mod etag;
pub mod extract;
pub mod openapi;
pub mod problem;
pub mod tags;
pub mod tasks;
pub mod transfer;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app_state::AppState;

/// The largest request body accepted (413 beyond).
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// `/api/v1` and `/api/docs`, to merge into the app's router.
pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/", get(describe))
        .merge(tasks::router())
        .merge(tags::router())
        .merge(transfer::router())
        .route("/openapi.json", get(openapi::document))
        .fallback(problem::no_route)
        .method_not_allowed_fallback(|| async { problem::ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES));
    // The nested "/" is `/api/v1` itself.
    Router::new().nest("/api/v1", v1).merge(openapi::docs())
}

/// What `GET /api/v1` says about the service.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ServiceOut {
    /// The service's name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The API version.
    pub api_version: String,
    /// Where to read more.
    pub links: ServiceLinks,
}

/// Links from the service description.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ServiceLinks {
    /// The OpenAPI 3.1 document.
    pub openapi: String,
    /// The interactive documentation.
    pub docs: String,
    /// Tasks.
    pub tasks: String,
    /// Tags.
    pub tags: String,
}

/// Describe the service: name, version, links to the docs and the OpenAPI document. Needs no token.
#[utoipa::path(get, path = "/api/v1", tag = "service",
    responses((status = 200, description = "The service", body = ServiceOut)))]
pub async fn describe() -> Json<ServiceOut> {
    Json(ServiceOut {
        name: "todo-app".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        api_version: "v1".into(),
        links: ServiceLinks {
            openapi: "/api/v1/openapi.json".into(),
            docs: "/api/docs".into(),
            tasks: "/api/v1/tasks".into(),
            tags: "/api/v1/tags".into(),
        },
    })
}
