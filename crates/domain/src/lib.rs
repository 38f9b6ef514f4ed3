//! todo-domain: the types the browser and both servers share, with their validation rules written once.
//!
//! Builds for wasm32 (the browser bundle) as well as for the servers: nothing here touches a database,
//! a runtime or the network.

pub mod chat;
pub mod error;
pub mod task;
pub mod token;
pub mod user;

pub use error::{AppError, AppResult};
