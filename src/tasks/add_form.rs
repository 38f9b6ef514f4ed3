//! The new-task box at the top of the task page: a plain form posting to a server function, with the
//! title field emptied as it is sent (ready for the next task) when JavaScript runs.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::app::form::{posted_error, Field, FormError, Rule};
use crate::tasks::api::AddTask;
use todo_domain::task::{DESCRIPTION_MAX, TITLE_MAX};

/// The new-task form.
#[component]
pub fn AddTaskForm() -> impl IntoView {
    let error = posted_error::<AddTask>();
    let field_error = |name| error.as_ref().and_then(|e| e.for_field(name));
    view! {
        <form method="post" action=AddTask::url()>
            <div class="add-task">
                <Field
                    label="New task"
                    name="title"
                    id="new-task-title"
                    required=true
                    max_len=TITLE_MAX
                    rule=Rule::TaskTitle
                    clear_on_submit=true
                    error=field_error("title")
                />
                <Field
                    label="Description (optional)"
                    name="description"
                    id="new-task-description"
                    multiline=true
                    max_len=DESCRIPTION_MAX
                    rule=Rule::TaskDescription
                    clear_on_submit=true
                    error=field_error("description")
                />
                <FormError message=error.as_ref().and_then(|e| e.general(&["title", "description"])) />
                <button type="submit" class="primary">"Add task"</button>
            </div>
        </form>
    }
}
