//! The task page: add, list, edit, complete, delete (with undo), clear completed.
//!
//! Every control is a real `<form>` posting to a server function, so the page works before the WASM
//! loads and with JavaScript off; once hydrated the same forms update the list in place.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys;
use leptos_router::hooks::use_query_map;

use crate::app::form::{Field, FormError};
use crate::app::RedirectTo;
use crate::assistant::api::SendMessage;
use crate::assistant::panel::AssistantPanel;
use crate::error::AppError;
use crate::tasks::api::{
    get_board, AddTask, ClearCompleted, DeleteTask, DismissDeletion, SetTaskDone, UndoDelete, UpdateTask,
};
use crate::tasks::model::{
    StatusFilter, Task, TaskBoard, TaskDescription, TaskTitle, DESCRIPTION_MAX, TITLE_MAX,
};

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
}

impl Actions {
    fn new() -> Self {
        Self {
            add: ServerAction::new(),
            update: ServerAction::new(),
            set_done: ServerAction::new(),
            delete: ServerAction::new(),
            clear: ServerAction::new(),
            undo: ServerAction::new(),
            dismiss: ServerAction::new(),
            chat: ServerAction::new(),
            last_edited: RwSignal::new(None),
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
    let query = use_query_map();
    let filter = move || {
        query.with(|q| q.get("filter").and_then(|f| StatusFilter::parse(&f).ok())).unwrap_or_default()
    };
    let remaining = board.remaining();
    let completed = board.tasks.len() - remaining;
    let total = board.tasks.len();
    let tasks = StoredValue::new(board.tasks);
    let shown = move || {
        tasks.with_value(|all| all.iter().filter(|t| filter().matches(t)).cloned().collect::<Vec<_>>())
    };
    let filter_link = move |f: StatusFilter, label: &'static str, href: &'static str| {
        view! {
            // A plain link: the router's <A> marks every link to this path as current, whatever the query.
            <a href=href aria-current=move || (filter() == f).then_some("page")>{label}</a>
        }
    };
    view! {
        {board.last_deletion.map(|d| view! { <UndoBanner count=d.count title=d.title /> })}
        <nav class="filters" aria-label="Filter tasks">
            {filter_link(StatusFilter::All, "All", "?filter=all")}
            {filter_link(StatusFilter::Pending, "Active", "?filter=active")}
            {filter_link(StatusFilter::Completed, "Completed", "?filter=completed")}
        </nav>
        <ul class="task-list" aria-label="Tasks">
            {move || actions.add.input().get().map(|pending| view! {
                <li class="task pending" aria-busy="true">
                    <span class="check" aria-hidden="true"></span>
                    <div class="task-body"><span class="title">{pending.title}</span></div>
                </li>
            })}
            <For each=shown key=|t| (t.id, t.done, t.title.clone(), t.description.clone()) let:task>
                <TaskItem task />
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

#[component]
fn TaskItem(task: Task) -> impl IntoView {
    let actions = expect_context::<Actions>();
    let Task { id, title, description, done } = task;
    // Show a toggle as done (or not) as soon as it is submitted.
    let shown_done =
        move || actions.set_done.input().get().filter(|i| i.id == id).map(|i| i.done).unwrap_or(done);
    let busy = move || {
        actions.set_done.input().get().is_some_and(|i| i.id == id)
            || actions.delete.input().get().is_some_and(|i| i.id == id)
            || actions.update.input().get().is_some_and(|i| i.id == id)
    };
    let edit_error = move || {
        (actions.last_edited.get() == Some(id))
            .then(|| actions.update.value().get().and_then(Result::err))
            .flatten()
    };
    let toggle_label = format!("Mark \u{201c}{title}\u{201d} as {}", if done { "not done" } else { "done" });
    let edit_label = format!("Edit \u{201c}{title}\u{201d}");
    let delete_label = format!("Delete \u{201c}{title}\u{201d}");
    let edit_id = format!("edit-{id}");
    view! {
        <li class="task" class:done=shown_done aria-busy=move || busy().then_some("true")>
            <ActionForm action=actions.set_done>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="done" value=(!done).to_string() />
                <button type="submit" class="check" aria-label=toggle_label aria-pressed=done.to_string()>
                    <span aria-hidden="true">{move || if shown_done() { "✓" } else { "" }}</span>
                </button>
            </ActionForm>
            <div class="task-body">
                <span class="title">{title.clone()}</span>
                {description.clone().map(|d| view! { <p class="description">{d}</p> })}
                <details class="edit" open=move || edit_error().is_some()>
                    <summary aria-label=edit_label>"Edit"</summary>
                    <ActionForm action=actions.update>
                        <input type="hidden" name="id" value=id />
                        <Field
                            label="Title"
                            name="title"
                            id=format!("{edit_id}-title")
                            value=title
                            required=true
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
                        <button type="submit" class="primary">"Save"</button>
                    </ActionForm>
                </details>
            </div>
            <ActionForm action=actions.delete>
                <input type="hidden" name="id" value=id />
                <button type="submit" class="delete" aria-label=delete_label>
                    <span aria-hidden="true">"×"</span>
                </button>
            </ActionForm>
        </li>
    }
}
