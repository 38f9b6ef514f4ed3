//! The signed-in task page (`/`, the default list) written by hand with maud: the same document as the web app's
//! (src/app/mod.rs `shell`, src/tasks/page.rs and the components it uses) — head, header, new-task form, views,
//! search and filters, status links, rows with their forms, footer, the assistant panel, the islands' markers and
//! the same inline scripts — so that the benchmark compares the cost of producing it, not of producing less.
//!
//! Only the default list is rendered (no `?view=…`, filters, cursor or open editor): that is the page measured.

use chrono::NaiveDate;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use todo_domain::chat::{ChatMessage, Role, MESSAGE_MAX};
use todo_domain::quick_add::MAX_INPUT_CHARS;
use todo_domain::task::{StatusFilter, Task, DESCRIPTION_MAX};
use todo_domain::task_query::SEARCH_MAX_CHARS;
use todo_domain::{Due, Priority, TagCount, TaskDetails, TaskQuery, View};

use crate::assets::Assets;
use crate::data::PageData;
use crate::islands::{branch, checked_control, Control, RuleName};

/// What search engines and link previews show for the site (the web app's `DESCRIPTION`).
const DESCRIPTION: &str =
    "A to-do list you can also manage by chatting with an assistant or from any MCP client.";

/// The whole document.
pub fn render(assets: &Assets, nonce: &str, data: &PageData) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="description" content=(DESCRIPTION);
                link rel="icon" href="/favicon.svg" type="image/svg+xml";
                link id="leptos" rel="stylesheet" href=(assets.css_href());
                (assets.hydration_scripts(nonce))
                title { "Todo" }
            }
            body {
                a class="skip-link" href="#main" target="_self" { "Skip to content" }
                header class="site-header" {
                    a href="/" class="brand" { "✓ Todo" }
                    nav class="account" aria-label="Account" {
                        span class="whoami" title=(data.user.email) { (data.user.email) }
                        a href="/settings" { "Settings" }
                        form method="post" action="/api/auth/logout" {
                            button type="submit" class="link" { "Log out" }
                        }
                    }
                }
                main id="main" {
                    div class="workspace" {
                        section class="card tasks" aria-labelledby="tasks-heading" {
                            h1 id="tasks-heading" { "Your tasks" }
                            (add_form(&data.board.page.time_zone))
                            (board(data))
                        }
                        (assistant(&data.conversation.messages))
                    }
                }
            }
        }
    }
    .into_string()
}

/// The new-task form (src/tasks/add_form.rs), with its preview island and the empty "what was taken" slot.
fn add_form(time_zone: &str) -> Markup {
    let text = Control::new("new-task-title", "text").required().max_len(MAX_INPUT_CHARS).clear_on_submit();
    let description = Control::new("new-task-description", "description")
        .multiline()
        .max_len(DESCRIPTION_MAX)
        .clear_on_submit();
    let preview_props =
        serde_json::json!({ "input_id": "new-task-title", "time_zone": time_zone }).to_string();
    html! {
        form method="post" action="/api/tasks/quick_add" {
            div class="add-task" {
                (field("New task", &text, RuleName::QuickAddText))
                p class="hint muted" {
                    "Dates, priorities, tags and repeats are taken from the text: "
                    code { "call mom tomorrow 5pm #family !high" }
                }
                leptos-island data-component="QuickAddPreview" data-props=(preview_props) {
                    div class="quick-add-preview" {
                        p class="recognised" aria-live="polite" aria-atomic="true" {}
                    }
                }
                (field("Description (optional)", &description, RuleName::TaskDescription))
                button type="submit" class="primary" { "Add task" }
            }
        }
        div class="quick-added" aria-live="polite" { (PreEscaped(branch(""))) }
    }
}

/// A labelled control checked as you type (src/app/form.rs `Field`).
fn field(label: &str, control: &Control, rule: RuleName) -> Markup {
    html! {
        div class="field" {
            label for=(control.id) { (label) }
            (checked_control(control, rule))
        }
    }
}

/// Views, search form, undo slot, status links, the list and the footer (src/tasks/page.rs `Board`).
fn board(data: &PageData) -> Markup {
    let board = &data.board;
    let summary = &board.summary;
    let page = &board.page;
    let shown = page.tasks.len();
    let results = match (shown, page.next_cursor.is_some()) {
        (0, _) => "No tasks".to_owned(),
        (1, _) => "1 task".to_owned(),
        (n, true) => format!("{n} tasks, more after them"),
        (n, false) => format!("{n} tasks"),
    };
    let remaining = match summary.open {
        1 => "1 task left".to_owned(),
        n => format!("{n} tasks left"),
    };
    let empty = (shown == 0).then(|| {
        if summary.open + summary.completed == 0 && summary.last_deletion.is_none() {
            "Nothing to do yet. Add your first task above."
        } else {
            "No tasks."
        }
    });
    let list = html! {
        ul class="task-list" aria-label="Tasks" {
            @for task in &page.tasks { (row(task, page.today)) }
        }
        @if let Some(text) = empty { p class="muted empty" { (text) } }
        @if let Some(cursor) = &page.next_cursor {
            nav class="pager" aria-label="More tasks" {
                a class="show-more" href=(format!("/?cursor={cursor}&n=2#list-heading")) { "Show more" }
            }
        }
        leptos-island data-component="ToListHeading" data-props=r#"{"page":""}"# {}
    }
    .into_string();
    let undo = summary.last_deletion.as_ref().map(|d| {
        let message = if d.count == 1 {
            format!("Deleted \u{201c}{}\u{201d}.", d.title)
        } else {
            format!("Deleted {} tasks.", d.count)
        };
        html! {
            div class="undo-banner" role="status" {
                span { (message) }
                form method="post" action="/api/tasks/undo_delete" { button type="submit" class="link" { "Undo" } }
                form method="post" action="/api/tasks/dismiss_deletion" { button type="submit" class="link" { "Dismiss" } }
            }
        }
        .into_string()
    });
    html! {
        (view_links(&board.tags))
        form class="list-form" method="get" action="/" role="search" {
            (PreEscaped(branch(&list_form(&board.tags).into_string())))
        }
        div class="undo-slot" { (PreEscaped(branch(undo.as_deref().unwrap_or("")))) }
        nav class="filters" aria-label="Filter tasks" {
            a href="/" aria-current="page" { "All" }
            a href=(href(TaskQuery { status: StatusFilter::Pending, ..TaskQuery::default() })) aria-current="false" { "Active" }
            a href=(href(TaskQuery { status: StatusFilter::Completed, ..TaskQuery::default() })) aria-current="false" { "Completed" }
        }
        div class="list-heading" {
            h2 id="list-heading" tabindex="-1" { "All tasks" }
            span class="muted" aria-live="polite" { (results) }
        }
        div class="list" { (PreEscaped(branch(&list))) }
        footer class="board-footer" {
            span class="remaining" aria-live="polite" { (remaining) }
            form method="post" action="/api/tasks/clear_completed" {
                @if summary.completed == 0 {
                    button type="submit" class="link" disabled { "Clear completed (0)" }
                } @else {
                    button type="submit" class="link" { "Clear completed (" (summary.completed) ")" }
                }
            }
        }
    }
}

/// `/?…` for a list (src/tasks/list_url.rs `href`, for the plain views this page links to).
fn href(query: TaskQuery) -> String {
    match query.to_query_string() {
        q if q.is_empty() => "/".to_owned(),
        q => format!("/?{q}"),
    }
}

fn tag_href(tag: &todo_domain::Tag) -> String {
    href(TaskQuery { tag: Some(tag.clone()), ..TaskQuery::default() })
}

/// All tasks, Today, Upcoming and the tags (src/tasks/controls.rs `ViewLinks`).
fn view_links(tags: &[TagCount]) -> Markup {
    let shape: String = tags.iter().map(|t| format!("{}\n", t.name)).collect();
    let tag_links = html! {
        @for t in tags {
            a class="tag-view" href=(tag_href(&t.name)) aria-current="false" {
                "#" (t.name.to_string())
                span class="count" {
                    span class="visually-hidden" { ", " }
                    (t.open)
                    span class="visually-hidden" { " open" }
                }
            }
        }
    };
    html! {
        nav class="views" aria-label="Views" {
            @for (view, label) in [(View::All, "All tasks"), (View::Today, "Today"), (View::Upcoming, "Upcoming")] {
                a href=(href(TaskQuery { view, ..TaskQuery::default() }))
                    aria-current=(if view == View::All { "page" } else { "false" }) { (label) }
            }
            span class="tag-views" { (PreEscaped(crate::islands::branch_named(&shape, &tag_links.into_string()))) }
        }
    }
}

/// Search, filters and sort (src/tasks/controls.rs `ListForm`) for the default list.
fn list_form(tags: &[TagCount]) -> Markup {
    const SORTS: [(&str, &str); 8] = [
        ("created", "Newest first"),
        ("created-asc", "Oldest first"),
        ("due", "Due date, soonest first"),
        ("due-desc", "Due date, latest first"),
        ("priority", "Priority, most urgent first"),
        ("priority-asc", "Priority, least urgent first"),
        ("title", "Title, A to Z"),
        ("title-desc", "Title, Z to A"),
    ];
    html! {
        div class="search-row" {
            label for="list-search" class="visually-hidden" { "Search tasks" }
            input id="list-search" type="search" name="q" value="" placeholder="Search tasks"
                maxlength=(SEARCH_MAX_CHARS) autocomplete="off";
            button type="submit" { "Search" }
        }
        details {
            summary { "Filters and sort" }
            div class="filter-grid" {
                div class="field" {
                    label for="list-priority" { "Priority" }
                    select id="list-priority" name="priority" {
                        option value="" { "Any priority" }
                        @for p in Priority::ALL.into_iter().rev() { option value=(p.as_str()) { (p.label()) } }
                    }
                }
                div class="field" {
                    label for="list-tag" { "Tag" }
                    select id="list-tag" name="tag" {
                        option value="" { "Any tag" }
                        @for t in tags { option value=(t.name.to_string()) { (t.name.to_string()) } }
                    }
                }
                div class="field" {
                    label for="list-due-after" { "Due from" }
                    input id="list-due-after" type="date" name="due_after" value="";
                }
                div class="field" {
                    label for="list-due-before" { "Due until" }
                    input id="list-due-before" type="date" name="due_before" value="";
                }
                div class="field checkbox" {
                    input id="list-no-due" type="checkbox" name="no_due" value="1";
                    label for="list-no-due" { "No due date" }
                }
                div class="field" {
                    label for="list-sort" { "Sort" }
                    select id="list-sort" name="sort" {
                        @for (value, label) in SORTS {
                            @if value == "created" { option value=(value) selected { (label) } }
                            @else { option value=(value) { (label) } }
                        }
                    }
                }
            }
            button type="submit" { "Apply" }
        }
    }
}

/// One task (src/tasks/task_row.rs `TaskItem`, editor closed).
fn row(details: &TaskDetails, today: NaiveDate) -> Markup {
    let TaskDetails { task: Task { id, title, description, done }, priority, due, tags, recurrence } =
        details;
    let (id, done) = (*id, *done);
    let overdue = !done && due.as_ref().is_some_and(|d| d.date() < today);
    let class = match (done, overdue) {
        (true, _) => "task done",
        (false, true) => "task overdue",
        (false, false) => "task",
    };
    let has_meta = due.is_some() || *priority != Priority::None || recurrence.is_some() || !tags.is_empty();
    html! {
        li id=(Task::element_id(id)) class=(class) {
            form action="/api/tasks/set_done" method="post" {
                input type="hidden" name="id" value=(id);
                input type="hidden" name="done" value=(!done);
                button type="submit" class="check"
                    aria-label=(format!("Mark \u{201c}{title}\u{201d} as {}", if done { "not done" } else { "done" }))
                    aria-pressed=(done) {}
            }
            div class="task-body" {
                span class="title" { (title) }
                @if let Some(d) = description { p class="description" { (d) } }
                @if has_meta {
                    p class="meta" {
                        @if let Some(due) = due { (due_label(due, today, overdue)) }
                        @if *priority != Priority::None {
                            span class=(format!("priority priority-{}", priority.as_str())) {
                                (priority.label())
                                span class="visually-hidden" { " priority" }
                            }
                        }
                        @if let Some(r) = recurrence {
                            span class="repeat" {
                                span aria-hidden="true" { "↻ " }
                                span class="visually-hidden" { "Repeats " }
                                (r.describe())
                            }
                        }
                        @for tag in tags { a class="tag" href=(tag_href(tag)) { "#" (tag.to_string()) } }
                    }
                }
            }
            a class="edit-link" href=(format!("/?edit={id}#task-{id}")) aria-label=(format!("Edit \u{201c}{title}\u{201d}")) { "Edit" }
            form action="/api/tasks/delete" method="post" {
                input type="hidden" name="id" value=(id);
                button type="submit" class="delete" aria-label=(format!("Delete \u{201c}{title}\u{201d}")) {
                    span aria-hidden="true" { "×" }
                }
            }
        }
    }
}

/// "Today 17:00", "Overdue: Mon 30 Nov" (src/tasks/task_row.rs `DueLabel`).
fn due_label(due: &Due, today: NaiveDate, overdue: bool) -> Markup {
    let full = due.absolute_label(today);
    let label = due.label(today);
    html! {
        time class=(if overdue { "due overdue" } else { "due" }) datetime=(due.to_iso())
            title=[(full != label).then_some(&full)] {
            @if overdue { "Overdue: " }
            span class="visually-hidden" { "Due " }
            (label)
        }
    }
}

/// The chat panel (src/assistant/panel.rs).
fn assistant(messages: &[ChatMessage]) -> Markup {
    let latest_reply = messages.iter().rev().find(|m| m.role == Role::Assistant && !m.content.is_empty());
    let log = html! { @for m in messages { (message(m)) } }.into_string();
    let text = Control::new("assistant-message", "text").required().max_len(MESSAGE_MAX).clear_on_submit();
    html! {
        aside class="card assistant" aria-labelledby="assistant-heading" {
            header class="assistant-header" {
                h2 id="assistant-heading" { "Assistant" }
                form method="post" action="/api/assistant/new" { button type="submit" class="link" { "New chat" } }
            }
            div class="chat-scroll" {
                div {
                    ol class="chat-log" aria-label="Conversation" { (PreEscaped(branch(&log))) }
                    @if messages.is_empty() {
                        p class="muted chat-empty" {
                            "Ask me to add, list, complete, rename, describe or delete tasks \u{2014} for example "
                            "\u{201c}add buy milk\u{201d} or \u{201c}what's left?\u{201d}"
                        }
                    }
                }
            }
            p class="visually-hidden" aria-live="polite" { @if let Some(m) = latest_reply { (m.content) } }
            form method="post" action="/api/assistant/send" {
                div class="chat-form" {
                    (field("Message the assistant", &text, RuleName::ChatMessage))
                    button type="submit" class="primary" { "Send" }
                }
            }
        }
    }
}

fn message(m: &ChatMessage) -> Markup {
    let (class, who) = match m.role {
        Role::User => ("msg user", "You"),
        Role::Assistant => ("msg assistant", "Assistant"),
    };
    html! {
        li class=(class) {
            span class="role" { (who) }
            p class="content" { (m.content) }
            @if !m.tool_calls.is_empty() {
                ul class="tool-calls" aria-label="Tool calls" {
                    @for call in &m.tool_calls {
                        li class=(if call.is_error { "tool-call error" } else { "tool-call" }) title=(call.arguments.to_string()) {
                            code { (call.name) } " \u{2192} " span { (call.summary) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use todo_domain::chat::Conversation;
    use todo_domain::user::CurrentUser;
    use todo_domain::{Tag, TaskBoard, TaskPage, TaskSummary};

    fn task(id: i64, done: bool, tags: &[&str]) -> TaskDetails {
        TaskDetails {
            task: Task { id, title: format!("Task <{id}>"), description: None, done },
            priority: if id == 1 { Priority::High } else { Priority::None },
            due: None,
            tags: tags.iter().map(|t| Tag::parse(t).unwrap()).collect(),
            recurrence: None,
        }
    }

    #[test]
    fn the_page_lists_every_task_with_its_forms_escaped() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let data = PageData {
            user: CurrentUser { id: 7, email: "me@example.com".into() },
            board: TaskBoard {
                page: TaskPage {
                    tasks: vec![task(1, false, &["home"]), task(2, true, &[])],
                    next_cursor: Some("abc".into()),
                    today,
                    time_zone: "Europe/Berlin".into(),
                },
                tags: vec![TagCount { name: Tag::parse("home").unwrap(), tasks: 1, open: 1 }],
                summary: TaskSummary { open: 1, completed: 1, last_deletion: None },
            },
            conversation: Conversation { id: None, messages: vec![] },
        };
        let html = render(&Assets::from_hash_file(Some("js: J\nwasm: W\ncss: C")), "n0nce", &data);
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\"><head>"));
        assert_eq!(html.matches("<li id=\"task-").count(), 2);
        assert!(html.contains(r#"<li id="task-2" class="task done">"#));
        assert!(html.contains("Task &lt;1&gt;"), "titles are escaped");
        assert!(html.contains(r#"<a class="tag" href="/?tag=home">#home</a>"#));
        assert!(html.contains(r#"class="priority priority-high""#));
        assert!(html.contains(r#"href="/?cursor=abc&amp;n=2#list-heading""#));
        assert!(html.contains("2 tasks, more after them") && html.contains("1 task left"));
        assert!(html.contains("Clear completed (1)"));
        assert!(html.contains(r#"<link id="leptos" rel="stylesheet" href="/pkg/todo-app.C.css">"#));
        assert_eq!(html.matches(r#"<leptos-island data-component="CheckedControl""#).count(), 3);
        assert!(html.contains(r#"<script type="module" nonce="n0nce">"#));
    }
}
