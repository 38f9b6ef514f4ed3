//! Accounts: sign-up, log-in, log-out, sessions and the current user.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod client_ip;
#[cfg(feature = "ssr")]
pub mod hash_limit;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session;
