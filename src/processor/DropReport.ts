/*
 * Lost rows are counted one by one on `agent_review.processor.rows.dropped`
 * but told through diag at most once per interval, with the count by reason
 * and the first reason's message, never once per row: a flood of bad spans
 * must not become a flood of log lines.
 */
import type { DiagLogger } from '@opentelemetry/api';
import type { DropReason } from '../semconv/metrics.js';

/** Expected losses (a span delivered twice) are told at debug level. */
const QUIET_REASONS: ReadonlySet<DropReason> = new Set(['duplicate']);

export class DropReport {
  private readonly _logger: DiagLogger;
  private readonly _intervalMillis: number;
  private _counts = new Map<DropReason, number>();
  private _firstDetail: string | undefined;
  private _timer: NodeJS.Timeout | undefined;

  constructor(logger: DiagLogger, intervalMillis: number) {
    this._logger = logger;
    this._intervalMillis = intervalMillis;
  }

  /** The first loss of a quiet interval is told at once; later ones wait for its end. `count` is at least 1. */
  add(reason: DropReason, count: number, detail: string): void {
    this._counts.set(reason, (this._counts.get(reason) ?? 0) + count);
    this._firstDetail ??= detail;
    if (this._timer === undefined) {
      this.flush();
      this._timer = setTimeout(() => {
        this._timer = undefined;
        this.flush();
      }, this._intervalMillis);
      this._timer.unref();
    }
  }

  /** Tells what was lost since the last report, if anything. */
  flush(): void {
    if (this._counts.size === 0) return;
    let total = 0;
    let quiet = true;
    const parts: string[] = [];
    for (const [reason, count] of this._counts) {
      total += count;
      quiet &&= QUIET_REASONS.has(reason);
      parts.push(`${reason} ${count}`);
    }
    const message = `dropped ${total} rows (${parts.join(', ')}); first: ${this._firstDetail}`;
    if (quiet) this._logger.debug(message);
    else this._logger.warn(message);
    this._counts = new Map();
    this._firstDetail = undefined;
  }

  /** Stops the interval timer after telling what is left. */
  close(): void {
    if (this._timer !== undefined) clearTimeout(this._timer);
    this._timer = undefined;
    this.flush();
  }
}
