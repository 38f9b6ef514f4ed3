//! How a server-rendered list is patched in place by the islands router.
//!
//! The router (leptos 0.8.23, `islands_routing.js`) fetches the new page and walks the old and the new
//! document in step, copying text and attributes across. Branch markers, `<!--bo-X-->…<!--bc-X-->`
//! comments, tell it where content was swapped: a branch whose `X` differs is replaced whole, and the walk
//! goes on after it. A keyed `<For>` has markers of its own, but after one the walk stops: nothing later in
//! the page would be patched (the list's footer, the chat beside it). So lists are rendered as one branch
//! named after a hash of their HTML: replaced whole when anything in them changed, left alone otherwise.

use std::hash::{DefaultHasher, Hash, Hasher};

use leptos::tachys::view::RenderHtml;

/// `view`'s HTML between branch markers named after its content, for an element's `inner_html`.
pub fn swapped_whole(view: impl RenderHtml) -> String {
    let html = view.to_html();
    branch(&html, &html)
}

/// `view`'s HTML between branch markers named after `shape`: replaced whole when `shape` changed, otherwise
/// patched in place like the rest of the page (attributes and text updated, focus kept). `shape` must name
/// everything that changes the elements' structure (e.g. the names of the links of a list of links); what
/// may change in place must be attributes that are always present (`aria-current="false"`) or text.
pub fn swapped_when(shape: &str, view: impl RenderHtml) -> String {
    branch(shape, &view.to_html())
}

fn branch(shape: &str, html: &str) -> String {
    // DefaultHasher::new() has fixed keys: the same list gets the same name on every replica.
    let mut hasher = DefaultHasher::new();
    shape.hash(&mut hasher);
    let name = format!("swap-{:016x}", hasher.finish());
    format!("<!--bo-{name}-->{html}<!--bc-{name}-->")
}
