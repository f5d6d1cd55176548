#!/usr/bin/env bash
# Live test against the real Codex: installs the pinned @openai/codex outside
# the package's dependencies (cached between runs, ~400 MB), builds the CLI,
# then drives `codex app-server` through our proxy (test-codex/).
set -euo pipefail
cd "$(dirname "$0")/.."

CODEX_VERSION="0.169.0"
PREFIX="${AGENT_REVIEW_CODEX_DIR:-$HOME/.cache/agent-review-telemetry/codex}"
CODEX_BIN="$PREFIX/node_modules/.bin/codex"
if [[ ! -x "$CODEX_BIN" ]] || [[ "$("$CODEX_BIN" --version)" != "codex-cli $CODEX_VERSION" ]]; then
  npm install --no-save --no-audit --no-fund --prefix "$PREFIX" "@openai/codex@$CODEX_VERSION" >/dev/null
fi
"$CODEX_BIN" --version
npm run build >/dev/null
CODEX_BIN="$CODEX_BIN" npx vitest run --config test-codex/vitest.config.ts
