/*
 * Where analytics rows go. Shaped like an OTel exporter: the processor
 * batches rows and hands each batch over once, and the sink reports the
 * outcome through the callback so failed rows are counted, never lost
 * silently. A sink must not throw from `export`.
 *
 * A plain `ExportResult` reports the whole batch: SUCCESS = every row
 * written, FAILED = none. A sink that writes row by row adds `droppedRows`
 * so that one bad row costs only itself.
 */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { DropReason } from '../semconv/metrics.js';
import type { ReviewRow } from './ReviewRow.js';

/** The longest delay setTimeout honours; a longer one fires at once. */
export const MAX_TIMER_MILLIS = 2_147_483_647;

/** Why a sink dropped some rows of a batch. */
export const SINK_DROP_REASONS = ['unserializable', 'sink_overflow', 'sink_failure'] as const;
/** One of SINK_DROP_REASONS. */
export type SinkDropReason = (typeof SINK_DROP_REASONS)[number] & DropReason;

/** A sink's answer for a batch: the export result and the rows it dropped. */
export interface RowExportResult extends ExportResult {
  /**
   * Rows of the batch that were not written, by reason. With SUCCESS every
   * other row was written; with FAILED every other row counts as
   * `sink_failure`.
   */
  droppedRows?: Partial<Record<SinkDropReason, number>>;
}

/** Where rows go: the contract every sink implements, like an OpenTelemetry exporter. */
export interface RowSink {
  /** Takes a batch of rows and calls back once with how it went; must not throw. */
  export(rows: ReviewRow[], resultCallback: (result: RowExportResult) => void): void;
  /** Writes out anything the sink still buffers. */
  forceFlush?(): Promise<void>;
  /** Flushes and releases the sink; later exports fail. */
  shutdown(): Promise<void>;
  /**
   * Longest this sink may take to report a batch, in ms, when it bounds
   * that itself (e.g. while it retries). The processor waits at least this
   * long before it counts the batch as failed.
   */
  readonly exportTimeoutMillis?: number;
}

/** How long the processor waits for a batch: its own timeout, or the sink's bound when that is longer. */
export function sinkExportTimeout(sink: RowSink, processorMillis: number): number {
  const own = sink.exportTimeoutMillis;
  return typeof own === 'number' && own > processorMillis ? Math.min(own, MAX_TIMER_MILLIS) : processorMillis;
}

/** How a batch of `size` rows ended, from a sink's result; tolerant of bad counts. */
export function rowExportOutcome(
  result: RowExportResult,
  size: number
): { written: number; dropped: [SinkDropReason, number][] } {
  const dropped: [SinkDropReason, number][] = [];
  let left = size;
  for (const reason of SINK_DROP_REASONS) {
    const reported = result.droppedRows?.[reason];
    if (typeof reported !== 'number') continue;
    const count = Math.min(Math.floor(reported), left);
    // Also false for NaN, a negative count and a fraction below one.
    if (!(count > 0)) continue;
    dropped.push([reason, count]);
    left -= count;
  }
  if (result.code === ExportResultCode.SUCCESS || left === 0) return { written: left, dropped };
  const failure = dropped.find(([reason]) => reason === 'sink_failure');
  if (failure) failure[1] += left;
  else dropped.push(['sink_failure', left]);
  return { written: 0, dropped };
}
