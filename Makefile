# todo-app — `make run` serves the app, `make test` runs every test. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Tools installed by scripts/install-tools.sh (npm's wasm-opt must win over any system one).
export PATH := $(CURDIR)/target/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= always

.PHONY: help run build tools test test-rust test-e2e lint fmt clean-db bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: ## Install what is missing, start Postgres if needed, build (release) and serve on http://127.0.0.1:3000
	scripts/run.sh

tools: ## Install the build tools (wasm target, cargo-leptos, wasm-bindgen, wasm-opt)
	scripts/install-tools.sh build

build: tools ## Release build: target/release/todo-app + target/site/
	cargo leptos build --release --precompress

test: ## Every test: lint, Rust unit + integration tests, then the release build under Playwright
	scripts/install-tools.sh test
	$(MAKE) lint
	$(MAKE) test-rust
	$(MAKE) build
	$(MAKE) test-e2e

test-rust: ## Rust unit + integration tests against real Postgres (a fresh database per test)
	@admin=$$(scripts/ensure-postgres.sh) && source scripts/lib.sh && drop_stale_test_databases "$$admin" && \
	  TEST_DATABASE_URL="$$admin" cargo test --features ssr

test-e2e: ## Playwright in Chromium against the release build (needs `make build`)
	scripts/e2e.sh

bench: ## Release build, then load/size/TTI benchmarks (~5 min): prints a table, writes BENCHMARKS.md
	scripts/bench.sh

lint: ## rustfmt + clippy (server and browser builds), warnings are errors
	cargo fmt --all -- --check
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

fmt: ## Format the code
	cargo fmt --all
