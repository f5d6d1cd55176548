/*
 * Collects what became of each row of one batch and calls the batch's
 * callback once, when the last row is written or dropped.
 */
import { diag } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { RowExportResult, SinkDropReason } from '../rows/RowSink.js';

export class BatchReport {
  private _open: number;
  private _written = 0;
  private readonly _dropped: Partial<Record<SinkDropReason, number>> = {};
  private _error: Error | undefined;

  constructor(
    size: number,
    private readonly _callback: (result: RowExportResult) => void
  ) {
    this._open = size;
    if (size === 0) this._report();
  }

  written(count = 1): void {
    this._written += count;
    this._settle(count);
  }

  dropped(reason: SinkDropReason, error: Error, count = 1): void {
    this._dropped[reason] = (this._dropped[reason] ?? 0) + count;
    this._error ??= error;
    this._settle(count);
  }

  private _settle(count: number): void {
    this._open -= count;
    if (this._open === 0) this._report();
  }

  private _report(): void {
    const anyDropped = Object.keys(this._dropped).length > 0;
    try {
      this._callback({
        code: this._written > 0 || !anyDropped ? ExportResultCode.SUCCESS : ExportResultCode.FAILED,
        ...(anyDropped ? { droppedRows: this._dropped, error: this._error } : {}),
      });
    } catch (error) {
      // A throwing callback must not stop the sink's writer.
      diag.error('row sink export callback threw', error);
    }
  }
}
