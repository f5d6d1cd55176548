#!/usr/bin/env bash
# Mutation testing of src/ with the unit suite (StrykerJS needs Node >= 22,
# so it runs on Node 24). Extra arguments go to Stryker, e.g.
# `npm run test:mutation -- --mutate src/sinks/OtlpLogRowSink.ts`.
# Reports: out/mutation/mutation.json and out/mutation/report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p out/mutation
NODE_BIN="$(bash scripts/node24-bin.sh)"
echo "node $("$NODE_BIN/node" --version)"
PATH="$NODE_BIN:$PATH" npx stryker run "$@" 2>&1 | tee out/mutation/report.txt
