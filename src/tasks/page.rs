//! The task page: add, then the list its URL asks for (views, search, filters, sort, pages: [`ListUrl`]), with
//! complete, edit, delete (with undo) and clear completed.
//!
//! Server components only: every control is a plain `<form>` posting to a server function, or a link or GET form
//! naming another list, so the page works with JavaScript off. With it on, the islands router sends the same
//! requests with `fetch` and patches the page with the re-rendered answer. What runs in the browser is the
//! fields' check as you type ([`crate::app::form::Field`] with a `rule`).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

use crate::app::dry_run::past_dry_run;
use crate::app::form::{posted_error, FormError};
use crate::app::patch::swapped_whole;
use crate::app::RedirectTo;
use crate::assistant::panel::AssistantPanel;
use crate::tasks::add_form::AddTaskForm;
use crate::tasks::api::{
    get_board, ClearCompleted, DeleteTask, DismissDeletion, SetTaskDone, UndoDelete, UpdateTask,
};
use crate::tasks::arrival::ToListHeading;
use crate::tasks::controls::{ListForm, StatusLinks, ViewLinks};
use crate::tasks::list_url::ListUrl;
use crate::tasks::task_row::{day_heading, TaskItem};
use todo_domain::task::StatusFilter;
use todo_domain::{AppError, TaskBoard, TaskDetails, TaskSummary, View};

/// `/` — the signed-in user's tasks.
#[component]
pub fn TasksPage() -> impl IntoView {
    let url = ListUrl::parse(&use_location().search.get_untracked());
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
                // The new-task box comes with the list: the list's statement reads the user's time zone, which
                // the box's preview needs too (one round trip, not two).
                <Suspense fallback=|| view! { <p class="muted">"Loading your tasks…"</p> }>
                    {
                        let url = url.clone();
                        move || {
                            let (url, row_error) = (url.clone(), row_error.clone());
                            Suspend::new(async move {
                                past_dry_run().await;
                                match load(url).await {
                                    Ok((board, url)) => {
                                        let time_zone = Some(board.page.time_zone.clone());
                                        view! {
                                            <AddTaskForm time_zone />
                                            <FormError message=row_error />
                                            <Board board url />
                                        }
                                            .into_any()
                                    }
                                    Err(AppError::Unauthorized) => view! { <RedirectTo path="/login" /> }.into_any(),
                                    Err(e) => {
                                        view! {
                                            <AddTaskForm time_zone=None />
                                            <FormError message=row_error />
                                            <p class="form-error" role="alert">{e.to_string()}</p>
                                        }
                                            .into_any()
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

/// The board for `url`. A cursor that does not fit the list (edited, or from another sort) gives its first page,
/// with the message.
async fn load(mut url: ListUrl) -> Result<(TaskBoard, ListUrl), AppError> {
    match get_board(url.query.clone()).await {
        Err(e @ AppError::Invalid { .. }) if url.query.cursor.is_some() => {
            url.query.cursor = None;
            url.page = 1;
            url.error = Some(e);
            Ok((get_board(url.query.clone()).await?, url))
        }
        other => other.map(|board| (board, url)),
    }
}

/// The views, the list's form, the undo banner, the status links, the list (or why it is empty), the next page's
/// link and the footer.
///
/// The islands router patches the page in place (src/app/patch.rs): it updates the attributes an element
/// has in the new page but never removes one. So attributes that come and go (`aria-current`, `disabled`)
/// are either always present (`aria-current="false"`) or on elements swapped whole (an `Either` branch),
/// and the list with its pager is one branch, swapped whole when it changed.
#[component]
fn Board(board: TaskBoard, url: ListUrl) -> impl IntoView {
    let TaskBoard { page, tags, summary } = board;
    let update_error = posted_error::<UpdateTask>();
    let heading = list_heading(&url);
    let shown = page.tasks.len();
    let results = match (shown, page.next_cursor.is_some(), url.page) {
        // Never empty: the islands router walks old and new text nodes in step.
        (0, _, _) => "No tasks".to_owned(),
        (n, more, p) => {
            let size = url.query.page_size() as usize;
            let first = (p as usize - 1) * size + 1;
            let more = if more { ", more after them" } else { "" };
            match (n, p) {
                (1, 1) => "1 task".to_owned(),
                (n, 1) => format!("{n} tasks{more}"),
                (n, _) => format!("Tasks {first} to {}{more}", first + n - 1),
            }
        }
    };
    let empty = (shown == 0).then(|| empty_text(&url, &summary));
    let list = swapped_whole(view! {
        <TaskList tasks=page.tasks today=page.today url=url.clone() update_error />
        {empty.map(|text| view! { <p class="muted empty">{text}</p> })}
        <Pager url=url.clone() next=page.next_cursor />
    });
    let remaining = match summary.open {
        1 => "1 task left".to_string(),
        n => format!("{n} tasks left"),
    };
    let completed = summary.completed;
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
        <ViewLinks url=url.clone() tags=tags.clone() />
        <ListForm url=url.clone() tags />
        // Always there, its content swapped whole when it changes: a banner that comes and goes in the middle of
        // the page would put the islands router's walk out of step with the new page, and what follows (the
        // list) would not be patched.
        <div
            class="undo-slot"
            inner_html=swapped_whole(
                summary.last_deletion.map(|d| view! { <UndoBanner count=d.count title=d.title /> }),
            )
        ></div>
        <StatusLinks url=url.clone() />
        <FormError message=url.error.as_ref().map(|e| e.to_string()) />
        <div class="list-heading">
            // Focusable from script only: where a next page takes the reader (`ToListHeading`).
            <h2 id="list-heading" tabindex="-1">{heading}</h2>
            <span class="muted" aria-live="polite">{results}</span>
        </div>
        <div class="list" inner_html=list></div>
        <footer class="board-footer">
            <span class="remaining" aria-live="polite">{remaining}</span>
            <form method="post" action=ClearCompleted::url()>
                {clear}
            </form>
        </footer>
    }
    .into_any()
}

/// The rows: one list, or in Upcoming one list per day under its heading.
#[component]
fn TaskList(
    tasks: Vec<TaskDetails>,
    today: NaiveDate,
    url: ListUrl,
    update_error: Option<AppError>,
) -> impl IntoView {
    let row = |task: TaskDetails| {
        let open = url.edit == Some(task.task.id);
        let error = update_error.clone().filter(|_| open);
        view! { <TaskItem task url=url.clone() today open error /> }
    };
    if url.query.view != View::Upcoming {
        let rows = tasks.into_iter().map(&row).collect_view();
        return view! { <ul class="task-list" aria-label="Tasks">{rows}</ul> }.into_any();
    }
    // Sorted by due date: consecutive runs of one date.
    let mut days: Vec<(NaiveDate, Vec<TaskDetails>)> = Vec::new();
    for task in tasks {
        let date = task.due.map_or(today, |d| d.date());
        match days.last_mut() {
            Some((d, list)) if *d == date => list.push(task),
            _ => days.push((date, vec![task])),
        }
    }
    days.into_iter()
        .map(|(date, tasks)| {
            let id = format!("day-{}", todo_domain::due::iso_date(date));
            let rows = tasks.into_iter().map(&row).collect_view();
            view! {
                <h3 class="day-heading" id=id.clone()>{day_heading(date, today)}</h3>
                <ul class="task-list" aria-labelledby=id>{rows}</ul>
            }
        })
        .collect_view()
        .into_any()
}

/// "Show more" (the next page, when there is one) and, after the first page, the way back to it; the island that
/// takes the reader to the top of a page that replaced another.
///
/// Pages, not a growing list: a page starts after the previous one's last task (a keyset cursor), so every page
/// is one short index scan however far down it is, and the URL of each page is small and can be bookmarked.
#[component]
fn Pager(url: ListUrl, next: Option<String>) -> impl IntoView {
    let back = (url.page > 1).then(|| view! { <a href=url.first_page()>"Back to the first page"</a> });
    let more = next.map(|cursor| view! { <a class="show-more" href=url.next_page(&cursor)>"Show more"</a> });
    let page = url.query.cursor.clone().unwrap_or_default();
    let links = (back.is_some() || more.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label="More tasks">
                {back}
                {more}
            </nav>
        }
    });
    view! {
        {links}
        <ToListHeading page />
    }
}

/// The list's heading: its view or tag, what is searched for, the page.
fn list_heading(url: &ListUrl) -> String {
    let q = &url.query;
    let mut heading = match (url.tag_view(), q.view) {
        (Some(tag), _) => format!("#{tag}"),
        (None, View::All) => "All tasks".to_owned(),
        (None, View::Today) => "Today".to_owned(),
        (None, View::Upcoming) => "Upcoming: the next 7 days".to_owned(),
    };
    if let Some(search) = &q.search {
        heading = format!("{heading}: search for \u{201c}{search}\u{201d}");
    }
    if url.page > 1 {
        heading.push_str(&format!(", page {}", url.page));
    }
    heading
}

/// Why the list is empty.
fn empty_text(url: &ListUrl, summary: &TaskSummary) -> String {
    let q = &url.query;
    if summary.open + summary.completed == 0 && summary.last_deletion.is_none() {
        return "Nothing to do yet. Add your first task above.".to_owned();
    }
    if let Some(search) = &q.search {
        return format!("No tasks match \u{201c}{search}\u{201d}.");
    }
    if url.has_form_filters() {
        return "No tasks match these filters.".to_owned();
    }
    match (q.status, url.tag_view(), q.view) {
        (StatusFilter::Pending, _, View::All) if q.tag.is_none() => "All done. Nice work!".to_owned(),
        (StatusFilter::Completed, _, _) => "No completed tasks here yet.".to_owned(),
        (_, Some(tag), _) => format!("No tasks tagged #{tag} here."),
        (_, None, View::Today) => "Nothing due today.".to_owned(),
        (_, None, View::Upcoming) => "Nothing due in the next 7 days.".to_owned(),
        _ => "No tasks.".to_owned(),
    }
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
