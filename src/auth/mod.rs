//! Accounts: sign-up, log-in, log-out, sessions, the current user and their time zone.

pub mod api;
pub mod pages;
pub mod time_zone;

#[cfg(feature = "ssr")]
pub mod client_ip;
#[cfg(feature = "ssr")]
pub mod hash_limit;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session;
