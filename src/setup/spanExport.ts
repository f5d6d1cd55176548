/*
 * What setup's tracer provider exports spans with, besides the
 * ReviewEventProcessor: the exporters OTEL_TRACES_EXPORTER names (otlp
 * behind a BatchSpanProcessor tuned by OTEL_BSP_*, console behind a
 * SimpleSpanProcessor, as sdk-node does), then the caller's exporters, and
 * the span limits of OTEL_SPAN_* / OTEL_ATTRIBUTE_*.
 */
import { getNumberFromEnv } from '@opentelemetry/core';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanLimits,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { exporterNames, positiveNumberFromEnv, warnUnsupportedExporter } from './envSettings.js';
import { otlpSpanExporter } from './otlpExporters.js';

export interface SpanExportOptions {
  /** See ReviewTelemetryOptions.otlpEndpoint. */
  otlpEndpoint?: string;
  /** Exporters besides those of the environment, each behind a BatchSpanProcessor. */
  spanExporters?: SpanExporter[];
}

function batched(exporter: SpanExporter): SpanProcessor {
  return new BatchSpanProcessor({
    exporter,
    maxQueueSize: positiveNumberFromEnv('OTEL_BSP_MAX_QUEUE_SIZE'),
    scheduledDelayMillis: positiveNumberFromEnv('OTEL_BSP_SCHEDULE_DELAY'),
    exportTimeoutMillis: positiveNumberFromEnv('OTEL_BSP_EXPORT_TIMEOUT'),
    maxExportBatchSize: positiveNumberFromEnv('OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
  });
}

export function createExportingSpanProcessors(options: SpanExportOptions): SpanProcessor[] {
  const processors: SpanProcessor[] = [];
  for (const name of exporterNames('traces', options.otlpEndpoint !== undefined)) {
    if (name === 'otlp') processors.push(batched(otlpSpanExporter(options.otlpEndpoint)));
    else if (name === 'console') processors.push(new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() }));
    else warnUnsupportedExporter('traces', name, ['otlp', 'console']);
  }
  for (const exporter of options.spanExporters ?? []) processors.push(batched(exporter));
  return processors;
}

/** Span limits from the environment; unset ones keep the SDK's defaults. */
export function spanLimitsFromEnv(): SpanLimits {
  return {
    attributeCountLimit:
      getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT') ?? getNumberFromEnv('OTEL_ATTRIBUTE_COUNT_LIMIT'),
    attributeValueLengthLimit:
      getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT') ??
      getNumberFromEnv('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT'),
    eventCountLimit: getNumberFromEnv('OTEL_SPAN_EVENT_COUNT_LIMIT'),
    linkCountLimit: getNumberFromEnv('OTEL_SPAN_LINK_COUNT_LIMIT'),
    attributePerEventCountLimit: getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT'),
    attributePerLinkCountLimit: getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT'),
  };
}
