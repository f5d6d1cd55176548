/*
 * Keeps rows in memory, for tests and for in-process consumers. A row is
 * kept only if a real sink could write it, so tests see what a file or a
 * collector would get.
 */
import { ExportResultCode } from '@opentelemetry/core';
import type { ReviewRow } from '../rows/ReviewRow.js';
import { BatchReport } from './BatchReport.js';
import type { RowExportResult, RowSink } from '../rows/RowSink.js';
import { serializeRow } from './serializeRow.js';

/** Keeps the rows it is handed in memory, for tests and in-process readers. */
export class InMemoryRowSink implements RowSink {
  private _rows: ReviewRow[] = [];
  private _stopped = false;

  /** Keeps each row that can be serialised; drops the others as `unserializable`. Fails after shutdown. */
  export(rows: ReviewRow[], resultCallback: (result: RowExportResult) => void): void {
    if (this._stopped) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: new Error('InMemoryRowSink is shut down'),
      });
      return;
    }
    const report = new BatchReport(rows.length, resultCallback);
    for (const row of rows) {
      const serialized = serializeRow(row);
      if ('error' in serialized) {
        report.dropped('unserializable', serialized.error);
      } else {
        this._rows.push(row);
        report.written();
      }
    }
  }

  /** The rows kept so far, oldest first. */
  getRows(): ReviewRow[] {
    return this._rows;
  }

  /** Forgets the rows kept so far. */
  reset(): void {
    this._rows = [];
  }

  /** Nothing is buffered: resolves at once. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Stops taking rows; the rows kept stay readable. */
  shutdown(): Promise<void> {
    this._stopped = true;
    return Promise.resolve();
  }
}
