# todo-app — `make run` serves the app, `make test` runs every test. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Tools installed by scripts/install-tools.sh (npm's wasm-opt must win over any system one).
export PATH := $(CURDIR)/target/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= always
# cargo-leptos passes this to cargo and leptos reads it with option_env!: every cargo command that builds the web
# app must see the same value, or the leptos crates are rebuilt each time we switch between cargo-leptos and plain
# cargo. (todo-mcp does not depend on leptos: this does not touch its build.)
export LEPTOS_OUTPUT_NAME := todo-app

.PHONY: help run build tools test test-rust test-mcp test-api test-e2e test-deploy test-faults lint fmt sqlx-prepare bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

run: ## Install what is missing, start Postgres if needed, build (release) and serve on http://127.0.0.1:3000
	scripts/run.sh

tools: ## Install the build tools (wasm target, cargo-leptos, wasm-bindgen, wasm-opt)
	scripts/install-tools.sh build

build: tools ## Release build, as the Dockerfile's builders run it: target/release/{todo-app,todo-mcp} + target/site/
	scripts/build-release.sh

test: ## Every test: lint, Rust tests, then one release build for MCP conformance, the API schema test, Playwright, deploy checks and fault tests
	scripts/install-tools.sh test
	$(MAKE) lint
	$(MAKE) test-rust
	$(MAKE) build
	$(MAKE) test-mcp
	$(MAKE) test-api
	$(MAKE) test-e2e
	$(MAKE) test-deploy
	$(MAKE) test-faults

test-rust: ## Rust unit + integration tests of every workspace crate against real Postgres (a fresh database per test)
	@admin=$$(scripts/ensure-postgres.sh) && source scripts/lib.sh && drop_stale_test_databases "$$admin" && \
	  TEST_DATABASE_URL="$$admin" cargo test --workspace --features todo-app/ssr
	cargo test -p todo-domain --features tz

test-mcp: ## MCP conformance: the official Python MCP SDK against the release todo-mcp (needs `make build`)
	@admin=$$(scripts/ensure-postgres.sh) && PG_URL="$$admin" scripts/test-mcp-conformance.sh target/release/todo-mcp

test-api: ## REST API vs its OpenAPI document: schemathesis against the release todo-app, no 5xx, bounded (needs `make build`)
	@admin=$$(scripts/ensure-postgres.sh) && PG_URL="$$admin" scripts/test-api-schema.sh

test-e2e: ## Playwright in Chromium against the release build (needs `make build`)
	scripts/e2e.sh

test-deploy: ## Dockerfile/compose/k8s checks, and the release artefacts run as the runtime images lay them out
	scripts/check-deploy.sh
	@admin=$$(scripts/ensure-postgres.sh) && DATABASE_ADMIN_URL="$$admin" scripts/test-runtime-layout.sh

test-faults: ## Postgres restarted, todo-mcp killed, SIGTERM, each under bounded loopback load (~1 min; needs `make build`)
	scripts/test-faults.sh

bench: ## Release build (as make build) + baselines, then load/size/TTI/Lighthouse benchmarks (~6 min): writes BENCHMARKS.md
	scripts/bench.sh

lint: ## rustfmt, cargo-deny (licences, bans, sources), the SQL query cache (.sqlx/) + clippy (every crate's server build, the browser build, todo-mcp's types alone), warnings are errors
	scripts/install-tools.sh lint
	cargo fmt --all -- --check
	@# Licences, banned crates, duplicates, sources (deny.toml): Cargo.lock and the crates it names only; the advisory
	@# check, which needs the RustSec database from the network, is in SECURITY.md.
	cargo fetch --locked --quiet
	cargo deny --offline check --hide-inclusion-graph licenses bans sources
	scripts/check-sqlx.sh
	cargo clippy --workspace --all-targets --features todo-app/ssr -- -D warnings
	cargo clippy -p todo-app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p todo-mcp --lib --no-default-features -- -D warnings
	cargo clippy -p todo-domain --all-targets --features tz,server-fn -- -D warnings
	cargo clippy -p todo-domain --target wasm32-unknown-unknown -- -D warnings

fmt: ## Format the code
	cargo fmt --all

sqlx-prepare: ## Rewrite the SQL query cache .sqlx/ (after changing a query! or adding a migration; commit it)
	scripts/check-sqlx.sh prepare
