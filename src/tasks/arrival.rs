//! Where the reader is taken when a next page of the list arrives.
//!
//! Without JavaScript, "Show more" loads the next page at `#list-heading`. With it, the islands router patches the
//! list in place and the window stays where it was (at the foot of the previous page), so this island, rendered
//! on the pages after the first, brings the list's heading into view and gives it focus: a screen reader reads
//! where the reader is, and Tab goes on from the first new task.

use leptos::prelude::*;

/// Scrolls to the list's heading (`#list-heading`) and focuses it, once, when it appears.
#[island]
pub fn ToListHeading() -> impl IntoView {
    Effect::new(move |_| {
        use leptos::wasm_bindgen::JsCast;
        if let Some(heading) = document().get_element_by_id("list-heading") {
            heading.scroll_into_view();
            let _ = heading.unchecked_ref::<leptos::web_sys::HtmlElement>().focus();
        }
    });
}
