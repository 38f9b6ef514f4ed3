//! The quick-add parser as the browser runs it: [`read_quick_add`], behind `#[lazy]`, so its code (the parser,
//! the recurrence rules, the labels) is a WASM chunk of its own, fetched at the first keystroke in the new-task
//! box rather than with the page (`cargo leptos build --split`). Both islands that read quick-add text call it:
//! the box's check as you type ([`crate::app::form::Rule::QuickAddText`]) and the preview under it
//! ([`super::quick_add_preview`]).

use chrono::NaiveDateTime;
use leptos::prelude::lazy;
use todo_domain::task::TaskTitle;
use todo_domain::{parse_quick_add, QuickAddContext};

/// What the quick-add parser takes from a text at a given "now".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// One label per field taken from the text ("due Fri 4 Dec 17:00", "#home", …).
    pub labels: Vec<String>,
    /// The title left.
    pub title: String,
    /// Why that title would be refused (the server's message), if it would.
    pub title_error: Option<String>,
}

/// The parser's reading of `text` at `now` (the same parser the server runs). Async: the first call loads the
/// chunk.
#[lazy]
pub fn read_quick_add(text: String, now: NaiveDateTime) -> Reading {
    let parsed = parse_quick_add(&text, QuickAddContext::new(now));
    Reading {
        labels: parsed.taken_labels(now.date()),
        title_error: TaskTitle::parse(&parsed.title).err().map(|e| e.to_string()),
        title: parsed.title,
    }
}
