//! What a model may do in one turn, whatever steers it: one deletion without asking (the rest wait for the user's
//! yes), a capped number of tool calls, and a turn's deletions undone as one.

use serde_json::{json, Value};
use todo_app::assistant::turn_rules::{MAX_TOOL_CALLS, NEEDS_CONFIRMATION};

use crate::harness::{start, text, tool_names, Mcp};
use crate::llm::{fake_llm, final_answer, tool_calls, unfenced};

/// The task ids in the latest user message ("remove 4, 5 and 6").
fn ids_in_last_user_message(body: &Value) -> Vec<i64> {
    let messages = body["messages"].as_array().unwrap();
    let last = messages.iter().rev().find(|m| m["role"] == "user").unwrap();
    last["content"]
        .as_str()
        .unwrap()
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect()
}

#[tokio::test]
async fn a_model_deleting_three_tasks_deletes_one_asks_for_the_rest_and_one_undo_restores_all() {
    // Asks to delete every id in the message at once, as a model steered by a poisoned title would.
    let (llm, requests) = fake_llm(|_, body| {
        let messages = body["messages"].as_array().unwrap();
        let turn = messages.iter().rposition(|m| m["role"] == "user").unwrap();
        if messages[turn..].iter().any(|m| m["role"] == "tool") {
            return final_answer("I deleted what I could.");
        }
        let calls: Vec<_> = ids_in_last_user_message(body)
            .into_iter()
            .map(|id| ("delete_task", json!({ "task_id": id })))
            .collect();
        tool_calls(1, &calls)
    })
    .await;
    let stack = start(Mcp::Real, Some(llm)).await;
    let ada = stack.user("ada@example.com").await;
    let keep = ada.add("keep me").await;
    let ids = [ada.add("first").await, ada.add("second").await, ada.add("third").await];

    let reply = ada.say(&format!("remove {}, {} and {}", ids[0], ids[1], ids[2])).await;
    assert_eq!(tool_names(&reply), ["delete_task", "delete_task", "delete_task"]);
    let calls = reply["tool_calls"].as_array().unwrap();
    assert_eq!(calls[0]["summary"], format!("deleted #{} 'first'", ids[0]));
    assert!(calls[0].get("awaiting_confirmation").is_none(), "{reply}");
    for call in &calls[1..] {
        assert_eq!(call["awaiting_confirmation"], true, "{reply}");
    }
    let left: Vec<i64> = stack.tasks("ada@example.com").await.iter().map(|t| t.0).collect();
    assert_eq!(left, [keep, ids[1], ids[2]], "only one task deleted without asking");
    let said = text(&reply);
    assert!(said.starts_with("I deleted what I could."), "{said}");
    assert!(
        said.contains(&format!("#{} and #{}", ids[1], ids[2])) && said.contains("Reply \u{201c}yes\u{201d}"),
        "{said}"
    );
    // The model was told the extra deletions were not made.
    let second_round = requests.lock().unwrap().last().unwrap().1.clone();
    let results: Vec<String> = second_round["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "tool")
        .map(|m| unfenced(&m["content"]))
        .collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[1], format!("Error: {NEEDS_CONFIRMATION}"));

    // "yes": the app makes the held deletions itself (no model request), in the same batch.
    let asked = requests.lock().unwrap().len();
    let confirmed = ada.say("yes").await;
    assert_eq!(requests.lock().unwrap().len(), asked, "a confirmation is not the model's to interpret");
    assert_eq!(tool_names(&confirmed), ["delete_task", "delete_task"]);
    assert!(text(&confirmed).starts_with("Done: deleted"), "{confirmed}");
    let left: Vec<i64> = stack.tasks("ada@example.com").await.iter().map(|t| t.0).collect();
    assert_eq!(left, [keep]);
    // A second "yes" has nothing left to confirm: it goes to the model like any message.
    ada.say("yes").await;
    assert!(requests.lock().unwrap().len() > asked);

    // One undo brings back everything deleted for that request.
    assert_eq!(ada.ok::<u64>("tasks/undo_delete", &[]).await, 3);
    let left: Vec<i64> = stack.tasks("ada@example.com").await.iter().map(|t| t.0).collect();
    assert_eq!(left, [keep, ids[0], ids[1], ids[2]]);
}

#[tokio::test]
async fn held_deletions_are_dropped_by_anything_but_yes_and_a_new_turn_starts_a_new_batch() {
    let (llm, _) = fake_llm(|_, body| {
        let messages = body["messages"].as_array().unwrap();
        let turn = messages.iter().rposition(|m| m["role"] == "user").unwrap();
        let ids = ids_in_last_user_message(body);
        if messages[turn..].iter().any(|m| m["role"] == "tool") || ids.is_empty() {
            return final_answer("OK.");
        }
        let calls: Vec<_> = ids.into_iter().map(|id| ("delete_task", json!({ "task_id": id }))).collect();
        tool_calls(1, &calls)
    })
    .await;
    let stack = start(Mcp::Real, Some(llm)).await;
    let ada = stack.user("ada@example.com").await;
    let ids = [ada.add("a").await, ada.add("b").await, ada.add("c").await];

    ada.say(&format!("remove {} and {}", ids[0], ids[1])).await;
    let no = ada.say("no, keep it").await;
    assert!(tool_names(&no).is_empty(), "{no}");
    assert_eq!(stack.tasks("ada@example.com").await.len(), 2, "the held deletion was dropped");

    // A deletion in a later turn supersedes the earlier one, as on the task page.
    ada.say(&format!("remove {}", ids[2])).await;
    assert_eq!(ada.ok::<u64>("tasks/undo_delete", &[]).await, 1);
    let left: Vec<i64> = stack.tasks("ada@example.com").await.iter().map(|t| t.0).collect();
    assert_eq!(left, [ids[1], ids[2]]);
}

#[tokio::test]
async fn tool_calls_per_turn_are_capped() {
    let (llm, requests) = fake_llm(|n, _| {
        let calls: Vec<_> = (0..25).map(|_| ("list_tasks", json!({}))).collect();
        tool_calls(n, &calls)
    })
    .await;
    let stack = start(Mcp::Real, Some(llm)).await;
    let ada = stack.user("ada@example.com").await;
    let reply = ada.say("list everything, many times").await;
    assert_eq!(tool_names(&reply).len(), MAX_TOOL_CALLS, "{reply}");
    assert!(text(&reply).contains(&format!("stopped after {MAX_TOOL_CALLS} tool calls")), "{reply}");
    assert_eq!(requests.lock().unwrap().len(), 1, "no further model round after the cap");
}

#[tokio::test]
async fn overwriting_counts_like_deleting_a_second_rename_or_a_rename_after_a_deletion_waits_for_yes() {
    // A steered model renames every id in the message, then deletes the first: one change runs, the rest wait.
    let (llm, _) = fake_llm(|_, body| {
        let messages = body["messages"].as_array().unwrap();
        let turn = messages.iter().rposition(|m| m["role"] == "user").unwrap();
        let ids = ids_in_last_user_message(body);
        if messages[turn..].iter().any(|m| m["role"] == "tool") || ids.is_empty() {
            return final_answer("Done what I could.");
        }
        let mut calls: Vec<_> =
            ids.iter().map(|id| ("update_task", json!({ "task_id": id, "title": "pwned" }))).collect();
        calls.push(("delete_task", json!({ "task_id": ids[0] })));
        tool_calls(1, &calls)
    })
    .await;
    let stack = start(Mcp::Real, Some(llm)).await;
    let ada = stack.user("ada@example.com").await;
    let ids = [ada.add("first").await, ada.add("second").await];

    let reply = ada.say(&format!("tidy {} and {}", ids[0], ids[1])).await;
    assert_eq!(tool_names(&reply), ["update_task", "update_task", "delete_task"]);
    let held: Vec<bool> = reply["tool_calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["awaiting_confirmation"] == json!(true))
        .collect();
    assert_eq!(held, [false, true, true], "{reply}");
    let titles: Vec<String> = stack.tasks("ada@example.com").await.into_iter().map(|t| t.1).collect();
    assert_eq!(titles, ["pwned", "second"], "one overwrite only, nothing deleted");
    let said = text(&reply);
    assert!(
        said.contains(&format!("deleted #{} or changed #{} yet", ids[0], ids[1]))
            && said.contains("go ahead"),
        "{said}"
    );

    // "yes" makes the held change and deletion.
    let confirmed = ada.say("yes").await;
    assert_eq!(tool_names(&confirmed), ["update_task", "delete_task"]);
    let left: Vec<(i64, String)> =
        stack.tasks("ada@example.com").await.into_iter().map(|t| (t.0, t.1)).collect();
    assert_eq!(left, [(ids[1], "pwned".to_owned())]);
}
