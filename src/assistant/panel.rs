//! The chat panel beside the task list: history, the tool calls behind each reply, and a message form.
//!
//! A server component: the form posts to [`send_message`](crate::assistant::api::send_message) like any
//! other. Without JavaScript the browser posts it and loads the re-rendered page; with it the islands router
//! does the same with `fetch` and patches the page, so the reply and whatever the assistant's tool calls
//! changed in the task list appear together, without a reload.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::app::dry_run::past_dry_run;
use crate::app::form::{posted_error, Field, FormError, Rule};
use crate::app::patch::swapped_whole;
use crate::assistant::api::{get_conversation, NewConversation, SendMessage};
use todo_domain::chat::{ChatMessage, Conversation, Role, ToolCall, MESSAGE_MAX};
use todo_domain::AppError;

/// The "Thinking…" note shown while a message is being answered.
const THINKING_ID: &str = "assistant-thinking";

/// The assistant.
#[component]
pub fn AssistantPanel() -> impl IntoView {
    let error = posted_error::<SendMessage>();
    view! {
        <aside class="card assistant" aria-labelledby="assistant-heading">
            <header class="assistant-header">
                <h2 id="assistant-heading">"Assistant"</h2>
                <form method="post" action=NewConversation::url()>
                    <button type="submit" class="link">"New chat"</button>
                </form>
            </header>
            <Suspense fallback=|| view! { <p class="muted">"Loading the conversation\u{2026}"</p> }>
                {move || Suspend::new(async move {
                    past_dry_run().await;
                    match get_conversation().await {
                        Ok(conversation) => view! { <ChatLog conversation /> }.into_any(),
                        // The task list beside this panel already sends the visitor to log in.
                        Err(AppError::Unauthorized) => ().into_any(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <form method="post" action=SendMessage::url()>
                <div class="chat-form">
                    <Field
                        label="Message the assistant"
                        name="text"
                        id="assistant-message"
                        required=true
                        max_len=MESSAGE_MAX
                        rule=Rule::ChatMessage
                        clear_on_submit=true
                        reveal_on_submit=THINKING_ID
                        error=error.as_ref().and_then(|e| e.for_field("text"))
                    />
                    <button type="submit" class="primary">"Send"</button>
                </div>
                // Always there, hidden: shown by the message field's island as the islands router sends the form, so
                // one sees the message was taken while the turn runs; the page the answer brings has it hidden
                // again (the router copies the attribute over). An element that came and went would put the
                // router's walk out of step (src/app/patch.rs).
                <p id=THINKING_ID class="chat-thinking muted" role="status" hidden>"Thinking\u{2026}"</p>
                <FormError message=error.as_ref().and_then(|e| e.general(&["text"])) />
            </form>
        </aside>
    }
}

/// The conversation, newest at the bottom. The scroll box lays its content out from the bottom
/// (`flex-direction: column-reverse` in the CSS), so it opens on the newest message without script.
#[component]
fn ChatLog(conversation: Conversation) -> impl IntoView {
    let messages = conversation.messages;
    let empty = messages.is_empty();
    // Only the newest reply is announced, not the whole history each time the page is patched.
    let latest_reply = messages
        .iter()
        .rev()
        .find(|m| m.role == Role::Assistant && !m.content.is_empty())
        .map(|m| m.content.clone());
    view! {
        <div class="chat-scroll">
            <div>
            <ol
                class="chat-log"
                aria-label="Conversation"
                inner_html=swapped_whole(
                    messages.into_iter().map(|message| view! { <Message message /> }).collect_view(),
                )
            ></ol>
            {empty.then(|| view! {
                <p class="muted chat-empty">
                    "Ask me to add, list, complete, rename, describe or delete tasks \u{2014} for example "
                    "\u{201c}add buy milk\u{201d} or \u{201c}what's left?\u{201d}"
                </p>
            })}
            </div>
        </div>
        <p class="visually-hidden" aria-live="polite">{latest_reply}</p>
    }
    .into_any()
}

#[component]
fn Message(message: ChatMessage) -> impl IntoView {
    let (class, who) = match message.role {
        Role::User => ("msg user", "You"),
        Role::Assistant => ("msg assistant", "Assistant"),
    };
    let calls = message.tool_calls;
    view! {
        <li class=class>
            <span class="role">{who}</span>
            <p class="content">{message.content}</p>
            {(!calls.is_empty()).then(|| view! {
                <ul class="tool-calls" aria-label="Tool calls">
                    {calls.into_iter().map(|call| view! { <ToolCallItem call /> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

#[component]
fn ToolCallItem(call: ToolCall) -> impl IntoView {
    let arguments = call.arguments.to_string();
    view! {
        <li class="tool-call" class:error=call.is_error title=arguments>
            <code>{call.name}</code>
            " \u{2192} "
            <span>{call.summary}</span>
        </li>
    }
}
