#!/usr/bin/env bash
# Compatibility run: the unit tests on Node 24 (the OTel 3.x line's Node).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/node24.sh npx vitest run --outputFile.json=out/node24-report.json
