//! `/settings`: create, list and revoke personal access tokens for the MCP server.
//!
//! Like the task page, every control is a real `<form>`, so the page works before the WASM loads and
//! with JavaScript off.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::account::page::AccountSettings;
use crate::app::dry_run::past_dry_run;
use crate::app::form::{posted_error, Field, FormError, Rule};
use crate::app::patch::swapped_whole;
use crate::app::RedirectTo;
use crate::auth::time_zone::TimeZoneSettings;
use crate::tokens::api::{list_tokens, CreateToken, RevokeToken};
use crate::tokens::options::TokenOptions;
use crate::transfer::page::DataSection;
use todo_domain::token::{ApiToken, CreatedToken, NAME_MAX};
use todo_domain::AppError;

/// `/settings` — the signed-in user's personal access tokens.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let create_error = posted_error::<CreateToken>();
    let revoke_error = posted_error::<RevokeToken>().map(|e| e.to_string());
    view! {
        <section class="card settings" aria-labelledby="settings-heading">
            <h1 id="settings-heading">"Settings"</h1>
            <TimeZoneSettings />
            <h2>"Personal access tokens"</h2>
            <p class="muted">
                "A token lets an AI client (Claude Desktop, MCP Inspector, any MCP SDK) manage your tasks "
                "through the MCP server. Send it as " <code>"Authorization: Bearer <token>"</code>
                ". Treat it like a password and revoke it when you no longer need it."
            </p>
            <form method="post" action=CreateToken::url()>
                <Field
                    label="Token name"
                    name="name"
                    id="token-name"
                    required=true
                    max_len=NAME_MAX
                    rule=Rule::TokenName
                    clear_on_submit=true
                    error=create_error.as_ref().and_then(|e| e.for_field("name"))
                />
                <TokenOptions error=create_error.as_ref().and_then(|e| e.for_field("scope").or_else(|| e.for_field("expires_in_days"))) />
                <FormError message=create_error.as_ref().and_then(|e| e.general(&["name", "scope", "expires_in_days"])) />
                <button type="submit" class="primary">"Create token"</button>
            </form>
            <FormError message=revoke_error />
            <Suspense fallback=|| view! { <p class="muted">"Loading your tokens…"</p> }>
                {move || Suspend::new(async move {
                    past_dry_run().await;
                    match list_tokens().await {
                        Ok(list) => {
                            // The server hands a token just created over through the list, once.
                            view! {
                                {list.just_created.map(|created| view! { <NewToken created /> })}
                                <TokenTable tokens=list.tokens />
                            }
                                .into_any()
                        }
                        Err(AppError::Unauthorized) => view! { <RedirectTo path="/login" /> }.into_any(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <DataSection />
            <AccountSettings />
        </section>
    }
}

/// The secret of a token just created, shown this once.
#[component]
fn NewToken(created: CreatedToken) -> impl IntoView {
    view! {
        <div class="new-token" role="status">
            <p>
                "Token \u{201c}" {created.token.name} "\u{201d} created. Copy it now: it will not be shown again."
            </p>
            <pre class="token-value"><code id="new-token-value">{created.secret}</code></pre>
        </div>
    }
}

#[component]
fn TokenTable(tokens: Vec<ApiToken>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p class="muted empty">"You have no tokens yet."</p> }.into_any();
    }
    let rows = tokens
        .into_iter()
        .map(|t| {
            let label = format!("Revoke token \u{201c}{}\u{201d}", t.name);
            view! {
                <tr>
                    <td>{t.name}</td>
                    <td><code>{t.prefix}"…"</code></td>
                    <td>{t.created}</td>
                    <td>{t.last_used.unwrap_or_else(|| "never".into())}</td>
                    <td>{t.scope.label()}</td>
                    <td>{match (t.expires, t.expired) {
                        (None, _) => "never".to_owned(),
                        (Some(when), true) => format!("expired {when}"),
                        (Some(when), false) => when,
                    }}</td>
                    <td>
                        <form method="post" action=RevokeToken::url()>
                            <input type="hidden" name="id" value=t.id />
                            <button type="submit" class="link danger" aria-label=label>"Revoke"</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="tokens">
            <caption>"Your tokens"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Token"</th>
                    <th scope="col">"Created"</th>
                    <th scope="col">"Last used"</th>
                    <th scope="col">"Access"</th>
                    <th scope="col">"Expires"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            // One branch, swapped whole when a token comes or goes (src/app/patch.rs).
            <tbody inner_html=swapped_whole(rows)></tbody>
        </table>
    }
    .into_any()
}
