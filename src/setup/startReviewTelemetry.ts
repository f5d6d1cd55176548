/*
 * SDK wiring in one call: a tracer provider with the ReviewEventProcessor,
 * row sinks, a meter provider, and exporters chosen by the options and the
 * standard OTEL_* environment, the way @opentelemetry/sdk-node chooses
 * them (docs/configuration.md lists every variable). Nothing is registered
 * globally; the caller owns the result.
 */
import { diag } from '@opentelemetry/api';
import { BindOnceFuture, getBooleanFromEnv } from '@opentelemetry/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { AlwaysOffSampler, type Sampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { ReviewTracer } from '../instrumentation/ReviewTracer.js';
import {
  ReviewEventProcessor,
  type ReviewEventProcessorConfig,
} from '../processor/ReviewEventProcessor.js';
import { shutdownOnExit } from './exitHooks.js';
import { ReviewMetricProducers } from '../metrics/ReviewMetricProducers.js';
import { createMetricReaders, type MetricReaderOptions } from './metricReaders.js';
import { createRowSinks, type RowSinkOptions } from './rowSinks.js';
import { recordingSampler } from './sampler.js';
import { createExportingSpanProcessors, type SpanExportOptions, spanLimitsFromEnv } from './spanExport.js';
import { type ResourceOptions, telemetryResource } from './telemetryResource.js';

/** Options of startReviewTelemetry; each falls back to the OTEL_* environment as docs/configuration.md lists. */
export interface ReviewTelemetryOptions
  extends ResourceOptions, RowSinkOptions, MetricReaderOptions, SpanExportOptions {
  /**
   * OTLP/HTTP base URL for traces, metrics and (with `rowsAsOtlpLogs`) rows,
   * `/v1/<signal>` appended. Over every OTEL_EXPORTER_OTLP_*ENDPOINT, and it
   * turns OTLP on for each signal even when OTEL_<SIGNAL>_EXPORTER is none.
   * Default: the environment's endpoints, else http://localhost:4318.
   */
  otlpEndpoint?: string;
  /**
   * Decides which spans are exported. Default: OTEL_TRACES_SAMPLER (and
   * _ARG), else parent-based always-on. Spans it drops are still recorded,
   * so rows and metrics count every review.
   */
  sampler?: Sampler;
  /** See ReviewTracerConfig.recordContent; the processor follows the same setting. */
  recordContent?: boolean;
  /** Options of the ReviewEventProcessor it makes, but its sinks and MeterProvider. */
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

/** What startReviewTelemetry made; the caller owns it and shuts it down. */
export interface ReviewTelemetry {
  /** The helpers that make review and tool item spans on `tracerProvider`. */
  readonly reviews: ReviewTracer;
  /** The tracer provider, with the processor first and the span exporters after it; not registered globally. */
  readonly tracerProvider: TracerProvider;
  /** The meter provider with every metric reader; not registered globally. */
  readonly meterProvider: MeterProvider;
  /** The span processor that writes the rows and records the metrics. */
  readonly processor: ReviewEventProcessor;
  /** Where Prometheus can scrape, when serving. */
  readonly prometheusUrl: string | undefined;
  /** True when OTEL_SDK_DISABLED turned everything off: no span is recorded, nothing is written or sent. */
  readonly disabled: boolean;
  /** Exports the spans, rows and metrics so far. */
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
    timer.unref();
  });
  try {
    await Promise.race([work(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

interface Providers {
  tracerProvider: TracerProvider;
  meterProvider: MeterProvider;
  processor: ReviewEventProcessor;
  prometheusUrl: string | undefined;
}

function processorFor(
  options: ReviewTelemetryOptions,
  sinks: ReviewEventProcessorConfig['sinks'],
  meterProvider: MeterProvider,
  reviewMetrics?: ReviewMetricProducers
) {
  return new ReviewEventProcessor({ recordContent: options.recordContent, ...options.processor, sinks, meterProvider, reviewMetrics });
}

function enabledProviders(options: ReviewTelemetryOptions): Providers {
  const resource = telemetryResource(options);
  // Every reader gets a producer of the review metrics, so they skip the SDK's per-value cost (docs/metrics.md).
  const reviewMetrics = new ReviewMetricProducers();
  const { readers, prometheusUrl } = createMetricReaders(options, exporter => reviewMetrics.producerFor(exporter));
  const meterProvider = new MeterProvider({ resource, readers });
  const processor = processorFor(options, createRowSinks(options, resource), meterProvider, reviewMetrics);
  const tracerProvider = new TracerProvider({
    resource,
    sampler: recordingSampler(options.sampler),
    spanLimits: spanLimitsFromEnv(),
    spanProcessors: [processor, ...createExportingSpanProcessors(options)],
  });
  return { tracerProvider, meterProvider, processor, prometheusUrl };
}

/** OTEL_SDK_DISABLED: the same objects, inert. No span is recorded, so no row or metric is made; nothing is opened or sent. */
function disabledProviders(options: ReviewTelemetryOptions): Providers {
  if (options.rowsFile || options.rowSinks?.length || options.rowsAsOtlpLogs) {
    diag.warn('agent-review-telemetry: OTEL_SDK_DISABLED is true: no rows are written, no spans or metrics recorded');
  }
  const meterProvider = new MeterProvider();
  const processor = processorFor(options, [], meterProvider);
  const tracerProvider = new TracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [processor] });
  return { tracerProvider, meterProvider, processor, prometheusUrl: undefined };
}

/**
 * A tracer provider with the ReviewEventProcessor, its row sinks, a meter
 * provider and the exporters the options and the OTEL_* environment choose,
 * in one call (docs/configuration.md).
 */
export function startReviewTelemetry(options: ReviewTelemetryOptions = {}): ReviewTelemetry {
  const disabled = getBooleanFromEnv('OTEL_SDK_DISABLED');
  const { tracerProvider, meterProvider, processor, prometheusUrl } = disabled
    ? disabledProviders(options)
    : enabledProviders(options);
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
    disabled,
    forceFlush,
    shutdown: () => shutdownOnce.call(),
  };
}
