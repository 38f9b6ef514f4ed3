//! `/settings`: create, list and revoke personal access tokens for the MCP server.
//!
//! Like the task page, every control is a real `<form>`, so the page works before the WASM loads and
//! with JavaScript off.

use leptos::prelude::*;

use crate::app::form::{Field, FormError};
use crate::app::RedirectTo;
use crate::tokens::api::{list_tokens, CreateToken, RevokeToken};
use todo_domain::token::{ApiToken, CreatedToken, TokenName, NAME_MAX};
use todo_domain::AppError;

fn name_rule(raw: &str) -> Option<String> {
    TokenName::parse(raw).err().map(|e| e.to_string())
}

/// `/settings` — the signed-in user's personal access tokens.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let list = Resource::new(move || (create.version().get(), revoke.version().get()), |_| list_tokens());
    let create_error = move || create.value().get().and_then(Result::err);
    let revoke_error =
        Signal::derive(move || revoke.value().get().and_then(Result::err).map(|e| e.to_string()));
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(form)) = (create.value().get(), form.get()) {
            form.reset();
        }
    });
    view! {
        <section class="card settings" aria-labelledby="settings-heading">
            <h1 id="settings-heading">"Settings"</h1>
            <h2>"Personal access tokens"</h2>
            <p class="muted">
                "A token lets an AI client (Claude Desktop, MCP Inspector, any MCP SDK) manage your tasks "
                "through the MCP server. Send it as " <code>"Authorization: Bearer <token>"</code>
                ". Treat it like a password and revoke it when you no longer need it."
            </p>
            <ActionForm action=create node_ref=form>
                <Field
                    label="Token name"
                    name="name"
                    id="token-name".into()
                    required=true
                    max_len=NAME_MAX
                    rule=name_rule
                    error=Signal::derive(move || create_error().and_then(|e| e.for_field("name")))
                />
                <FormError message=Signal::derive(move || create_error().and_then(|e| e.general(&["name"]))) />
                <button type="submit" class="primary" disabled=create.pending()>
                    {move || if create.pending().get() { "Creating…" } else { "Create token" }}
                </button>
            </ActionForm>
            <FormError message=revoke_error />
            <Transition fallback=|| view! { <p class="muted">"Loading your tokens…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => {
                            // With JavaScript the action returns the new token; without, the server hands it
                            // over through the list after the redirect.
                            // A token revoked since is not shown any more.
                            let fresh = create
                                .value()
                                .get()
                                .and_then(Result::ok)
                                .or(list.just_created)
                                .filter(|c| list.tokens.iter().any(|t| t.id == c.token.id));
                            view! {
                                {fresh.map(|created| view! { <NewToken created /> })}
                                <TokenTable tokens=list.tokens revoke />
                            }
                                .into_any()
                        }
                        Err(AppError::Unauthorized) => view! { <RedirectTo path="/login" /> }.into_any(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
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
fn TokenTable(tokens: Vec<ApiToken>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p class="muted empty">"You have no tokens yet."</p> }.into_any();
    }
    view! {
        <table class="tokens">
            <caption>"Your tokens"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Token"</th>
                    <th scope="col">"Created"</th>
                    <th scope="col">"Last used"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>
                {tokens
                    .into_iter()
                    .map(|t| {
                        let label = format!("Revoke token \u{201c}{}\u{201d}", t.name);
                        view! {
                            <tr>
                                <td>{t.name}</td>
                                <td><code>{t.prefix}"…"</code></td>
                                <td>{t.created}</td>
                                <td>{t.last_used.unwrap_or_else(|| "never".into())}</td>
                                <td>
                                    <ActionForm action=revoke>
                                        <input type="hidden" name="id" value=t.id />
                                        <button type="submit" class="link danger" aria-label=label>"Revoke"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
