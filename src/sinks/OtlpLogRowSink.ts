/*
 * Sends rows as OpenTelemetry log records through a LogRecordExporter (e.g.
 * the OTLP/HTTP one), so they travel with the traces and metrics:
 * event name = `event_type`, body = `event_params` as a structured map (a
 * null field becomes an empty value), timestamp = the review or item's
 * completion time, resource = the caller's.
 *
 * Rows wait in a bounded queue and go out in batches, one export at a time.
 * A failed export is retried with exponential backoff, the way the
 * Collector's exporterhelper does (sending_queue + retry_on_failure), on top
 * of whatever retries the exporter makes itself; so a collector restart
 * costs no row. A batch's callback comes once each of its rows is sent or
 * dropped: dropped when the queue overflows (oldest first), when the
 * collector refuses it for good, or when it is still unsent
 * maxElapsedTimeMillis after it was handed over. docs/reliability.md has
 * the figures.
 */
import { diag } from '@opentelemetry/api';
import {
  BindOnceFuture,
  type ExportResult,
  ExportResultCode,
  hrTime,
} from '@opentelemetry/core';
import { emptyResource, type Resource } from '@opentelemetry/resources';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { ReviewRow } from '../rows/ReviewRow.js';
import {
  MAX_TIMER_MILLIS,
  type RowExportResult,
  type RowSink,
} from '../rows/RowSink.js';
import { BatchReport } from './BatchReport.js';
import { numberOption } from './numberOption.js';
import { RetryPolicy, type RetryOptions } from './RetryPolicy.js';
import { rowLogRecord } from './rowLogRecord.js';
import { serializeRow } from './serializeRow.js';

const logger = diag.createComponentLogger({ namespace: 'OtlpLogRowSink' });

/** Options of OtlpLogRowSink. */
export interface OtlpLogRowSinkOptions {
  /** Where the log records go, e.g. `new OTLPLogExporter()`. */
  exporter: LogRecordExporter;
  /** The resource the records carry (service.name, …). Default: empty. */
  resource?: Resource;
  /** Rows waiting to be sent; a new row that does not fit drops the oldest waiting one. Default: 16384. */
  maxQueueSize?: number;
  /** Rows per export. Default: 512. */
  maxExportBatchSize?: number;
  /** Longest one export may take before it counts as failed and is retried, in ms. Default: 30000. */
  attemptTimeoutMillis?: number;
  /** Backoff between attempts and when to give a row up; the Collector's defaults. */
  retry?: RetryOptions;
  /** Longest `forceFlush` and `shutdown` wait for the queue, in ms. Default: 30000. */
  flushTimeoutMillis?: number;
}

/**
 * A row waiting or in flight. Each is reported once: a row leaves the queue or
 * the batch in flight as it is reported, and once shutdown has dropped what is
 * left, the sender reports nothing more (`_abandoned`).
 */
interface QueuedRow {
  json: string;
  handedOverAt: number;
  report: BatchReport;
}

/** HTTP statuses worth another try (OTLP/HTTP spec); any other status is final. */
const RETRYABLE_STATUS = new Set([408, 429, 502, 503, 504]);

/** Final when the collector answered with a status not worth retrying. */
function isPermanent(error: Error): boolean {
  const status = (error as { code?: unknown }).code;
  return typeof status === 'number' && status >= 400 && !RETRYABLE_STATUS.has(status);
}

/** Sends rows as OpenTelemetry log records through a LogRecordExporter, with a bounded queue and retries. */
export class OtlpLogRowSink implements RowSink {
  /** A batch is reported within this: a row is given up maxElapsedTime after handover, at the end of an attempt. */
  readonly exportTimeoutMillis: number;
  /** Rows waiting to be sent at most (the option, after validation). */
  readonly maxQueueSize: number;
  /** Longest one export attempt may take (the option, after validation). */
  readonly attemptTimeoutMillis: number;
  private readonly _exporter: LogRecordExporter;
  private readonly _resource: Resource;
  private readonly _maxExportBatchSize: number;
  private readonly _retry: RetryPolicy;
  private readonly _flushTimeoutMillis: number;
  private _queue: QueuedRow[] = [];
  private _inFlight: QueuedRow[] = [];
  private _sending = false;
  private _abandoned = false;
  private _idleWaiters: (() => void)[] = [];
  private _wake: (() => void) | undefined;
  private readonly _shutdownOnce: BindOnceFuture<void>;

  constructor(options: OtlpLogRowSinkOptions) {
    this._exporter = options.exporter;
    this._resource = options.resource ?? emptyResource();
    this.maxQueueSize = numberOption(logger, 'maxQueueSize', options.maxQueueSize, 16_384, 1);
    this._maxExportBatchSize = numberOption(logger, 'maxExportBatchSize', options.maxExportBatchSize, 512, 1);
    this.attemptTimeoutMillis = numberOption(
      logger,
      'attemptTimeoutMillis',
      options.attemptTimeoutMillis,
      30_000,
      1,
      MAX_TIMER_MILLIS
    );
    this._retry = new RetryPolicy(options.retry, logger);
    this._flushTimeoutMillis = numberOption(
      logger,
      'flushTimeoutMillis',
      options.flushTimeoutMillis,
      30_000,
      0,
      MAX_TIMER_MILLIS
    );
    // One second of slack for timers firing late.
    this.exportTimeoutMillis = Math.min(
      this._retry.maxElapsedTimeMillis + this.attemptTimeoutMillis + 1_000,
      MAX_TIMER_MILLIS
    );
    this._shutdownOnce = new BindOnceFuture(this._shutdown, this);
  }

  /** Queues the rows for sending; calls back once each is sent or dropped. */
  export(rows: ReviewRow[], resultCallback: (result: RowExportResult) => void): void {
    if (this._shutdownOnce.isCalled) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('OtlpLogRowSink is shut down') });
      return;
    }
    const report = new BatchReport(rows.length, resultCallback);
    const now = Date.now();
    let overflow: Error | undefined;
    for (const row of rows) {
      const serialized = serializeRow(row);
      if ('error' in serialized) {
        report.dropped('unserializable', serialized.error);
        continue;
      }
      if (this._queue.length >= this.maxQueueSize) {
        const oldest = this._queue.shift() as QueuedRow;
        overflow ??= new Error(`OtlpLogRowSink: over ${this.maxQueueSize} rows waiting`);
        oldest.report.dropped('sink_overflow', overflow);
      }
      this._queue.push({ json: serialized.json, handedOverAt: now, report });
    }
    if (!this._sending && this._queue.length > 0) void this._send();
  }

  /** Resolves once the queue is empty or after flushTimeoutMillis, then flushes the exporter. */
  async forceFlush(): Promise<void> {
    await this._idle();
    await this._exporter.forceFlush();
  }

  /** Sends what it can within the bounds, drops the rest (counted), then shuts the exporter down, once. */
  shutdown(): Promise<void> {
    return this._shutdownOnce.call();
  }

  private async _send(): Promise<void> {
    this._sending = true;
    try {
      // Detected resource attributes (host.id, …) may still be settling; the SDK's batch processors wait too.
      if (this._resource.asyncAttributesPending) await this._resource.waitForAsyncAttributes?.();
      while (this._queue.length > 0 && !this._abandoned) {
        this._inFlight = this._queue.splice(0, this._maxExportBatchSize);
        // Rows that waited out their time behind an earlier batch are not tried at all.
        this._giveUpRowsDueBy(Date.now(), 'waited');
        if (this._inFlight.length > 0) await this._sendWithRetries();
      }
    } catch (error) {
      logger.error('row sender failed', error);
      const rows = [...this._inFlight, ...this._queue];
      this._queue = [];
      for (const row of rows) row.report.dropped('sink_failure', error as Error);
    } finally {
      this._inFlight = [];
      this._sending = false;
      for (const resolve of this._idleWaiters.splice(0)) resolve();
    }
  }

  private async _sendWithRetries(): Promise<void> {
    let failures = 0;
    for (;;) {
      const result = await this._attempt(this._inFlight);
      if (this._abandoned) return;
      if (result.code === ExportResultCode.SUCCESS) {
        for (const row of this._inFlight) row.report.written();
        return;
      }
      const error = result.error ?? new Error('export failed');
      if (isPermanent(error)) {
        for (const row of this._inFlight) row.report.dropped('sink_failure', error);
        return;
      }
      failures++;
      const delay = this._retry.delayMillis(failures);
      // Rows whose time would be up before the next attempt are given up now.
      this._giveUpRowsDueBy(Date.now() + delay, `${failures} attempts, the last: ${error.message}`);
      if (this._inFlight.length === 0) return;
      logger.debug(`export failed (${error.message}); retrying ${this._inFlight.length} rows in ${Math.round(delay)} ms`);
      await this._sleep(delay);
      if (this._abandoned) return;
    }
  }

  /** Drops, as sink_failure, the rows in flight whose maxElapsedTime ends before `time`. */
  private _giveUpRowsDueBy(time: number, why: string): void {
    let error: Error | undefined;
    this._inFlight = this._inFlight.filter(row => {
      if (row.handedOverAt + this._retry.maxElapsedTimeMillis >= time) return true;
      error ??= new Error(`OtlpLogRowSink gave up rows unsent after ${this._retry.maxElapsedTimeMillis} ms (${why})`);
      row.report.dropped('sink_failure', error);
      return false;
    });
  }

  /** One export of the rows; a missing answer counts as a failure after attemptTimeoutMillis. */
  private _attempt(rows: QueuedRow[]): Promise<ExportResult> {
    const observed = hrTime();
    const records = rows.map(row => rowLogRecord(row.json, observed, this._resource));
    return new Promise(resolve => {
      const timer = setTimeout(
        () => resolve({ code: ExportResultCode.FAILED, error: new Error(`no answer in ${this.attemptTimeoutMillis} ms`) }),
        this.attemptTimeoutMillis
      );
      timer.unref();
      const done = (result: ExportResult) => {
        clearTimeout(timer);
        resolve(result);
      };
      try {
        this._exporter.export(records, done);
      } catch (error) {
        done({ code: ExportResultCode.FAILED, error: error as Error });
      }
    });
  }

  private _sleep(millis: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        this._wake = undefined;
        resolve();
      }, millis);
      timer.unref();
      this._wake = () => {
        clearTimeout(timer);
        this._wake = undefined;
        resolve();
      };
    });
  }

  /** Resolves once nothing waits or is in flight, or after flushTimeoutMillis. */
  private _idle(): Promise<void> {
    if (!this._sending) return Promise.resolve();
    return new Promise(resolve => {
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this._idleWaiters = this._idleWaiters.filter(other => other !== waiter);
        logger.warn(`${this._inFlight.length + this._queue.length} rows still unsent after ${this._flushTimeoutMillis} ms`);
        resolve();
      }, this._flushTimeoutMillis);
      timer.unref();
      this._idleWaiters.push(waiter);
    });
  }

  private async _shutdown(): Promise<void> {
    await this._idle();
    // Rows still unsent now (the collector stayed away) are dropped, counted, and the sender stops.
    this._abandoned = true;
    const error = new Error('OtlpLogRowSink shut down with rows unsent');
    for (const row of [...this._inFlight, ...this._queue]) row.report.dropped('sink_failure', error);
    this._queue = [];
    this._wake?.();
    await this._exporter.shutdown();
  }
}
