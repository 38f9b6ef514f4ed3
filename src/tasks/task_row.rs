//! One task in the list: toggle, title, description, what organises it (due date, priority, repeat, tags as
//! links to their views) or its open editor, Edit and Delete.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::tasks::api::{DeleteTask, SetTaskDone};
use crate::tasks::editor::EditTask;
use crate::tasks::list_url::{tag_href, ListUrl};
use todo_domain::due::date_label;
use todo_domain::task::Task;
use todo_domain::{AppError, Due, Priority, TaskDetails};

/// One row. `today` is the owner's date (their time zone), which due dates are labelled against.
#[component]
pub fn TaskItem(
    task: TaskDetails,
    url: ListUrl,
    today: NaiveDate,
    open: bool,
    error: Option<AppError>,
) -> impl IntoView {
    let TaskDetails { task: Task { id, title, description, done }, priority, due, tags, recurrence } = task;
    let overdue = !done && due.is_some_and(|d| d.date() < today);
    let toggle_label = format!("Mark \u{201c}{title}\u{201d} as {}", if done { "not done" } else { "done" });
    let edit_label = format!("Edit \u{201c}{title}\u{201d}");
    let delete_label = format!("Delete \u{201c}{title}\u{201d}");
    let editor = open.then(|| {
        view! {
            <EditTask id title=title.clone() description=description.clone() close_href=url.with_editor(None, id) error />
        }
    });
    let edit_link = (!open).then(|| {
        view! {
            <a class="edit-link" href=url.with_editor(Some(id), id) aria-label=edit_label>
                "Edit"
            </a>
        }
    });
    let has_meta = due.is_some() || priority != Priority::None || recurrence.is_some() || !tags.is_empty();
    let meta = has_meta.then(|| {
        view! {
            <p class="meta">
                {due.map(|due| view! { <DueLabel due today overdue /> })}
                {(priority != Priority::None).then(|| view! { <PriorityLabel priority /> })}
                {recurrence.map(|r| {
                    view! {
                        <span class="repeat">
                            <span aria-hidden="true">"↻ "</span>
                            <span class="visually-hidden">"Repeats "</span>
                            {r.describe()}
                        </span>
                    }
                })}
                {tags
                    .into_iter()
                    .map(|tag| {
                        view! {
                            <a class="tag" href=tag_href(&tag)>
                                "#"
                                {tag.to_string()}
                            </a>
                        }
                    })
                    .collect_view()}
            </p>
        }
    });
    view! {
        <li id=Task::element_id(id) class="task" class:done=done class:overdue=overdue>
            <form action=SetTaskDone::url() method="post">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="done" value=(!done).to_string() />
                // The check mark is drawn by CSS (`.task.done .check`): no text node that comes and goes.
                <button type="submit" class="check" aria-label=toggle_label aria-pressed=done.to_string()></button>
            </form>
            <div class="task-body">
                <span class="title">{title}</span>
                {description.map(|d| view! { <p class="description">{d}</p> })}
                {meta}
                {editor}
            </div>
            {edit_link}
            <form action=DeleteTask::url() method="post">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="delete" aria-label=delete_label>
                    <span aria-hidden="true">"×"</span>
                </button>
            </form>
        </li>
    }
    // Type-erased: the nested view types of a row otherwise exceed the compiler's query depth in release.
    .into_any()
}

/// "Today 17:00", "Tomorrow", "Fri", "Fri 11 Dec" (the full date in its tooltip); "Overdue: Yesterday".
#[component]
fn DueLabel(due: Due, today: NaiveDate, overdue: bool) -> impl IntoView {
    let full = due.absolute_label(today);
    let label = due.label(today);
    let title = (full != label).then_some(full);
    view! {
        <time class="due" class:overdue=overdue datetime=due.to_iso() title=title>
            {overdue.then_some("Overdue: ")}
            <span class="visually-hidden">"Due "</span>
            {label}
        </time>
    }
}

/// "High priority" and the like, coloured by urgency.
#[component]
fn PriorityLabel(priority: Priority) -> impl IntoView {
    view! {
        <span class=format!("priority priority-{}", priority.as_str())>
            {priority.label()}
            <span class="visually-hidden">" priority"</span>
        </span>
    }
}

/// The heading of a day in Upcoming: "Today · Tue 1 Dec", "Tomorrow · Wed 2 Dec", "Thu 3 Dec".
pub fn day_heading(date: NaiveDate, today: NaiveDate) -> String {
    let label = date_label(date, today);
    match (date - today).num_days() {
        0 => format!("Today \u{b7} {label}"),
        1 => format!("Tomorrow \u{b7} {label}"),
        _ => label,
    }
}
