//! The task list's controls, all plain links and one GET form, so they work without JavaScript: the views (All,
//! Today, Upcoming, one per tag), the status links (All, Active, Completed), and search with filters and sort.
//!
//! The islands router patches the page in place and never removes an attribute (src/app/patch.rs): a link's
//! `aria-current` is always present (`"page"` or `"false"`), the tag links are one branch replaced whole when the
//! set of tags changes, and the form, whose `selected` and `checked` come and go, is replaced whole when anything
//! in it changes.

use leptos::prelude::*;

use crate::app::patch::{swapped_when, swapped_whole};
use crate::tasks::list_url::{sort_value, tag_href, view_href, ListUrl, SORT_CHOICES};
use todo_domain::task::StatusFilter;
use todo_domain::{Priority, TagCount, View};

fn current(is: bool) -> &'static str {
    if is {
        "page"
    } else {
        "false"
    }
}

/// All tasks, Today, Upcoming, then one link per tag (with its number of open tasks).
#[component]
pub fn ViewLinks(url: ListUrl, tags: Vec<TagCount>) -> impl IntoView {
    let q = &url.query;
    let plain_view = |view: View| q.view == view && q.tag.is_none();
    let link = |view: View, label: &'static str| {
        view! { <a href=view_href(view) aria-current=current(plain_view(view))>{label}</a> }
    };
    let shape: String = tags.iter().map(|t| format!("{}\n", t.name)).collect();
    let tag_view = url.tag_view().map(|t| t.key());
    let tag_links = tags
        .into_iter()
        .map(|t| {
            let is = tag_view.as_deref() == Some(t.name.key().as_str());
            view! {
                <a class="tag-view" href=tag_href(&t.name) aria-current=current(is)>
                    "#"
                    {t.name.to_string()}
                    <span class="count">
                        <span class="visually-hidden">", "</span>
                        {t.open}
                        <span class="visually-hidden">" open"</span>
                    </span>
                </a>
            }
        })
        .collect_view();
    view! {
        <nav class="views" aria-label="Views">
            {link(View::All, "All tasks")}
            {link(View::Today, "Today")}
            {link(View::Upcoming, "Upcoming")}
            <span class="tag-views" inner_html=swapped_when(&shape, tag_links)></span>
        </nav>
    }
}

/// All, Active, Completed: the same list with another status.
#[component]
pub fn StatusLinks(url: ListUrl) -> impl IntoView {
    let status = url.query.status;
    let link = |s: StatusFilter, label: &'static str| {
        view! { <a href=url.with_status(s) aria-current=current(status == s)>{label}</a> }
    };
    view! {
        <nav class="filters" aria-label="Filter tasks">
            {link(StatusFilter::All, "All")}
            {link(StatusFilter::Pending, "Active")}
            {link(StatusFilter::Completed, "Completed")}
        </nav>
    }
}

/// Search, then filters and sort behind a disclosure (open when a filter is set). A GET form to `/`: the list's
/// URL is what it sends. The view and status it does not show travel as hidden fields.
#[component]
pub fn ListForm(url: ListUrl, tags: Vec<TagCount>) -> impl IntoView {
    let q = url.query.clone();
    let upcoming = q.view == View::Upcoming;
    let sort = sort_value(q.sort, q.direction());
    let tag_key = q.tag.as_ref().map(|t| t.key());
    let tag_options = tags
        .iter()
        .map(|t| {
            let selected = tag_key.as_deref() == Some(t.name.key().as_str());
            view! { <option value=t.name.to_string() selected=selected>{t.name.to_string()}</option> }
        })
        .collect_view();
    let priority_options = Priority::ALL
        .into_iter()
        .rev()
        .map(|p| view! { <option value=p.as_str() selected=q.priority == Some(p)>{p.label()}</option> })
        .collect_view();
    let sort_options = SORT_CHOICES
        .into_iter()
        .map(|(s, d, label)| {
            let value = sort_value(s, d);
            let selected = value == sort;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    let date = |d: Option<chrono::NaiveDate>| d.map(todo_domain::due::iso_date).unwrap_or_default();
    let sort_field = if upcoming {
        leptos::either::Either::Left(view! { <p class="muted sort-note">"Upcoming is sorted by day."</p> })
    } else {
        leptos::either::Either::Right(view! {
            <div class="field">
                <label for="list-sort">"Sort"</label>
                <select id="list-sort" name="sort">{sort_options}</select>
            </div>
        })
    };
    let reset = url.is_filtered().then(|| {
        let base = match url.tag_view() {
            Some(tag) => tag_href(tag),
            None => view_href(q.view),
        };
        view! { <a class="link" href=base>"Clear search and filters"</a> }
    });
    let contents = view! {
        {(q.view != View::All).then(|| view! { <input type="hidden" name="view" value=q.view.as_str() /> })}
        {(q.status != StatusFilter::All)
            .then(|| view! { <input type="hidden" name="status" value=q.status.query_value() /> })}
        <div class="search-row">
            <label for="list-search" class="visually-hidden">"Search tasks"</label>
            <input
                id="list-search"
                type="search"
                name="q"
                value=q.search.clone().unwrap_or_default()
                placeholder="Search tasks"
                maxlength=todo_domain::task_query::SEARCH_MAX_CHARS
                autocomplete="off"
            />
            <button type="submit">"Search"</button>
        </div>
        <details open=url.has_form_filters()>
            <summary>"Filters and sort"</summary>
            <div class="filter-grid">
                <div class="field">
                    <label for="list-priority">"Priority"</label>
                    <select id="list-priority" name="priority">
                        <option value="">"Any priority"</option>
                        {priority_options}
                    </select>
                </div>
                <div class="field">
                    <label for="list-tag">"Tag"</label>
                    <select id="list-tag" name="tag">
                        <option value="">"Any tag"</option>
                        {tag_options}
                    </select>
                </div>
                <div class="field">
                    <label for="list-due-after">"Due from"</label>
                    <input id="list-due-after" type="date" name="due_after" value=date(q.due_after) />
                </div>
                <div class="field">
                    <label for="list-due-before">"Due until"</label>
                    <input id="list-due-before" type="date" name="due_before" value=date(q.due_before) />
                </div>
                <div class="field checkbox">
                    <input id="list-no-due" type="checkbox" name="no_due" value="1" checked=q.no_due />
                    <label for="list-no-due">"No due date"</label>
                </div>
                {sort_field}
            </div>
            <button type="submit">"Apply"</button>
        </details>
        {reset}
    };
    view! { <form class="list-form" method="get" action="/" role="search" inner_html=swapped_whole(contents)></form> }
}
