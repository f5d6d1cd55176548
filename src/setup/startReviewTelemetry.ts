/*
 * SDK wiring in one call: a tracer provider with the ReviewEventProcessor,
 * row sinks, a meter provider, and OTLP/HTTP or Prometheus export when
 * asked. Nothing is registered globally; the caller owns the result.
 */
import { type Attributes, diag } from '@opentelemetry/api';
import { BindOnceFuture, getStringFromEnv, unrefTimer } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  type IMetricReader,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { ReviewTracer } from '../instrumentation/ReviewTracer.js';
import {
  ReviewEventProcessor,
  type ReviewEventProcessorConfig,
} from '../processor/ReviewEventProcessor.js';
import { JsonlFileRowSink } from '../sinks/JsonlFileRowSink.js';
import { OtlpLogRowSink } from '../sinks/OtlpLogRowSink.js';
import type { RowSink } from '../rows/RowSink.js';
import { shutdownOnExit } from './exitHooks.js';

export interface ReviewTelemetryOptions {
  /** `service.name`. Default: `OTEL_SERVICE_NAME`, else `agent-review-telemetry`. */
  serviceName?: string;
  resourceAttributes?: Attributes;
  /** Write rows to this JSONL file. Default: no file. */
  rowsFile?: string;
  /** Empty the rows file first. Default: false (append). */
  truncateRowsFile?: boolean;
  /**
   * OTLP/HTTP base URL for traces, metrics and (with `rowsAsOtlpLogs`) rows.
   * Default: `OTEL_EXPORTER_OTLP_ENDPOINT`; unset means no OTLP export.
   */
  otlpEndpoint?: string;
  /** Also send rows as OTLP log records. Default: false. Needs an OTLP endpoint. */
  rowsAsOtlpLogs?: boolean;
  /** Serve metrics for Prometheus to scrape. Default: off. */
  prometheus?: { host?: string; port?: number };
  /** OTLP metric export interval in ms. Default: 5000. */
  metricExportIntervalMillis?: number;
  /** Span exporters besides OTLP (each behind a BatchSpanProcessor). */
  spanExporters?: SpanExporter[];
  /** Extra row sinks (e.g. an InMemoryRowSink). */
  rowSinks?: RowSink[];
  /** See ReviewTracerConfig.recordContent; the processor follows the same setting. */
  recordContent?: boolean;
  processor?: Omit<ReviewEventProcessorConfig, 'sinks' | 'meterProvider'>;
  /**
   * Shut down (flushing rows, spans, logs and metrics) on SIGTERM, SIGINT
   * and `beforeExit`, so the last rows are not lost when the process ends.
   * After a signal, the signal is raised again when nothing else listens for
   * it. Default: true.
   */
  shutdownOnExit?: boolean;
  /** Longest `shutdown()` waits for everything to flush, in ms. Default: 30000. */
  shutdownTimeoutMillis?: number;
}

export interface ReviewTelemetry {
  readonly reviews: ReviewTracer;
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  readonly processor: ReviewEventProcessor;
  /** Where Prometheus can scrape, when serving. */
  readonly prometheusUrl: string | undefined;
  forceFlush(): Promise<void>;
  /** Flushes rows, spans, logs and metrics, then stops everything. Once only. */
  shutdown(): Promise<void>;
}

/** Runs `work`, giving up (with a diag warning) after `millis`. */
async function withTimeout(millis: number, work: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>(resolve => {
    timer = setTimeout(() => {
      diag.warn(`agent-review-telemetry: shutdown did not finish within ${millis} ms; giving up`);
      resolve();
    }, millis);
    unrefTimer(timer);
  });
  try {
    await Promise.race([work(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function signalUrl(base: string, signal: 'traces' | 'metrics' | 'logs'): string {
  return `${base.replace(/\/+$/, '')}/v1/${signal}`;
}

/** The resource everything carries: the SDK's defaults, `service.name` and the caller's attributes. */
export function reviewTelemetryResource(
  options: Pick<ReviewTelemetryOptions, 'serviceName' | 'resourceAttributes'> = {}
): Resource {
  return defaultResource().merge(
    resourceFromAttributes({
      [ATTR_SERVICE_NAME]:
        options.serviceName ?? getStringFromEnv('OTEL_SERVICE_NAME') ?? 'agent-review-telemetry',
      ...options.resourceAttributes,
    })
  );
}

export function startReviewTelemetry(options: ReviewTelemetryOptions = {}): ReviewTelemetry {
  const resource = reviewTelemetryResource(options);
  const otlpEndpoint = options.otlpEndpoint ?? getStringFromEnv('OTEL_EXPORTER_OTLP_ENDPOINT');

  const readers: IMetricReader[] = [];
  let prometheusUrl: string | undefined;
  if (options.prometheus) {
    const host = options.prometheus.host ?? '127.0.0.1';
    const port = options.prometheus.port ?? 9464;
    readers.push(new PrometheusExporter({ host, port }));
    prometheusUrl = `http://${host}:${port}/metrics`;
  }
  if (otlpEndpoint) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: signalUrl(otlpEndpoint, 'metrics') }),
        exportIntervalMillis: options.metricExportIntervalMillis ?? 5000,
        exportTimeoutMillis: Math.min(options.metricExportIntervalMillis ?? 5000, 30000),
      })
    );
  }
  const meterProvider = new MeterProvider({ resource, readers });

  const sinks: RowSink[] = [...(options.rowSinks ?? [])];
  if (options.rowsFile) {
    sinks.push(
      new JsonlFileRowSink({ path: options.rowsFile, truncate: options.truncateRowsFile })
    );
  }
  if (options.rowsAsOtlpLogs && otlpEndpoint) {
    // Rows are batched by the processor and exported as they are, so the
    // exporter's failures are counted on agent_review.processor.rows.dropped.
    const exporter = new OTLPLogExporter({ url: signalUrl(otlpEndpoint, 'logs') });
    sinks.push(new OtlpLogRowSink({ exporter, resource }));
  }

  const processor = new ReviewEventProcessor({
    recordContent: options.recordContent,
    ...options.processor,
    sinks,
    meterProvider,
  });
  const spanProcessors: SpanProcessor[] = [processor];
  const spanExporters = [...(options.spanExporters ?? [])];
  if (otlpEndpoint) {
    spanExporters.push(new OTLPTraceExporter({ url: signalUrl(otlpEndpoint, 'traces') }));
  }
  for (const exporter of spanExporters) spanProcessors.push(new BatchSpanProcessor(exporter));
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors });
  const reviews = new ReviewTracer({ tracerProvider, recordContent: options.recordContent });

  // Spans first (their processor writes the rows), then metrics.
  const forceFlush = async () => {
    await tracerProvider.forceFlush();
    await meterProvider.forceFlush();
  };
  const shutdownTimeoutMillis = options.shutdownTimeoutMillis ?? 30000;
  let unhook = () => {};
  const shutdownOnce = new BindOnceFuture<void>(async () => {
    unhook();
    await withTimeout(shutdownTimeoutMillis, async () => {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    });
  }, undefined);
  if (options.shutdownOnExit ?? true) unhook = shutdownOnExit(() => shutdownOnce.call());

  return {
    reviews,
    tracerProvider,
    meterProvider,
    processor,
    prometheusUrl,
    forceFlush,
    shutdown: () => shutdownOnce.call(),
  };
}
