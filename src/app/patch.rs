//! How a server-rendered list is patched in place by the islands router.
//!
//! The router (leptos 0.8.23, `islands_routing.js`) fetches the new page and walks the old and the new
//! document in step, copying text and attributes across. Branch markers, `<!--bo-X-->…<!--bc-X-->`
//! comments, tell it where content was swapped: a branch whose `X` differs is replaced whole, and the walk
//! goes on after it. A keyed `<For>` has markers of its own, but after one the walk stops: nothing later in
//! the page would be patched (the list's footer, the chat beside it). So lists are rendered as one branch
//! named after a hash of their HTML: replaced whole when anything in them changed, left alone otherwise.

use std::fmt::Write;
use std::hash::Hasher;

use leptos::tachys::view::{Position, RenderHtml};
use rustc_hash::FxHasher;

/// `view`'s HTML between branch markers named after its content, for an element's `inner_html`.
pub fn swapped_whole(view: impl RenderHtml) -> String {
    branch(view, name)
}

/// `view`'s HTML between branch markers named after `shape`: replaced whole when `shape` changed, otherwise
/// patched in place like the rest of the page (attributes and text updated, focus kept). `shape` must name
/// everything that changes the elements' structure (e.g. the names of the links of a list of links); what
/// may change in place must be attributes that are always present (`aria-current="false"`) or text.
pub fn swapped_when(shape: &str, view: impl RenderHtml) -> String {
    branch(view, |_| name(shape))
}

/// `view`'s HTML between branch markers, named by `name_of` its HTML. Rendered after a placeholder for the opening
/// marker, which is then named in place: the HTML is written once, never copied.
fn branch(view: impl RenderHtml, name_of: impl FnOnce(&str) -> String) -> String {
    let mut buf = String::with_capacity(view.html_len() + 2 * MARKER_LEN);
    buf.push_str(OPEN_PLACEHOLDER);
    view.to_html_with_buf(&mut buf, &mut Position::FirstChild, true, false, vec![]);
    let name = name_of(&buf[MARKER_LEN..]);
    buf.replace_range(NAME_AT..NAME_AT + 16, &name);
    let _ = write!(buf, "<!--bc-swap-{name}-->");
    buf
}

/// A branch's name: 16 hex digits of a hash of `shape`. No random seed, so the same list gets the same name on every
/// replica. rustc-hash rather than std's SipHash: a 50-task list is ~40 KB of HTML, hashed on every page view
/// (SipHash took 0.10 M of the page's 3.5 M instructions; xxHash's const implementation 0.15 M).
fn name(shape: &str) -> String {
    let mut hasher = FxHasher::default();
    hasher.write(shape.as_bytes());
    format!("{:016x}", hasher.finish())
}

/// The opening marker before its name is known; the name's 16 digits start at [`NAME_AT`].
const OPEN_PLACEHOLDER: &str = "<!--bo-swap-0000000000000000-->";
const NAME_AT: usize = "<!--bo-swap-".len();
/// The length of one branch marker.
const MARKER_LEN: usize = OPEN_PLACEHOLDER.len();

#[cfg(test)]
mod tests {
    use leptos::prelude::*;

    use super::*;

    #[test]
    fn a_whole_branch_is_named_after_its_html_and_another_html_gets_another_name() {
        let list = || view! { <ul class="task-list"><li>"milk & bread"</li></ul> };
        let html = list().to_html();
        let whole = swapped_whole(list());
        let name = &whole[NAME_AT..NAME_AT + 16];
        assert_eq!(whole, format!("<!--bo-swap-{name}-->{html}<!--bc-swap-{name}-->"));
        assert_eq!(whole, swapped_when(&html, list()), "the same name as a branch named after that HTML");
        assert!(name.bytes().all(|b| b.is_ascii_hexdigit()) && name != "0000000000000000");
        let other = swapped_whole(view! { <ul class="task-list"><li>"milk"</li></ul> });
        assert_ne!(&other[NAME_AT..NAME_AT + 16], name);
    }
}
