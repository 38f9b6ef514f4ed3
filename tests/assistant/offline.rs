//! The offline brain driving the real MCP server: every command kind, by number and by words.

use reqwest::{header, StatusCode};
use serde_json::Value;

use crate::harness::{start, text, tool_names, Mcp};

#[tokio::test]
async fn chat_commands_change_tasks_through_the_mcp_server() {
    let stack = start(Mcp::Real, None).await;
    let ada = stack.user("ada@example.com").await;

    let added = ada.say("add buy milk").await;
    assert_eq!(tool_names(&added), ["add_task"]);
    let milk = stack.tasks("ada@example.com").await[0].0;
    assert_eq!(added["tool_calls"][0]["summary"], format!("created #{milk} 'buy milk'"));
    assert_eq!(added["tool_calls"][0]["arguments"]["title"], "buy milk");
    assert_eq!(added["tool_calls"][0]["is_error"], false);
    assert!(text(&added).contains("buy milk") && text(&added).contains(&format!("#{milk}")), "{added}");

    ada.say("remind me to call mom").await;
    let left = ada.say("what's left?").await;
    assert_eq!(tool_names(&left), ["list_tasks"]);
    assert_eq!(left["tool_calls"][0]["arguments"]["status"], "pending");
    assert!(text(&left).contains("2 pending tasks") && text(&left).contains("call mom"), "{left}");

    // By words: looked up with list_tasks, then completed by id.
    let done = ada.say("done with milk").await;
    assert_eq!(tool_names(&done), ["list_tasks", "complete_task"]);
    assert_eq!(done["tool_calls"][1]["arguments"]["task_id"], milk);
    assert_eq!(done["tool_calls"][1]["summary"], format!("completed #{milk} 'buy milk'"));
    let completed = ada.say("show completed").await;
    assert!(text(&completed).contains("buy milk") && !text(&completed).contains("call mom"), "{completed}");

    // By number.
    let mom = stack.tasks("ada@example.com").await[1].0;
    let renamed = ada.say(&format!("rename task {mom} to call dad")).await;
    assert_eq!(tool_names(&renamed), ["update_task"]);
    let described = ada.say(&format!("describe {mom} as about the weekend")).await;
    assert_eq!(described["tool_calls"][0]["summary"], format!("updated #{mom} 'call dad'"));
    let tasks = stack.tasks("ada@example.com").await;
    assert_eq!(tasks[0], (milk, "buy milk".into(), None, true));
    assert_eq!(tasks[1], (mom, "call dad".into(), Some("about the weekend".into()), false));

    let deleted = ada.say("delete the dad task").await;
    assert_eq!(tool_names(&deleted), ["list_tasks", "delete_task"]);
    assert!(text(&deleted).contains("call dad"), "{deleted}");
    assert_eq!(stack.tasks("ada@example.com").await.len(), 1);

    // The history is stored: every message and the tool calls behind each reply, in order.
    let conversation = ada.conversation().await;
    let messages = conversation["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2 * 8);
    assert!(messages.iter().step_by(2).all(|m| m["role"] == "user"));
    assert!(messages.iter().skip(1).step_by(2).all(|m| m["role"] == "assistant"));
    assert_eq!(messages[0]["content"], "add buy milk");
    assert_eq!(messages[1]["tool_calls"], added["tool_calls"]);
    assert_eq!(messages[15]["content"], deleted["reply"]);
    assert_eq!(conversation["id"], added["conversation_id"]);
}

#[tokio::test]
async fn ambiguous_unknown_and_missing_tasks_are_answered_not_guessed() {
    let stack = start(Mcp::Real, None).await;
    let ada = stack.user("ada@example.com").await;
    ada.say("add buy milk").await;
    ada.say("add buy bread").await;

    let which = ada.say("delete buy").await;
    assert_eq!(tool_names(&which), ["list_tasks"], "nothing is deleted while it is unclear");
    assert!(text(&which).starts_with("Which one do you mean?"), "{which}");
    assert!(text(&which).contains("buy milk") && text(&which).contains("buy bread"), "{which}");
    assert_eq!(stack.tasks("ada@example.com").await.len(), 2);

    let missing = ada.say("mark the eggs task done").await;
    assert!(text(&missing).contains("couldn't find a task matching"), "{missing}");

    let not_there = ada.say("mark 999999 done").await;
    assert_eq!(not_there["tool_calls"][0]["is_error"], true);
    assert!(text(&not_there).starts_with("I couldn't complete that:"), "{not_there}");

    let unknown = ada.say("what's the weather like?").await;
    assert!(tool_names(&unknown).is_empty());
    assert!(
        text(&unknown).contains("didn't understand") && text(&unknown).contains("add buy milk"),
        "{unknown}"
    );

    let invalid = ada.call("assistant/send", &[("text", "   ")]).await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn users_only_ever_see_and_touch_their_own_tasks_and_chats() {
    let stack = start(Mcp::Real, None).await;
    let ada = stack.user("ada@example.com").await;
    let bob = stack.user("bob@example.com").await;
    let ada_reply = ada.say("add secret plan").await;
    let plan = stack.tasks("ada@example.com").await[0].0;

    let attempt = bob.say(&format!("mark {plan} done")).await;
    assert_eq!(attempt["tool_calls"][0]["is_error"], true);
    assert!(!stack.tasks("ada@example.com").await[0].3, "Ada's task is untouched");
    let listed = bob.say("list tasks").await;
    assert!(!text(&listed).contains("secret plan"), "{listed}");

    // Bob's panel shows his chat only, and he cannot write into Ada's conversation.
    let messages: Vec<Value> = bob.conversation().await["messages"].as_array().unwrap().clone();
    assert!(messages.iter().all(|m| !m["content"].as_str().unwrap().contains("secret plan")));
    let ada_chat = ada_reply["conversation_id"].as_i64().unwrap().to_string();
    let res = bob.call("assistant/send", &[("conversation_id", &ada_chat), ("text", "list tasks")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn new_chat_starts_an_empty_conversation_and_history_survives_reloads() {
    let stack = start(Mcp::Real, None).await;
    let ada = stack.user("ada@example.com").await;
    assert_eq!(ada.conversation().await["messages"], serde_json::json!([]));
    let first = ada.say("add buy milk").await;
    assert_eq!(ada.conversation().await["messages"].as_array().unwrap().len(), 2);

    let new_id: Value = ada.ok("assistant/new", &[]).await;
    assert_ne!(new_id, first["conversation_id"]);
    let fresh = ada.conversation().await;
    assert_eq!(fresh["id"], new_id);
    assert_eq!(fresh["messages"], serde_json::json!([]));
    let second = ada.say("what's left?").await;
    assert_eq!(second["conversation_id"], new_id);
    assert!(text(&second).contains("buy milk"), "tasks outlive the chat: {second}");
}

#[tokio::test]
async fn the_chat_form_works_without_javascript() {
    let stack = start(Mcp::Real, None).await;
    let ada = stack.user("ada@example.com").await;
    // A plain HTML form post: the browser is sent back to the page, which shows the stored chat.
    let res = ada
        .http
        .post(format!("{}/api/assistant/send", ada.address))
        .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
        .header(header::REFERER, format!("{}/", ada.address))
        .form(&[("text", "add water the plants")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let page = ada
        .http
        .get(format!("{}/", ada.address))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Message the assistant"), "the panel renders");
    assert!(page.contains("add water the plants"), "the message is in the history");
    assert!(page.contains("add_task") && page.contains("created #"), "the tool call is shown");
    assert_eq!(stack.tasks("ada@example.com").await[0].1, "water the plants");
}

#[tokio::test]
async fn ready_reports_the_mcp_server_up() {
    let stack = start(Mcp::Real, None).await;
    let (status, body) = stack.ready().await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["checks"]["mcp_server"], "ok");
}

#[tokio::test]
async fn organising_commands_go_through_the_mcp_tools() {
    let stack = start(Mcp::Real, None).await;
    let ada = stack.user("ada@example.com").await;

    // Quick add: the date and tag are taken from the text, and the reply says so.
    let added = ada.say("add report today #work").await;
    assert_eq!(added["tool_calls"][0]["arguments"]["quick_add"], true);
    assert!(text(&added).contains("report") && text(&added).contains("#work"), "{added}");
    let report = stack.tasks("ada@example.com").await[0].0;
    ada.say("add buy milk").await;

    let today = ada.say("what's due today?").await;
    assert_eq!(tool_names(&today), ["list_tasks"]);
    assert_eq!(today["tool_calls"][0]["arguments"]["view"], "today");
    assert!(text(&today).contains("report") && !text(&today).contains("milk"), "{today}");

    let moved = ada.say("move the report to tomorrow 5pm").await;
    assert_eq!(tool_names(&moved), ["list_tasks", "update_task"]);
    assert_eq!(moved["tool_calls"][1]["arguments"]["due"], "tomorrow 5pm");
    assert!(text(&moved).contains("17:00"), "{moved}");
    assert!(!text(&ada.say("what's due today?").await).contains("report"));
    assert!(text(&ada.say("what's coming up this week?").await).contains("report"));

    let tagged = ada.say("tag milk #shopping").await;
    assert_eq!(tool_names(&tagged), ["list_tasks", "update_task"]);
    assert!(text(&tagged).contains("#shopping"), "{tagged}");
    let tags: Vec<String> =
        sqlx::query_scalar("SELECT name FROM tags ORDER BY name").fetch_all(&stack.pool).await.unwrap();
    assert_eq!(tags, ["shopping", "work"]);
    let again = ada.say(&format!("tag {report} #q4")).await;
    assert!(
        text(&again).contains("#q4") && text(&again).contains("#work"),
        "tags are added, not replaced: {again}"
    );

    let remind = ada.say("remind me to water the plants every monday").await;
    assert!(text(&remind).contains("every week on Mon"), "{remind}");
    let rule: Option<String> =
        sqlx::query_scalar("SELECT recurrence FROM tasks WHERE title = 'water the plants'")
            .fetch_one(&stack.pool)
            .await
            .unwrap();
    assert_eq!(rule.as_deref(), Some("FREQ=WEEKLY;BYDAY=MO"));
    let unclear = ada.say("remind me every monday").await;
    assert!(tool_names(&unclear).is_empty() && text(&unclear).contains("remind you of"), "{unclear}");
}
