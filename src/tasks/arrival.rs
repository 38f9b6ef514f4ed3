//! Where the reader is taken when another page of the list arrives.
//!
//! Without JavaScript, "Show more" loads the next page at `#list-heading`. With it, the islands router patches the
//! list in place and the window stays where it was (at the foot of the previous page). So every list carries this
//! island, named after its page: when the list is replaced by one of another page, the new island brings the
//! list's heading into view and gives it focus (a screen reader says where the reader is; Tab goes on from the
//! first new task). A list replaced by the same page (a task completed, an editor opened) moves nothing, and
//! neither does the first load of a page.

use std::cell::RefCell;

use leptos::prelude::*;

thread_local! {
    /// The page of the list the last island appeared in (its cursor; empty for the first page).
    static SHOWN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Scrolls to the list's heading (`#list-heading`) and focuses it when it appears on a page after the first that
/// replaced another page in this document.
#[island]
pub fn ToListHeading(page: String) -> impl IntoView {
    Effect::new(move |_| {
        use leptos::wasm_bindgen::JsCast;
        let previous = SHOWN.with(|shown| shown.replace(Some(page.clone())));
        if page.is_empty() || previous.is_none_or(|p| p == page) {
            return;
        }
        if let Some(heading) = document().get_element_by_id("list-heading") {
            heading.scroll_into_view();
            let _ = heading.unchecked_ref::<leptos::web_sys::HtmlElement>().focus();
        }
    });
}
