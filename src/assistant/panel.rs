//! The chat panel beside the task list: history, the tool calls behind each reply, and a message form.
//!
//! The form is a real `<form>` posting to [`send_message`](crate::assistant::api::send_message): without
//! JavaScript the browser posts it and the re-rendered page shows the stored conversation.

use leptos::prelude::*;

use crate::app::form::{Field, FormError};
use crate::assistant::api::{get_conversation, NewConversation, SendMessage};
use todo_domain::chat::{ChatMessage, Conversation, MessageText, Role, ToolCall, MESSAGE_MAX};
use todo_domain::AppError;

fn message_rule(raw: &str) -> Option<String> {
    MessageText::parse(raw).err().map(|e| e.to_string())
}

/// The assistant. `send` is owned by the page so the task list can refresh after the agent's tool calls.
#[component]
pub fn AssistantPanel(send: ServerAction<SendMessage>) -> impl IntoView {
    let new_chat = ServerAction::<NewConversation>::new();
    let conversation =
        Resource::new(move || (send.version().get(), new_chat.version().get()), |_| get_conversation());
    let form = NodeRef::<leptos::html::Form>::new();
    let error = move || send.value().get().and_then(Result::err);
    // Clear the input once the message went through (an error keeps what was typed).
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(form)) = (send.value().get(), form.get()) {
            form.reset();
        }
    });
    let latest_reply = move || send.value().get().and_then(Result::ok).map(|r| r.reply);
    // Keep the newest message in view once hydrated (without script the history starts at the top).
    let scroll = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let _ = (conversation.get(), send.input().get());
        if let Some(el) = scroll.get() {
            request_animation_frame(move || el.set_scroll_top(el.scroll_height()));
        }
    });
    view! {
        <aside class="card assistant" aria-labelledby="assistant-heading">
            <header class="assistant-header">
                <h2 id="assistant-heading">"Assistant"</h2>
                <ActionForm action=new_chat>
                    <button type="submit" class="link" disabled=move || new_chat.pending().get()>
                        "New chat"
                    </button>
                </ActionForm>
            </header>
            <div class="chat-scroll" node_ref=scroll>
                <Transition fallback=|| view! { <p class="muted">"Loading the conversation\u{2026}"</p> }>
                    {move || Suspend::new(async move {
                        match conversation.await {
                            Ok(conversation) => view! { <ChatLog conversation send /> }.into_any(),
                            // The task list beside this panel already sends the visitor to log in.
                            Err(AppError::Unauthorized) => ().into_any(),
                            Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
            // Only the newest reply is announced, not the whole history each time it re-renders.
            <p class="visually-hidden" aria-live="polite">{latest_reply}</p>
            <ActionForm action=send node_ref=form>
                <div class="chat-form">
                    <Field
                        label="Message the assistant"
                        name="text"
                        id="assistant-message".into()
                        required=true
                        max_len=MESSAGE_MAX
                        rule=message_rule
                        error=Signal::derive(move || error().and_then(|e| e.for_field("text")))
                    />
                    <button type="submit" class="primary" disabled=move || send.pending().get()>
                        {move || if send.pending().get() { "Sending\u{2026}" } else { "Send" }}
                    </button>
                </div>
                <FormError message=Signal::derive(move || error().and_then(|e| e.general(&["text"]))) />
            </ActionForm>
        </aside>
    }
}

#[component]
fn ChatLog(conversation: Conversation, send: ServerAction<SendMessage>) -> impl IntoView {
    let empty = conversation.messages.is_empty();
    view! {
        <ol class="chat-log" aria-label="Conversation">
            {conversation.messages.into_iter().map(|message| view! { <Message message /> }).collect_view()}
            {move || send.input().get().map(|pending| view! {
                <li class="msg user pending">
                    <span class="role">"You"</span>
                    <p class="content">{pending.text}</p>
                </li>
                <li class="msg assistant pending" aria-busy="true">
                    <span class="role">"Assistant"</span>
                    <p class="content muted">"Thinking\u{2026}"</p>
                </li>
            })}
        </ol>
        <Show when=move || empty && send.input().get().is_none()>
            <p class="muted chat-empty">
                "Ask me to add, list, complete, rename, describe or delete tasks \u{2014} for example "
                "\u{201c}add buy milk\u{201d} or \u{201c}what's left?\u{201d}"
            </p>
        </Show>
    }
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
