//! The options of a new token on Settings: its scope (read-only or read-write) and when it expires. Plain
//! `<select>`s in the create form; `create_token` checks the values (src/tokens/api.rs).

use leptos::prelude::*;
use todo_domain::token::TokenScope;

/// Expiry choices: (days, label); a blank value never expires.
const EXPIRIES: [(&str, &str); 5] =
    [("", "Never"), ("7", "In 7 days"), ("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year")];

/// The scope and expiry fields of the create form, with the server's error for them.
#[component]
pub fn TokenOptions(
    /// The server's message for the scope or expiry.
    error: Option<String>,
) -> impl IntoView {
    let scopes = [TokenScope::Write, TokenScope::Read]
        .into_iter()
        .map(|s| view! { <option value=s.as_str()>{s.label()}</option> })
        .collect_view();
    let expiries =
        EXPIRIES.iter().map(|(days, label)| view! { <option value=*days>{*label}</option> }).collect_view();
    view! {
        <div class="token-options">
            <div class="field">
                <label for="token-scope">"Access"</label>
                <select id="token-scope" name="scope">{scopes}</select>
            </div>
            <div class="field">
                <label for="token-expiry">"Expires"</label>
                <select id="token-expiry" name="expires_in_days">{expiries}</select>
            </div>
        </div>
        {error.map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
    }
}
