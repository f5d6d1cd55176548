/*
 * Hands the rows of a rows file to a row sink in order, batch by batch,
 * reading the file as a stream: at most `maxPendingBatches` batches wait for
 * the sink's answer at a time, so memory stays bounded and a sink with a
 * bounded queue never overflows. Lines that are not rows are counted with
 * their line numbers; rows the sink drops are counted by reason.
 */
import type { ReviewRow, RowSink, SinkDropReason } from '../index.js';
import { rowExportOutcome } from '../rows/RowSink.js';
import { rowsFileLines } from './rowsFileLines.js';

export interface ReplayOptions {
  file: string;
  sink: RowSink;
  /** Rows per batch handed to the sink. */
  batchSize: number;
  /** Batches handed over and not yet answered, at most. */
  maxPendingBatches: number;
  /** Longer lines are bad lines. Default: rowsFileLines' default. */
  maxLineBytes?: number;
  /** Bad lines kept with their number and reason; the rest are only counted. */
  badLinesListed: number;
  /** After each answered batch: bytes of the file up to its last row, rows answered so far. */
  onProgress?: (bytes: number, rowsAnswered: number) => void;
}

export interface ReplayReport {
  /** Rows handed to the sink. */
  rows: number;
  written: number;
  dropped: Partial<Record<SinkDropReason, number>>;
  /** The sink's first error, when it dropped rows. */
  firstError: string | undefined;
  badLines: number;
  /** The first `badLinesListed` bad lines. */
  listedBadLines: { line: number; problem: string }[];
}

export const droppedCount = (report: ReplayReport): number =>
  Object.values(report.dropped).reduce((sum, count) => sum + count, 0);

export async function replayRows(options: ReplayOptions): Promise<ReplayReport> {
  const report: ReplayReport = { rows: 0, written: 0, dropped: {}, firstError: undefined, badLines: 0, listedBadLines: [] };
  const pending = new Set<Promise<void>>();
  let batch: ReviewRow[] = [];
  let batchEnd = 0;

  const handOver = () => {
    const rows = batch;
    const end = batchEnd;
    batch = [];
    report.rows += rows.length;
    const answered = new Promise<void>(resolve => {
      options.sink.export(rows, result => {
        const outcome = rowExportOutcome(result, rows.length);
        report.written += outcome.written;
        for (const [reason, count] of outcome.dropped) report.dropped[reason] = (report.dropped[reason] ?? 0) + count;
        if (outcome.dropped.length > 0) report.firstError ??= result.error?.message;
        options.onProgress?.(end, report.written + droppedCount(report));
        resolve();
      });
    });
    pending.add(answered);
    void answered.then(() => pending.delete(answered));
  };

  for await (const entry of rowsFileLines(options.file, options.maxLineBytes)) {
    if ('problem' in entry) {
      report.badLines++;
      if (report.listedBadLines.length < options.badLinesListed) {
        report.listedBadLines.push({ line: entry.line, problem: entry.problem });
      }
      continue;
    }
    batch.push(entry.row);
    batchEnd = entry.offset;
    if (batch.length < options.batchSize) continue;
    handOver();
    while (pending.size >= options.maxPendingBatches) await Promise.race(pending);
  }
  if (batch.length > 0) handOver();
  await Promise.all(pending);
  return report;
}
