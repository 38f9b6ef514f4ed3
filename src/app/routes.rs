//! Routes whose code is loaded on demand.
//!
//! With `cargo leptos build --split` each `view` below becomes its own WASM chunk, fetched when the route
//! is first shown: the first load of `/` (the task page, the common entry point) does not carry the
//! Settings, log-in and sign-up pages. Without `--split` they are ordinary routes in the main bundle.
//! The server renders them like any other route, so they work without JavaScript.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::auth::pages::{LoginPage, SignupPage};
use crate::tokens::page::SettingsPage;

/// `/settings`
pub struct SettingsRoute;

#[lazy_route]
impl LazyRoute for SettingsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <SettingsPage /> }.into_any()
    }
}

/// `/login`
pub struct LoginRoute;

#[lazy_route]
impl LazyRoute for LoginRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <LoginPage /> }.into_any()
    }
}

/// `/signup`
pub struct SignupRoute;

#[lazy_route]
impl LazyRoute for SignupRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <SignupPage /> }.into_any()
    }
}
