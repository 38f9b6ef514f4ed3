//! The signed-in user's account: change the password, sign out everywhere, delete the account (a section of
//! `/settings`).

pub mod api;
pub mod page;

#[cfg(feature = "ssr")]
mod confirm;
