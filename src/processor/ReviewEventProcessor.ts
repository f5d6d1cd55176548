/*
 * The span processor: finished review and tool item spans in, analytics rows
 * and measurements out. It never throws from onStart/onEnd (the SDK calls
 * processors without a try/catch, inside the user's span.end()).
 */
import { diag, type MeterProvider, metrics } from '@opentelemetry/api';
import {
  BindOnceFuture,
  ExportResultCode,
  unrefTimer,
} from '@opentelemetry/core';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_ITEM_KIND,
  ATTR_REVIEWER,
} from '../semconv/attributes.js';
import type { SpanType } from '../semconv/metrics.js';
import {
  type RowExportResult,
  type RowSink,
  rowExportOutcome,
  sinkExportTimeout,
} from '../sinks/RowSink.js';
import { mapGuardianReviewSpan } from './guardianReview.js';
import { ItemReviewSummaries, toolItemKey } from './ItemReviewSummaries.js';
import { RecentKeys } from './RecentKeys.js';
import { finalApprovalOutcome, reviewCountsOnItem } from './reviewRules.js';
import { type ReviewMetrics, reviewMetricsFor } from './ReviewMetrics.js';
import type { ReviewRow } from './rows.js';
import { MalformedSpanError, optionalString } from './spanAttributes.js';
import { mapToolItemSpan } from './toolItem.js';
import { mapUserReviewSpan, type ReviewMapping } from './userReview.js';

const logger = diag.createComponentLogger({ namespace: 'ReviewEventProcessor' });

export interface ReviewEventProcessorConfig {
  /** Where rows go. Default: none; rows then only feed the metrics. */
  sinks?: RowSink[];
  /** Where measurements go. Default: the global MeterProvider. */
  meterProvider?: MeterProvider;
  /** Tool items whose reviews are kept until the item ends. Default: 4096. */
  maxPendingItems?: number;
  /** Row keys remembered to drop duplicates. Default: 16384. */
  maxRememberedRows?: number;
  /** Rows handed to the sinks at once. Default: 512. */
  maxExportBatchSize?: number;
  /** Longest a row waits for a fuller batch, in ms. Default: 1000. */
  scheduledDelayMillis?: number;
  /** Longest a sink may take for one batch, in ms, unless the sink declares longer. Default: 30000. */
  exportTimeoutMillis?: number;
}

/** How many rows each kind of span yields (and is dropped as). */
const ROWS_PER_SPAN: Record<SpanType, number> = {
  tool_item: 1,
  user_review: 1,
  guardian_review: 2,
};

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (Number.isFinite(value) && value >= 1) return Math.floor(value);
  logger.warn(`${name} must be a number >= 1, got ${value}; using ${fallback}`);
  return fallback;
}

export class ReviewEventProcessor implements SpanProcessor {
  private readonly _sinks: RowSink[];
  private readonly _metrics: ReviewMetrics;
  private readonly _summaries: ItemReviewSummaries;
  private readonly _rowKeys: RecentKeys;
  private readonly _maxExportBatchSize: number;
  private readonly _scheduledDelayMillis: number;
  private readonly _exportTimeoutMillis: number;
  private _batch: ReviewRow[] = [];
  private _timer: NodeJS.Timeout | undefined;
  private readonly _pendingExports = new Set<Promise<void>>();
  private readonly _shutdownOnce: BindOnceFuture<void>;

  constructor(config: ReviewEventProcessorConfig = {}) {
    this._sinks = config.sinks ?? [];
    this._metrics = reviewMetricsFor(config.meterProvider ?? metrics.getMeterProvider());
    this._summaries = new ItemReviewSummaries(
      positive('maxPendingItems', config.maxPendingItems, 4096),
      () => this._metrics.stateEvicted('item_summary')
    );
    this._rowKeys = new RecentKeys(
      positive('maxRememberedRows', config.maxRememberedRows, 16384),
      () => this._metrics.stateEvicted('row_key')
    );
    this._maxExportBatchSize = positive('maxExportBatchSize', config.maxExportBatchSize, 512);
    this._scheduledDelayMillis = positive(
      'scheduledDelayMillis',
      config.scheduledDelayMillis,
      1000
    );
    this._exportTimeoutMillis = positive('exportTimeoutMillis', config.exportTimeoutMillis, 30000);
    this._shutdownOnce = new BindOnceFuture(this._shutdown, this);
  }

  /** Tool items waiting for their end, with the reviews seen for them. */
  get pendingItemCount(): number {
    return this._summaries.size;
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (this._shutdownOnce.isCalled) return;
    let type: SpanType = 'tool_item';
    try {
      const reviewer = span.attributes[ATTR_REVIEWER];
      if (reviewer === undefined) {
        // Spans that are not ours cost these two lookups and nothing more.
        if (span.attributes[ATTR_ITEM_KIND] === undefined) return;
      } else {
        type = reviewer === 'guardian' ? 'guardian_review' : 'user_review';
      }
      this._metrics.spanRead(type);
      if (reviewer !== undefined && reviewer !== 'user' && reviewer !== 'guardian') {
        throw new MalformedSpanError(
          `attribute ${ATTR_REVIEWER} must be user or guardian, got ${JSON.stringify(reviewer)}`
        );
      }
      this._process(type, span);
    } catch (error) {
      this._dropSpan(type, span, error);
    }
  }

  forceFlush(): Promise<void> {
    this._exportBatch();
    return this._flushSinks();
  }

  shutdown(): Promise<void> {
    return this._shutdownOnce.call();
  }

  private _process(type: SpanType, span: ReadableSpan): void {
    switch (type) {
      case 'user_review': {
        const mapping = mapUserReviewSpan(span);
        if (mapping === null) return this._drop(type, 'incomplete', span);
        if (!this._firstReview(mapping)) return this._drop(type, 'duplicate', span);
        this._recordReview(mapping);
        return this._emit(mapping.reviewEvent);
      }
      case 'guardian_review': {
        const mapping = mapGuardianReviewSpan(span);
        if (mapping === null) return this._drop(type, 'incomplete', span);
        if (!this._firstReview(mapping)) return this._drop(type, 'duplicate', span);
        this._recordReview(mapping);
        this._metrics.recordGuardianReview(
          mapping.guardianReview.event_params,
          optionalString(span.attributes, ATTR_GEN_AI_PROVIDER_NAME)
        );
        this._emit(mapping.guardianReview);
        return this._emit(mapping.reviewEvent);
      }
      case 'tool_item': {
        const row = mapToolItemSpan(span);
        if (row === null) return this._drop(type, 'incomplete', span);
        const item = row.event_params;
        const key = toolItemKey(item.thread_id, item.turn_id, item.item_id);
        if (!this._rowKeys.add(`item\u0000${key}`)) return this._drop(type, 'duplicate', span);
        const summary = this._summaries.take(key);
        if (summary !== undefined) {
          item.review_count = summary.reviewCount;
          item.guardian_review_count = summary.guardianReviewCount;
          item.user_review_count = summary.userReviewCount;
          item.final_approval_outcome = summary.finalApprovalOutcome;
          item.requested_additional_permissions = summary.requestedAdditionalPermissions;
          item.requested_network_access = summary.requestedNetworkAccess;
        }
        this._metrics.recordToolItem(item, span.attributes[ATTR_ITEM_KIND] as string);
        return this._emit(row);
      }
    }
  }

  /** Each review id yields rows once per thread, however often it arrives. */
  private _firstReview(mapping: ReviewMapping): boolean {
    const review = mapping.reviewEvent.event_params;
    return this._rowKeys.add(`review\u0000${review.thread_id}\u0000${review.review_id}`);
  }

  /** Counts the review and, for item reviews, keeps it for the item's row. */
  private _recordReview(mapping: ReviewMapping): void {
    const review = mapping.reviewEvent.event_params;
    this._metrics.recordReview(review);
    if (review.item_id === null || !reviewCountsOnItem(review.subject_kind)) return;
    this._summaries.record(
      toolItemKey(review.thread_id, review.turn_id, review.item_id),
      review.reviewer,
      finalApprovalOutcome(review.reviewer, review.status, review.resolution),
      mapping.requested
    );
  }

  /** A duplicate is expected (redelivery); a span ended without an outcome is an instrumentation bug. */
  private _drop(type: SpanType, reason: 'duplicate' | 'incomplete', span: ReadableSpan): void {
    this._metrics.rowsDropped(reason, ROWS_PER_SPAN[type]);
    if (reason === 'duplicate') logger.debug(`dropped duplicate span "${span.name}"`);
    else logger.warn(`dropped span "${span.name}": it ended without an outcome`);
  }

  private _dropSpan(type: SpanType, span: ReadableSpan, error: unknown): void {
    try {
      if (error instanceof MalformedSpanError) {
        this._metrics.rowsDropped('malformed', ROWS_PER_SPAN[type]);
        logger.warn(`dropped malformed span "${span.name}": ${error.message}`);
      } else {
        this._metrics.rowsDropped('internal_error', ROWS_PER_SPAN[type]);
        logger.error(`failed to process span "${span.name}"`, error);
      }
    } catch {
      // A broken meter or logger must not reach span.end() either.
    }
  }

  private _emit(row: ReviewRow): void {
    this._metrics.rowProduced(row.event_type);
    if (this._sinks.length === 0) return;
    this._batch.push(row);
    if (this._batch.length >= this._maxExportBatchSize) {
      this._exportBatch();
    } else if (this._timer === undefined) {
      this._timer = setTimeout(() => this._exportBatch(), this._scheduledDelayMillis);
      unrefTimer(this._timer);
    }
  }

  private _exportBatch(): void {
    if (this._timer !== undefined) {
      clearTimeout(this._timer);
      this._timer = undefined;
    }
    if (this._batch.length === 0) return;
    const rows = this._batch;
    this._batch = [];
    for (const sink of this._sinks) {
      const exported = this._exportTo(sink, rows);
      this._pendingExports.add(exported);
      void exported.then(() => this._pendingExports.delete(exported));
    }
  }

  /** Resolves when the sink reports back or times out; never rejects. */
  private _exportTo(sink: RowSink, rows: ReviewRow[]): Promise<void> {
    return new Promise<void>(resolve => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (result: RowExportResult) => {
        if (settled) return;
        settled = true;
        clearImmediate(arm);
        clearTimeout(timer);
        const { written, dropped } = rowExportOutcome(result, rows.length);
        this._metrics.rowsWritten(written);
        for (const [reason, count] of dropped) this._metrics.rowsDropped(reason, count);
        if (dropped.length > 0) {
          const counts = dropped.map(([reason, count]) => `${count} ${reason}`).join(', ');
          logger.warn(`row sink failed to write ${rows.length - written} rows (${counts})`, result.error);
        }
        resolve();
      };
      // The clock starts once the event loop turns: time the app holds the loop is not the sink's.
      const arm = setImmediate(() => {
        timer = setTimeout(
          () => finish({ code: ExportResultCode.FAILED, error: new Error('row sink timed out') }),
          sinkExportTimeout(sink, this._exportTimeoutMillis)
        );
        unrefTimer(timer);
      });
      arm.unref();
      try {
        sink.export(rows, finish);
      } catch (error) {
        finish({ code: ExportResultCode.FAILED, error: error as Error });
      }
    });
  }

  private async _flushSinks(): Promise<void> {
    await Promise.all(this._pendingExports);
    await Promise.all(this._sinks.map(sink => sink.forceFlush?.()));
  }

  private async _shutdown(): Promise<void> {
    this._exportBatch();
    await this._flushSinks();
    await Promise.all(this._sinks.map(sink => sink.shutdown()));
  }
}
