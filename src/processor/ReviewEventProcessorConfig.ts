/*
 * The options of ReviewEventProcessor with their defaults, and how numeric
 * options out of range fall back to them (a diag warning, never a throw).
 */
import { diag, type MeterProvider } from '@opentelemetry/api';
import type { ReviewMetricProducers } from '../metrics/ReviewMetricProducers.js';
import type { ReviewRow } from '../rows/ReviewRow.js';
import type { RowSink } from '../rows/RowSink.js';
import type { RowExportQueueConfig } from './RowExportQueue.js';

const logger = diag.createComponentLogger({ namespace: 'ReviewEventProcessor' });

/** Options of ReviewEventProcessor. */
export interface ReviewEventProcessorConfig {
  /** Where rows go. Default: none; rows then only feed the metrics. */
  sinks?: RowSink[];
  /**
   * Where measurements go. Default: the global MeterProvider, looked up as
   * spans end, so one registered after the processor was made (as NodeSDK's
   * `start()` does) is used from then on.
   */
  meterProvider?: MeterProvider;
  /**
   * Where the MetricProducers of the review metrics come from, when readers
   * are made before the processor (`reviewMetrics.producerFor(exporter)` in
   * each reader's `metricProducers`). Default: the processor's own, from
   * `metricProducer()`.
   */
  reviewMetrics?: ReviewMetricProducers;
  /**
   * Tool items whose reviews are kept until the item ends; past it the item
   * reviewed least recently is evicted (counted on
   * `agent_review.processor.state.evicted{agent_review.state.kind="item_summary"}`)
   * and its row has no review counts. Default: 65536, sized for a busy agent
   * host (docs/reliability.md).
   */
  maxPendingItems?: number;
  /**
   * Estimated heap bytes those items may hold (240 bytes each plus two per
   * character of their thread, turn and item ids); past it the same eviction.
   * Default: 33554432 (32 MiB).
   */
  maxPendingItemBytes?: number;
  /** Row keys remembered to drop duplicates. Default: 16384. */
  maxRememberedRows?: number;
  /** Rows waiting for each sink; past it new rows are dropped (`queue_full`). Default: 32768. */
  maxQueueSize?: number;
  /** Rows handed to a sink at once: large, so that a local sink keeps up with one export in flight. Default: 8192. */
  maxExportBatchSize?: number;
  /** Longest a row waits for a fuller batch, in ms. Default: 1000. */
  scheduledDelayMillis?: number;
  /** Longest a sink may take for one batch, in ms, unless the sink declares longer. Default: 30000. */
  exportTimeoutMillis?: number;
  /** Lost rows are told through diag at most once per this many ms. Default: 10000. */
  dropReportIntervalMillis?: number;
  /**
   * Let content (commands, paths, arguments, rationales) into rows, from
   * spans that say they recorded it. Default: the
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` environment
   * variable, else false, as for the helpers.
   */
  recordContent?: boolean;
  /**
   * Map review spans on the next turn of the event loop instead of inside
   * span.end(), so the agent waits less; the CPU spent is the same. Spans
   * still waiting are mapped by forceFlush and shutdown. Default: false.
   */
  deferMapping?: boolean;
  /** With `deferMapping`, spans waiting at most; past it they are mapped at once. Default: 2048. */
  maxDeferredSpans?: number;
  /** With content on, mask well-known secret shapes in it. Default: true. */
  scrubSecrets?: boolean;
  /**
   * Sees every row before any sink and returns the row to write (it may
   * change it, e.g. to mask more). A mask that throws drops that row,
   * counted as `internal_error`.
   */
  mask?: (row: ReviewRow) => ReviewRow;
}

/** The option as a whole number >= 1, or its default with a warning. */
export function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (Number.isFinite(value) && value >= 1) return Math.floor(value);
  logger.warn(`${name} must be a number >= 1, got ${value}; using ${fallback}`);
  return fallback;
}

/** The row export queue's options, each checked. */
export function queueConfig(config: ReviewEventProcessorConfig): RowExportQueueConfig {
  const maxQueueSize = positive('maxQueueSize', config.maxQueueSize, 32768);
  let maxExportBatchSize = positive('maxExportBatchSize', config.maxExportBatchSize, 8192);
  if (maxExportBatchSize > maxQueueSize) {
    logger.warn('maxExportBatchSize must not exceed maxQueueSize; using maxQueueSize');
    maxExportBatchSize = maxQueueSize;
  }
  return {
    maxQueueSize,
    maxExportBatchSize,
    scheduledDelayMillis: positive('scheduledDelayMillis', config.scheduledDelayMillis, 1000),
    exportTimeoutMillis: positive('exportTimeoutMillis', config.exportTimeoutMillis, 30000),
  };
}
