//! The editor of one task, opened in place in the list (`?edit=ID`): title and description, and the plain fields
//! for people who prefer forms to quick-add text — due date and time, priority, tags, repeat — all posted to
//! [`UpdateTaskFields`], each error shown next to its field.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::app::form::{posted_error, Field, FormError, Rule};
use crate::tasks::editor_api::UpdateTaskFields;
use todo_domain::due::{hh_mm, iso_date};
use todo_domain::task::{DESCRIPTION_MAX, TITLE_MAX};
use todo_domain::{Priority, RepeatChoice, RepeatFrom, TaskDetails, REPEAT_PRESETS};

/// The form fields whose errors have a place of their own in the editor (`due` covers date and time).
const FIELDS: [&str; 6] = ["title", "description", "due", "priority", "tags", "recurrence"];

/// The open editor of one task, pre-filled with its current values. Saving closes it (the server redirects to
/// `close_href`'s page); an error keeps it open with the message next to the field. The title field takes
/// focus when the editor appears.
#[component]
pub fn EditTask(task: TaskDetails, close_href: String) -> impl IntoView {
    let error = posted_error::<UpdateTaskFields>();
    let field_error = |name| error.as_ref().and_then(|e| e.for_field(name));
    let TaskDetails { task: plain, priority, due, tags, recurrence } = task;
    let id = plain.id;
    let edit_id = format!("edit-{id}");
    let (due_date, due_time) = match due {
        Some(d) => (iso_date(d.date()), d.time().map(hh_mm).unwrap_or_default()),
        None => (String::new(), String::new()),
    };
    let tags = tags.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ");
    let repeat = RepeatChoice::of(recurrence.as_ref(), due.map(|d| d.date()));
    let repeat_from = recurrence.as_ref().map(|r| r.repeat_from()).unwrap_or_default();
    let own_rule = (!REPEAT_PRESETS.iter().any(|(value, _)| *value == repeat.repeat))
        .then(|| (repeat.repeat.clone(), recurrence.as_ref().map(|r| r.describe()).unwrap_or_default()));
    view! {
        <div class="edit">
            <form method="post" action=UpdateTaskFields::url() class="editor">
                <input type="hidden" name="id" value=id />
                // Every field is sent: an emptied one clears (see `update_task_fields`).
                <input type="hidden" name="all_fields" value="true" />
                <Field
                    label="Title"
                    name="title"
                    id=format!("{edit_id}-title")
                    value=plain.title
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
                    value=plain.description.unwrap_or_default()
                    multiline=true
                    max_len=DESCRIPTION_MAX
                    rule=Rule::TaskDescription
                    error=field_error("description")
                />
                <div class="field-row">
                    <Field
                        label="Due date"
                        name="due_date"
                        id=format!("{edit_id}-due-date")
                        kind="date"
                        value=due_date
                        error=field_error("due")
                    />
                    <Field label="Time (optional)" name="due_time" id=format!("{edit_id}-due-time") kind="time" value=due_time />
                    <PrioritySelect id=format!("{edit_id}-priority") current=priority error=field_error("priority") />
                </div>
                <Field
                    label="Tags (comma-separated)"
                    name="tags"
                    id=format!("{edit_id}-tags")
                    value=tags
                    error=field_error("tags")
                />
                <RepeatFields id=edit_id.clone() choice=repeat own_rule from=repeat_from error=field_error("recurrence") />
                <FormError message=error.as_ref().and_then(|e| e.general(&FIELDS)) />
                <div class="edit-actions">
                    <button type="submit" class="primary">"Save"</button>
                    <a href=close_href class="link">"Cancel"</a>
                </div>
            </form>
        </div>
    }
    .into_any()
}

/// A labelled `<select>` with the server's error underneath.
#[component]
fn Select(
    label: &'static str,
    name: &'static str,
    id: String,
    /// (value, text, selected)
    options: Vec<(String, String, bool)>,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described_by = error.is_some().then(|| error_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-invalid=error.is_some().then_some("true") aria-describedby=described_by>
                {options
                    .into_iter()
                    .map(|(value, text, selected)| view! { <option value=value selected=selected>{text}</option> })
                    .collect_view()}
            </select>
            {error.map(|message| view! { <p class="field-error" id=error_id role="alert">{message}</p> })}
        </div>
    }
    .into_any()
}

#[component]
fn PrioritySelect(id: String, current: Priority, error: Option<String>) -> impl IntoView {
    let options =
        Priority::ALL.iter().map(|p| (p.as_str().to_owned(), p.label().to_owned(), *p == current)).collect();
    view! { <Select label="Priority" name="priority" id options error /> }
}

/// The repeat: a preset (or the task's own rule, kept), every N, an end, and what the next date counts from.
#[component]
fn RepeatFields(
    id: String,
    choice: RepeatChoice,
    /// The task's rule when it is none of the presets: (RRULE, description).
    own_rule: Option<(String, String)>,
    from: RepeatFrom,
    error: Option<String>,
) -> impl IntoView {
    let mut options: Vec<(String, String, bool)> = REPEAT_PRESETS
        .iter()
        .map(|(value, text)| ((*value).to_owned(), (*text).to_owned(), *value == choice.repeat))
        .collect();
    if let Some((rule, described)) = own_rule {
        options.push((rule, format!("As now: {described}"), true));
    }
    let from_options = [(RepeatFrom::Due, "The due date"), (RepeatFrom::Completion, "When I complete it")]
        .into_iter()
        .map(|(f, text)| (f.as_str().to_owned(), text.to_owned(), f == from))
        .collect();
    let number = |name: &'static str, label: &'static str, value: Option<String>, min: u32, max: u32| {
        let input_id = format!("{id}-{}", name.replace('_', "-"));
        view! {
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <input id=input_id type="number" name=name min=min max=max inputmode="numeric" value=value.unwrap_or_default() />
            </div>
        }
    };
    let until_id = format!("{id}-repeat-until");
    let error_id = format!("{id}-repeat-error");
    let described_by = error.is_some().then(|| error_id.clone());
    view! {
        <fieldset class="repeat" aria-describedby=described_by>
            <legend>"Repeat"</legend>
            <div class="field-row">
                <Select label="Repeats" name="repeat" id=format!("{id}-repeat") options />
                {number("repeat_every", "Every (days, weeks, …)", choice.every, 1, 999)}
                <Select label="Counted from" name="repeat_from" id=format!("{id}-repeat-from") options=from_options />
            </div>
            <div class="field-row">
                <div class="field">
                    <label for=until_id.clone()>"Until (optional)"</label>
                    <input id=until_id type="date" name="repeat_until" value=choice.until.unwrap_or_default() />
                </div>
                {number("repeat_count", "Or this many times (optional)", choice.count, 1, 1000)}
            </div>
            {error.map(|message| view! { <p class="field-error" id=error_id role="alert">{message}</p> })}
        </fieldset>
    }
    .into_any()
}
