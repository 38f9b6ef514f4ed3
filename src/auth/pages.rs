//! Log-in and sign-up pages, and the signed-in state shared by the whole app.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::form::{Field, FormError};
use crate::app::RedirectTo;
use crate::auth::api::{get_current_user, Login, Logout, Signup};
use todo_domain::user::{CurrentUser, Email, Password};
use todo_domain::AppError;

/// The signed-in user and the actions that change who that is. Provided once, at the top of the app.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    pub login: ServerAction<Login>,
    pub signup: ServerAction<Signup>,
    pub logout: ServerAction<Logout>,
}

impl Auth {
    /// Creates the actions and a user resource that refetches after each of them.
    pub fn provide() -> Self {
        let login = ServerAction::<Login>::new();
        let signup = ServerAction::<Signup>::new();
        let logout = ServerAction::<Logout>::new();
        let user = Resource::new(
            move || (login.version().get(), signup.version().get(), logout.version().get()),
            |_| get_current_user(),
        );
        let auth = Self { user, login, signup, logout };
        provide_context(auth);
        auth
    }
}

fn email_rule(raw: &str) -> Option<String> {
    Email::parse(raw).err().map(|e| e.to_string())
}

fn password_rule(raw: &str) -> Option<String> {
    Password::parse(raw).err().map(|e| e.to_string())
}

/// Sends a visitor who is already signed in to their tasks.
#[component]
fn RedirectIfSignedIn() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                matches!(auth.user.await, Ok(Some(_))).then(|| view! { <RedirectTo path="/" /> })
            })}
        </Suspense>
    }
}

/// `/login`
#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let error = move || auth.login.value().get().and_then(Result::err);
    let pending = auth.login.pending();
    view! {
        <RedirectIfSignedIn />
        <section class="card auth">
            <h1>"Log in"</h1>
            <ActionForm action=auth.login>
                <Field
                    label="Email"
                    name="email"
                    id="login-email".into()
                    kind="email"
                    autocomplete="email"
                    required=true
                    error=Signal::derive(move || error().and_then(|e| e.for_field("email")))
                />
                <Field
                    label="Password"
                    name="password"
                    id="login-password".into()
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    error=Signal::derive(move || error().and_then(|e| e.for_field("password")))
                />
                <FormError message=Signal::derive(move || {
                    error().and_then(|e| e.general(&["email", "password"]))
                }) />
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { "Logging in…" } else { "Log in" }}
                </button>
            </ActionForm>
            <p class="switch">"No account yet? " <A href="/signup">"Sign up"</A></p>
        </section>
    }
}

/// `/signup`
#[component]
pub fn SignupPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let error = move || auth.signup.value().get().and_then(Result::err);
    let pending = auth.signup.pending();
    view! {
        <RedirectIfSignedIn />
        <section class="card auth">
            <h1>"Create your account"</h1>
            <ActionForm action=auth.signup>
                <Field
                    label="Email"
                    name="email"
                    id="signup-email".into()
                    kind="email"
                    autocomplete="email"
                    required=true
                    rule=email_rule
                    error=Signal::derive(move || error().and_then(|e| e.for_field("email")))
                />
                <Field
                    label="Password (at least 8 characters)"
                    name="password"
                    id="signup-password".into()
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    rule=password_rule
                    error=Signal::derive(move || error().and_then(|e| e.for_field("password")))
                />
                <FormError message=Signal::derive(move || {
                    error().and_then(|e| e.general(&["email", "password"]))
                }) />
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { "Creating account…" } else { "Sign up" }}
                </button>
            </ActionForm>
            <p class="switch">"Already have an account? " <A href="/login">"Log in"</A></p>
        </section>
    }
}

/// The header's account area: who is signed in and a log-out button, or links to log in / sign up.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) => {
                        view! {
                            <span class="whoami">{user.email}</span>
                            <A href="/settings">"Settings"</A>
                            <ActionForm action=auth.logout>
                                <button type="submit" class="link">"Log out"</button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <A href="/login">"Log in"</A>
                            <A href="/signup">"Sign up"</A>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}
