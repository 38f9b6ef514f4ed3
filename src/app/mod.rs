//! The application shell, routes and page layout.

#[cfg(feature = "ssr")]
pub mod bundle;
pub mod dry_run;
pub mod form;
pub mod patch;

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::auth::pages::{AccountMenu, LoginPage, SignupPage};
use crate::tasks::page::TasksPage;
use crate::tokens::page::SettingsPage;
use crate::transfer::page::ImportPage;

/// What search engines and link previews show for the site.
#[cfg(feature = "ssr")]
const DESCRIPTION: &str =
    "A to-do list you can also manage by chatting with an assistant or from any MCP client.";

/// The HTML document around the app, rendered on the server.
///
/// Islands mode: every component renders on the server only, except the `#[island]`s, which are all the
/// WASM bundle holds. The islands router (`islands_router=true`) turns link clicks and form posts into
/// `fetch`es and patches the page with the answer, so no action reloads the page once the script runs.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    script_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <meta name="description" content=DESCRIPTION />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                // `/pkg/todo-app[.<hash>].css`: the name comes from the build's hash.txt when files are hashed
                // (read once, at start-up: bundle.rs).
                <bundle::BundleStylesheet options=options.clone() />
                // Carries `nonce` (from context): the one inline script the page's CSP lets run.
                <bundle::BundleScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// A fresh nonce for this response's scripts, provided to `HydrationScripts` and announced in the page's
/// `Content-Security-Policy` header (`security_headers::page_policy`). Server only: the browser never renders
/// the shell.
#[cfg(feature = "ssr")]
fn script_nonce() {
    {
        use axum::http::{header::CONTENT_SECURITY_POLICY, HeaderValue};
        use leptos::nonce::Nonce;
        let nonce = Nonce::new();
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(policy) = HeaderValue::from_str(&crate::security_headers::page_policy(&nonce)) {
                res.insert_header(CONTENT_SECURITY_POLICY, policy);
            }
        }
        provide_context(nonce);
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

/// Header and routes.
#[component]
fn Layout() -> impl IntoView {
    view! {
        // `target`: the islands router leaves the link alone, so the browser moves to `#main` itself.
        <a class="skip-link" href="#main" target="_self">"Skip to content"</a>
        <header class="site-header">
            // Plain links: the islands router fetches the page; a router <A> would mark itself current and,
            // patched in place, never unmark.
            <a href="/" class="brand">"✓ Todo"</a>
            <nav class="account" aria-label="Account">
                <AccountMenu />
            </nav>
        </header>
        <main id="main">
            // Async: the page is sent once its data is ready, complete, with the right status.
            <Routes fallback=NotFound>
                <Route path=path!("/") view=TasksPage ssr=SsrMode::Async />
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                <Route path=path!("/signup") view=SignupPage ssr=SsrMode::Async />
                <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async />
                <Route path=path!("/settings/import") view=ImportPage ssr=SsrMode::Async />
            </Routes>
        </main>
    }
}

/// Sends the visitor to `path` with a `302` (leptos_axum only sets the status for requests that accept
/// HTML, so `curl /` would otherwise get a 200 with a Location). The islands router's `fetch` follows it.
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
            <p>"There is nothing here. " <a href="/">"Go to your tasks"</a></p>
        </section>
    }
}
