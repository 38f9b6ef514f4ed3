//! Per-user limits on the assistant: one message answered at a time, and a per-minute quota.

use std::time::Duration;

use reqwest::{header, StatusCode};
use serde_json::{json, Value};

use todo_app::assistant::agent::TOO_SLOW;

use crate::harness::{silent_mcp_server, start_with, text, Mcp};
use crate::llm::{final_answer, slow_fake_llm};

#[tokio::test]
async fn a_second_message_while_the_first_is_answered_is_refused_then_accepted() {
    // An MCP server that never answers: each turn lasts until the MCP timeout.
    let stack = start_with(Mcp::At(silent_mcp_server().await), None, &[]).await;
    let ada = std::sync::Arc::new(stack.user("ada@example.com").await);
    let bob = stack.user("bob@example.com").await;

    let first = tokio::spawn({
        let ada = ada.clone();
        async move { ada.say("what's left?").await }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let res = ada.call("assistant/send", &[("text", "and now?")]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().get(header::RETRY_AFTER).is_some());
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!("AssistantBusy"));
    // Another user is not held up by Ada's turn (Bob's own turn runs, and fails on the silent MCP server).
    let bobs = tokio::spawn(async move { bob.call("assistant/send", &[("text", "hi")]).await.status() });

    first.await.unwrap();
    assert_eq!(bobs.await.unwrap(), StatusCode::OK);
    // Answered: the next message is taken, and only the answered ones are in the history.
    let third = tokio::time::timeout(Duration::from_secs(20), ada.say("hello again")).await.unwrap();
    assert!(!text(&third).is_empty());
    let messages = ada.conversation().await["messages"].as_array().unwrap().len();
    assert_eq!(messages, 4, "the refused message was not stored");
}

#[tokio::test]
async fn messages_past_the_per_minute_quota_get_429_with_retry_after() {
    let stack = start_with(Mcp::Real, None, &["--assistant-messages-per-minute", "2"]).await;
    let ada = stack.user("ada@example.com").await;
    let bob = stack.user("bob@example.com").await;
    ada.say("add buy milk").await;
    ada.say("add buy bread").await;

    let res = ada.call("assistant/send", &[("text", "add buy eggs")]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let body: Value = res.json().await.unwrap();
    assert!(body["TooManyAttempts"]["retry_after_secs"].is_u64(), "{body}");
    let titles: Vec<String> = stack.tasks("ada@example.com").await.into_iter().map(|t| t.1).collect();
    assert_eq!(titles, ["buy milk", "buy bread"], "the refused message did nothing");
    assert_eq!(ada.conversation().await["messages"].as_array().unwrap().len(), 4);

    // The quota is per user.
    assert!(text(&bob.say("add buy eggs").await).contains("buy eggs"));
}

#[tokio::test]
async fn a_turn_that_runs_out_of_time_stops_says_so_and_frees_the_next_message() {
    let (llm, _) = slow_fake_llm(Duration::from_secs(30), |_, _| final_answer("too late")).await;
    let stack = start_with(Mcp::Real, Some(llm), &["--assistant-turn-timeout", "2s"]).await;
    let ada = stack.user("ada@example.com").await;
    let started = std::time::Instant::now();
    let reply = ada.say("take your time").await;
    assert_eq!(text(&reply), TOO_SLOW);
    assert!(started.elapsed() < Duration::from_secs(10), "stopped after {:?}", started.elapsed());
    let next = ada.call("assistant/send", &[("text", "again")]).await;
    assert_eq!(next.status(), StatusCode::OK, "the slot was released");
}
