//! Tasks: the shared model, server functions, SQL and the page.

pub mod api;
pub mod model;
pub mod page;

#[cfg(feature = "ssr")]
pub mod repo;
