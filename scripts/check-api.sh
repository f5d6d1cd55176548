#!/usr/bin/env bash
# The public API of each entry point (".", "./semconv", "./setup", "./codex")
# against its checked-in report in api/, with API Extractor reading the built
# declarations. Fails when an entry point's API differs from its report and
# on any undocumented export (ae-undocumented) or TSDoc error.
# `bash scripts/check-api.sh --update` rewrites the reports after an
# intended change; commit them with it.
# Prints "api: N passed, N failed" (one check per entry point).
set -euo pipefail
cd "$(dirname "$0")/.."

LOCAL=()
if [[ "${1:-}" == "--update" ]]; then LOCAL=(--local); fi

mkdir -p out/api
npm run build >out/api/build.log 2>&1 || { cat out/api/build.log; exit 1; }

passed=0
failed=0
for entry in index semconv setup codex; do
  if npx api-extractor run "${LOCAL[@]}" --config "api/$entry.json" >"out/api/$entry.log" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $entry"
  else
    failed=$((failed + 1))
    echo "FAIL  $entry"
    grep -E 'Error|Warning|changed' "out/api/$entry.log" | sed 's/^/      /'
  fi
done
echo "api: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
