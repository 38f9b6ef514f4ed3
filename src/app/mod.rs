//! The application shell, routes and page layout.

pub mod form;
mod routes;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy, SsrMode};

use crate::auth::pages::{AccountMenu, Auth};
use crate::tasks::page::TasksPage;
use routes::{LoginRoute, SettingsRoute, SignupRoute};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                // `/pkg/todo-app[.<hash>].css`: the name comes from the build's hash.txt when files are hashed.
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The root component: metadata and the router.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Todo" />
        <Router>
            <Layout />
        </Router>
    }
}

/// Header and routes. Inside the router so that server actions created here can pick up errors
/// a plain (no-JavaScript) form post left in the URL.
#[component]
fn Layout() -> impl IntoView {
    // <Routes> provides the error a plain form post left in the URL (`__err`) only when it renders,
    // after the actions below exist: provide it first, or a failed no-JS login shows no message.
    leptos_router::hooks::use_url().read_untracked().provide_server_action_error();
    Auth::provide();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <A href="/" attr:class="brand">"✓ Todo"</A>
            <nav class="account" aria-label="Account">
                <AccountMenu />
            </nav>
        </header>
        <main id="main">
            // Async: the page is sent once its data is ready, complete, with the right status —
            // what a visitor without JavaScript needs, and cheaper than streaming for small pages.
            <Routes fallback=NotFound>
                <Route path=path!("/") view=TasksPage ssr=SsrMode::Async />
                // Loaded on demand (src/app/routes.rs): not part of the first load of `/`.
                <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/signup") view={Lazy::<SignupRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async />
            </Routes>
        </main>
    }
}

/// Sends the visitor to `path`: a `302` for any HTTP client while rendering on the server (leptos_axum
/// only sets the status for requests that accept HTML, so `curl /` would otherwise get a 200 with a
/// Location), and a client-side navigation once hydrated.
#[component]
pub fn RedirectTo(path: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        use axum::http::{header::LOCATION, HeaderValue, StatusCode};
        res.set_status(StatusCode::FOUND);
        res.insert_header(LOCATION, HeaderValue::from_static(path));
    }
    view! { <leptos_router::components::Redirect path /> }
}

/// Shown for unknown paths (with a 404 status).
#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card">
            <h1>"Page not found"</h1>
            <p>"There is nothing here. " <A href="/">"Go to your tasks"</A></p>
        </section>
    }
}
