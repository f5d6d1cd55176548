/*
 * Rows on their way to one sink, the way BatchSpanProcessorBase sends spans
 * to an exporter: a bounded queue (a full queue drops its oldest tenth,
 * counted, so the newest rows survive a long outage),
 * batches of at most `maxExportBatchSize` sent when full or after
 * `scheduledDelayMillis`, one export in flight at a time, each bounded by
 * `exportTimeoutMillis` (or the sink's own, longer bound), and tracing
 * suppressed around the sink so a sink that makes spans cannot feed itself.
 * A sink may report rows of a batch it dropped; each is counted by its reason.
 */
import { context } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing } from '@opentelemetry/core';
import type { ReviewRow } from '../rows/ReviewRow.js';
import {
  type RowExportResult,
  type RowSink,
  rowExportOutcome,
  type SinkDropReason,
  sinkExportTimeout,
} from '../rows/RowSink.js';

export interface RowExportQueueConfig {
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  exportTimeoutMillis: number;
}

/** What the queue reports about the rows it was handed. */
export interface RowExportListener {
  written(count: number): void;
  dropped(reason: 'queue_full' | SinkDropReason, count: number, detail: unknown): void;
  /** The sink's `forceFlush` or `shutdown` did not settle within the export timeout. */
  stalled(operation: string): void;
}

const FLUSH_SLACK_MILLIS = 100;

/** Waits for `work` until `deadline` (epoch ms) at the latest. */
function untilDeadline(work: Promise<void>, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<void>(resolve => {
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

export class RowExportQueue {
  private readonly _sink: RowSink;
  private readonly _config: RowExportQueueConfig;
  private readonly _listener: RowExportListener;
  private _rows: ReviewRow[] = [];
  private _timer: NodeJS.Timeout | undefined;
  /** The export in flight, if any: never more than one. */
  private _exporting: Promise<void> | undefined;

  constructor(sink: RowSink, config: RowExportQueueConfig, listener: RowExportListener) {
    this._sink = sink;
    this._config = config;
    this._listener = listener;
  }

  add(row: ReviewRow): void {
    if (this._rows.length >= this._config.maxQueueSize) {
      // A tenth at once keeps the cost per dropped row constant.
      const oldest = Math.max(1, Math.floor(this._config.maxQueueSize / 10));
      this._rows.splice(0, oldest);
      this._listener.dropped('queue_full', oldest, this._config.maxQueueSize);
    }
    this._rows.push(row);
    if (this._rows.length < this._config.maxExportBatchSize) this._startTimer();
    else if (this._exporting === undefined) void this._exportBatch();
  }

  /**
   * Sends everything queued and waits for it, for at most the export
   * timeout in all, then flushes the sink (bounded the same way). Rows not
   * sent by then stay queued.
   */
  async forceFlush(): Promise<void> {
    // Past one export timeout, so an export that times out is counted before the flush returns.
    const deadline = Date.now() + this._config.exportTimeoutMillis + FLUSH_SLACK_MILLIS;
    while ((this._exporting !== undefined || this._rows.length > 0) && Date.now() < deadline) {
      await untilDeadline(this._exporting ?? this._exportBatch(), deadline);
    }
    if (this._rows.length > 0) this._listener.stalled('export');
    await this._bounded('forceFlush', () => this._sink.forceFlush?.());
  }

  /** Flushes, counts what is still unsent as lost, and shuts the sink down. */
  async shutdown(): Promise<void> {
    await this.forceFlush();
    const unsent = this._rows.length;
    this._rows = [];
    if (unsent > 0) this._listener.dropped('sink_failure', unsent, 'rows still queued at shutdown');
    await this._bounded('shutdown', () => this._sink.shutdown());
  }

  /** The processor's export timeout, or the sink's own bound when that is longer. */
  private _timeoutMillis(): number {
    return sinkExportTimeout(this._sink, this._config.exportTimeoutMillis);
  }

  /** A sink call that may never settle, or may throw, waited for at most the export timeout. */
  private _bounded(operation: string, call: () => Promise<void> | undefined): Promise<void> {
    return new Promise<void>(resolve => {
      const timer = setTimeout(() => {
        this._listener.stalled(operation);
        resolve();
      }, this._timeoutMillis());
      timer.unref();
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      try {
        Promise.resolve(call()).then(done, done);
      } catch {
        done();
      }
    });
  }

  private _startTimer(): void {
    if (this._timer !== undefined || this._exporting !== undefined) return;
    this._timer = setTimeout(() => {
      this._timer = undefined;
      void this._exportBatch();
    }, this._config.scheduledDelayMillis);
    this._timer.unref();
  }

  /**
   * Exports one batch; when it is done, the next full batch or the timer
   * follows. Called only with rows queued and no export in flight, which
   * is also the only time the timer can be set.
   */
  private _exportBatch(): Promise<void> {
    clearTimeout(this._timer);
    this._timer = undefined;
    const batch = this._rows.splice(0, this._config.maxExportBatchSize);
    this._exporting = this._export(batch).then(() => {
      this._exporting = undefined;
      if (this._rows.length >= this._config.maxExportBatchSize) void this._exportBatch();
      else if (this._rows.length > 0) this._startTimer();
    });
    return this._exporting;
  }

  /** Resolves when the sink reports back or times out; never rejects. */
  private _export(rows: ReviewRow[]): Promise<void> {
    return new Promise<void>(resolve => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (result: RowExportResult) => {
        if (settled) return;
        settled = true;
        clearImmediate(arm);
        clearTimeout(timer);
        const { written, dropped } = rowExportOutcome(result, rows.length);
        if (written > 0) this._listener.written(written);
        for (const [reason, count] of dropped) this._listener.dropped(reason, count, result.error);
        resolve();
      };
      // The clock starts once the event loop turns: time the app holds the loop is not the sink's.
      const arm = setImmediate(() => {
        timer = setTimeout(
          () => finish({ code: ExportResultCode.FAILED, error: new Error('row sink timed out') }),
          this._timeoutMillis()
        );
        timer.unref();
      });
      arm.unref();
      context.with(suppressTracing(context.active()), () => {
        try {
          this._sink.export(rows, finish);
        } catch (error) {
          finish({ code: ExportResultCode.FAILED, error: error as Error });
        }
      });
    });
  }
}
