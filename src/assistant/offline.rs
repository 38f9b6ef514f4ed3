//! The default brain: parses the message into an [`Intent`] and carries it out with MCP tool calls.

use todo_domain::chat::ChatMessage;
use todo_domain::task::StatusFilter;
use todo_domain::View;
use todo_mcp::types::{
    AddTask, AddTaskArgs, CompleteTask, DeleteTask, ListTasks, ListTasksArgs, TaskChange, TaskFieldArgs,
    TaskFieldsOut, TaskIdArgs, TaskItem, TaskList, UpdateTask, UpdateTaskArgs,
};

use crate::assistant::brain::{Brain, BrainError};
use crate::assistant::intent::{parse, Intent, TaskRef};
use crate::assistant::mcp_client::{ToolOutcome, Toolbox};

/// What the assistant can do, with examples: the answer to "help" and to anything it does not understand.
pub const HELP: &str = "I can manage your tasks. Try:\n\
\u{2022} \u{201c}add buy milk\u{201d}\n\
\u{2022} \u{201c}what's left?\u{201d} or \u{201c}show completed\u{201d}\n\
\u{2022} \u{201c}mark 3 done\u{201d} or \u{201c}done with milk\u{201d}\n\
\u{2022} \u{201c}rename task 2 to call mom\u{201d}\n\
\u{2022} \u{201c}describe 2 as two litres, semi-skimmed\u{201d}\n\
\u{2022} \u{201c}delete the milk task\u{201d}\n\
\u{2022} \u{201c}what's due today?\u{201d} or \u{201c}what's coming up this week?\u{201d}\n\
\u{2022} \u{201c}move the report to friday\u{201d}, \u{201c}tag milk #shopping\u{201d}\n\
\u{2022} \u{201c}remind me to water the plants every monday\u{201d}\n\
Name a task by its number (#3) or by words from its title.";

/// Most tasks listed in one reply.
const LIST_MAX: usize = 20;

/// Words that say nothing about which task is meant.
const STOP_WORDS: &[&str] = &["the", "a", "an", "my", "task", "to", "of", "and", "for", "on", "in"];

/// The built-in plain-English command parser.
#[derive(Debug, Clone, Copy, Default)]
pub struct OfflineBrain;

/// A task as `list_tasks` returns it.
type Listed = TaskItem;

impl Brain for OfflineBrain {
    async fn respond(
        &self,
        tools: &mut Toolbox<'_>,
        _history: &[ChatMessage],
        text: &str,
    ) -> Result<String, BrainError> {
        Ok(match parse(text) {
            Intent::Help => HELP.to_owned(),
            Intent::Unknown => format!("Sorry, I didn't understand \u{201c}{}\u{201d}.\n{HELP}", text.trim()),
            Intent::Clarify(question) => question.to_owned(),
            Intent::Add { title, description } => {
                // Dates, times, priorities, #tags and repeats in the text become fields, as in the new-task box.
                let args = AddTaskArgs { title, description, quick_add: true, ..Default::default() };
                let out = tools.call_tool::<AddTask>(&args).await?;
                done_or_error(&out, "Added", "I couldn't add that")
            }
            Intent::Agenda(view) => agenda(tools, view).await?,
            Intent::Move { task, when } => match resolve(tools, &task, true, "move {} to friday").await? {
                Ok(id) => {
                    let fields = TaskFieldArgs { due: Some(when), ..Default::default() };
                    let args = UpdateTaskArgs { task_id: id, fields, ..Default::default() };
                    let out = tools.call_tool::<UpdateTask>(&args).await?;
                    done_or_error(&out, "Moved", "I couldn't move that")
                }
                Err(reply) => reply,
            },
            Intent::Tag { task, tags } => match resolve(tools, &task, true, "tag {} #shopping").await? {
                Ok(id) => {
                    let args = UpdateTaskArgs { task_id: id, add_tags: Some(tags), ..Default::default() };
                    let out = tools.call_tool::<UpdateTask>(&args).await?;
                    done_or_error(&out, "Tagged", "I couldn't tag that")
                }
                Err(reply) => reply,
            },
            Intent::List { status, search } => list(tools, status, search).await?,
            Intent::Complete(task) => match resolve(tools, &task, true, "mark {} done").await? {
                Ok(id) => {
                    let out = tools.call_tool::<CompleteTask>(&TaskIdArgs { task_id: id }).await?;
                    done_or_error(&out, "Marked done:", "I couldn't complete that")
                }
                Err(reply) => reply,
            },
            Intent::Delete(task) => match resolve(tools, &task, false, "delete {}").await? {
                Ok(id) => {
                    let out = tools.call_tool::<DeleteTask>(&TaskIdArgs { task_id: id }).await?;
                    done_or_error(&out, "Deleted", "I couldn't delete that")
                }
                Err(reply) => reply,
            },
            Intent::Rename { task, title } => {
                match resolve(tools, &task, false, "rename {} to \u{2026}").await? {
                    Ok(id) => {
                        let args = UpdateTaskArgs { task_id: id, title: Some(title), ..Default::default() };
                        let out = tools.call_tool::<UpdateTask>(&args).await?;
                        done_or_error(&out, "Renamed to", "I couldn't rename that")
                    }
                    Err(reply) => reply,
                }
            }
            Intent::Describe { task, description } => {
                match resolve(tools, &task, false, "describe {} as \u{2026}").await? {
                    Ok(id) => {
                        let args = UpdateTaskArgs {
                            task_id: id,
                            description: Some(description),
                            ..Default::default()
                        };
                        let out = tools.call_tool::<UpdateTask>(&args).await?;
                        done_or_error(
                            &out,
                            "Updated the description of",
                            "I couldn't change that description",
                        )
                    }
                    Err(reply) => reply,
                }
            }
        })
    }
}

/// "Added “buy milk” (#12)." on success, the tool's own message on failure.
fn done_or_error(out: &ToolOutcome, done: &str, failed: &str) -> String {
    if out.is_error {
        let reason = out.text.trim();
        return if reason.is_empty() { format!("{failed}.") } else { format!("{failed}: {reason}") };
    }
    match out.typed::<TaskChange>() {
        Ok(change) => {
            let mut reply = format!("{done} \u{201c}{}\u{201d} (#{})", change.title, change.task_id);
            let details = details(&change.fields, &change.taken);
            if !details.is_empty() {
                reply.push_str(&format!(" \u{2014} {details}"));
            }
            if let Some(next) = &change.next {
                reply.push_str(&format!(". Next: #{}{}", next.task_id, due_text(&next.fields)));
            }
            reply.push('.');
            reply
        }
        Err(_) => format!("{done} \u{2014} {}", out.text.trim()),
    }
}

/// What a change set, in words: what quick add took from the text, else the due date, repeat and tags.
fn details(fields: &TaskFieldsOut, taken: &[String]) -> String {
    if !taken.is_empty() {
        return taken.join(", ");
    }
    let mut parts = Vec::new();
    if let Some(date) = &fields.due_date {
        parts.push(format!(
            "due {date}{}",
            fields.due_time.as_deref().map(|t| format!(" {t}")).unwrap_or_default()
        ));
    }
    parts.extend(fields.repeat.clone());
    parts.extend(fields.tags.iter().map(|t| format!("#{t}")));
    parts.join(", ")
}

/// " (due 2026-12-04 17:00)", or nothing for an undated task.
fn due_text(fields: &TaskFieldsOut) -> String {
    match (&fields.due_date, &fields.due_time) {
        (Some(d), Some(t)) => format!(" (due {d} {t})"),
        (Some(d), None) => format!(" (due {d})"),
        _ => String::new(),
    }
}

/// The Today or Upcoming view, open tasks only, soonest first.
async fn agenda(tools: &mut Toolbox<'_>, view: View) -> Result<String, BrainError> {
    let args = ListTasksArgs {
        view: Some(view.as_str().to_owned()),
        status: Some(StatusFilter::Pending.as_str().to_owned()),
        sort: Some("due".into()),
        limit: Some(LIST_MAX as i64 + 1),
        ..Default::default()
    };
    let out = tools.call_tool::<ListTasks>(&args).await?;
    if out.is_error {
        return Ok(format!("I couldn't list your tasks: {}", out.text.trim()));
    }
    let list = out.typed::<TaskList>().ok();
    let today = list.as_ref().and_then(|l| l.today.clone()).unwrap_or_default();
    let tasks = list.map(|l| l.tasks).unwrap_or_default();
    let (heading, empty) = match view {
        View::Upcoming => ("Coming up in the next 7 days", "Nothing due in the next 7 days."),
        _ => ("Due today or overdue", "Nothing due today \u{2014} enjoy!"),
    };
    if tasks.is_empty() {
        return Ok(empty.to_owned());
    }
    let mut reply = format!("{heading}:");
    for t in tasks.iter().take(LIST_MAX) {
        let overdue = t.fields.due_date.as_deref().is_some_and(|d| d < today.as_str());
        let flag = if overdue { " \u{2014} overdue" } else { "" };
        reply.push_str(&format!("\n#{} {}{}{flag}", t.task_id, t.title, due_text(&t.fields)));
    }
    if tasks.len() > LIST_MAX || list_has_more(&out) {
        reply.push_str("\n\u{2026}and more.");
    }
    Ok(reply)
}

fn list_has_more(out: &ToolOutcome) -> bool {
    out.typed::<TaskList>().is_ok_and(|l| l.next_cursor.is_some())
}

/// Lists tasks and words the answer.
async fn list(
    tools: &mut Toolbox<'_>,
    status: StatusFilter,
    search: Option<String>,
) -> Result<String, BrainError> {
    let args = ListTasksArgs {
        status: Some(status.as_str().to_owned()),
        search: search.clone(),
        ..Default::default()
    };
    let out = tools.call_tool::<ListTasks>(&args).await?;
    if out.is_error {
        return Ok(format!("I couldn't list your tasks: {}", out.text.trim()));
    }
    let tasks = listed(&out);
    if tasks.is_empty() {
        return Ok(match (&search, status) {
            (Some(s), _) => {
                format!("No {} tasks match \u{201c}{s}\u{201d}.", qualifier(status)).replace("  ", " ")
            }
            (None, StatusFilter::Pending) => "Nothing left to do \u{2014} all done!".into(),
            (None, StatusFilter::Completed) => "No completed tasks yet.".into(),
            (None, StatusFilter::All) => "Your list is empty. Try \u{201c}add buy milk\u{201d}.".into(),
        });
    }
    let n = tasks.len();
    let noun = if n == 1 { "task" } else { "tasks" };
    let mut reply = match &search {
        Some(s) => format!("{n} {} {noun} match \u{201c}{s}\u{201d}:", qualifier(status)).replace("  ", " "),
        None => format!("You have {n} {} {noun}:", qualifier(status)).replace("  ", " "),
    };
    for t in tasks.iter().take(LIST_MAX) {
        let mark = if t.done && status != StatusFilter::Completed { " (done)" } else { "" };
        reply.push_str(&format!("\n#{} {}{mark}", t.task_id, t.title));
    }
    if n > LIST_MAX {
        reply.push_str(&format!("\n\u{2026}and {} more.", n - LIST_MAX));
    }
    Ok(reply)
}

fn qualifier(status: StatusFilter) -> &'static str {
    match status {
        StatusFilter::All => "",
        StatusFilter::Pending => "pending",
        StatusFilter::Completed => "completed",
    }
}

fn listed(out: &ToolOutcome) -> Vec<Listed> {
    out.typed::<TaskList>().map(|list| list.tasks).unwrap_or_default()
}

/// Turns a [`TaskRef`] into a task id. Words are looked up with `list_tasks` and matched against titles;
/// `Ok(Err(reply))` when nothing or several tasks match (the reply says so, with `example` as a hint).
async fn resolve(
    tools: &mut Toolbox<'_>,
    task: &TaskRef,
    prefer_pending: bool,
    example: &str,
) -> Result<Result<i64, String>, BrainError> {
    let words = match task {
        TaskRef::Id(id) => return Ok(Ok(*id)),
        TaskRef::Words(words) => words,
    };
    let terms = terms(words);
    // The server narrows by the most distinctive (longest) word; all words are then matched here.
    let Some(longest) = terms.iter().max_by_key(|t| t.chars().count()) else {
        return Ok(Err(format!(
            "Which task do you mean? Say its number, e.g. \u{201c}{}\u{201d}.",
            example.replace("{}", "3")
        )));
    };
    let args = ListTasksArgs {
        status: Some(StatusFilter::All.as_str().to_owned()),
        search: Some(longest.clone()),
        ..Default::default()
    };
    let out = tools.call_tool::<ListTasks>(&args).await?;
    if out.is_error {
        return Ok(Err(format!("I couldn't look that task up: {}", out.text.trim())));
    }
    let candidates = matching(&listed(&out), words, &terms);
    let candidates = if prefer_pending && candidates.iter().filter(|t| !t.done).count() == 1 {
        candidates.into_iter().filter(|t| !t.done).collect()
    } else {
        candidates
    };
    Ok(match candidates.as_slice() {
        [one] => Ok(one.task_id),
        [] => Err(format!(
            "I couldn't find a task matching \u{201c}{words}\u{201d}. Say \u{201c}what's left?\u{201d} to see your tasks."
        )),
        many => {
            let listed: Vec<String> =
                many.iter().take(LIST_MAX).map(|t| format!("#{} \u{201c}{}\u{201d}", t.task_id, t.title)).collect();
            let hint = example.replace("{}", &many[0].task_id.to_string());
            Err(format!(
                "Which one do you mean? {}. Say, for example, \u{201c}{hint}\u{201d}.",
                listed.join(", ")
            ))
        }
    })
}

/// The words of a task reference that can tell tasks apart, lower-cased.
fn terms(words: &str) -> Vec<String> {
    words
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// Tasks whose title is exactly `words`, or else contains every term.
fn matching(tasks: &[Listed], words: &str, terms: &[String]) -> Vec<Listed> {
    let wanted = words.trim().to_lowercase();
    let exact: Vec<Listed> =
        tasks.iter().filter(|t| t.title.trim().to_lowercase() == wanted).cloned().collect();
    if !exact.is_empty() {
        return exact;
    }
    tasks
        .iter()
        .filter(|t| {
            let title = t.title.to_lowercase();
            terms.iter().all(|term| title.contains(term.as_str()))
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn task(id: i64, title: &str, done: bool) -> Listed {
        Listed { task_id: id, title: title.into(), description: None, done, fields: Default::default() }
    }

    #[test]
    fn an_exact_title_beats_partial_matches() {
        let tasks = [task(1, "milk", false), task(2, "buy milk", false)];
        let found = matching(&tasks, "Milk", &terms("Milk"));
        assert_eq!(found.iter().map(|t| t.task_id).collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn every_term_must_appear_in_the_title() {
        let tasks =
            [task(1, "buy oat milk", false), task(2, "buy bread", false), task(3, "milk the cow", true)];
        let ids = |words: &str| {
            matching(&tasks, words, &terms(words)).iter().map(|t| t.task_id).collect::<Vec<_>>()
        };
        assert_eq!(ids("milk"), vec![1, 3]);
        assert_eq!(ids("the buy milk task"), vec![1]);
        assert_eq!(ids("eggs"), Vec::<i64>::new());
    }

    #[test]
    fn filler_words_are_not_search_terms() {
        assert_eq!(terms("the Milk task!"), vec!["milk".to_string()]);
        assert!(terms("the task").is_empty());
    }

    #[test]
    fn replies_quote_the_task_from_the_structured_result() {
        let out = ToolOutcome {
            structured: Some(json!({"task_id": 4, "status": "completed", "title": "buy milk"})),
            text: "done".into(),
            is_error: false,
        };
        assert_eq!(done_or_error(&out, "Marked done:", "x"), "Marked done: \u{201c}buy milk\u{201d} (#4).");
        let err = ToolOutcome { structured: None, text: "Task 9 not found.".into(), is_error: true };
        assert_eq!(
            done_or_error(&err, "Deleted", "I couldn't delete that"),
            "I couldn't delete that: Task 9 not found."
        );
    }
}
