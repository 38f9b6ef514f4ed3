//! The account section of `/settings`: change the password, sign out everywhere, delete the account. Plain
//! forms, so each works without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::account::api::{ChangePassword, DeleteAccount, SignOutEverywhere};
use crate::app::form::{posted_error, Field, FormError, Rule};

/// The account controls, below the tokens on `/settings`.
#[component]
pub fn AccountSettings() -> impl IntoView {
    let password_error = posted_error::<ChangePassword>();
    let everywhere_error = posted_error::<SignOutEverywhere>().map(|e| e.to_string());
    let delete_error = posted_error::<DeleteAccount>();
    // Only ever one fixed message: the query names which, it cannot put text on the page.
    let changed = use_query_map().with_untracked(|q| q.get_str("changed") == Some("password"));
    let field = |e: &Option<todo_domain::AppError>, name: &str| e.as_ref().and_then(|e| e.for_field(name));
    view! {
        <section class="account-settings" aria-labelledby="account-heading">
            <h2 id="account-heading">"Account"</h2>
            <h3>"Change password"</h3>
            {changed
                .then(|| {
                    view! {
                        <p class="notice" role="status">
                            "Your password was changed. Your other sessions were signed out and your access tokens revoked."
                        </p>
                    }
                })}
            <p class="muted">
                "Changing it signs out your other sessions and revokes every access token (make new ones on this page)."
            </p>
            <form method="post" action=ChangePassword::url()>
                <Field
                    label="Current password"
                    name="current_password"
                    id="current-password"
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    error=field(&password_error, "current_password")
                />
                <Field
                    label="New password (at least 8 characters)"
                    name="password"
                    id="new-password"
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    rule=Rule::Password
                    error=field(&password_error, "password")
                />
                <FormError message=password_error
                    .as_ref()
                    .and_then(|e| e.general(&["current_password", "password"])) />
                <button type="submit" class="primary">"Change password"</button>
            </form>
            <h3>"Sessions"</h3>
            <p class="muted">
                "Signed in somewhere you no longer use? End every session of your account, this one included."
            </p>
            <form method="post" action=SignOutEverywhere::url()>
                <FormError message=everywhere_error />
                <button type="submit">"Sign out everywhere"</button>
            </form>
            <h3>"Delete account"</h3>
            <p class="muted">
                "Deletes your account with all its tasks, tags, tokens and chats, at once and for good."
            </p>
            <form method="post" action=DeleteAccount::url()>
                <Field
                    label="Your password, to confirm"
                    name="password"
                    id="delete-password"
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    error=field(&delete_error, "password")
                />
                <FormError message=delete_error.as_ref().and_then(|e| e.general(&["password"])) />
                <button type="submit" class="danger">"Delete my account"</button>
            </form>
        </section>
    }
}
