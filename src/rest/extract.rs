//! axum's extractors with their rejections answered as problem+json.

use axum::extract::{FromRequest, FromRequestParts};

use super::problem::ApiError;

/// A JSON body (`Content-Type: application/json`); 400 bad syntax, 415 another type, 422 wrong shape.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// A path parameter; 400 when it does not parse.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// The query string; 400 when it does not parse.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);
