//! The islands' markup as Leptos renders it on the server (`<leptos-island data-component data-props>` around the
//! island's first render), and the islands router's branch markers (src/app/patch.rs), so the hand-written page
//! carries the same bytes for them as the web app's.

use std::fmt::Write;
use std::hash::Hasher;

use maud::{html, Markup};
use serde::Serialize;

/// `html` between branch markers named after a hash of `shape` (src/app/patch.rs `swapped_when`).
pub fn branch_named(shape: &str, html: &str) -> String {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(shape.as_bytes());
    let name = hasher.finish();
    // Two markers of 31 bytes: `<!--bo-swap-` + 16 hex digits + `-->`.
    let mut out = String::with_capacity(html.len() + 2 * 31);
    let _ = write!(out, "<!--bo-swap-{name:016x}-->{html}<!--bc-swap-{name:016x}-->");
    out
}

/// `html` between branch markers named after its own content (src/app/patch.rs `swapped_whole`).
pub fn branch(html: &str) -> String {
    branch_named(html, html)
}

/// The rule an input is checked against (src/app/form.rs `Rule`, serialized by name).
#[derive(Clone, Copy, Serialize)]
pub enum RuleName {
    QuickAddText,
    TaskDescription,
    ChatMessage,
}

/// One form control, serialized into the page as the `CheckedControl` island's props (src/app/form.rs `Control`).
#[derive(Serialize)]
pub struct Control {
    pub id: &'static str,
    name: &'static str,
    kind: &'static str,
    value: &'static str,
    autocomplete: &'static str,
    multiline: bool,
    required: bool,
    autofocus: bool,
    max_len: Option<usize>,
    server_error: bool,
    clear_on_submit: bool,
}

impl Control {
    pub fn new(id: &'static str, name: &'static str) -> Self {
        Self {
            id,
            name,
            kind: "text",
            value: "",
            autocomplete: "off",
            multiline: false,
            required: false,
            autofocus: false,
            max_len: None,
            server_error: false,
            clear_on_submit: false,
        }
    }
    pub fn required(self) -> Self {
        Self { required: true, ..self }
    }
    pub fn multiline(self) -> Self {
        Self { multiline: true, ..self }
    }
    pub fn max_len(self, n: usize) -> Self {
        Self { max_len: Some(n), ..self }
    }
    pub fn clear_on_submit(self) -> Self {
        Self { clear_on_submit: true, ..self }
    }
}

/// The `CheckedControl` island: its props and the `<input>` or `<textarea>` it renders first.
pub fn checked_control(control: &Control, rule: RuleName) -> Markup {
    #[derive(Serialize)]
    struct Props<'a> {
        control: &'a Control,
        rule: RuleName,
    }
    let props = serde_json::to_string(&Props { control, rule }).unwrap_or_default();
    html! {
        leptos-island data-component="CheckedControl" data-props=(props) {
            @if control.multiline {
                textarea id=(control.id) name=(control.name) rows="3" maxlength=[control.max_len] { (control.value) }
            } @else {
                input id=(control.id) name=(control.name) type=(control.kind) value=(control.value)
                    autocomplete=(control.autocomplete) required[control.required] autofocus[control.autofocus]
                    maxlength=[control.max_len];
            }
        }
    }
}
