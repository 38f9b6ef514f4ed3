# syntax=docker/dockerfile:1
#
# todo-app: one Dockerfile, two images.
#   docker build -t todo-app .                          # web app (default target, the LAST stage)
#   docker build -t todo-mcp --target mcp-server .      # MCP server
#
# Stages:
#   chef         rust + cargo-chef: all todo-mcp needs to build
#   planner      cargo-chef recipe (the dependency skeleton of the workspace's Cargo.toml files and Cargo.lock)
#   mcp-builder  todo-mcp (crates/mcp) with plain `cargo build --release -p todo-mcp`: no wasm target, no
#                cargo-leptos, no wasm-bindgen, no Node (so `--target mcp-server` never builds `tools`)
#   mcp-server   distroless runtime: /app/todo-mcp
#   node         Node.js 20 runtime, copied into `tools` (npm's binaryen ships wasm-opt as a node script)
#   tools        chef + wasm32 target + cargo-leptos (no_downloads) + wasm-bindgen-cli + wasm-opt, installed by
#                scripts/install-tools.sh: changes only when that script or versions.env change
#   builder      cooks dependencies for the web server AND the wasm build (cached across source-only changes),
#                then `cargo leptos build --release --precompress --split` (todo-app and its bundle of islands)
#   app          distroless runtime: /app/todo-app + /app/hash.txt + /app/site  (default target)
#
# Base images are pinned by tag. Pin them by digest too (`image:tag@sha256:...`) where a registry is reachable;
# digests could not be resolved on the machine this file was written on.

ARG RUST_IMAGE=rust:1.95-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/cc-debian12:nonroot

FROM ${RUST_IMAGE} AS chef
ARG CARGO_CHEF_VERSION=0.1.78
RUN cargo install --locked cargo-chef --version "${CARGO_CHEF_VERSION}" \
    && rm -rf "${CARGO_HOME}/registry" "${CARGO_HOME}/git"
# sqlx's query macros read the committed query cache (.sqlx/, in the build context): no database at build time.
# (.cargo/config.toml sets the same; this keeps every builder stage offline even without it.)
ENV SQLX_OFFLINE=true

# ---------------------------------------------------------------------------------------------------------------
FROM chef AS planner
WORKDIR /build
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

# ---------------------------------------------------------------------------------------------------------------
# todo-mcp: a plain cargo build of one workspace member (it depends on todo-domain and todo-store, never on leptos).
FROM chef AS mcp-builder
WORKDIR /build
COPY --from=planner /build/recipe.json recipe.json
RUN cargo chef cook --locked --release --package todo-mcp --recipe-path recipe.json
COPY . .
RUN cargo build --locked --release --package todo-mcp && ls -l target/release/todo-mcp

# ---------------------------------------------------------------------------------------------------------------
# MCP server: `docker build --target mcp-server -t todo-mcp .`
FROM ${RUNTIME_IMAGE} AS mcp-server
WORKDIR /app
COPY --from=mcp-builder /build/target/release/todo-mcp /app/todo-mcp
ENV MCP_BIND=0.0.0.0:8080 \
    LOG_FORMAT=json
# distroless ":nonroot" is uid/gid 65532; numeric so Kubernetes' runAsNonRoot can verify it.
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/app/todo-mcp", "healthcheck"]
ENTRYPOINT ["/app/todo-mcp"]

# ---------------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS node

# ---------------------------------------------------------------------------------------------------------------
FROM chef AS tools
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# Node.js (for npm and binaryen's wasm-opt) from the official image: no apt, nothing unpinned.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
    && node --version && npm --version
# The project's own installer, the same recipe developers and CI use: wasm32 target, npm binaryen (wasm-opt),
# wasm-bindgen-cli pinned to Cargo.lock, cargo-leptos built from its crate with `no_downloads` (so it never
# fetches tools from GitHub at build time). Only these two files are copied, so this slow layer (~30 min on
# 2 cores) is rebuilt only when the tool versions change.
WORKDIR /opt/todo-tools
COPY scripts/install-tools.sh scripts/versions.env scripts/
RUN scripts/install-tools.sh build \
    && rm -rf "${CARGO_HOME}/registry" "${CARGO_HOME}/git" /root/.npm /tmp/*
ENV PATH="/opt/todo-tools/target/tools/node_modules/.bin:${PATH}"
RUN cargo leptos --version && wasm-bindgen --version && wasm-opt --version

# ---------------------------------------------------------------------------------------------------------------
FROM tools AS builder
WORKDIR /build
# cargo-leptos passes LEPTOS_OUTPUT_NAME to cargo; leptos and leptos_config read it with option_env!, so the
# cooked dependencies must see the same value or they are rebuilt. Same value as [package.metadata.leptos].
ENV LEPTOS_OUTPUT_NAME=todo-app
COPY --from=planner /build/recipe.json recipe.json
# Two cooks of the web app's dependencies, one layer (both depend only on the recipe), each with exactly the
# flags cargo-leptos passes:
#  - server binary: `--release --no-default-features --features ssr` into target/
#  - browser bundle: the lib for wasm32 with the wasm-release profile and `hydrate`, into target/front/, with the
#    RUSTFLAGS `cargo leptos build --split` sets for wasm (`-Clink-args=--emit-relocs`; with other flags every
#    dependency would be rebuilt).
RUN cargo chef cook --locked --release --package todo-app --no-default-features --features ssr \
        --recipe-path recipe.json \
    && RUSTFLAGS=-Clink-args=--emit-relocs cargo chef cook --locked --profile wasm-release \
        --target wasm32-unknown-unknown --target-dir target/front \
        --package todo-app --no-default-features --features hydrate --recipe-path recipe.json
COPY . .
# The web-app half of the script `make test` runs before scripts/test-runtime-layout.sh:
#   cargo leptos build --release --precompress --split
# -> target/release/{todo-app,hash.txt} and target/site/ (pkg/: content-hashed WASM/JS/CSS and their .br/.gz
#    siblings)
RUN BUILD_ONLY=app scripts/build-release.sh && ls -l target/site/pkg target/release/hash.txt

# ---------------------------------------------------------------------------------------------------------------
# Web app (default target: keep this stage last).
FROM ${RUNTIME_IMAGE} AS app
WORKDIR /app
COPY --from=builder /build/target/release/todo-app /app/todo-app
# The bundle's content-hashed file names: leptos reads hash.txt beside the binary (LEPTOS_HASH_FILES=true).
COPY --from=builder /build/target/release/hash.txt /app/hash.txt
COPY --from=builder /build/target/site /app/site
ENV LEPTOS_SITE_ADDR=0.0.0.0:3000 \
    LEPTOS_SITE_ROOT=/app/site \
    LEPTOS_HASH_FILES=true \
    LEPTOS_ENV=PROD \
    LOG_FORMAT=json
USER 65532:65532
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/app/todo-app", "healthcheck"]
ENTRYPOINT ["/app/todo-app"]
