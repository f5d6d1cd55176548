#!/usr/bin/env bash
# npm run test:e2e: build (or reuse) the real Collector, Jaeger and Prometheus,
# then run the end-to-end tests against them (e2e/globalSetup.ts starts them
# on 127.0.0.1 and stops them at the end, on failure too).
set -euo pipefail
cd "$(dirname "$0")/.."

COMPONENTS_ENV="$(bash scripts/build-components.sh | sed -n 's/^COMPONENTS_ENV=//p')"
export COMPONENTS_ENV
exec npx vitest run --config e2e/vitest.config.ts
