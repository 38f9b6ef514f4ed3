//! The editor of one task, opened in place in the list (`?edit=ID`).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::app::form::{Field, FormError, Rule};
use crate::tasks::api::UpdateTask;
use todo_domain::task::{DESCRIPTION_MAX, TITLE_MAX};
use todo_domain::AppError;

/// The open editor of one task. Saving closes it (the server redirects to `close_href`'s page); an error
/// keeps it open with the message. The title field takes focus when the editor appears.
#[component]
pub fn EditTask(
    id: i64,
    title: String,
    description: Option<String>,
    close_href: String,
    error: Option<AppError>,
) -> impl IntoView {
    let edit_id = format!("edit-{id}");
    let field_error = |name| error.as_ref().and_then(|e| e.for_field(name));
    view! {
        <div class="edit">
            <form method="post" action=UpdateTask::url()>
                <input type="hidden" name="id" value=id />
                <Field
                    label="Title"
                    name="title"
                    id=format!("{edit_id}-title")
                    value=title
                    required=true
                    autofocus=true
                    max_len=TITLE_MAX
                    rule=Rule::TaskTitle
                    error=field_error("title")
                />
                <Field
                    label="Description"
                    name="description"
                    id=format!("{edit_id}-description")
                    value=description.unwrap_or_default()
                    multiline=true
                    max_len=DESCRIPTION_MAX
                    rule=Rule::TaskDescription
                    error=field_error("description")
                />
                <FormError message=error.as_ref().and_then(|e| e.general(&["title", "description"])) />
                <div class="edit-actions">
                    <button type="submit" class="primary">"Save"</button>
                    <a href=close_href class="link">"Cancel"</a>
                </div>
            </form>
        </div>
    }
    .into_any()
}
