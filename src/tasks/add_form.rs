//! The new-task box at the top of the task page: quick add. A plain form posting the text to
//! [`QuickAddTask`], which takes due dates, times, priorities, tags and repeats out of it (works without
//! JavaScript); with JavaScript the [`QuickAddPreview`] island shows what will be taken as you type, and the text
//! field is emptied as the form is sent (ready for the next task). After saving, the page says what was taken.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::app::dry_run::past_dry_run;
use crate::app::form::{posted_error, Field, FormError, Rule};
use crate::app::patch::swapped_whole;
use crate::tasks::organise_api::QuickAddTask;
use crate::tasks::quick_add_api::quick_add_note;
use crate::tasks::quick_add_preview::QuickAddPreview;
use todo_domain::quick_add::MAX_INPUT_CHARS;
use todo_domain::task::DESCRIPTION_MAX;
use todo_domain::AppError;
use todo_domain::QuickAdded;

/// The text field's id (the preview follows it).
const TEXT_ID: &str = "new-task-title";

/// The new-task form, the preview of what it recognises (in `time_zone`, the user's; no preview without it) and
/// what the last one took from the text.
#[component]
pub fn AddTaskForm(time_zone: Option<String>) -> impl IntoView {
    let error = posted_error::<QuickAddTask>();
    view! {
        <Suspense>
            {move || {
                let (error, time_zone) = (error.clone(), time_zone.clone());
                Suspend::new(async move {
                    past_dry_run().await;
                    let added = quick_add_note().await.ok().flatten();
                    view! { <QuickAddForm error time_zone added /> }
                })
            }}
        </Suspense>
    }
}

#[component]
fn QuickAddForm(
    error: Option<AppError>,
    time_zone: Option<String>,
    added: Option<QuickAdded>,
) -> impl IntoView {
    // The text's errors are about the title it leaves (blank, too long).
    let text_error = error.as_ref().and_then(|e| e.for_field("title").or_else(|| e.for_field("text")));
    let preview =
        time_zone.map(|time_zone| view! { <QuickAddPreview input_id=TEXT_ID.to_owned() time_zone /> });
    view! {
        <form method="post" action=QuickAddTask::url()>
            <div class="add-task">
                <Field
                    label="New task"
                    name="text"
                    id=TEXT_ID
                    required=true
                    max_len=MAX_INPUT_CHARS
                    rule=Rule::QuickAddText
                    clear_on_submit=true
                    error=text_error
                />
                <p class="hint muted">
                    "Dates, priorities, tags and repeats are taken from the text: "
                    <code>"call mom tomorrow 5pm #family !high"</code>
                </p>
                {preview}
                <Field
                    label="Description (optional)"
                    name="description"
                    id="new-task-description"
                    multiline=true
                    max_len=DESCRIPTION_MAX
                    rule=Rule::TaskDescription
                    clear_on_submit=true
                    error=error.as_ref().and_then(|e| e.for_field("description"))
                />
                <FormError message=error.as_ref().and_then(|e| e.general(&["title", "text", "description"])) />
                <button type="submit" class="primary">"Add task"</button>
            </div>
        </form>
        // Always there, its content swapped whole when it changes (src/app/patch.rs); announced politely.
        <div
            class="quick-added"
            aria-live="polite"
            inner_html=swapped_whole(added.map(|added| view! { <Added added /> }))
        ></div>
    }
    .into_any()
}

/// "Added “Pay rent”: due Tue 1 Dec, every month on the 1st, high priority, #home" — nothing taken silently.
#[component]
fn Added(added: QuickAdded) -> impl IntoView {
    let title = added.task.task.title;
    let taken = if added.taken.is_empty() {
        view! { <span>"Nothing was taken from the text."</span> }.into_any()
    } else {
        view! {
            <span>"Taken from the text: "</span>
            {added.taken.into_iter().map(|label| view! { <span class="chip">{label}</span> }).collect_view()}
        }
        .into_any()
    };
    view! {
        <p class="added-note">
            <span>{format!("Added \u{201c}{title}\u{201d}. ")}</span>
            {taken}
        </p>
    }
    .into_any()
}
