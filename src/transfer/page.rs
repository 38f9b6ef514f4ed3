//! Settings' "Your data" section (export downloads, the import upload form) and the import preview page
//! (`/settings/import`), where a waiting import is confirmed or discarded. Plain links and forms: everything
//! works without JavaScript.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::app::dry_run::past_dry_run;
use crate::app::form::{posted_error, FormError};
use crate::app::patch::swapped_whole;
use crate::app::RedirectTo;
use crate::transfer::api::{waiting_import, ApplyImport, DiscardImport, UploadedImport};
use todo_domain::transfer::{ImportPreview, PreviewRow, RowError};
use todo_domain::AppError;

/// Where the upload form posts (src/transfer/upload.rs).
pub const UPLOAD_URL: &str = "/settings/import";
/// Where the export downloads come from (src/transfer/export.rs).
pub const EXPORT_URL: &str = "/settings/export";

/// The export formats offered: (URL value, label).
const EXPORTS: [(&str, &str); 3] = [
    ("json", "JSON: every field, imports back as the same tasks"),
    ("csv", "CSV: for spreadsheets"),
    ("ics", "iCalendar: for calendar and reminder apps"),
];

/// The import formats offered: (form value, label).
const IMPORTS: [(&str, &str); 5] = [
    ("auto", "Tell from the file"),
    ("json", "todo-app JSON export"),
    ("old-json", "Old system: JSON export"),
    ("old-csv", "Old system: tasks table as CSV"),
    ("todoist-csv", "Todoist CSV export"),
];

/// "Your data": export links and the import form, with the outcome of the last import.
#[component]
pub fn DataSection() -> impl IntoView {
    let imported =
        use_query_map().with_untracked(|q| q.get_str("imported").and_then(|n| n.parse::<usize>().ok()));
    let exports = EXPORTS
        .iter()
        .map(|(format, label)| {
            let href = format!("{EXPORT_URL}?format={format}");
            // `download`: the islands router leaves the link to the browser, which saves the file.
            view! { <li><a href=href download="">{*label}</a></li> }
        })
        .collect_view();
    let formats =
        IMPORTS.iter().map(|(value, label)| view! { <option value=*value>{*label}</option> }).collect_view();
    view! {
        <h2 id="data">"Your data"</h2>
        <h3>"Export"</h3>
        <p class="muted">"Download every task, with its priority, tags, due date and repeat."</p>
        <ul class="exports">{exports}</ul>
        <h3 id="import">"Import"</h3>
        <p class="muted">
            "Bring tasks from the old system (its JSON export, or a CSV of its tasks table), from Todoist (a CSV "
            "export) or from a todo-app JSON export. You see what would be added before anything is; a file with "
            "a bad row imports nothing. Old categories and Todoist labels become tags."
        </p>
        {imported.map(|n| view! { <p class="form-success" role="status">{format!("Imported {n} tasks.")}</p> })}
        <NativeSubmit>
            <form method="post" action=UPLOAD_URL enctype="multipart/form-data" class="import-form">
                <div class="field">
                    <label for="import-file">"File (at most 1 MiB, 2000 tasks)"</label>
                    <input type="file" id="import-file" name="file" required accept=".json,.csv,application/json,text/csv" />
                </div>
                <div class="field">
                    <label for="import-format">"Format"</label>
                    <select id="import-format" name="format">{formats}</select>
                </div>
                <button type="submit" class="primary">"Preview import"</button>
            </form>
        </NativeSubmit>
    }
}

/// Lets the browser send the form inside itself. The islands router would send it as URL-encoded text (losing
/// the file); stopping the submit event here (a listener on this element: leptos is built without event delegation), before it reaches the router's listener on `window`, leaves the
/// submission to the browser. Without JavaScript the browser sends it anyway.
#[island]
fn NativeSubmit(children: Children) -> impl IntoView {
    view! { <div on:submit=|ev: leptos::ev::SubmitEvent| ev.stop_propagation()>{children()}</div> }
}

/// `/settings/import`: the waiting import's preview, with Import and Cancel.
#[component]
pub fn ImportPage() -> impl IntoView {
    let apply_error = posted_error::<ApplyImport>();
    view! {
        <section class="card settings" aria-labelledby="import-heading">
            <h1 id="import-heading">"Import preview"</h1>
            <FormError message=apply_error.map(|e| e.to_string()) />
            <Suspense fallback=|| view! { <p class="muted">"Reading your file…"</p> }>
                {move || Suspend::new(async move {
                    past_dry_run().await;
                    match waiting_import().await {
                        Ok(Some(waiting)) => view! { <Preview waiting /> }.into_any(),
                        Ok(None) => view! {
                            <p>"No import is waiting. " <a href="/settings#import">"Upload a file on Settings."</a></p>
                        }
                            .into_any(),
                        Err(AppError::Unauthorized) => view! { <RedirectTo path="/login" /> }.into_any(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Preview(waiting: UploadedImport) -> impl IntoView {
    let UploadedImport { id, file_name, preview, error } = waiting;
    let Some(preview) = preview else {
        let reason = error.unwrap_or_else(|| "The file cannot be imported.".into());
        return view! {
            <p class="form-error" role="alert">
                {if file_name.is_empty() { String::new() } else { format!("{file_name}: ") }} {reason}
            </p>
            <p><a href="/settings#import">"Upload another file"</a></p>
            <form method="post" action=DiscardImport::url()>
                <button type="submit">"Dismiss"</button>
            </form>
        }
        .into_any();
    };
    let can_apply = preview.can_apply();
    let ImportPreview { format, tasks, rows, errors, notes } = preview;
    let summary = match (tasks, errors.len()) {
        (n, 0) => format!("{n} task(s) will be added."),
        (n, bad) => format!(
            "{bad} row(s) cannot be imported, so nothing will be: fix them in the file and upload it again \
             ({n} other row(s) are fine)."
        ),
    };
    let shown = rows.len();
    view! {
        <p>
            <strong>{file_name}</strong> " (" {format} "): " {summary}
        </p>
        {(!errors.is_empty()).then(|| view! { <ErrorList errors /> })}
        {(!notes.is_empty()).then(|| {
            view! { <ul class="notes muted">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }
        })}
        {(shown > 0).then(|| view! { <PreviewTable rows total=tasks /> })}
        <div class="import-actions">
            {can_apply.then(|| view! {
                <form method="post" action=ApplyImport::url()>
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="primary">{format!("Import {tasks} task(s)")}</button>
                </form>
            })}
            <form method="post" action=DiscardImport::url()>
                <button type="submit">"Cancel import"</button>
            </form>
        </div>
    }
    .into_any()
}

#[component]
fn ErrorList(errors: Vec<RowError>) -> impl IntoView {
    view! {
        <div role="alert" class="import-errors">
            <h2>"Rows that cannot be imported"</h2>
            <ul>{errors.into_iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
        </div>
    }
}

#[component]
fn PreviewTable(rows: Vec<PreviewRow>, total: usize) -> impl IntoView {
    let caption = if rows.len() < total {
        format!("The first {} of {total} tasks", rows.len())
    } else {
        format!("The {total} task(s)")
    };
    let body = rows
        .into_iter()
        .map(|r| {
            let tags = r.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ");
            view! {
                <tr>
                    <td>{r.line}</td>
                    <td>{r.title}</td>
                    <td>{if r.done { "done" } else { "" }}</td>
                    <td>{r.priority.label()}</td>
                    <td>{r.due.map(|d| d.to_iso().replace('T', " ")).unwrap_or_default()}</td>
                    <td>{tags}</td>
                    <td>{r.repeat.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="tokens import-preview">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Line"</th>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Done"</th>
                    <th scope="col">"Priority"</th>
                    <th scope="col">"Due"</th>
                    <th scope="col">"Tags"</th>
                    <th scope="col">"Repeats"</th>
                </tr>
            </thead>
            // One branch, swapped whole when it changes (src/app/patch.rs).
            <tbody inner_html=swapped_whole(body)></tbody>
        </table>
    }
}
