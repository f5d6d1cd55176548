#!/usr/bin/env bash
# Builds (or reuses) the end-to-end pipeline's components:
#   - an OpenTelemetry Collector built with ocb from deploy/builder-config.yaml
#   - Jaeger v2 (cmd/jaeger) built from Go modules
#   - Prometheus + promtool from Debian (/usr/bin/prometheus, /usr/bin/promtool)
#
# Binaries go to a cache folder OUTSIDE the clone, one subfolder per content hash
# of (deploy/builder-config.yaml + the pinned versions below), so fresh clones
# reuse them and a changed manifest or pin rebuilds:
#   ${AGENT_REVIEW_COMPONENTS_DIR:-$HOME/.cache/agent-review-telemetry/components}/<hash>/
#     bin/otelcol-agent-review  bin/jaeger  bin/builder  env  build.log
# The paths are printed as KEY=value lines and written to <hash>/env (source it).
#
# Usage: scripts/build-components.sh [--force]   (--force rebuilds the Go binaries)
# Needs: Go >= 1.25 with the Go module proxy; root (or sudo) for apt-get.
set -euo pipefail

# ---- Pinned versions (part of the cache hash) --------------------------------
# ocb, core and contrib are one release train. v0.161.0 is the newest train for
# which the Go module proxy serves contrib's prometheusexporter (v0.162.0 and
# later answer 403 "not available"); builder and core up to v0.164.0 exist but
# could not be paired with a matching prometheusexporter.
OCB_VERSION="v0.161.0"
# Jaeger v2's module path has no /v2 suffix, so @v2.x tags cannot be fetched.
# The proxy here refuses @main / @<commit> queries (403), so the pin is the last
# dual tag v1.76.0 (= Jaeger v2.13.0, same commit). Its go.mod carries a
# `replace` directive, which makes `go install ...@v1.76.0` refuse; we therefore
# build cmd/jaeger from a generated wrapper module that reuses Jaeger's own
# go.mod requirements, replace and go.sum (identical dependency versions).
JAEGER_MODULE="github.com/jaegertracing/jaeger"
JAEGER_VERSION="v1.76.0"
JAEGER_V2_VERSION="v2.13.0"
PROMETHEUS_DEB_PACKAGE="prometheus"
# Bump to force a rebuild when this script's build steps change.
BUILD_RECIPE="2"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILDER_CONFIG="${REPO_ROOT}/deploy/builder-config.yaml"
CACHE_ROOT="${AGENT_REVIEW_COMPONENTS_DIR:-${HOME}/.cache/agent-review-telemetry/components}"

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[build-components] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v go >/dev/null || die "go is not on PATH (need Go >= 1.25)"
[[ -f "$BUILDER_CONFIG" ]] || die "missing $BUILDER_CONFIG"

HASH="$(
  {
    cat "$BUILDER_CONFIG"
    printf 'ocb=%s\njaeger=%s@%s\nrecipe=%s\n' "$OCB_VERSION" "$JAEGER_MODULE" "$JAEGER_VERSION" "$BUILD_RECIPE"
    go env GOOS GOARCH
  } | sha256sum | cut -c1-16
)"
CACHE_DIR="${CACHE_ROOT}/${HASH}"
BIN_DIR="${CACHE_DIR}/bin"
mkdir -p "$BIN_DIR"
# One build at a time per cache folder (CI and a developer may overlap).
exec 9>"${CACHE_DIR}/.lock"
flock 9

OTELCOL_BIN="${BIN_DIR}/otelcol-agent-review"
JAEGER_BIN="${BIN_DIR}/jaeger"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# ---- 1. OpenTelemetry Collector via ocb --------------------------------------
build_otelcol() {
  local start work
  start=$(date +%s)
  log "building OpenTelemetry Collector (ocb ${OCB_VERSION})"
  GOBIN="$BIN_DIR" go install "go.opentelemetry.io/collector/cmd/builder@${OCB_VERSION}"
  work="${CACHE_DIR}/otelcol-work"
  rm -rf "$work"
  mkdir -p "$work"
  # output_path in the manifest is relative (./otelcol-build), resolved from here.
  # -e lets `go mod tidy` skip test-only dependencies of contrib modules that the
  # proxy does not serve (e.g. fileexporter's tests import otlpencodingextension);
  # the binary itself never needs them, and compilation below proves it.
  # ocb compiles with -trimpath and -ldflags="-s -w" by default.
  # TMPDIR: ocb makes an (unused) /tmp/otelcol-distribution* folder per run; keep it in $work.
  (cd "$work" && TMPDIR="$work" GOFLAGS="${GOFLAGS} -e=true" "${BIN_DIR}/builder" --config="$BUILDER_CONFIG") \
    >"${CACHE_DIR}/otelcol-build.log" 2>&1 \
    || { tail -40 "${CACHE_DIR}/otelcol-build.log" >&2; die "Collector build failed (log: ${CACHE_DIR}/otelcol-build.log)"; }
  mv -f "${work}/otelcol-build/otelcol-agent-review" "${OTELCOL_BIN}.tmp"
  mv -f "${OTELCOL_BIN}.tmp" "$OTELCOL_BIN"
  rm -rf "$work"
  OTELCOL_BUILD_TIME="$(elapsed "$start")"
}

# ---- 2. Jaeger v2 ------------------------------------------------------------
build_jaeger() {
  local start work src
  start=$(date +%s)
  log "building Jaeger ${JAEGER_V2_VERSION} (${JAEGER_MODULE}@${JAEGER_VERSION}, no UI assets)"
  src="$(go mod download -json "${JAEGER_MODULE}@${JAEGER_VERSION}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$src" && -f "${src}/go.mod" ]] || die "could not download ${JAEGER_MODULE}@${JAEGER_VERSION}"
  work="${CACHE_DIR}/jaeger-work"
  rm -rf "$work"
  mkdir -p "$work"
  # Wrapper module = Jaeger's go.mod (requirements + replace) under another name,
  # plus a requirement on Jaeger itself; go.sum is Jaeger's own.
  sed "s#^module ${JAEGER_MODULE}\$#module agentreview.local/jaegerbuild#" "${src}/go.mod" >"${work}/go.mod"
  printf '\nrequire %s %s\n' "$JAEGER_MODULE" "$JAEGER_VERSION" >>"${work}/go.mod"
  cp "${src}/go.sum" "${work}/go.sum"
  chmod u+w "${work}/go.mod" "${work}/go.sum"
  (
    cd "$work"
    go mod download "${JAEGER_MODULE}@${JAEGER_VERSION}" # adds Jaeger's own go.sum lines
    go build -trimpath \
      -ldflags="-s -w -X ${JAEGER_MODULE}/internal/version.latestVersion=${JAEGER_V2_VERSION} -X ${JAEGER_MODULE}/internal/version.commitSHA=${JAEGER_VERSION}" \
      -o "${JAEGER_BIN}.tmp" "${JAEGER_MODULE}/cmd/jaeger"
  ) >"${CACHE_DIR}/jaeger-build.log" 2>&1 \
    || { tail -40 "${CACHE_DIR}/jaeger-build.log" >&2; die "Jaeger build failed (log: ${CACHE_DIR}/jaeger-build.log)"; }
  mv -f "${JAEGER_BIN}.tmp" "$JAEGER_BIN"
  rm -rf "$work"
  JAEGER_BUILD_TIME="$(elapsed "$start")"
}

# ---- 3. Prometheus from Debian ------------------------------------------------
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

install_prometheus() {
  local start policy_added=0 pids
  start=$(date +%s)
  log "installing Prometheus from Debian (apt-get install ${PROMETHEUS_DEB_PACKAGE})"
  # Keep the package's init script/systemd unit from starting a daemon.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "$PROMETHEUS_DEB_PACKAGE" >/dev/null
  if [[ $policy_added -eq 1 ]]; then as_root rm -f /usr/sbin/policy-rc.d; fi
  # Belt and braces: stop a service daemon if one was started anyway (systemd
  # hosts without policy-rc.d support). We only use the binaries.
  if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
    as_root systemctl disable --now prometheus.service >/dev/null 2>&1 || true
  fi
  pids="$(pgrep -u prometheus -x prometheus || true)"
  if [[ -n "$pids" ]]; then
    log "stopping packaged prometheus daemon (pid ${pids//$'\n'/ })"
    # shellcheck disable=SC2086
    as_root kill $pids || true
  fi
  PROMETHEUS_INSTALL_TIME="$(elapsed "$start")"
}

OTELCOL_BUILD_TIME="cached"
JAEGER_BUILD_TIME="cached"
PROMETHEUS_INSTALL_TIME="already installed"

if [[ $FORCE -eq 1 || ! -x "$OTELCOL_BIN" ]]; then build_otelcol; fi
if [[ $FORCE -eq 1 || ! -x "$JAEGER_BIN" ]]; then build_jaeger; fi
if [[ ! -x /usr/bin/prometheus || ! -x /usr/bin/promtool ]]; then install_prometheus; fi

"$OTELCOL_BIN" --version >/dev/null || die "$OTELCOL_BIN does not run"
/usr/bin/prometheus --version >/dev/null 2>&1 || die "/usr/bin/prometheus does not run"

cat >"${CACHE_DIR}/env.tmp" <<EOF
# Written by scripts/build-components.sh (hash ${HASH}); source this file.
OTELCOL=${OTELCOL_BIN}
JAEGER=${JAEGER_BIN}
PROMETHEUS=/usr/bin/prometheus
PROMTOOL=/usr/bin/promtool
COMPONENTS_DIR=${CACHE_DIR}
EOF
mv -f "${CACHE_DIR}/env.tmp" "${CACHE_DIR}/env"

log "otelcol build time:    ${OTELCOL_BUILD_TIME}"
log "jaeger build time:     ${JAEGER_BUILD_TIME}"
log "prometheus install:    ${PROMETHEUS_INSTALL_TIME}"
log "env file:              ${CACHE_DIR}/env"
grep -v '^#' "${CACHE_DIR}/env"
echo "COMPONENTS_ENV=${CACHE_DIR}/env"
