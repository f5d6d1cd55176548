/*
 * The benchmark workload and the pipelines it runs through. One review
 * lifecycle = a tool item span, a guardian review span (5 tool-call events
 * by default, a first token, token usage, a verdict) and a user review span,
 * all made with the real helpers so every configuration sees the same spans.
 */
import { createNoopMeter, type MeterProvider as ApiMeterProvider, type TracerProvider as ApiTracerProvider } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import {
  InMemoryRowSink,
  ReviewEventProcessor,
  type ReviewEventProcessorConfig,
  ReviewMetricProducers,
  type ReviewRow,
  type RowSink,
  ReviewTracer,
} from '../src/index.js';
import type { GuardianToolCallKind } from '../src/semconv/values.js';
import { ManualMetricReader } from '../test/pipeline.js';

/**
 * Drops what it is handed and reports success: the cheapest possible span
 * exporter, and the same as a row sink.
 */
export class DropExporter implements SpanExporter, RowSink {
  count = 0;
  export(items: unknown[], resultCallback: (result: ExportResult) => void): void {
    this.count += items.length;
    resultCallback({ code: ExportResultCode.SUCCESS });
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const THREADS = Array.from({ length: 16 }, (_, i) => `thread-${i}`);
/** The guardian's tool calls, cycled: a guardian span with n calls has GUARDIAN_CALLS[k % 5] for k < n. */
export const GUARDIAN_CALLS: readonly GuardianToolCallKind[] = [
  'shell',
  'shell',
  'mcp',
  'web_search',
  'view_image',
];
const ADDITIONAL = { fileSystem: { write: ['/repo/node_modules'] } };

export const SPANS_PER_LIFECYCLE = 3;
export const ROWS_PER_LIFECYCLE = 4;
/** Token usage every guardian review reports. */
export const GUARDIAN_TOKENS = { inputTokens: 4200, cachedInputTokens: 2100, outputTokens: 180, reasoningOutputTokens: 64 };

/** How a lifecycle varies for the growth runs. */
export interface LifecycleShape {
  /** Tool-call events on the guardian span. Default 5. */
  guardianCalls?: number;
  /** False leaves the tool item in flight: started, reviewed, never finished. Default true. */
  finishItem?: boolean;
}

/**
 * One review lifecycle with real-clock timestamps: an escalated shell
 * command, approved by the guardian, then by the user, then executed.
 * `i` makes every id distinct (item, guardian review, user request).
 */
export function runLifecycle(reviews: ReviewTracer, i: number, shape?: LifecycleShape): void {
  const threadId = THREADS[i & 15] as string;
  const turnId = `turn-${i >>> 4}`;
  const itemId = `call_${i}`;
  const item = reviews.startToolItem({
    threadId,
    turnId,
    threadSource: 'user',
    itemId,
    kind: 'command_execution',
    toolName: 'shell',
    sessionId: 'session-bench',
    details: { commandSource: 'agent', readActions: 1, searchActions: 1 },
  });
  const parent = item.context();
  const guardian = reviews.startGuardianReview({
    threadId,
    turnId,
    threadSource: 'user',
    reviewId: `guardian-review-${i}`,
    targetItemId: itemId,
    action: { type: 'shell', sandboxPermissions: 'require_escalated' },
    timeoutMs: 90_000,
    model: 'gpt-5.4',
    providerName: 'openai',
    reasoningEffort: 'low',
    sessionKind: 'trunk_reused',
    guardianThreadId: 'guardian-thread-1',
    priorReviewContext: true,
    productClientId: 'codex_bench',
    parent,
  });
  guardian.recordFirstToken();
  if (shape?.guardianCalls === undefined) {
    for (const kind of GUARDIAN_CALLS) guardian.recordToolCall(kind);
  } else {
    for (let k = 0; k < shape.guardianCalls; k++) guardian.recordToolCall(GUARDIAN_CALLS[k % 5] as GuardianToolCallKind);
  }
  guardian.recordTokenUsage(GUARDIAN_TOKENS);
  guardian.approve({ riskScore: 12, riskLevel: 'low', rationale: 'routine build step' });
  reviews
    .startUserReview({
      threadId,
      turnId,
      threadSource: 'user',
      requestId: i,
      itemId,
      request: { kind: 'command_execution', additionalPermissions: ADDITIONAL },
      parent,
    })
    .resolve('accept');
  if (shape?.finishItem === false) return;
  item.finish({ status: 'completed', details: { executionDurationMs: 120, exitCode: 0 } });
}

export interface Pipeline {
  reviews: ReviewTracer;
  spanExporter: DropExporter;
  rowSink: DropExporter | undefined;
  reader: ManualMetricReader | undefined;
  processor: ReviewEventProcessor | undefined;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** A MeterProvider whose instruments do nothing: what the API gives when no SDK is registered. */
export const NOOP_METER_PROVIDER: ApiMeterProvider = { getMeter: () => createNoopMeter() };

/** What the helpers see of the tracer provider: the SDK's own, or a wrapper around it (bench/spanEnd.ts times span.end()). */
export type TracerProviderView = (sdk: TracerProvider) => ApiTracerProvider;

/** (a) the bare SDK: BatchSpanProcessor into an exporter that drops everything. */
export function bareSdk(view: TracerProviderView = sdk => sdk): Pipeline {
  const spanExporter = new DropExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new BatchSpanProcessor({ exporter: spanExporter })],
  });
  return {
    reviews: new ReviewTracer({ tracerProvider: view(tracerProvider), recordContent: false }),
    spanExporter,
    rowSink: undefined,
    reader: undefined,
    processor: undefined,
    forceFlush: () => tracerProvider.forceFlush(),
    shutdown: () => tracerProvider.shutdown(),
  };
}

/**
 * (b) the same plus our processor, first in line, rows dropped, metrics
 * aggregated by a real MeterProvider (or, with `noopMetrics`, by no-op
 * instruments: configuration b0).
 */
export function withProcessor(options: ProcessorOptions = {}, view: TracerProviderView = sdk => sdk): Pipeline {
  const spanExporter = new DropExporter();
  const alone = processorAlone(options);
  const tracerProvider = new TracerProvider({
    spanProcessors: [alone.processor, new BatchSpanProcessor({ exporter: spanExporter })],
  });
  return {
    reviews: new ReviewTracer({ tracerProvider: view(tracerProvider), recordContent: false }),
    spanExporter,
    rowSink: alone.rowSink,
    reader: alone.reader,
    processor: alone.processor,
    forceFlush: () => tracerProvider.forceFlush(),
    shutdown: async () => {
      await tracerProvider.shutdown();
      await alone.shutdown();
    },
  };
}

export interface ProcessorOptions {
  /** No-op metric instruments (configurations b0, c0). */
  noopMetrics?: boolean;
  /** Processor options besides the sinks and the MeterProvider. */
  config?: Omit<ReviewEventProcessorConfig, 'sinks' | 'meterProvider'>;
}

/**
 * The one place the bench makes a processor with a metric reader: a real
 * MeterProvider and a reader the bench collects by hand, which is given the
 * processor's review metric producer as the setup wires it.
 */
export function meteredProcessor(config: ReviewEventProcessorConfig = {}) {
  const reviewMetrics = new ReviewMetricProducers();
  const reader = new ManualMetricReader({ metricProducers: [reviewMetrics.producerFor()] });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const processor = new ReviewEventProcessor({ meterProvider, reviewMetrics, ...config });
  return {
    processor,
    reader,
    shutdown: async () => {
      await processor.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/**
 * (c) our processor alone, fed finished spans by hand; rows dropped, metrics
 * to a real MeterProvider, or to no-op instruments with `noopMetrics`.
 */
export function processorAlone(options: ProcessorOptions = {}) {
  const rowSink = new DropExporter();
  const metered = meteredProcessor({
    ...options.config,
    sinks: [rowSink],
    ...(options.noopMetrics ? { meterProvider: NOOP_METER_PROVIDER } : {}),
  });
  return { ...metered, reader: options.noopMetrics ? undefined : metered.reader, rowSink };
}

/**
 * `lifecycles` distinct finished lifecycles, made once with the real SDK and
 * helpers, in the order the SDK ends them (guardian, user, item).
 */
export function buildSpanPool(lifecycles: number): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: exporter })],
  });
  const reviews = new ReviewTracer({ tracerProvider, recordContent: false });
  for (let i = 0; i < lifecycles; i++) runLifecycle(reviews, i);
  const spans = exporter.getFinishedSpans().slice();
  exporter.reset();
  return spans;
}

/** The rows a pool of spans maps to, for the sink benchmark. */
export async function rowsFor(spans: ReadableSpan[]): Promise<ReviewRow[]> {
  const sink = new InMemoryRowSink();
  const processor = new ReviewEventProcessor({
    sinks: [sink],
    meterProvider: new MeterProvider(),
    maxRememberedRows: spans.length * 2,
  });
  for (const span of spans) processor.onEnd(span);
  await processor.forceFlush();
  return sink.getRows().slice();
}

/** Lets timers, promise chains and immediates queued by the pipeline run. */
export function yieldToLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}
