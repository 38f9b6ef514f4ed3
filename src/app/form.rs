//! Form building blocks: a labelled field that shows the server's error and, where a shared rule applies,
//! checks it in the browser as you type.
//!
//! Forms are plain `<form method="post" action=…>` posting to a server function: they work without
//! JavaScript, and with it the islands router sends them with `fetch` and patches the page in place. The
//! one part that runs in the browser is [`CheckedControl`], an island around a single input.

use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use todo_domain::chat::MessageText;
use todo_domain::task::{TaskDescription, TaskTitle};
use todo_domain::token::TokenName;
use todo_domain::user::{Email, Password};
use todo_domain::AppError;

use crate::tasks::quick_add_reading::read_quick_add;

/// A validation rule shared with the server, named so that it can cross into an island as a prop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    TaskTitle,
    /// Quick-add text: the title it leaves once dates, tags and the rest are taken out.
    QuickAddText,
    TaskDescription,
    Email,
    Password,
    TokenName,
    ChatMessage,
}

impl Rule {
    /// `Some(message)` when `raw` is not acceptable: the message the server would answer with.
    ///
    /// Async for quick-add text only, whose parser is loaded on demand ([`read_quick_add`]); the other rules
    /// answer at once.
    pub async fn check(self, raw: String) -> Option<String> {
        let verdict = match self {
            Self::TaskTitle => TaskTitle::parse(&raw).err(),
            // The title the text leaves. Which words are taken does not depend on the date: any "now" will do.
            Self::QuickAddText => {
                return read_quick_add(raw, chrono::NaiveDateTime::default()).await.title_error
            }
            Self::TaskDescription => TaskDescription::parse(Some(&raw)).err(),
            Self::Email => Email::parse(&raw).err(),
            Self::Password => Password::parse(&raw).err(),
            Self::TokenName => TokenName::parse(&raw).err(),
            Self::ChatMessage => MessageText::parse(&raw).err(),
        };
        verdict.map(|e| e.to_string())
    }
}

/// The error a form post to `S` left in this page's URL, if any. server_fn answers a form post that
/// failed with a redirect back to the page it came from, adding `?__path=<server fn>&__err=<error>`.
pub fn posted_error<S>() -> Option<AppError>
where
    S: ServerFn<Error = AppError>,
{
    use_query_map().with_untracked(|query| {
        (query.get_str("__path")? == S::PATH)
            .then(|| ServerFnUrlError::<AppError>::decode_err(query.get_str("__err")?).into())
            .flatten()
    })
}

/// A labelled `<input>` (or `<textarea>` when `multiline`) with the server's error underneath.
///
/// With a `rule`, the control is a [`CheckedControl`] island: the rule also runs on every keystroke and
/// feeds the browser's own constraint validation, so a form with a bad value is not even sent.
#[component]
pub fn Field(
    /// Visible label text.
    label: &'static str,
    /// Form field name (the server function argument).
    name: &'static str,
    /// Element id, unique on the page.
    #[prop(into)]
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
    /// `autofocus` attribute (and, once the page is interactive, focus when the field appears).
    #[prop(optional)]
    autofocus: bool,
    /// Maximum length in characters (`maxlength`), if any.
    #[prop(optional)]
    max_len: Option<usize>,
    /// The server's error for this field.
    #[prop(optional_no_strip)]
    error: Option<String>,
    /// The shared validation rule, checked in the browser as the user types.
    #[prop(optional)]
    rule: Option<Rule>,
    /// Empty the field once its form is sent (a form that adds something, ready for the next one).
    #[prop(optional)]
    clear_on_submit: bool,
    /// The id of an element rendered `hidden` to show once the form is sent by the islands router (e.g.
    /// "Thinking…"): the page the answer brings has it `hidden` again, which the router copies over. Needs a
    /// `rule` (the island does it).
    #[prop(optional)]
    reveal_on_submit: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let control = Control {
        id: id.clone(),
        name: name.into(),
        kind: kind.into(),
        value,
        autocomplete: autocomplete.into(),
        multiline,
        required,
        autofocus,
        max_len,
        server_error: error.is_some(),
        clear_on_submit,
        reveal_on_submit: reveal_on_submit.map(str::to_owned),
    };
    let control = match rule {
        Some(rule) => view! { <CheckedControl control rule /> }.into_any(),
        None => control.view(None).into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            {error.map(|message| view! { <p class="field-error" id=error_id role="alert">{message}</p> })}
        </div>
    }
    .into_any()
}

/// A form-wide message (errors not tied to one field), announced to screen readers.
#[component]
pub fn FormError(message: Option<String>) -> impl IntoView {
    message.map(|message| view! { <p class="form-error" role="alert">{message}</p> })
}

/// What renders one form control; serialized into the page as an island's props.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Control {
    id: String,
    name: String,
    kind: String,
    value: String,
    autocomplete: String,
    multiline: bool,
    required: bool,
    autofocus: bool,
    max_len: Option<usize>,
    /// The server rejected the value: `aria-invalid`, described by the server's message (`<id>-error`).
    server_error: bool,
    clear_on_submit: bool,
    /// The id of a `hidden` element to show once the form is sent (see [`Field`]).
    reveal_on_submit: Option<String>,
}

/// The browser's verdict on a value: `None` until it has checked one, then the rule's message, if any.
type Verdict = Option<Option<String>>;

/// A control's check as you type.
#[derive(Clone, Copy)]
struct Checker {
    rule: Rule,
    verdict: RwSignal<Verdict>,
    /// Counts the checks started: one that finishes after a later one began (or after the field was emptied)
    /// is dropped. (Quick-add text is checked asynchronously.)
    latest: StoredValue<u64>,
}

impl Control {
    /// The `<input>` or `<textarea>`. With a `checker`, every keystroke runs the rule and records the verdict.
    fn view(self, checker: Option<Checker>) -> impl IntoView {
        let Control { id, name, kind, value, autocomplete, multiline, required, autofocus, max_len, .. } =
            self;
        let server_error = self.server_error;
        let (error_id, check_id) = (format!("{id}-error"), format!("{id}-check"));
        // The browser's verdict wins once it has one; until then the server's stands.
        let failed = move || checker.and_then(|c| c.verdict.get().map(|v| v.is_some()));
        let invalid = move || failed().unwrap_or(server_error).then_some("true");
        let described_by = move || match failed() {
            Some(true) => Some(check_id.clone()),
            Some(false) => None,
            None => server_error.then(|| error_id.clone()),
        };
        let on_input = move |ev: leptos::ev::Event| {
            let Some(Checker { rule, verdict, latest }) = checker else { return };
            let Some(target) = ev.target() else { return };
            let Some(value) = browser::value_of(&target) else { return };
            let turn = latest.get_value() + 1;
            latest.set_value(turn);
            leptos::task::spawn_local(async move {
                let message = rule.check(value).await;
                if latest.get_value() == turn {
                    browser::set_validity(&target, message.as_deref().unwrap_or(""));
                    verdict.set(Some(message));
                }
            });
        };
        if multiline {
            view! {
                <textarea
                    id=id
                    name=name
                    rows="3"
                    maxlength=max_len
                    aria-invalid=invalid
                    aria-describedby=described_by
                    on:input=on_input
                >
                    {value}
                </textarea>
            }
            .into_any()
        } else {
            view! {
                <input
                    id=id
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
        }
    }
}

/// The one island of the forms: an input checked against `rule` as the user types.
///
/// It also takes focus when it appears with `autofocus` (an editor opened through the islands router: the
/// attribute alone works on a full page load only), with `clear_on_submit` empties itself once its form
/// is sent, keeping whatever the user types next while that post is under way, and with `reveal_on_submit`
/// shows that (hidden) element meanwhile.
#[island]
pub fn CheckedControl(control: Control, rule: Rule) -> impl IntoView {
    let checker = Checker { rule, verdict: RwSignal::new(None), latest: StoredValue::new(0) };
    let verdict = checker.verdict;
    let (id, autofocus, clear_on_submit) = (control.id.clone(), control.autofocus, control.clear_on_submit);
    let reveal = control.reveal_on_submit.clone();
    let check_id = format!("{id}-check");
    Effect::new(move |_| browser::on_appear(&id, autofocus, clear_on_submit, reveal.clone(), checker));
    let message = move || verdict.get().flatten();
    view! {
        {control.view(Some(checker))}
        {move || message().map(|m| view! { <p class="field-error" id=check_id.clone() role="alert">{m}</p> })}
    }
}

/// DOM work of [`CheckedControl`] (only ever runs in the browser).
mod browser {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{EventTarget, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

    use super::Checker;

    /// The value of an `<input>` or `<textarea>`.
    pub fn value_of(target: &EventTarget) -> Option<String> {
        if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            Some(input.value())
        } else {
            target.dyn_ref::<HtmlTextAreaElement>().map(|area| area.value())
        }
    }

    /// Sets the control's custom validity message (`""`: valid), which the browser checks before a submit.
    pub fn set_validity(target: &EventTarget, message: &str) {
        if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            input.set_custom_validity(message);
        } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
            area.set_custom_validity(message);
        }
    }

    fn set_value(target: &EventTarget, value: &str) {
        if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            input.set_value(value);
        } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
            area.set_value(value);
        }
    }

    /// Once the island is live: focus it if asked to and nothing else has focus; as its form is sent, with
    /// `clear_on_submit` empty it, and with `reveal` show that element (until the answer's page hides it).
    ///
    /// The islands router reads the form's data synchronously in its own `submit` listener on `window` (and
    /// prevents the browser's own post). The page's module script registers it before any island runs, so
    /// it always runs before this one and the field can be emptied at once. (Emptying it a tick later lost text typed in between: a fast
    /// typist's next task, or Playwright's next `fill` on a busy machine.)
    pub fn on_appear(
        id: &str,
        autofocus: bool,
        clear_on_submit: bool,
        reveal: Option<String>,
        checker: Checker,
    ) {
        let document = document();
        let Some(field) = document.get_element_by_id(id) else { return };
        let nothing_focused = document.active_element().is_none_or(|el| el.tag_name() == "BODY");
        if autofocus && nothing_focused {
            let _ = field.unchecked_ref::<HtmlElement>().focus();
        }
        if clear_on_submit || reveal.is_some() {
            let handle = window_event_listener(leptos::ev::submit, move |ev| {
                let sent_from_here = ev
                    .target()
                    .and_then(|t| t.dyn_into::<leptos::web_sys::Node>().ok())
                    .is_some_and(|form| form.contains(Some(&*field)));
                // Not prevented: the browser posts the form itself and reads its data after this listener,
                // then loads the answer as a new page. Nothing to empty.
                if !(sent_from_here && ev.default_prevented()) {
                    return;
                }
                if clear_on_submit {
                    set_value(&field, "");
                    set_validity(&field, "");
                    checker.latest.update_value(|n| *n += 1);
                    checker.verdict.set(None);
                }
                if let Some(note) =
                    reveal.as_deref().and_then(|id| leptos::prelude::document().get_element_by_id(id))
                {
                    let _ = note.remove_attribute("hidden");
                }
            });
            // The island lives as long as the page: so does its listener.
            std::mem::forget(handle);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[tokio::test]
    async fn quick_add_text_is_checked_by_the_title_it_leaves() {
        let check = |text: String| Rule::QuickAddText.check(text);
        assert_eq!(check("   ".into()).await.as_deref(), Some("Title is required."));
        assert_eq!(check("call mom tomorrow 5pm #family !high".into()).await, None);
        // Longer than a title, but what is left is short enough.
        let title = "a".repeat(190);
        assert_eq!(check(format!("{title} #one #two #three every weekday")).await, None);
        assert!(check(format!("{title} and some more words #tag")).await.is_some());
    }
}
