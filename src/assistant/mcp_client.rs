//! The agent's only way to touch tasks: an MCP client session (rmcp, Streamable HTTP) with the user's token.

use std::time::Duration;

use rmcp::model::{CallToolRequestParams, ClientConfig, JsonObject, MetaObject, RequestMetaObject, Tool};
use rmcp::service::{RoleClient, RunningService, ServiceError};
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::ServiceExt;
use serde::de::DeserializeOwned;
use serde_json::Value;
use todo_domain::chat::ToolCall;
use todo_mcp::types::{DeleteTask, Tool as TypedTool, DELETION_BATCH_META};

use crate::assistant::turn_rules::{self, TurnRules, Verdict};
use crate::http_client as http;

/// The MCP server could not be reached, refused the token, or did not answer in time.
#[derive(Debug, thiserror::Error)]
#[error("MCP server unreachable: {0}")]
pub struct Unreachable(pub String);

/// What a tool call returned.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolOutcome {
    /// `structuredContent`, when the tool sent one.
    pub structured: Option<Value>,
    /// The text content blocks, joined.
    pub text: String,
    /// `isError`, or a protocol error such as an unknown tool or invalid arguments.
    pub is_error: bool,
}

impl ToolOutcome {
    /// The structured result as a `T` (one of `todo_mcp::types`); a tool error, or a result that is not a
    /// `T`, is the tool's message.
    pub fn typed<T: DeserializeOwned>(&self) -> Result<T, String> {
        match &self.structured {
            Some(v) if !self.is_error => {
                serde_json::from_value(v.clone()).map_err(|_| self.text.trim().to_owned())
            }
            _ => Err(self.text.trim().to_owned()),
        }
    }

    /// What a language model is shown: the structured result if any, else the text.
    pub fn for_model(&self) -> String {
        let body = self.structured.as_ref().map_or_else(|| self.text.clone(), Value::to_string);
        if self.is_error {
            format!("Error: {body}")
        } else {
            body
        }
    }

    /// A few words for the user: `created #12 'buy milk'`, `3 tasks`, or the error message.
    pub fn summary(&self) -> String {
        if !self.is_error {
            if let Some(v) = &self.structured {
                if let (Some(id), Some(status)) = (v["task_id"].as_i64(), v["status"].as_str()) {
                    return format!("{status} #{id} '{}'", v["title"].as_str().unwrap_or_default());
                }
                if let Some(count) =
                    v["count"].as_u64().or_else(|| v["tasks"].as_array().map(|t| t.len() as u64))
                {
                    return match count {
                        0 => "no tasks".into(),
                        1 => "1 task".into(),
                        n => format!("{n} tasks"),
                    };
                }
            }
        }
        let text = self.text.lines().next().unwrap_or_default().trim();
        let text = if text.is_empty() && self.is_error { "failed" } else { text };
        truncate(text, 120)
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}\u{2026}", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A connected MCP session acting for one user.
pub struct McpTools {
    client: RunningService<RoleClient, ClientConfig>,
    timeout: Duration,
}

impl McpTools {
    /// Connects to `url` with `token` (sent as `Authorization: Bearer`), waiting at most `timeout`.
    pub async fn connect(url: &str, token: &str, timeout: Duration) -> Result<Self, Unreachable> {
        let config = StreamableHttpClientTransportConfig::with_uri(url).auth_header(token);
        let transport = StreamableHttpClientTransport::with_client(http::client(), config);
        let client = tokio::time::timeout(timeout, ClientConfig::default().serve(transport))
            .await
            .map_err(|_| Unreachable(format!("no answer within {timeout:?}")))?
            .map_err(|e| Unreachable(e.to_string()))?;
        Ok(Self { client, timeout })
    }

    /// The server's tools with their input schemas (`tools/list`).
    pub async fn list_tools(&self) -> Result<Vec<Tool>, Unreachable> {
        tokio::time::timeout(self.timeout, self.client.list_all_tools())
            .await
            .map_err(|_| Unreachable(format!("tools/list took longer than {:?}", self.timeout)))?
            .map_err(|e| Unreachable(e.to_string()))
    }

    /// Calls `name` with `arguments` (a JSON object) and the request `_meta` entries in `meta`. A tool or
    /// protocol error is an outcome, not an `Err`.
    pub async fn call(
        &self,
        name: &str,
        arguments: Value,
        meta: Option<JsonObject>,
    ) -> Result<ToolOutcome, Unreachable> {
        let mut params = CallToolRequestParams::new(name.to_owned());
        if let Value::Object(map) = &arguments {
            params = params.with_arguments(map.clone());
        }
        params.meta = meta.map(|m| RequestMetaObject(MetaObject(m)));
        let result = tokio::time::timeout(self.timeout, self.client.call_tool(params))
            .await
            .map_err(|_| Unreachable(format!("{name} took longer than {:?}", self.timeout)))?;
        match result {
            Ok(result) => Ok(ToolOutcome {
                text: result
                    .content
                    .iter()
                    .filter_map(|c| c.as_text().map(|t| t.text.clone()))
                    .collect::<Vec<_>>()
                    .join("\n"),
                structured: result.structured_content,
                is_error: result.is_error.unwrap_or(false),
            }),
            // The server answered, but refused the call (unknown tool, invalid arguments).
            Err(ServiceError::McpError(e)) => {
                Ok(ToolOutcome { structured: None, text: e.message.to_string(), is_error: true })
            }
            Err(e) => Err(Unreachable(e.to_string())),
        }
    }

    /// Ends the session (the server forgets it).
    pub async fn close(self) {
        let _ = tokio::time::timeout(self.timeout, self.client.cancel()).await;
    }
}

/// An MCP session plus the record of every call made through it during one reply, under the turn's
/// [`TurnRules`]. The turn's deletions are made in its deletion batch (one undo restores them all).
pub struct Toolbox<'a> {
    tools: &'a McpTools,
    rules: TurnRules,
    /// The deletion batch of this turn, sent as request `_meta` with each `delete_task` call.
    batch: String,
    /// The calls made (or held for confirmation) so far, in order.
    pub calls: Vec<ToolCall>,
}

impl ToolOutcome {
    /// A call that was not made, with what the brain is told instead.
    fn not_made(message: &str) -> Self {
        Self { structured: None, text: message.to_owned(), is_error: true }
    }
}

impl<'a> Toolbox<'a> {
    /// Starts an empty record over `tools`, for a turn with `rules` whose deletions form `batch`.
    pub fn new(tools: &'a McpTools, rules: TurnRules, batch: impl Into<String>) -> Self {
        Self { tools, rules, batch: batch.into(), calls: Vec::new() }
    }

    /// The server's tools.
    pub async fn list_tools(&self) -> Result<Vec<Tool>, Unreachable> {
        self.tools.list_tools().await
    }

    /// Calls the tool `T` with its typed arguments and records the call; read the result with
    /// [`ToolOutcome::typed`] as `T::Output`.
    pub async fn call_tool<T: TypedTool>(&mut self, args: &T::Args) -> Result<ToolOutcome, Unreachable> {
        let arguments = serde_json::to_value(args).expect("tool arguments are plain data");
        self.call(T::NAME, arguments).await
    }

    /// Calls a tool by name (what a language model asks for) and records the call, if the turn's rules allow
    /// it. A destructive call beyond the first is recorded as awaiting confirmation instead; a call past the
    /// limit is not made at all. Either way the brain gets an error outcome saying so.
    pub async fn call(&mut self, name: &str, arguments: Value) -> Result<ToolOutcome, Unreachable> {
        match self.rules.admit(name) {
            Verdict::Run => {}
            Verdict::NeedsConfirmation => {
                self.calls.push(ToolCall {
                    name: name.to_owned(),
                    arguments,
                    summary: "waiting for your confirmation".into(),
                    is_error: false,
                    awaiting_confirmation: true,
                });
                return Ok(ToolOutcome::not_made(turn_rules::NEEDS_CONFIRMATION));
            }
            Verdict::OverLimit => return Ok(ToolOutcome::not_made(turn_rules::LIMIT_REACHED)),
        }
        // Only deletions are undone as a batch: an update has no undo to join.
        let meta = (name == DeleteTask::NAME).then(|| {
            let mut meta = JsonObject::new();
            meta.insert(DELETION_BATCH_META.into(), Value::String(self.batch.clone()));
            meta
        });
        let outcome = self.tools.call(name, arguments.clone(), meta).await?;
        self.rules.ran(name, outcome.is_error);
        self.calls.push(ToolCall {
            name: name.to_owned(),
            arguments,
            summary: outcome.summary(),
            is_error: outcome.is_error,
            awaiting_confirmation: false,
        });
        Ok(outcome)
    }

    /// Whether the turn has used up its tool calls.
    pub fn exhausted(&self) -> bool {
        self.rules.exhausted()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(structured: Value) -> ToolOutcome {
        ToolOutcome { structured: Some(structured), text: String::new(), is_error: false }
    }

    #[test]
    fn summaries_name_the_task_or_count_the_list() {
        let created = ok(json!({"task_id": 12, "status": "created", "title": "buy milk"}));
        assert_eq!(created.summary(), "created #12 'buy milk'");
        assert_eq!(ok(json!({"tasks": [], "count": 0})).summary(), "no tasks");
        assert_eq!(ok(json!({"tasks": [{}], "count": 1})).summary(), "1 task");
        assert_eq!(ok(json!({"tasks": [{}, {}]})).summary(), "2 tasks");
    }

    #[test]
    fn error_summaries_show_the_message() {
        let err = ToolOutcome { structured: None, text: "Task 99 not found.\nmore".into(), is_error: true };
        assert_eq!(err.summary(), "Task 99 not found.");
        assert_eq!(err.for_model(), "Error: Task 99 not found.\nmore");
        let silent = ToolOutcome { structured: None, text: String::new(), is_error: true };
        assert_eq!(silent.summary(), "failed");
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let long = ToolOutcome { structured: None, text: "é".repeat(300), is_error: false };
        assert_eq!(long.summary().chars().count(), 121);
    }
}
