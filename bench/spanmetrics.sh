#!/usr/bin/env bash
# CPU per 100k spans of the Collector's spanmetrics connector against our
# processor, same spans, same run (bench/spanmetrics.ts does the measuring).
#
#   bash bench/spanmetrics.sh        # SPANMETRICS_ROUNDS=3 by default
#
# The Collector is the e2e one (scripts/build-components.sh, which builds it
# with the connector or reuses its cache), with this pipeline:
#   traces:  otlp receiver -> spanmetrics connector
#   metrics: spanmetrics connector -> prometheus exporter (read to see every span counted)
# Every listener is on 127.0.0.1, on ports the kernel picks free.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(bash scripts/build-components.sh | grep '^OTELCOL=')"
work="$(mktemp -d)"
collector_pid=""
cleanup() {
  if [[ -n "$collector_pid" ]]; then kill "$collector_pid" 2>/dev/null || true; wait "$collector_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
otlp_port="$(free_port)"
scrape_port="$(free_port)"
telemetry_port="$(free_port)"

cat >"$work/config.yaml" <<EOF
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:${otlp_port}
connectors:
  spanmetrics:
    # Request counts and latency histograms per service, span name, kind and
    # status, plus two review attributes, as one would configure it for reviews.
    dimensions:
      - name: agent_review.reviewer
      - name: gen_ai.request.model
    metrics_flush_interval: 1s
exporters:
  prometheus:
    endpoint: 127.0.0.1:${scrape_port}
    translation_strategy: UnderscoreEscapingWithSuffixes
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [spanmetrics]
    metrics:
      receivers: [spanmetrics]
      exporters: [prometheus]
  telemetry:
    metrics:
      readers:
        - pull:
            exporter:
              prometheus:
                host: 127.0.0.1
                port: ${telemetry_port}
EOF

"$OTELCOL" --config="$work/config.yaml" >"$work/collector.log" 2>&1 &
collector_pid=$!
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:${scrape_port}/metrics" >/dev/null; then break; fi
  if ! kill -0 "$collector_pid" 2>/dev/null; then cat "$work/collector.log" >&2; echo "the Collector did not start" >&2; exit 1; fi
  sleep 0.1
done
echo "Collector $("$OTELCOL" --version) (pid ${collector_pid}), load average $(cut -d' ' -f1-3 /proc/loadavg)"

SPANMETRICS_OTLP_URL="http://127.0.0.1:${otlp_port}/v1/traces" \
SPANMETRICS_PID="$collector_pid" \
SPANMETRICS_SCRAPE_URL="http://127.0.0.1:${scrape_port}/metrics" \
SPANMETRICS_CLK_TCK="$(getconf CLK_TCK)" \
  node --expose-gc --import tsx bench/spanmetrics.ts
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
