#!/usr/bin/env bash
# End-to-end self-check of the pipeline components (no plugin code involved):
#   Jaeger v2 (deploy/jaeger-config.yaml), the Collector (collector-config.yaml)
#   and Prometheus (deploy/prometheus.yml), all on 127.0.0.1.
# Sends one OTLP/HTTP JSON trace, one metrics request and one log record to the
# Collector with curl, then checks: the trace in Jaeger (/api/v3), the metrics in
# Prometheus (/api/v1/query) and the log record in the file exporter's output.
# Everything started here is stopped on exit (success or failure).
#
# Usage: scripts/smoke-components.sh
#   COMPONENTS_ENV=<cache>/env  use that env file instead of running build-components.sh
#   SMOKE_KEEP_TMP=1            keep the temp folder (logs, rows file, TSDB)
# Ports: Collector 4317/4318 (OTLP), 8888 (self metrics), 8889 (prometheus exporter);
#        Jaeger 14317/14318 (OTLP), 16686/16685 (query), 13133/13132 (health), 14269 (metrics);
#        Prometheus 9090.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

log() { printf '[smoke] %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

for tool in curl jq; do
  command -v "$tool" >/dev/null || fail "$tool is required (apt-get install -y $tool)"
done

# ---- components -----------------------------------------------------------
if [[ -z "${COMPONENTS_ENV:-}" ]]; then
  COMPONENTS_ENV="$("$REPO_ROOT/scripts/build-components.sh" | sed -n 's/^COMPONENTS_ENV=//p')"
fi
[[ -f "$COMPONENTS_ENV" ]] || fail "env file not found: ${COMPONENTS_ENV}"
# shellcheck disable=SC1090
source "$COMPONENTS_ENV"
for bin in "$OTELCOL" "$JAEGER" "$PROMETHEUS" "$PROMTOOL"; do
  [[ -x "$bin" ]] || fail "missing binary: $bin"
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/agent-review-smoke.XXXXXX")"
PIDS=()
NAMES=()
PASSED=0

cleanup() {
  local rc=$? i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    if kill -0 "${PIDS[$i]}" 2>/dev/null; then
      kill -TERM "${PIDS[$i]}" 2>/dev/null || true
    fi
  done
  for i in "${!PIDS[@]}"; do
    # Wait up to 10s for a clean shutdown, then force it.
    for _ in $(seq 1 100); do kill -0 "${PIDS[$i]}" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "${PIDS[$i]}" 2>/dev/null; then
      log "${NAMES[$i]} (pid ${PIDS[$i]}) did not stop; killing"
      kill -KILL "${PIDS[$i]}" 2>/dev/null || true
    fi
    wait "${PIDS[$i]}" 2>/dev/null || true
  done
  if [[ $PASSED -ne 1 ]]; then
    for f in "$TMP"/*.log; do
      [[ -f "$f" ]] || continue
      log "---- last lines of $(basename "$f") ----"
      tail -n 25 "$f" >&2 || true
    done
  fi
  if [[ "${SMOKE_KEEP_TMP:-0}" == "1" || $PASSED -ne 1 ]]; then
    log "temp folder kept: $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 4317 4318 8888 8889 9090 13132 13133 14269 14317 14318 16685 16686; do
  port_free "$port" || fail "127.0.0.1:${port} is already in use; stop whatever listens there first"
done

start() { # name, command...
  local name=$1
  shift
  "$@" >"${TMP}/${name}.log" 2>&1 &
  PIDS+=("$!")
  NAMES+=("$name")
  log "started ${name} (pid $!)"
}

wait_for() { # description, timeout seconds, command...
  local what=$1 timeout=$2 i
  shift 2
  for ((i = 0; i < timeout * 4; i++)); do
    if "$@" >/dev/null 2>&1; then
      log "ok: ${what}"
      return 0
    fi
    # Fail fast if a component died.
    local j
    for j in "${!PIDS[@]}"; do
      kill -0 "${PIDS[$j]}" 2>/dev/null || fail "${NAMES[$j]} exited early (see its log)"
    done
    sleep 0.25
  done
  fail "timed out after ${timeout}s waiting for: ${what}"
}

# ---- config checks ----------------------------------------------------------
"$OTELCOL" validate --config=collector-config.yaml || fail "collector-config.yaml does not validate"
log "ok: otelcol validate --config=collector-config.yaml"
"$JAEGER" validate --config=deploy/jaeger-config.yaml >/dev/null 2>&1 || fail "deploy/jaeger-config.yaml does not validate"
"$PROMTOOL" check config deploy/prometheus.yml >/dev/null || fail "promtool check config deploy/prometheus.yml"
log "ok: jaeger validate, promtool check config"

# ---- start --------------------------------------------------------------
ROWS_FILE="${TMP}/collector-rows.jsonl"
start jaeger "$JAEGER" --config=deploy/jaeger-config.yaml
wait_for "Jaeger query API (GET /api/v3/services)" 60 \
  curl -fsS http://127.0.0.1:16686/api/v3/services

start otelcol env OTELCOL_ROWS_FILE="$ROWS_FILE" "$OTELCOL" --config=collector-config.yaml
wait_for "Collector OTLP/HTTP port 4318" 60 bash -c '(exec 3<>/dev/tcp/127.0.0.1/4318)'
wait_for "Collector self metrics (127.0.0.1:8888/metrics)" 30 curl -fsS http://127.0.0.1:8888/metrics

start prometheus "$PROMETHEUS" --config.file=deploy/prometheus.yml \
  --storage.tsdb.path="${TMP}/prometheus-data" --web.listen-address=127.0.0.1:9090
wait_for "Prometheus ready (GET /-/ready)" 60 curl -fsS http://127.0.0.1:9090/-/ready

# ---- send telemetry ----------------------------------------------------------
RUN_ID="$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
SERVICE="agent-review-smoke-${RUN_ID}"
TRACE_ID="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
SPAN_ID="$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
NOW_NS="$(date +%s%N)"
START_NS=$((NOW_NS - 250000000))
RESOURCE='{"attributes":[{"key":"service.name","value":{"stringValue":"'"$SERVICE"'"}}]}'
SCOPE='{"name":"agent-review-smoke","version":"0.0.0"}'

post() { # path, json
  local code
  code="$(curl -sS -o "${TMP}/response.json" -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data "$2" "http://127.0.0.1:4318$1")"
  [[ "$code" == "200" ]] || fail "POST $1 answered HTTP ${code}: $(cat "${TMP}/response.json")"
  log "ok: POST $1 -> 200 $(cat "${TMP}/response.json")"
}

post /v1/traces '{"resourceSpans":[{"resource":'"$RESOURCE"',"scopeSpans":[{"scope":'"$SCOPE"',"spans":[{
  "traceId":"'"$TRACE_ID"'","spanId":"'"$SPAN_ID"'","name":"smoke.review","kind":1,
  "startTimeUnixNano":"'"$START_NS"'","endTimeUnixNano":"'"$NOW_NS"'",
  "attributes":[{"key":"smoke.run_id","value":{"stringValue":"'"$RUN_ID"'"}}],
  "status":{"code":1}}]}]}]}'

post /v1/metrics '{"resourceMetrics":[{"resource":'"$RESOURCE"',"scopeMetrics":[{"scope":'"$SCOPE"',"metrics":[
  {"name":"smoke.tool_calls","unit":"{call}","description":"smoke counter",
   "sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[{
     "attributes":[{"key":"smoke.run_id","value":{"stringValue":"'"$RUN_ID"'"}}],
     "startTimeUnixNano":"'"$START_NS"'","timeUnixNano":"'"$NOW_NS"'","asInt":"3"}]}},
  {"name":"smoke.turn.duration","unit":"ms","description":"smoke histogram",
   "histogram":{"aggregationTemporality":2,"dataPoints":[{
     "attributes":[{"key":"smoke.run_id","value":{"stringValue":"'"$RUN_ID"'"}}],
     "startTimeUnixNano":"'"$START_NS"'","timeUnixNano":"'"$NOW_NS"'",
     "count":"2","sum":300,"bucketCounts":["0","1","1"],"explicitBounds":[100,200]}]}}]}]}]}'

post /v1/logs '{"resourceLogs":[{"resource":'"$RESOURCE"',"scopeLogs":[{"scope":'"$SCOPE"',"logRecords":[{
  "timeUnixNano":"'"$NOW_NS"'","observedTimeUnixNano":"'"$NOW_NS"'",
  "severityNumber":9,"severityText":"INFO","eventName":"smoke.row",
  "body":{"stringValue":"smoke row '"$RUN_ID"'"},
  "attributes":[{"key":"smoke.run_id","value":{"stringValue":"'"$RUN_ID"'"}},
                {"key":"smoke.count","value":{"intValue":"3"}}],
  "traceId":"'"$TRACE_ID"'","spanId":"'"$SPAN_ID"'"}]}]}]}'

# ---- verify: Jaeger ----------------------------------------------------------
jaeger_has_service() {
  curl -fsS http://127.0.0.1:16686/api/v3/services | jq -e --arg s "$SERVICE" '.services | index($s) != null'
}
wait_for "Jaeger /api/v3/services lists ${SERVICE}" 30 jaeger_has_service

TIME_MIN="$(date -u -d "@$(( NOW_NS / 1000000000 - 300 ))" +%Y-%m-%dT%H:%M:%SZ)"
TIME_MAX="$(date -u -d "@$(( NOW_NS / 1000000000 + 300 ))" +%Y-%m-%dT%H:%M:%SZ)"
jaeger_finds_trace() {
  # /api/v3/traces returns OTLP JSON ({"result":{"resourceSpans":[...]}}) with hex
  # traceId. query.num_traces is required here: without it Jaeger answers 500
  # "search depth must be greater than 0 and less than max traces".
  curl -fsS -G http://127.0.0.1:16686/api/v3/traces \
    --data-urlencode "query.service_name=${SERVICE}" \
    --data-urlencode "query.num_traces=20" \
    --data-urlencode "query.start_time_min=${TIME_MIN}" \
    --data-urlencode "query.start_time_max=${TIME_MAX}" \
    | jq -e --arg t "$TRACE_ID" '[.result.resourceSpans[].scopeSpans[].spans[] | select((.traceId | ascii_downcase) == $t)] | length == 1'
}
wait_for "Jaeger /api/v3/traces?query.service_name=... finds trace ${TRACE_ID}" 20 jaeger_finds_trace
jaeger_get_trace() {
  curl -fsS "http://127.0.0.1:16686/api/v3/traces/${TRACE_ID}" \
    | jq -e '.result.resourceSpans[0].scopeSpans[0].spans[0].name == "smoke.review"'
}
wait_for "Jaeger /api/v3/traces/${TRACE_ID}" 10 jaeger_get_trace

# ---- verify: Prometheus -------------------------------------------------------
prom_has() { # promql
  curl -fsS -G http://127.0.0.1:9090/api/v1/query --data-urlencode "query=$1" \
    | jq -e '.status == "success" and (.data.result | length) > 0'
}
COUNTER_Q="smoke_tool_calls_total{smoke_run_id=\"${RUN_ID}\"}"
HIST_Q="smoke_turn_duration_milliseconds_count{smoke_run_id=\"${RUN_ID}\"}"
wait_for "Prometheus has ${COUNTER_Q}" 30 prom_has "$COUNTER_Q"
wait_for "Prometheus has ${HIST_Q}" 10 prom_has "$HIST_Q"
log "Prometheus series for this run:"
curl -fsS -G http://127.0.0.1:9090/api/v1/query \
  --data-urlencode "query={smoke_run_id=\"${RUN_ID}\"}" \
  | jq -r '.data.result[] | "  \(.metric.__name__) \(.metric | del(.__name__) | tojson) = \(.value[1])"' >&2
prom_up() { curl -fsS -G http://127.0.0.1:9090/api/v1/query --data-urlencode 'query=up{job="otel-collector"} == 1' | jq -e '(.data.result | length) == 1'; }
wait_for 'Prometheus up{job="otel-collector"} == 1' 10 prom_up

# ---- verify: file exporter ---------------------------------------------------
file_has_log() {
  [[ -s "$ROWS_FILE" ]] || return 1
  jq -e -s --arg r "$RUN_ID" \
    '[.[].resourceLogs[].scopeLogs[].logRecords[] | select(.body.stringValue == ("smoke row " + $r))] | length == 1' \
    "$ROWS_FILE"
}
wait_for "file exporter wrote the log record to ${ROWS_FILE}" 20 file_has_log

PASSED=1
log "PASS: trace -> Jaeger, metrics -> Prometheus, log -> ${ROWS_FILE}"
echo "smoke-components: PASS"
