//! The task page: add, list, edit, complete, delete (with undo), clear completed.
//!
//! Server components only: every control is a plain `<form>` posting to a server function, so the page
//! works with JavaScript off. With it on, the islands router sends the same forms with `fetch` and patches
//! the page with the re-rendered answer. What runs in the browser is the fields' check as you type
//! ([`crate::app::form::Field`] with a `rule`).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::app::form::{posted_error, FormError};
use crate::app::patch::swapped_whole;
use crate::app::RedirectTo;
use crate::assistant::panel::AssistantPanel;
use crate::tasks::add_form::AddTaskForm;
use crate::tasks::api::{get_board, ClearCompleted, DeleteTask, DismissDeletion, SetTaskDone, UndoDelete};
use crate::tasks::editor::EditTask;
use crate::tasks::organise_api::get_task;
use todo_domain::task::{StatusFilter, Task, TaskBoard};
use todo_domain::{AppError, TaskDetails};

/// `/` — the signed-in user's tasks.
#[component]
pub fn TasksPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    // A failed toggle, delete, clear, undo or dismiss has no field to show its message next to.
    let row_error = posted_error::<SetTaskDone>()
        .or_else(posted_error::<DeleteTask>)
        .or_else(posted_error::<ClearCompleted>)
        .or_else(posted_error::<UndoDelete>)
        .or_else(posted_error::<DismissDeletion>)
        .map(|e| e.to_string());
    view! {
        // Two columns on wide screens: the tasks, and the assistant that can change them.
        <div class="workspace">
            <section class="card tasks" aria-labelledby="tasks-heading">
                <h1 id="tasks-heading">"Your tasks"</h1>
                <AddTaskForm />
                <FormError message=row_error />
                <Suspense fallback=|| view! { <p class="muted">"Loading your tasks…"</p> }>
                    {
                        let query = query.clone();
                        move || {
                            let query = query.clone();
                            Suspend::new(async move {
                                // The open editor's task with all its fields (an unknown id opens none).
                                let edited = match editing(&query) {
                                    Some(id) => get_task(id).await.ok(),
                                    None => None,
                                };
                                match get_board().await {
                                    Ok(board) => view! { <Board board query edited /> }.into_any(),
                                    Err(AppError::Unauthorized) => view! { <RedirectTo path="/login" /> }.into_any(),
                                    Err(e) => {
                                        view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any()
                                    }
                                }
                            })
                        }
                    }
                </Suspense>
            </section>
            <AssistantPanel />
        </div>
    }
}

/// The list with its filters, the undo banner and the footer.
///
/// The islands router patches the page in place (src/app/patch.rs): it updates the attributes an element
/// has in the new page but never removes one. So attributes that come and go (`aria-current`, `disabled`)
/// are either always present (`aria-current="false"`) or on elements swapped whole (an `Either` branch),
/// and the list is one branch, swapped whole when it changed.
#[component]
fn Board(board: TaskBoard, query: ParamsMap, edited: Option<TaskDetails>) -> impl IntoView {
    let filter = filter_of(&query);
    let remaining = board.remaining();
    let total = board.tasks.len();
    let completed = total - remaining;
    let shown: Vec<Task> = board.tasks.into_iter().filter(|t| filter.matches(t)).collect();
    let empty = shown.is_empty().then_some(match (total, filter) {
        (0, _) => "Nothing to do yet. Add your first task above.",
        (_, StatusFilter::Pending) => "All done. Nice work!",
        (_, StatusFilter::Completed) => "No completed tasks yet.",
        _ => "No tasks.",
    });
    let filter_link = move |f: StatusFilter, label: &'static str| {
        view! {
            <a href=format!("?filter={}", f.query_value()) aria-current=if filter == f { "page" } else { "false" }>
                {label}
            </a>
        }
    };
    let clear = if completed == 0 {
        leptos::either::Either::Left(view! {
            <button type="submit" class="link" disabled>"Clear completed (0)"</button>
        })
    } else {
        leptos::either::Either::Right(view! {
            <button type="submit" class="link">{format!("Clear completed ({completed})")}</button>
        })
    };
    view! {
        {board.last_deletion.map(|d| view! { <UndoBanner count=d.count title=d.title /> })}
        <nav class="filters" aria-label="Filter tasks">
            {filter_link(StatusFilter::All, "All")}
            {filter_link(StatusFilter::Pending, "Active")}
            {filter_link(StatusFilter::Completed, "Completed")}
        </nav>
        <ul
            class="task-list"
            aria-label="Tasks"
            inner_html=swapped_whole(
                shown
                    .into_iter()
                    .map(|task| {
                        let edited = edited.clone().filter(|e| e.task.id == task.id);
                        view! { <TaskItem task query=query.clone() edited /> }
                    })
                    .collect_view(),
            )
        ></ul>
        {empty.map(|text| view! { <p class="muted empty">{text}</p> })}
        <footer class="board-footer">
            <span class="remaining" aria-live="polite">
                {match remaining {
                    1 => "1 task left".to_string(),
                    n => format!("{n} tasks left"),
                }}
            </span>
            <form method="post" action=ClearCompleted::url()>
                {clear}
            </form>
        </footer>
    }
    .into_any()
}

#[component]
fn UndoBanner(count: i64, title: String) -> impl IntoView {
    let message = if count == 1 {
        format!("Deleted \u{201c}{title}\u{201d}.")
    } else {
        format!("Deleted {count} tasks.")
    };
    view! {
        <div class="undo-banner" role="status">
            <span>{message}</span>
            <form method="post" action=UndoDelete::url()>
                <button type="submit" class="link">"Undo"</button>
            </form>
            <form method="post" action=DismissDeletion::url()>
                <button type="submit" class="link">"Dismiss"</button>
            </form>
        </div>
    }
}

/// The task whose editor is open: `?edit=ID`. Only that task carries an edit form; its "Edit" link opens
/// it (patched in by the islands router, or a page load without JavaScript).
fn editing(query: &ParamsMap) -> Option<i64> {
    query.get_str("edit").and_then(|id| id.parse().ok())
}

/// The list's filter: `?filter=`, all tasks when absent or unknown.
fn filter_of(query: &ParamsMap) -> StatusFilter {
    query.get_str("filter").and_then(|f| StatusFilter::parse(f).ok()).unwrap_or_default()
}

/// `/` with the current filter kept and, with `edit`, that task's editor open. The fragment brings the
/// task back into view when the page loads (no JavaScript).
fn board_href(query: &ParamsMap, edit: Option<i64>, task: i64) -> String {
    let filter = filter_of(query);
    let mut params = Vec::new();
    if filter != StatusFilter::All {
        params.push(format!("filter={}", filter.query_value()));
    }
    if let Some(id) = edit {
        params.push(format!("edit={id}"));
    }
    let query = if params.is_empty() { String::new() } else { format!("?{}", params.join("&")) };
    format!("/{query}#{}", Task::element_id(task))
}

/// One task: toggle, title and description (or its editor), Edit, Delete.
#[component]
fn TaskItem(task: Task, query: ParamsMap, edited: Option<TaskDetails>) -> impl IntoView {
    let Task { id, title, description, done } = task;
    let open = edited.is_some();
    let toggle_label = format!("Mark \u{201c}{title}\u{201d} as {}", if done { "not done" } else { "done" });
    let edit_label = format!("Edit \u{201c}{title}\u{201d}");
    let delete_label = format!("Delete \u{201c}{title}\u{201d}");
    let editor = edited.map(|task| view! { <EditTask task close_href=board_href(&query, None, id) /> });
    let edit_link = (!open).then(|| {
        view! {
            <a class="edit-link" href=board_href(&query, Some(id), id) aria-label=edit_label>
                "Edit"
            </a>
        }
    });
    view! {
        <li id=Task::element_id(id) class="task" class:done=done>
            <form action=SetTaskDone::url() method="post">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="done" value=(!done).to_string() />
                // The check mark is drawn by CSS (`.task.done .check`): no text node that comes and goes.
                <button type="submit" class="check" aria-label=toggle_label aria-pressed=done.to_string()></button>
            </form>
            <div class="task-body">
                <span class="title">{title}</span>
                {description.map(|d| view! { <p class="description">{d}</p> })}
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
