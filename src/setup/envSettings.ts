/*
 * The OTEL_* settings setup chooses components by, read the way
 * @opentelemetry/sdk-node 0.223 reads them (its helpers are internal, and
 * NodeSDK takes either its own env-built span processors, readers and
 * sampler or ours, never both). Endpoints, headers, timeouts and
 * compression are not read here: the OTLP exporters read those themselves.
 */
import { diag } from '@opentelemetry/api';
import { getNumberFromEnv, getStringFromEnv, getStringListFromEnv } from '@opentelemetry/core';

export type Signal = 'traces' | 'metrics' | 'logs';
export type OtlpProtocol = 'http/protobuf' | 'http/json';

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json'];

/**
 * OTEL_EXPORTER_OTLP_<SIGNAL>_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL,
 * else http/protobuf (sdk-node's default). gRPC is not offered here.
 */
export function otlpProtocolFromEnv(signal: Signal): OtlpProtocol {
  const protocol = (
    getStringFromEnv(`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_PROTOCOL`) ??
    getStringFromEnv('OTEL_EXPORTER_OTLP_PROTOCOL') ??
    'http/protobuf'
  ).trim();
  if (PROTOCOLS.includes(protocol)) return protocol as OtlpProtocol;
  diag.warn(
    `agent-review-telemetry: OTLP ${signal} protocol "${protocol}" is not supported (${PROTOCOLS.join(', ')}); using http/protobuf`
  );
  return 'http/protobuf';
}

/** The URL of a signal under an OTLP base endpoint (given in code, or OTEL_EXPORTER_OTLP_ENDPOINT): `{base}/v1/{signal}`. */
export function signalUrl(base: string, signal: Signal): string {
  return `${base.replace(/\/+$/, '')}/v1/${signal}`;
}

/** Whether an OTLP endpoint is configured for the signal: per-signal or shared. */
function otlpEndpointInEnv(signal: Signal): boolean {
  return (
    getStringFromEnv(`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`) !== undefined ||
    getStringFromEnv('OTEL_EXPORTER_OTLP_ENDPOINT') !== undefined
  );
}

/**
 * The exporters OTEL_<SIGNAL>_EXPORTER names; `none` means none. Unset, it
 * means `otlp` when an endpoint is configured for the signal, else none:
 * unlike sdk-node, nothing is sent to localhost:4318 unasked.
 * `explicitEndpoint` (the otlpEndpoint option) adds `otlp` in any case.
 */
export function exporterNames(signal: Signal, explicitEndpoint: boolean): string[] {
  const variable = `OTEL_${signal.toUpperCase()}_EXPORTER`;
  let names = [...new Set(getStringListFromEnv(variable) ?? [])];
  if (names.length === 0 && otlpEndpointInEnv(signal)) names = ['otlp'];
  if (names.includes('none')) {
    if (names.length > 1) diag.warn(`agent-review-telemetry: ${variable} lists "none" with other exporters; exporting nothing`);
    names = [];
  }
  return explicitEndpoint && !names.includes('otlp') ? [...names, 'otlp'] : names;
}

/** Says that OTEL_<SIGNAL>_EXPORTER names an exporter setup does not build. */
export function warnUnsupportedExporter(signal: Signal, name: string, supported: string[]): void {
  diag.warn(
    `agent-review-telemetry: OTEL_${signal.toUpperCase()}_EXPORTER value "${name}" is not supported (${supported.join(', ')}, none); ignored`
  );
}

/** A number variable that must be above 0; otherwise (with a warning) undefined, so the default applies. */
export function positiveNumberFromEnv(name: string): number | undefined {
  const value = getNumberFromEnv(name);
  if (value === undefined || value > 0) return value;
  diag.warn(`agent-review-telemetry: ${name} (${value}) must be greater than 0; using the default`);
  return undefined;
}
