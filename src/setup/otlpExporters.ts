/*
 * OTLP exporters per signal in the protocol the environment asks for.
 * Without an explicit endpoint the exporters take theirs from
 * OTEL_EXPORTER_OTLP_<SIGNAL>_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT (+
 * /v1/<signal>), default http://localhost:4318; headers, timeout and
 * compression come from their own OTEL_EXPORTER_OTLP_* variables either way.
 */
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { otlpProtocolFromEnv, type Signal, signalUrl } from './envSettings.js';

/** An endpoint given in code is a base URL, as OTEL_EXPORTER_OTLP_ENDPOINT is. */
function urlConfig(endpoint: string | undefined, signal: Signal): { url?: string } {
  return endpoint === undefined ? {} : { url: signalUrl(endpoint, signal) };
}

export function otlpSpanExporter(endpoint: string | undefined): SpanExporter {
  const config = urlConfig(endpoint, 'traces');
  return otlpProtocolFromEnv('traces') === 'http/json'
    ? new JsonTraceExporter(config)
    : new ProtobufTraceExporter(config);
}

export function otlpMetricExporter(endpoint: string | undefined): PushMetricExporter {
  const config = urlConfig(endpoint, 'metrics');
  return otlpProtocolFromEnv('metrics') === 'http/json'
    ? new JsonMetricExporter(config)
    : new ProtobufMetricExporter(config);
}

export function otlpLogExporter(endpoint: string | undefined): LogRecordExporter {
  const config = urlConfig(endpoint, 'logs');
  return otlpProtocolFromEnv('logs') === 'http/json'
    ? new JsonLogExporter(config)
    : new ProtobufLogExporter(config);
}
