//! Asking before more than one destructive change in a turn (a deletion or an update: `turn_rules::DESTRUCTIVE_TOOLS`). The changes a turn held back
//! ([`ToolCall::awaiting_confirmation`], stored with its reply) are made when the user's next message says yes:
//! by the app itself, not by the brain, so nothing the model reads can add to them. They join the deletion
//! batch of the turn that asked, so one undo restores everything deleted for that request.

use serde_json::Value;

use crate::assistant::mcp_client::{Toolbox, Unreachable};
use todo_domain::chat::{ChatMessage, Role, ToolCall};
use todo_mcp::types::{DeleteTask, Tool};

/// Held-back calls the user has just confirmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirmed {
    /// The calls to make: tool name and arguments, as the brain asked for them.
    pub calls: Vec<(String, Value)>,
    /// The id of the user message whose turn held them back: its deletion batch is theirs.
    pub asked_in: i64,
}

/// The calls the last reply held back, when `text` confirms them. Anything but a plain yes drops them.
pub fn confirmed(history: &[ChatMessage], text: &str) -> Option<Confirmed> {
    let (reply, earlier) = history.split_last()?;
    if reply.role != Role::Assistant || !is_yes(text) {
        return None;
    }
    let calls: Vec<_> = reply
        .tool_calls
        .iter()
        .filter(|c| c.awaiting_confirmation)
        .map(|c| (c.name.clone(), c.arguments.clone()))
        .collect();
    let asked_in = earlier.last().filter(|m| m.role == Role::User)?.id;
    (!calls.is_empty()).then_some(Confirmed { calls, asked_in })
}

/// A short message that says yes and nothing else ("yes", "Yes, delete them!", "ok go ahead").
pub fn is_yes(text: &str) -> bool {
    const YES: [&str; 10] = ["yes", "y", "yep", "yeah", "ok", "okay", "sure", "confirm", "confirmed", "go"];
    const FILLER: [&str; 10] =
        ["please", "delete", "them", "it", "all", "both", "ahead", "do", "the", "tasks"];
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.len() <= 6
        && words.iter().any(|w| YES.contains(w))
        && words.iter().all(|w| YES.contains(w) || FILLER.contains(w))
}

/// Makes the confirmed calls and says what came of each.
pub async fn carry_out(tools: &mut Toolbox<'_>, calls: &[(String, Value)]) -> Result<String, Unreachable> {
    let mut done = Vec::new();
    let mut failed = Vec::new();
    for (name, arguments) in calls {
        let outcome = tools.call(name, arguments.clone()).await?;
        if outcome.is_error {
            failed.push(outcome.summary());
        } else {
            done.push(outcome.summary());
        }
    }
    let mut reply = String::new();
    if !done.is_empty() {
        reply = format!(
            "Done: {}. Undo on the task list brings back everything deleted for that request.",
            done.join("; ")
        );
    }
    if !failed.is_empty() {
        let sep = if reply.is_empty() { "" } else { " " };
        reply = format!("{reply}{sep}I couldn't do the rest: {}.", failed.join("; "));
    }
    Ok(reply)
}

/// What to ask when a turn held calls back, added to its reply: which tasks wait to be deleted, which to be
/// changed.
pub fn question(calls: &[ToolCall]) -> Option<String> {
    let held: Vec<&ToolCall> = calls.iter().filter(|c| c.awaiting_confirmation).collect();
    if held.is_empty() {
        return None;
    }
    let named = |deleting: bool| -> Vec<String> {
        held.iter()
            .filter(|c| (c.name == DeleteTask::NAME) == deleting)
            .map(|c| c.arguments["task_id"].as_i64().map_or_else(|| c.name.clone(), |id| format!("#{id}")))
            .collect()
    };
    let (deletions, changes) = (named(true), named(false));
    let them = if held.len() == 1 { "it" } else { "them" };
    let (what, go) = match (deletions.is_empty(), changes.is_empty()) {
        (false, true) => (format!("deleted {}", join_and(&deletions)), format!("delete {them}")),
        (true, false) => (format!("changed {}", join_and(&changes)), format!("change {them}")),
        _ => (
            format!("deleted {} or changed {}", join_and(&deletions), join_and(&changes)),
            "go ahead".to_owned(),
        ),
    };
    Some(format!(
        "I haven't {what} yet: more than one deletion or change of a task per message needs your go-ahead. \
         Reply \u{201c}yes\u{201d} to {go}."
    ))
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn message(id: i64, role: Role, tool_calls: Vec<ToolCall>) -> ChatMessage {
        ChatMessage { id, role, content: String::new(), tool_calls }
    }

    fn held(task_id: i64) -> ToolCall {
        held_call("delete_task", task_id)
    }

    fn held_call(name: &str, task_id: i64) -> ToolCall {
        ToolCall {
            name: name.into(),
            arguments: json!({ "task_id": task_id }),
            summary: String::new(),
            is_error: false,
            awaiting_confirmation: true,
        }
    }

    #[test]
    fn only_a_plain_yes_confirms() {
        for yes in ["yes", "Yes!", "yes, delete them", "ok go ahead", "Sure, please.", "CONFIRM"] {
            assert!(is_yes(yes), "{yes}");
        }
        for no in ["no", "yes but not the milk one", "don't", "", "delete everything else", "not yet"] {
            assert!(!is_yes(no), "{no}");
        }
    }

    #[test]
    fn the_held_calls_of_the_last_reply_are_confirmed_in_the_asking_turns_batch() {
        let made = ToolCall { awaiting_confirmation: false, ..held(1) };
        let history =
            vec![message(7, Role::User, vec![]), message(8, Role::Assistant, vec![made, held(2), held(3)])];
        let confirmed = confirmed(&history, "yes").unwrap();
        assert_eq!(confirmed.asked_in, 7);
        let ids: Vec<_> = confirmed.calls.iter().map(|(_, a)| a["task_id"].clone()).collect();
        assert_eq!(ids, [json!(2), json!(3)]);
        assert_eq!(super::confirmed(&history, "no thanks"), None);
        // Only the reply just before counts: a later exchange drops what was held.
        let mut later = history.clone();
        later.extend([message(9, Role::User, vec![]), message(10, Role::Assistant, vec![])]);
        assert_eq!(super::confirmed(&later, "yes"), None);
    }

    #[test]
    fn the_question_names_the_tasks_held_back() {
        let q = question(&[held(2), held(3)]).unwrap();
        assert!(q.contains("#2 and #3") && q.contains("delete them"), "{q}");
        assert!(question(&[held(4)]).unwrap().contains("deleted #4 yet"));
        assert_eq!(question(&[]), None);
        let renames = question(&[held_call("update_task", 5), held_call("update_task", 6)]).unwrap();
        assert!(renames.contains("changed #5 and #6 yet") && renames.contains("to change them"), "{renames}");
        let both = question(&[held(2), held_call("update_task", 5)]).unwrap();
        assert!(both.contains("deleted #2 or changed #5 yet") && both.contains("to go ahead"), "{both}");
    }
}
