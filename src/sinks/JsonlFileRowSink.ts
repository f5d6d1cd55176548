/*
 * Appends rows to a file as JSON Lines, one row per line. Batches are
 * written in order through one file handle; the backlog is bounded so that
 * a stalled disk costs counted failures, not unbounded memory.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  BindOnceFuture,
  type ExportResult,
  ExportResultCode,
} from '@opentelemetry/core';
import type { ReviewRow } from '../rows/ReviewRow.js';
import type { RowSink } from '../rows/RowSink.js';

export interface JsonlFileRowSinkOptions {
  /** File to write; its folder is created when missing. */
  path: string;
  /** Empty the file when it is first opened. Default: false (append). */
  truncate?: boolean;
  /** Bytes waiting to be written before new batches fail. Default: 64 MiB. */
  maxPendingBytes?: number;
}

export class JsonlFileRowSink implements RowSink {
  readonly path: string;
  private readonly _truncate: boolean;
  private readonly _maxPendingBytes: number;
  private _handle: Promise<FileHandle> | undefined;
  private _writes: Promise<void> = Promise.resolve();
  private _pendingBytes = 0;
  private readonly _shutdownOnce: BindOnceFuture<void>;

  constructor(options: JsonlFileRowSinkOptions) {
    this.path = options.path;
    this._truncate = options.truncate ?? false;
    this._maxPendingBytes = options.maxPendingBytes ?? 64 * 1024 * 1024;
    this._shutdownOnce = new BindOnceFuture(this._shutdown, this);
  }

  export(rows: ReviewRow[], resultCallback: (result: ExportResult) => void): void {
    if (this._shutdownOnce.isCalled) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: new Error('JsonlFileRowSink is shut down'),
      });
      return;
    }
    let text = '';
    for (const row of rows) text += JSON.stringify(row) + '\n';
    if (this._pendingBytes + text.length > this._maxPendingBytes) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: new Error(
          `JsonlFileRowSink: over ${this._maxPendingBytes} bytes waiting for ${this.path}`
        ),
      });
      return;
    }
    this._pendingBytes += text.length;
    this._writes = this._writes.then(async () => {
      try {
        const handle = await this._openOnce();
        await handle.write(text);
        resultCallback({ code: ExportResultCode.SUCCESS });
      } catch (error) {
        resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
      } finally {
        this._pendingBytes -= text.length;
      }
    });
  }

  /** Resolves once every batch handed over so far is written. */
  forceFlush(): Promise<void> {
    return this._writes;
  }

  shutdown(): Promise<void> {
    return this._shutdownOnce.call();
  }

  private _openOnce(): Promise<FileHandle> {
    this._handle ??= mkdir(dirname(this.path), { recursive: true })
      .then(() => open(this.path, this._truncate ? 'w' : 'a'))
      .catch((error: unknown) => {
        // Let the next batch try again (the disk may come back).
        this._handle = undefined;
        throw error;
      });
    return this._handle;
  }

  private async _shutdown(): Promise<void> {
    await this._writes;
    if (this._handle !== undefined) {
      // A failed open was already reported through the export callbacks.
      const handle = await this._handle.catch(() => undefined);
      await handle?.close();
    }
  }
}
