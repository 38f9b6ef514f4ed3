//! The task page: add, list, edit, complete, delete (with undo), clear completed.
//!
//! Every control is a real `<form>` posting to a server function, so the page works before the WASM
//! loads and with JavaScript off; once hydrated the same forms update the list in place.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::app::form::{Field, FormError};
use crate::app::RedirectTo;
use crate::assistant::api::SendMessage;
use crate::assistant::panel::AssistantPanel;
use crate::tasks::api::{
    get_board, AddTask, ClearCompleted, DeleteTask, DismissDeletion, SetTaskDone, UndoDelete, UpdateTask,
};
use todo_domain::task::{
    StatusFilter, Task, TaskBoard, TaskDescription, TaskTitle, DESCRIPTION_MAX, TITLE_MAX,
};
use todo_domain::AppError;

fn title_rule(raw: &str) -> Option<String> {
    TaskTitle::parse(raw).err().map(|e| e.to_string())
}

fn description_rule(raw: &str) -> Option<String> {
    TaskDescription::parse(Some(raw)).err().map(|e| e.to_string())
}

/// The page's server actions; the board refetches after any of them.
#[derive(Clone, Copy)]
struct Actions {
    add: ServerAction<AddTask>,
    update: ServerAction<UpdateTask>,
    set_done: ServerAction<SetTaskDone>,
    delete: ServerAction<DeleteTask>,
    clear: ServerAction<ClearCompleted>,
    undo: ServerAction<UndoDelete>,
    dismiss: ServerAction<DismissDeletion>,
    /// A chat message: the assistant's tool calls may have changed the tasks.
    chat: ServerAction<SendMessage>,
    /// The task whose edit form was submitted last, so its error shows on that task only.
    last_edited: RwSignal<Option<i64>>,
    /// Changes on their way to the server, worked out once for the whole list.
    in_flight: Memo<InFlight>,
    /// The page's query (`?filter=`, `?edit=`).
    query: Memo<ParamsMap>,
}

/// Task changes sent to the server and not answered yet (one per kind: an action tracks its latest call).
#[derive(Clone, Default, PartialEq)]
struct InFlight {
    /// The task being toggled, and the state it asked for.
    toggle: Option<(i64, bool)>,
    /// The tasks being deleted and saved.
    delete: Option<i64>,
    update: Option<i64>,
}

impl InFlight {
    fn busy(&self, id: i64) -> bool {
        self.toggle.is_some_and(|(t, _)| t == id) || self.delete == Some(id) || self.update == Some(id)
    }
}

impl Actions {
    fn new() -> Self {
        let update = ServerAction::<UpdateTask>::new();
        let set_done = ServerAction::<SetTaskDone>::new();
        let delete = ServerAction::<DeleteTask>::new();
        let (update_input, set_done_input, delete_input) = (update.input(), set_done.input(), delete.input());
        let in_flight = Memo::new(move |_| InFlight {
            toggle: set_done_input.with(|i| i.as_ref().map(|i| (i.id, i.done))),
            delete: delete_input.with(|i| i.as_ref().map(|i| i.id)),
            update: update_input.with(|i| i.as_ref().map(|i| i.id)),
        });
        Self {
            add: ServerAction::new(),
            update,
            set_done,
            delete,
            clear: ServerAction::new(),
            undo: ServerAction::new(),
            dismiss: ServerAction::new(),
            chat: ServerAction::new(),
            last_edited: RwSignal::new(None),
            in_flight,
            query: use_query_map(),
        }
    }

    /// Changes whenever any action completes.
    fn version(&self) -> usize {
        self.add.version().get()
            + self.update.version().get()
            + self.set_done.version().get()
            + self.delete.version().get()
            + self.clear.version().get()
            + self.undo.version().get()
            + self.dismiss.version().get()
            + self.chat.version().get()
    }

    /// The latest failure of an action that has no field to show it next to.
    fn general_error(&self) -> Option<AppError> {
        fn err<T>(v: Option<Result<T, AppError>>) -> Option<AppError> {
            v.and_then(Result::err)
        }
        err(self.set_done.value().get())
            .or_else(|| err(self.delete.value().get()))
            .or_else(|| err(self.clear.value().get()))
            .or_else(|| err(self.undo.value().get()))
            .or_else(|| err(self.dismiss.value().get()))
    }
}

/// `/` — the signed-in user's tasks.
#[component]
pub fn TasksPage() -> impl IntoView {
    let actions = Actions::new();
    provide_context(actions);
    Effect::new(move |_| {
        if let Some(input) = actions.update.input().get() {
            actions.last_edited.set(Some(input.id));
        }
    });
    let board = Resource::new(move || actions.version(), |_| get_board());
    view! {
        // Two columns on wide screens: the tasks, and the assistant that can change them.
        <div class="workspace">
        <section class="card tasks" aria-labelledby="tasks-heading">
            <h1 id="tasks-heading">"Your tasks"</h1>
            <AddTaskForm />
            <FormError message=Signal::derive(move || actions.general_error().map(|e| e.to_string())) />
            <Transition fallback=|| view! { <p class="muted">"Loading your tasks…"</p> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(board) => view! { <Board board /> }.into_any(),
                        Err(AppError::Unauthorized) => view! { <RedirectTo path="/login" /> }.into_any(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <AssistantPanel send=actions.chat />
        </div>
    }
}

#[component]
fn AddTaskForm() -> impl IntoView {
    let add = expect_context::<Actions>().add;
    let form = NodeRef::<leptos::html::Form>::new();
    let error = move || add.value().get().and_then(Result::err);
    // Clear the form once its task was added. An error keeps what was typed, and so does a form the
    // user already filled with the next task while this one was saving.
    Effect::new(move |_| {
        if let (Some(Ok(task)), Some(form)) = (add.value().get(), form.get()) {
            let typed = form
                .query_selector("[name=title]")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|input| input.value());
            if typed.is_some_and(|t| t.trim() == task.title) {
                form.reset();
            }
        }
    });
    view! {
        <ActionForm action=add node_ref=form>
            <div class="add-task">
                <Field
                    label="New task"
                    name="title"
                    id="new-task-title".into()
                    required=true
                    max_len=TITLE_MAX
                    rule=title_rule
                    error=Signal::derive(move || error().and_then(|e| e.for_field("title")))
                />
                <Field
                    label="Description (optional)"
                    name="description"
                    id="new-task-description".into()
                    multiline=true
                    max_len=DESCRIPTION_MAX
                    rule=description_rule
                    error=Signal::derive(move || error().and_then(|e| e.for_field("description")))
                />
                <FormError message=Signal::derive(move || error().and_then(|e| e.general(&["title", "description"]))) />
                <button type="submit" class="primary" disabled=add.pending()>
                    {move || if add.pending().get() { "Adding…" } else { "Add task" }}
                </button>
            </div>
        </ActionForm>
    }
}

#[component]
fn Board(board: TaskBoard) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let filter = move || actions.query.with(filter_of);
    let remaining = board.remaining();
    let completed = board.tasks.len() - remaining;
    let total = board.tasks.len();
    let tasks = StoredValue::new(board.tasks);
    let shown = move || {
        let filter = filter();
        tasks.with_value(|all| all.iter().filter(|t| filter.matches(t)).cloned().collect::<Vec<_>>())
    };
    let filter_link = move |f: StatusFilter, label: &'static str| {
        view! {
            // A plain link: the router's <A> marks every link to this path as current, whatever the query.
            <a href=format!("?filter={}", f.query_value()) aria-current=move || (filter() == f).then_some("page")>
                {label}
            </a>
        }
    };
    view! {
        {board.last_deletion.map(|d| view! { <UndoBanner count=d.count title=d.title /> })}
        <nav class="filters" aria-label="Filter tasks">
            {filter_link(StatusFilter::All, "All")}
            {filter_link(StatusFilter::Pending, "Active")}
            {filter_link(StatusFilter::Completed, "Completed")}
        </nav>
        <ul class="task-list" aria-label="Tasks">
            {move || actions.add.input().get().map(|pending| view! {
                <li class="task pending" aria-busy="true">
                    <span class="check" aria-hidden="true"></span>
                    <div class="task-body"><span class="title">{pending.title}</span></div>
                </li>
            })}
            <For each=shown key=|t| (t.id, t.done, t.title.clone(), t.description.clone()) let:task>
                <TaskItem task actions />
            </For>
        </ul>
        <Show when=move || shown().is_empty()>
            <p class="muted empty">
                {move || match (total, filter()) {
                    (0, _) => "Nothing to do yet. Add your first task above.",
                    (_, StatusFilter::Pending) => "All done. Nice work!",
                    (_, StatusFilter::Completed) => "No completed tasks yet.",
                    _ => "No tasks.",
                }}
            </p>
        </Show>
        <footer class="board-footer">
            <span class="remaining" aria-live="polite">
                {match remaining {
                    1 => "1 task left".to_string(),
                    n => format!("{n} tasks left"),
                }}
            </span>
            <ActionForm action=actions.clear>
                <button type="submit" class="link" disabled=completed == 0>
                    {format!("Clear completed ({completed})")}
                </button>
            </ActionForm>
        </footer>
    }
}

#[component]
fn UndoBanner(count: i64, title: String) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let message = if count == 1 {
        format!("Deleted \u{201c}{title}\u{201d}.")
    } else {
        format!("Deleted {count} tasks.")
    };
    view! {
        <div class="undo-banner" role="status">
            <span>{message}</span>
            <ActionForm action=actions.undo>
                <button type="submit" class="link">"Undo"</button>
            </ActionForm>
            <ActionForm action=actions.dismiss>
                <button type="submit" class="link" aria-label="Dismiss">"Dismiss"</button>
            </ActionForm>
        </div>
    }
}

/// The task whose editor is open: `?edit=ID`. Only that task carries an edit form, so the page does
/// not ship a hidden form per task; the "Edit" link opens it (client-side once hydrated, a page load
/// without JavaScript).
fn editing(query: &ParamsMap) -> Option<i64> {
    query.get("edit").and_then(|id| id.parse().ok())
}

/// The list's filter: `?filter=`, all tasks when absent or unknown.
fn filter_of(query: &ParamsMap) -> StatusFilter {
    query.get("filter").and_then(|f| StatusFilter::parse(&f).ok()).unwrap_or_default()
}

/// `/` with the current filter kept and, with `edit`, that task's editor open. The fragment brings the
/// task back into view when the page reloads (no JavaScript).
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

/// One task. The list can be long, so a task creates as little as it can per row: its forms dispatch
/// the page's actions directly (an `<ActionForm>` makes two signals per form) and its state is read from
/// memos made once for the page.
#[component]
fn TaskItem(task: Task, actions: Actions) -> impl IntoView {
    let Task { id, title, description, done } = task;
    // Show a toggle as done (or not) as soon as it is submitted.
    let shown_done =
        move || actions.in_flight.with(|f| f.toggle.filter(|(t, _)| *t == id).map_or(done, |(_, d)| d));
    let busy = move || actions.in_flight.with(|f| f.busy(id)).then_some("true");
    let open = move || actions.query.with(editing) == Some(id);
    let toggle_label = format!("Mark \u{201c}{title}\u{201d} as {}", if done { "not done" } else { "done" });
    let edit_label = format!("Edit \u{201c}{title}\u{201d}");
    let delete_label = format!("Delete \u{201c}{title}\u{201d}");
    let edit_href = move || actions.query.with(|q| board_href(q, Some(id), id));
    let editor = {
        let title = title.clone();
        let description = description.clone();
        move || {
            if open() {
                view! { <EditTask id title=title.clone() description=description.clone() actions /> }
                    .into_any()
            } else {
                view! { <a class="edit-link" href=edit_href aria-label=edit_label.clone()>"Edit"</a> }
                    .into_any()
            }
        }
    };
    let toggle = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        actions.set_done.dispatch(SetTaskDone { id, done: !done });
    };
    let delete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        actions.delete.dispatch(DeleteTask { id });
    };
    view! {
        <li id=Task::element_id(id) class="task" class:done=shown_done aria-busy=busy>
            <form action=SetTaskDone::url() method="post" on:submit=toggle>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="done" value=(!done).to_string() />
                <button type="submit" class="check" aria-label=toggle_label aria-pressed=done.to_string()>
                    <span aria-hidden="true">{move || if shown_done() { "✓" } else { "" }}</span>
                </button>
            </form>
            <div class="task-body">
                <span class="title">{title}</span>
                {description.map(|d| view! { <p class="description">{d}</p> })}
                {editor}
            </div>
            <form action=DeleteTask::url() method="post" on:submit=delete>
                <input type="hidden" name="id" value=id />
                <button type="submit" class="delete" aria-label=delete_label>
                    <span aria-hidden="true">"×"</span>
                </button>
            </form>
        </li>
    }
}

/// The open editor of one task. Saving (or cancelling) closes it; an error keeps it open with the message.
#[component]
fn EditTask(id: i64, title: String, description: Option<String>, actions: Actions) -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let edit_id = format!("edit-{id}");
    // Errors of the last update, if it was this task's (without JavaScript, the post came from this form).
    let edit_error = move || {
        actions
            .last_edited
            .get()
            .is_none_or(|last| last == id)
            .then(|| actions.update.value().get())
            .flatten()?
            .err()
    };
    let close_href = move || actions.query.with_untracked(|q| board_href(q, None, id));
    // Once hydrated: close the editor when a save made while it was open went through, without scrolling
    // away from the task.
    let opened_at = actions.update.version().get_untracked();
    Effect::new(move |_| {
        if actions.update.version().get() == opened_at {
            return;
        }
        if let Some(Ok(saved)) = actions.update.value().get_untracked() {
            if saved.id == id {
                let options =
                    leptos_router::NavigateOptions { replace: true, scroll: false, ..Default::default() };
                navigate(&close_href(), options);
            }
        }
    });
    // Opened by a client-side navigation: put the caret in the title (`autofocus` covers a page load).
    let title_id = format!("{edit_id}-title");
    Effect::new({
        let title_id = title_id.clone();
        move |_| {
            if let Some(input) = document().get_element_by_id(&title_id) {
                let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    });
    view! {
        <div class="edit">
        <ActionForm action=actions.update>
            <input type="hidden" name="id" value=id />
            <Field
                label="Title"
                name="title"
                id=title_id
                value=title
                required=true
                autofocus=true
                max_len=TITLE_MAX
                rule=title_rule
                error=Signal::derive(move || edit_error().and_then(|e| e.for_field("title")))
            />
            <Field
                label="Description"
                name="description"
                id=format!("{edit_id}-description")
                value=description.unwrap_or_default()
                multiline=true
                max_len=DESCRIPTION_MAX
                rule=description_rule
                error=Signal::derive(move || edit_error().and_then(|e| e.for_field("description")))
            />
            <FormError message=Signal::derive(move || edit_error().and_then(|e| e.general(&["title", "description"]))) />
            <div class="edit-actions">
                <button type="submit" class="primary" disabled=actions.update.pending()>"Save"</button>
                <a href=close_href class="link">"Cancel"</a>
            </div>
        </ActionForm>
        </div>
    }
}
