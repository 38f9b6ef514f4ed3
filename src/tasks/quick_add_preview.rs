//! The preview under the new-task box: what the quick-add parser recognises as you type — the same parser the
//! server runs ([`todo_domain::parse_quick_add`]), compiled to WASM in a chunk loaded at the first keystroke
//! ([`read_quick_add`]).
//!
//! "Now" is read in the user's time zone through the browser's own `Intl` (which has the IANA database), so the
//! bundle carries no zone data: the preview shows the same dates the server will save.
//!
//! Accessible, not noisy: the labels sit in a polite live region that changes only when what is recognised
//! changes (a [`Memo`]), not on every keystroke; the title that remains is shown beside it, outside the region.

use leptos::prelude::*;

use super::quick_add_reading::read_quick_add;

/// What the parser would take from the text of the input `input_id`, read in `time_zone`.
#[island]
pub fn QuickAddPreview(input_id: String, time_zone: String) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let parsed = RwSignal::new(None::<(Vec<String>, String)>);
    Effect::new(move |_| browser::follow(&input_id, text));
    // Each new text is read by the parser (async: its chunk loads at the first one); a reading that comes back
    // after a newer text was typed is dropped.
    let latest = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let text = text.get();
        let turn = latest.get_value() + 1;
        latest.set_value(turn);
        let now = if text.trim().is_empty() { None } else { browser::now_in(&time_zone) };
        let Some(now) = now else {
            parsed.set(None);
            return;
        };
        leptos::task::spawn_local(async move {
            let reading = read_quick_add(text, now).await;
            if latest.get_value() == turn {
                parsed.set((!reading.labels.is_empty()).then_some((reading.labels, reading.title)));
            }
        });
    });
    let labels = Memo::new(move |_| parsed.get().map(|(labels, _)| labels));
    let title = move || parsed.get().map(|(_, title)| title);
    view! {
        <div class="quick-add-preview">
            <p class="recognised" aria-live="polite" aria-atomic="true">
                {move || {
                    labels
                        .get()
                        .map(|labels| {
                            view! {
                                <span class="preview-lead">"Recognised: "</span>
                                {labels
                                    .into_iter()
                                    .map(|label| view! { <span class="chip">{label}</span> })
                                    .collect_view()}
                            }
                        })
                }}
            </p>
            {move || {
                title().map(|title| view! { <p class="preview-title">"Title: \u{201c}" {title} "\u{201d}"</p> })
            }}
        </div>
    }
}

/// DOM work of [`QuickAddPreview`] (only ever runs in the browser).
mod browser {
    use chrono::{NaiveDate, NaiveDateTime};
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use leptos::web_sys::js_sys::{global, Array, Date, Function, Object, Reflect};
    use leptos::web_sys::{HtmlInputElement, Node};

    /// Copies the input's value into `text` as it changes, and empties it when the input's form is sent by
    /// the islands router (the field itself is emptied by its own island; see `CheckedControl`).
    pub fn follow(input_id: &str, text: RwSignal<String>) {
        let Some(input) = document().get_element_by_id(input_id) else { return };
        let Ok(input) = input.dyn_into::<HtmlInputElement>() else { return };
        text.set(input.value());
        let field = input.clone();
        let typed = window_event_listener(leptos::ev::input, move |ev| {
            let field_node: &Node = field.as_ref();
            let from_field = ev
                .target()
                .and_then(|t| t.dyn_into::<Node>().ok())
                .is_some_and(|t| t.is_same_node(Some(field_node)));
            if from_field {
                text.set(field.value());
            }
        });
        let sent = window_event_listener(leptos::ev::submit, move |ev| {
            let from_its_form = ev
                .target()
                .and_then(|t| t.dyn_into::<Node>().ok())
                .is_some_and(|form| form.contains(Some(input.as_ref())));
            if from_its_form && ev.default_prevented() {
                text.set(String::new());
            }
        });
        // The island lives as long as the page: so do its listeners.
        std::mem::forget((typed, sent));
    }

    /// The wall-clock time now in `zone`, from the browser's `Intl.DateTimeFormat`; the browser's own zone if it
    /// does not know that one.
    pub fn now_in(zone: &str) -> Option<NaiveDateTime> {
        in_zone(Some(zone)).or_else(|| in_zone(None))
    }

    fn in_zone(zone: Option<&str>) -> Option<NaiveDateTime> {
        let get = |target: &JsValue, key: &str| Reflect::get(target, &JsValue::from_str(key)).ok();
        let intl = get(&global(), "Intl")?;
        let constructor: Function = get(&intl, "DateTimeFormat")?.dyn_into().ok()?;
        let options = Object::new();
        let mut settings = vec![
            ("year", "numeric"),
            ("month", "numeric"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "numeric"),
            ("hourCycle", "h23"),
        ];
        if let Some(zone) = zone {
            settings.push(("timeZone", zone));
        }
        for (key, value) in settings {
            Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value)).ok()?;
        }
        let args = Array::of2(&JsValue::from_str("en-US"), &options);
        // Constructed through Reflect: an unknown zone throws a RangeError, which comes back as an `Err` here.
        let format = Reflect::construct(&constructor, &args).ok()?;
        let to_parts: Function = get(&format, "formatToParts")?.dyn_into().ok()?;
        let parts: Array = to_parts.call1(&format, &Date::new_0()).ok()?.dyn_into().ok()?;
        let (mut year, mut month, mut day, mut hour, mut minute) = (None, None, None, None, None);
        for part in parts.iter() {
            let value = get(&part, "value")?.as_string()?.parse::<u32>().ok();
            match get(&part, "type")?.as_string()?.as_str() {
                "year" => year = value,
                "month" => month = value,
                "day" => day = value,
                "hour" => hour = value,
                "minute" => minute = value,
                _ => {}
            }
        }
        NaiveDate::from_ymd_opt(year? as i32, month?, day?)?.and_hms_opt(hour? % 24, minute?, 0)
    }
}
