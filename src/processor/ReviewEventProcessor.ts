/*
 * The span processor: finished review and tool item spans in, analytics rows
 * and measurements out. It never throws from onStart/onEnd (the SDK calls
 * processors without a try/catch, inside the user's span.end()).
 */
import { createNoopMeter, diag, type MeterProvider, metrics } from '@opentelemetry/api';
import { BindOnceFuture } from '@opentelemetry/core';
import type { MetricProducer } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { ItemReviewSummaries } from '../kinds/ItemReviewSummaries.js';
import type { RowKind } from '../kinds/RowKind.js';
import { rowKindOf } from '../kinds/rowKinds.js';
import type { TemporalitySource } from '../metrics/AggregationProducer.js';
import { type Metrics, metricsFor } from '../metrics/metricsFor.js';
import { ReviewMetricProducers } from '../metrics/ReviewMetricProducers.js';
import { type ContentRule, contentRuleOf } from '../rules/contentRule.js';
import { errorKind } from '../rules/errorKind.js';
import { MalformedSpanError } from '../rules/MalformedSpanError.js';
import type { ReviewRow } from '../rows/ReviewRow.js';
import type { DropReason } from '../semconv/metrics.js';
import { SCOPE_NAME } from '../semconv/version.js';
import { DeferredSpans } from './DeferredSpans.js';
import { DropReport } from './DropReport.js';
import { positive, queueConfig, type ReviewEventProcessorConfig } from './ReviewEventProcessorConfig.js';
import { RecentKeys } from './RecentKeys.js';
import { RowExportQueue } from './RowExportQueue.js';

const logger = diag.createComponentLogger({ namespace: 'ReviewEventProcessor' });

export type { ReviewEventProcessorConfig } from './ReviewEventProcessorConfig.js';

/**
 * The span processor: turns finished review and tool item spans into
 * analytics rows for its sinks and into metrics. Register it on any tracer
 * provider; it never throws into the SDK.
 */
export class ReviewEventProcessor implements SpanProcessor {
  private readonly _meterProvider: MeterProvider | undefined;
  /** The global provider the metrics were last taken from. */
  private _globalProvider: MeterProvider | undefined;
  private _metrics: Metrics;
  private readonly _reviewMetrics: ReviewMetricProducers;
  private readonly _queues: RowExportQueue[];
  private readonly _summaries: ItemReviewSummaries;
  private readonly _rowKeys: RecentKeys;
  private readonly _drops: DropReport;
  private readonly _content: ContentRule;
  private readonly _mask: ((row: ReviewRow) => ReviewRow) | undefined;
  private readonly _deferred: DeferredSpans | undefined;
  private readonly _shutdownOnce: BindOnceFuture<void>;
  /** Set once shutdown has mapped what was waiting: later spans are dropped. */
  private _closed = false;

  constructor(config: ReviewEventProcessorConfig = {}) {
    this._meterProvider = config.meterProvider;
    this._reviewMetrics = config.reviewMetrics ?? new ReviewMetricProducers();
    this._content = contentRuleOf(config);
    this._mask = config.mask;
    this._metrics = this._meterProvider ? this._attach(metricsFor(this._meterProvider)) : this._globalMetrics();
    this._drops = new DropReport(
      logger,
      positive('dropReportIntervalMillis', config.dropReportIntervalMillis, 10000)
    );
    this._summaries = new ItemReviewSummaries(
      {
        maxItems: positive('maxPendingItems', config.maxPendingItems, 65536),
        maxBytes: positive('maxPendingItemBytes', config.maxPendingItemBytes, 33554432),
      },
      () => this._metrics.processor.stateEvicted('item_summary')
    );
    this._rowKeys = new RecentKeys(
      positive('maxRememberedRows', config.maxRememberedRows, 16384),
      () => this._metrics.processor.stateEvicted('row_key')
    );
    const queue = queueConfig(config);
    this._queues = (config.sinks ?? []).map(
      sink =>
        new RowExportQueue(sink, queue, {
          written: count => this._metrics.processor.rowsWritten(count),
          dropped: (reason, count, detail) =>
            this._drop(
              reason,
              count,
              reason === 'queue_full'
                ? `the queue of a row sink is full (${String(detail)} rows)`
                : `row sink failed to write ${count} rows (${reason}): ${String(detail)}`
            ),
          stalled: operation => logger.warn(`a row sink's ${operation} did not settle in time; going on without it`),
        })
    );
    this._deferred = config.deferMapping
      ? new DeferredSpans(positive('maxDeferredSpans', config.maxDeferredSpans, 2048), span => this._process(span))
      : undefined;
    this._shutdownOnce = new BindOnceFuture(this._shutdown, this);
  }

  /** Tool items waiting for their end, with the reviews seen for them. */
  get pendingItemCount(): number {
    return this._summaries.size;
  }

  /**
   * The review metrics (docs/metrics.md) as a MetricProducer, for one
   * reader, given in its `metricProducers` option:
   * `metricProducers: [processor.metricProducer(exporter)]` for a
   * PeriodicExportingMetricReader. Call it before spans end, once
   * per reader; the exporter gives the reader's temporality (cumulative
   * without it, as a Prometheus reader wants). From then on the review
   * metrics are aggregated here, without the SDK's per-value attribute
   * hashing (docs/metrics.md has the measured cost), and only readers given
   * a producer see them.
   */
  metricProducer(temporality?: TemporalitySource): MetricProducer {
    return this._reviewMetrics.producerFor(temporality);
  }

  /** Nothing to do: spans are read when they end. */
  onStart(): void {}

  /**
   * Maps a finished span of ours to rows and metrics (on the next turn of the
   * event loop with `deferMapping`); other spans are skipped, bad ones counted
   * as dropped.
   */
  onEnd(span: ReadableSpan): void {
    if (this._deferred !== undefined && !this._closed) this._deferred.add(span);
    else this._process(span);
  }

  /** Ended spans waiting for the event loop when `deferMapping` is on. */
  get deferredSpanCount(): number {
    return this._deferred?.size ?? 0;
  }

  /** Resolves once every row handed over so far reached its sinks, or was dropped and counted. */
  forceFlush(): Promise<void> {
    this._deferred?.drain();
    return Promise.all(this._queues.map(queue => queue.forceFlush())).then(() => this._drops.flush());
  }

  /** Flushes and shuts every sink down, once; later spans are counted as dropped. */
  shutdown(): Promise<void> {
    return this._shutdownOnce.call();
  }

  /** Recognises a span and maps it when it is ours; never throws. */
  private _process(span: ReadableSpan): void {
    let kind: RowKind | undefined;
    try {
      // Spans that are not ours cost a few attribute lookups and nothing more.
      kind = rowKindOf(span.attributes);
    } catch (error) {
      return this._dropSpan(undefined, span, error);
    }
    if (kind !== undefined) this._handle(span, kind);
  }

  /** Maps one review span to rows and measurements; never throws. */
  private _handle(span: ReadableSpan, kind: RowKind): void {
    try {
      if (this._meterProvider === undefined) this._metrics = this._globalMetrics();
      if (this._closed) {
        return this._drop('shutdown', kind.rowsPerSpan, `span "${span.name}" ended after shutdown`);
      }
      this._metrics.processor.spanRead(kind.spanType);
      const mapping = kind.map(span, this._content);
      if (mapping === null) {
        return this._drop('incomplete', kind.rowsPerSpan, `span "${span.name}" ended without an outcome`);
      }
      if (!this._rowKeys.add(mapping.rowScope, mapping.rowId)) {
        return this._drop('duplicate', kind.rowsPerSpan, `span "${span.name}" was a duplicate`);
      }
      kind.join(mapping, this._summaries);
      for (const row of kind.rows(mapping)) this._emit(row);
      this._record(kind, mapping);
    } catch (error) {
      this._dropSpan(kind, span, error);
    }
  }

  /** The global provider's metrics; says once when there is none, so metrics are off. */
  private _globalMetrics(): Metrics {
    const provider = metrics.getMeterProvider();
    if (provider === this._globalProvider) return this._metrics;
    this._globalProvider = provider;
    if (provider.getMeter(SCOPE_NAME) === createNoopMeter()) {
      logger.warn(
        'no global MeterProvider is registered: review metrics are off until one is (rows are not affected)'
      );
    }
    return this._attach(metricsFor(provider));
  }

  /**
   * Processors that share a MeterProvider share its instruments, so their
   * sums add up; two of them on one tracer provider would count each review
   * twice, which is said once.
   */
  private _attach(shared: Metrics): Metrics {
    if (++shared.processors === 2) {
      logger.warn(
        'a second ReviewEventProcessor records to the same MeterProvider: on one tracer provider, each review is counted once per processor'
      );
    }
    return shared;
  }

  /** Rows are out before any metric is recorded: a broken meter costs no row. */
  private _record(kind: RowKind, mapping: Parameters<RowKind['record']>[0]): void {
    try {
      kind.record(mapping, this._reviewMetrics.pick(this._metrics));
    } catch (error) {
      logger.error('failed to record review metrics', error);
    }
  }

  private _emit(produced: ReviewRow): void {
    let row = produced;
    if (this._mask !== undefined) {
      try {
        row = this._mask(produced);
      } catch (error) {
        return this._drop('internal_error', 1, `the row mask failed: ${errorKind(error)}`);
      }
      if (typeof row !== 'object' || row === null || typeof row.event_type !== 'string') {
        return this._drop('internal_error', 1, 'the row mask returned no row');
      }
    }
    this._metrics.processor.rowProduced(row.event_type);
    for (const queue of this._queues) queue.add(row);
  }

  private _drop(reason: DropReason, count: number, detail: string): void {
    this._metrics.processor.rowsDropped(reason, count);
    this._drops.add(reason, count, detail);
  }

  private _dropSpan(kind: RowKind | undefined, span: ReadableSpan, error: unknown): void {
    try {
      const count = kind?.rowsPerSpan ?? 1;
      if (error instanceof MalformedSpanError) {
        this._drop('malformed', count, `malformed span "${span.name}": ${error.message}`);
      } else {
        this._drop('internal_error', count, `failed to process span "${span.name}": ${errorKind(error)}`);
      }
    } catch {
      // A broken meter or logger must not reach span.end() either.
    }
  }

  private async _shutdown(): Promise<void> {
    // Spans that ended before shutdown still make their rows.
    this._deferred?.drain();
    this._closed = true;
    await Promise.all(this._queues.map(queue => queue.shutdown()));
    this._drops.close();
  }
}
