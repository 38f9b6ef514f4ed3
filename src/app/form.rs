//! Form building blocks: a labelled field that shows its error and checks the shared rule as you type.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys;

/// A validation rule shared with the server: `Some(message)` when the value is not acceptable.
pub type Rule = fn(&str) -> Option<String>;

/// A labelled `<input>` (or `<textarea>` when `multiline`) with its error message underneath.
///
/// `error` is the server's verdict. With WASM loaded, `rule` also runs on every keystroke and feeds the
/// browser's own constraint validation, so a form with a bad value is not even sent.
#[component]
pub fn Field(
    /// Visible label text.
    label: &'static str,
    /// Form field name (the server function argument).
    name: &'static str,
    /// Element id, unique on the page.
    id: String,
    /// `type` of the input.
    #[prop(default = "text")]
    kind: &'static str,
    /// Initial value.
    #[prop(optional, into)]
    value: String,
    /// `autocomplete` hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Render a `<textarea>` instead of an `<input>`.
    #[prop(optional)]
    multiline: bool,
    /// `required` attribute.
    #[prop(optional)]
    required: bool,
    /// `autofocus` attribute (takes effect when the page loads with this field in it).
    #[prop(optional)]
    autofocus: bool,
    /// Maximum length in characters (`maxlength`), if any.
    #[prop(optional)]
    max_len: Option<usize>,
    /// The server's error for this field.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The shared validation rule, checked in the browser as the user types.
    #[prop(optional)]
    rule: Option<Rule>,
) -> impl IntoView {
    let (local_error, set_local_error) = signal(None::<String>);
    let message = move || local_error.get().or_else(|| error.get());
    let error_id = format!("{id}-error");
    let on_input = move |ev: leptos::ev::Event| {
        if let Some(rule) = rule {
            set_local_error.set(check_with(&ev, rule));
        }
    };
    let described_by = {
        let error_id = error_id.clone();
        move || message().map(|_| error_id.clone())
    };
    let invalid = move || message().is_some().then_some("true");
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=name
                rows="3"
                maxlength=max_len
                aria-invalid=invalid
                aria-describedby=described_by.clone()
                on:input=on_input
            >
                {value}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                autofocus=autofocus
                maxlength=max_len
                aria-invalid=invalid
                aria-describedby=described_by
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            <Show when=move || message().is_some()>
                <p class="field-error" id=error_id.clone() role="alert">
                    {message}
                </p>
            </Show>
        </div>
    }
}

/// Runs `rule` on the value of the input or textarea that fired `ev` and tells the browser the verdict.
fn check_with(ev: &leptos::ev::Event, rule: Rule) -> Option<String> {
    let target = ev.target()?;
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        let verdict = rule(&input.value());
        input.set_custom_validity(verdict.as_deref().unwrap_or(""));
        verdict
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let verdict = rule(&area.value());
        area.set_custom_validity(verdict.as_deref().unwrap_or(""));
        verdict
    } else {
        None
    }
}

/// A form-wide message (errors not tied to one field), announced to screen readers.
#[component]
pub fn FormError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || message.get().is_some()>
            <p class="form-error" role="alert">
                {move || message.get()}
            </p>
        </Show>
    }
}
