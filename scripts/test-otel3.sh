#!/usr/bin/env bash
# Compatibility run on the OpenTelemetry JS 3.x line: a copy of the checkout
# in a temporary folder, whose package.json is rewritten to the versions of
# scripts/otel3-line.json (sdk-trace, sdk-metrics, sdk-logs, core, resources
# 3.x; sdk-node and the exporters 0.301; api 1.10), a fresh `npm install` and
# the typecheck and unit tests of `npm test` on Node 24, which 3.x needs. The copy
# lives outside the checkout, so nothing resolves from its node_modules.
# Writes out/otel3-report.json (vitest's JSON report) and
# out/otel3-npm-ls.txt (which copies of the SDK were installed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
COPY="$(mktemp -d "${TMPDIR:-/tmp}/agent-review-otel3-XXXXXX")"
trap 'rm -rf "$COPY"' EXIT
mkdir -p "$ROOT/out"

NODE_BIN="$(bash scripts/node24-bin.sh)"
export PATH="$NODE_BIN:$PATH"
echo "node $(node --version)"

rm -f "$ROOT/out/otel3-report.json"
# Tracked and new files as they are in the work tree; no node_modules, out or lockfile.
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do [[ -f "$file" ]] && printf '%s\0' "$file"; done |
  tar --null -T - -cf - | tar -xf - -C "$COPY"
rm -f "$COPY/package-lock.json"

# npm's own semver checks the peer ranges.
NPM_DIR="$(dirname "$(readlink -f "$(command -v npm)")")/.."
node scripts/otel3/rewrite-package.mjs "$COPY/package.json" scripts/otel3-line.json "$NPM_DIR"

cd "$COPY"
npm install --no-audit --no-fund >npm-install.log 2>&1 || { cat npm-install.log; exit 1; }
grep -i 'peer' npm-install.log || true
npm ls --all @opentelemetry/sdk-trace @opentelemetry/sdk-metrics @opentelemetry/core >"$ROOT/out/otel3-npm-ls.txt" || true
echo "installed: $(for n in api sdk-trace sdk-metrics core sdk-node; do
  printf '%s@%s ' "$n" "$(node -p "require('./node_modules/@opentelemetry/$n/package.json').version")"
done)"

# `npm test`'s two steps, run apart so that a type error still leaves the test results.
status=0
npx tsc -p tsconfig.json --noEmit || status=$?
npx vitest run || status=$?
if [[ -f out/vitest-report.json ]]; then cp out/vitest-report.json "$ROOT/out/otel3-report.json"; fi
exit "$status"
