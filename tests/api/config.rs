//! Configuration is declared once per binary (clap, with `env` names): `.env.example` and the README's table
//! must name exactly the variables the two binaries read, and `Debug` output must not show a secret.

use std::collections::BTreeSet;

use clap::CommandFactory;
use todo_app::config::Config;
use todo_mcp::config::McpConfig;
use todo_store::config::env_names;

/// In `.env.example` for compose.yaml only (the postgres container's account, the published ports): neither
/// binary reads them.
const COMPOSE_ONLY: [&str; 6] =
    ["POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "PUBLISH_ADDRESS", "APP_PORT", "MCP_PORT"];

/// Every variable todo-app or todo-mcp reads, from their clap commands.
fn known() -> BTreeSet<String> {
    let mut names: BTreeSet<String> = env_names(&Config::command()).into_iter().collect();
    names.extend(env_names(&McpConfig::command()));
    names
}

fn repo_file(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect(name)
}

fn is_var_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[test]
fn env_example_names_exactly_the_variables_the_binaries_read() {
    let listed: BTreeSet<String> = repo_file(".env.example")
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(name, _)| name.trim())
        .filter(|name| is_var_name(name) && !COMPOSE_ONLY.contains(name))
        .map(str::to_owned)
        .collect();
    assert_eq!(listed, known(), ".env.example (left) vs the binaries' clap declarations (right)");
    let compose = repo_file("compose.yaml");
    for name in COMPOSE_ONLY {
        assert!(
            compose.contains(name),
            "{name} is documented as compose-only but compose.yaml does not use it"
        );
    }
}

#[test]
fn readme_table_names_exactly_the_variables_the_binaries_read() {
    let readme = repo_file("README.md");
    let section = readme.split("\n## Configuration").nth(1).expect("README has a Configuration section");
    let section = section.split("\n## ").next().unwrap_or_default();
    let listed: BTreeSet<String> = section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .filter_map(|line| line.split('|').nth(1))
        .flat_map(|cell| cell.split('`').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>())
        .filter(|name| is_var_name(name))
        .collect();
    assert_eq!(
        listed,
        known(),
        "README's configuration table (left) vs the binaries' clap declarations (right)"
    );
}

#[test]
fn debug_output_shows_no_secret() {
    let app = Config::with_args([
        "--database-url",
        "postgres://todo:hunter2-db@db/todo",
        "--mcp-token-secret",
        "7c2e9a4f1b8d3e6a0c5f9b2d7e4a1c8f3b6d9e0a5c2f7b4e1d8a3c6f9b0e5d2a",
        "--llm-base-url",
        "http://llm.example/v1",
        "--llm-api-key",
        "sk-llm-key",
        "--llm-model",
        "m",
    ])
    .unwrap();
    let shown = format!("{app:?}");
    for secret in ["hunter2-db", "7c2e9a4f1b8d3e6a0c5f", "sk-llm-key"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    let mcp = McpConfig::with_args([
        "--database-url",
        "postgres://todo:hunter2-db@db/todo",
        "--token-secret",
        "7c2e9a4f1b8d3e6a0c5f9b2d7e4a1c8f3b6d9e0a5c2f7b4e1d8a3c6f9b0e5d2a",
    ])
    .unwrap();
    let shown = format!("{mcp:?}");
    assert!(!shown.contains("hunter2-db") && !shown.contains("7c2e9a4f1b8d3e6a0c5f"), "{shown}");
}
