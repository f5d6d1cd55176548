#!/usr/bin/env bash
# npm run test:e2e: build (or reuse) the real Collector, Jaeger and Prometheus,
# then run the end-to-end tests against them (e2e/globalSetup.ts starts them
# on 127.0.0.1 and stops them at the end, on failure too).
set -euo pipefail
cd "$(dirname "$0")/.."

# The compose file is checked with `docker-compose config` (Debian's docker-compose).
if ! command -v docker-compose >/dev/null; then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

COMPONENTS_ENV="$(bash scripts/build-components.sh | sed -n 's/^COMPONENTS_ENV=//p')"
export COMPONENTS_ENV
exec npx vitest run --config e2e/vitest.config.ts
