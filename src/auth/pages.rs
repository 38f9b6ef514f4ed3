//! Log-in and sign-up pages, and the header's account menu.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::app::dry_run::past_dry_run;
use crate::app::form::{posted_error, Field, FormError, Rule};
use crate::app::RedirectTo;
use crate::auth::api::{get_current_user, Login, Logout, Signup};
use crate::auth::time_zone::BrowserTimeZone;
use todo_domain::error::MALFORMED_FORM;
use todo_domain::user::{Email, Password, EMAIL_TAKEN, PASSWORD_MAX};
use todo_domain::AppError;

/// Sends a visitor who is already signed in to their tasks.
#[component]
fn RedirectIfSignedIn() -> impl IntoView {
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                past_dry_run().await;
                matches!(get_current_user().await, Ok(Some(_))).then(|| view! { <RedirectTo path="/" /> })
            })}
        </Suspense>
    }
}

/// Whether a log-in or sign-up could have answered `error`. The error shown after a form post without
/// JavaScript comes from the page's URL (`__err`), which anyone can write into a link: a crafted link must not put
/// its own text on these pages ("your account is locked, call …"). Errors without text of their own are shown;
/// one with a message only if it is one of the messages these forms produce.
fn producible(error: &AppError) -> bool {
    match error {
        AppError::BadCredentials
        | AppError::TooManyAttempts { .. }
        | AppError::Busy
        | AppError::Unavailable
        | AppError::Internal
        | AppError::Network => true,
        AppError::Invalid { .. } | AppError::Conflict { .. } => {
            let too_long = "x".repeat(PASSWORD_MAX + 1);
            let mut known: Vec<AppError> =
                ["", "not an email"].into_iter().filter_map(|e| Email::parse(e).err()).collect();
            known.extend(["", too_long.as_str()].into_iter().filter_map(|p| Password::parse(p).err()));
            known.push(AppError::invalid("", MALFORMED_FORM));
            known.push(AppError::Conflict { field: "email".into(), message: EMAIL_TAKEN.into() });
            known.contains(error)
        }
        _ => false,
    }
}

/// The messages of a failed log-in or sign-up: (email, password, the rest).
fn credential_errors(error: Option<AppError>) -> (Option<String>, Option<String>, Option<String>) {
    let Some(error) = error.filter(producible) else { return (None, None, None) };
    (error.for_field("email"), error.for_field("password"), error.general(&["email", "password"]))
}

/// `/login`
#[component]
pub fn LoginPage() -> impl IntoView {
    let (email_error, password_error, general) = credential_errors(posted_error::<Login>());
    view! {
        <RedirectIfSignedIn />
        <section class="card auth">
            <h1>"Log in"</h1>
            <form method="post" action=Login::url()>
                <Field
                    label="Email"
                    name="email"
                    id="login-email"
                    kind="email"
                    autocomplete="email"
                    required=true
                    error=email_error
                />
                <Field
                    label="Password"
                    name="password"
                    id="login-password"
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    error=password_error
                />
                <FormError message=general />
                <button type="submit" class="primary">"Log in"</button>
            </form>
            <p class="switch">"No account yet? " <a href="/signup">"Sign up"</a></p>
        </section>
    }
}

/// `/signup`
#[component]
pub fn SignupPage() -> impl IntoView {
    let (email_error, password_error, general) = credential_errors(posted_error::<Signup>());
    view! {
        <RedirectIfSignedIn />
        <section class="card auth">
            <h1>"Create your account"</h1>
            <form method="post" action=Signup::url()>
                <Field
                    label="Email"
                    name="email"
                    id="signup-email"
                    kind="email"
                    autocomplete="email"
                    required=true
                    rule=Rule::Email
                    error=email_error
                />
                <Field
                    label="Password (at least 8 characters)"
                    name="password"
                    id="signup-password"
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    rule=Rule::Password
                    error=password_error
                />
                <BrowserTimeZone />
                <noscript>
                    <p class="muted">"Your time zone starts as UTC: change it in Settings."</p>
                </noscript>
                <FormError message=general />
                <button type="submit" class="primary">"Sign up"</button>
            </form>
            <p class="switch">"Already have an account? " <a href="/login">"Log in"</a></p>
        </section>
    }
}

/// The header's account area: who is signed in, Settings and a log-out button; or log in / sign up.
#[component]
pub fn AccountMenu() -> impl IntoView {
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                past_dry_run().await;
                match get_current_user().await {
                    Ok(Some(user)) => {
                        let email = user.email;
                        view! {
                            <span class="whoami" title=email.clone()>{email.clone()}</span>
                            <a href="/settings">"Settings"</a>
                            <form method="post" action=Logout::url()>
                                <button type="submit" class="link">"Log out"</button>
                            </form>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <a href="/login">"Log in"</a>
                            <a href="/signup">"Sign up"</a>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_errors_these_forms_produce_are_shown() {
        assert!(producible(&AppError::BadCredentials));
        assert!(producible(&AppError::TooManyAttempts { retry_after_secs: 4 }));
        assert!(producible(&Password::parse("short").unwrap_err()));
        assert!(producible(&Email::parse("nope").unwrap_err()));
        let forged = AppError::invalid("", "Your account is locked. Call +1 555 0100 to unlock it.");
        assert!(!producible(&forged));
        assert!(!producible(&AppError::invalid("email", "Verify your account at evil.example")));
        assert!(!producible(&AppError::NotFound("Your account".into())));
        assert_eq!(credential_errors(Some(forged)), (None, None, None));
    }
}
