/* Keeps rows in memory, for tests and for in-process consumers. */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReviewRow } from '../rows/ReviewRow.js';
import type { RowSink } from '../rows/RowSink.js';

export class InMemoryRowSink implements RowSink {
  private _rows: ReviewRow[] = [];
  private _stopped = false;

  export(rows: ReviewRow[], resultCallback: (result: ExportResult) => void): void {
    if (this._stopped) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: new Error('InMemoryRowSink is shut down'),
      });
      return;
    }
    for (const row of rows) this._rows.push(row);
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  getRows(): ReviewRow[] {
    return this._rows;
  }

  reset(): void {
    this._rows = [];
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this._stopped = true;
    return Promise.resolve();
  }
}
