/*
 * Appends rows to a file as JSON Lines, one row per line, through one file
 * handle. What it promises is in docs/reliability.md; in short:
 * - a row counts as written only once every byte of its line reached the
 *   file; a short write is continued, a failed one drops the rest of that
 *   write (counted) and, if a line was cut, the next write starts with a
 *   newline so no row is ever glued onto the cut one;
 * - before a write it checks that `path` still names the open file and
 *   reopens it when it was removed or renamed (log rotation);
 * - the backlog is bounded in bytes; a row that does not fit is dropped
 *   (newest first) and counted, so a stalled disk never costs memory.
 */
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { diag } from '@opentelemetry/api';
import { BindOnceFuture, ExportResultCode } from '@opentelemetry/core';
import type { ReviewRow } from '../rows/ReviewRow.js';
import { BatchReport } from './BatchReport.js';
import { MAX_TIMER_MILLIS } from '../rows/RowSink.js';
import { numberOption } from './numberOption.js';
import type { RowExportResult, RowSink } from '../rows/RowSink.js';
import { serializeRow } from './serializeRow.js';

const logger = diag.createComponentLogger({ namespace: 'JsonlFileRowSink' });

/** Options of JsonlFileRowSink. */
export interface JsonlFileRowSinkOptions {
  /** File to write; its folder is created when missing. */
  path: string;
  /** Empty the file when it is first opened. Default: false (append). */
  truncate?: boolean;
  /** Bytes of rows waiting to be written; a row that does not fit is dropped. Default: 64 MiB. */
  maxPendingBytes?: number;
  /** Least time between two checks that `path` is still the open file, in ms; 0 checks before every write. Default: 0. */
  rotationCheckMillis?: number;
  /** Longest `forceFlush` and `shutdown` wait for the backlog, in ms. Default: 30000. */
  flushTimeoutMillis?: number;
}

interface PendingLine {
  text: string;
  bytes: number;
  report: BatchReport;
}

interface OpenFile {
  handle: FileHandle;
  ino: number;
  dev: number;
  /** The file ends in the middle of a line. */
  torn: boolean;
  /** When `path` was last found to name this file (Date.now()). */
  checkedAt: number;
}

/** A write takes lines until they add up to this many bytes; the backlog goes out in chunks of about this. */
const MAX_WRITE_BYTES = 4 * 1024 * 1024;

/** Appends each row as one JSON line to a file, in order, in the background. */
export class JsonlFileRowSink implements RowSink {
  /** The file the rows go to. */
  readonly path: string;
  private readonly _truncate: boolean;
  private readonly _maxPendingBytes: number;
  private readonly _rotationCheckMillis: number;
  private readonly _flushTimeoutMillis: number;
  private _queue: PendingLine[] = [];
  private _pendingBytes = 0;
  /** Lines queued so far, and lines of those written or dropped (in queue order). */
  private _queued = 0;
  private _settled = 0;
  private _waiters: { upTo: number; resolve: (settled: boolean) => void }[] = [];
  private _drained: Promise<void> = Promise.resolve();
  private _draining = false;
  private _file: OpenFile | undefined;
  private _openedOnce = false;
  private readonly _shutdownOnce: BindOnceFuture<void>;

  constructor(options: JsonlFileRowSinkOptions) {
    this.path = options.path;
    this._truncate = options.truncate ?? false;
    this._maxPendingBytes = numberOption(logger, 'maxPendingBytes', options.maxPendingBytes, 64 * 1024 * 1024, 1);
    this._rotationCheckMillis = numberOption(logger, 'rotationCheckMillis', options.rotationCheckMillis, 0, 0);
    this._flushTimeoutMillis = numberOption(
      logger,
      'flushTimeoutMillis',
      options.flushTimeoutMillis,
      30_000,
      0,
      MAX_TIMER_MILLIS
    );
    this._shutdownOnce = new BindOnceFuture(this._shutdown, this);
  }

  /** Queues the rows for writing; calls back once each is written or dropped (unserializable, over maxPendingBytes). */
  export(rows: ReviewRow[], resultCallback: (result: RowExportResult) => void): void {
    if (this._shutdownOnce.isCalled) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: new Error('JsonlFileRowSink is shut down'),
      });
      return;
    }
    const report = new BatchReport(rows.length, resultCallback);
    let overflow: Error | undefined;
    for (const row of rows) {
      const serialized = serializeRow(row);
      if ('error' in serialized) {
        report.dropped('unserializable', serialized.error);
        continue;
      }
      const text = serialized.json + '\n';
      const bytes = Buffer.byteLength(text);
      if (this._pendingBytes + bytes > this._maxPendingBytes) {
        overflow ??= new Error(`JsonlFileRowSink: over ${this._maxPendingBytes} bytes waiting for ${this.path}`);
        report.dropped('sink_overflow', overflow);
        continue;
      }
      this._pendingBytes += bytes;
      this._queue.push({ text, bytes, report });
      this._queued++;
    }
    if (!this._draining) this._drained = this._drain();
  }

  /** Resolves once every row handed over so far is written or dropped, or after flushTimeoutMillis. */
  async forceFlush(): Promise<void> {
    await this._settledUpTo(this._queued);
  }

  /** Writes the rows still queued (within flushTimeoutMillis; the rest are dropped, counted) and closes the file, once. */
  shutdown(): Promise<void> {
    return this._shutdownOnce.call();
  }

  private async _drain(): Promise<void> {
    this._draining = true;
    while (this._queue.length > 0) {
      const lines = this._takeChunk();
      await this._writeLines(lines);
      this._settled += lines.length;
      this._waiters = this._waiters.filter(waiter => {
        if (waiter.upTo > this._settled) return true;
        waiter.resolve(true);
        return false;
      });
    }
    this._draining = false;
  }

  /** The next lines to write: taken until they add up to MAX_WRITE_BYTES, so at least one however long it is. */
  private _takeChunk(): PendingLine[] {
    let end = 0;
    let bytes = 0;
    while (end < this._queue.length && bytes < MAX_WRITE_BYTES) {
      bytes += (this._queue[end] as PendingLine).bytes;
      end++;
    }
    return this._queue.splice(0, end);
  }

  /** Writes the lines and reports each one; never rejects. */
  private async _writeLines(lines: PendingLine[]): Promise<void> {
    try {
      await this._writeOrDrop(lines);
    } finally {
      // Lines count against the backlog until their write returns.
      for (const line of lines) this._pendingBytes -= line.bytes;
    }
  }

  private async _writeOrDrop(lines: PendingLine[]): Promise<void> {
    let file: OpenFile;
    let buffer: Buffer;
    try {
      file = await this._currentFile();
      buffer = Buffer.from((file.torn ? '\n' : '') + lines.map(line => line.text).join(''));
    } catch (error) {
      for (const line of lines) line.report.dropped('sink_failure', error as Error);
      return;
    }
    const prefix = file.torn ? 1 : 0;
    let done = 0;
    let failure: Error | undefined;
    while (done < buffer.length) {
      try {
        // A short write (e.g. a nearly full disk) is continued where it stopped.
        const { bytesWritten } = await file.handle.write(buffer, done, buffer.length - done);
        if (bytesWritten <= 0) throw new Error(`no progress writing ${this.path}`);
        done += bytesWritten;
      } catch (error) {
        failure = error as Error;
        break;
      }
    }
    if (done >= prefix) file.torn = false;
    let end = prefix;
    for (const line of lines) {
      const start = end;
      end += line.bytes;
      if (end <= done) {
        line.report.written();
        continue;
      }
      // Part of this line reached the file: the next write starts on a new line.
      if (start < done) file.torn = true;
      line.report.dropped('sink_failure', failure as Error);
    }
  }

  /** The open file, reopened when `path` no longer names it. */
  private async _currentFile(): Promise<OpenFile> {
    if (this._file !== undefined && Date.now() - this._file.checkedAt >= this._rotationCheckMillis) {
      this._file.checkedAt = Date.now();
      const current = await stat(this.path).catch(() => undefined);
      if (current === undefined || current.ino !== this._file.ino || current.dev !== this._file.dev) {
        logger.info(`${this.path} was removed or renamed; reopening it`);
        const old = this._file.handle;
        this._file = undefined;
        await old.close().catch(() => undefined);
      }
    }
    this._file ??= await this._open();
    return this._file;
  }

  private async _open(): Promise<OpenFile> {
    await mkdir(dirname(this.path), { recursive: true });
    const handle = await open(this.path, 'a+');
    try {
      if (this._truncate && !this._openedOnce) await handle.truncate(0);
      const info = await handle.stat();
      // A file left ending mid-line (e.g. by a crash) gets a newline before our first row.
      let torn = false;
      if (info.size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, info.size - 1);
        torn = last[0] !== 0x0a;
      }
      this._openedOnce = true;
      return { handle, ino: info.ino, dev: info.dev, torn, checkedAt: Date.now() };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** Resolves true once the first `upTo` queued lines are settled, false after flushTimeoutMillis. */
  private _settledUpTo(upTo: number): Promise<boolean> {
    if (this._settled >= upTo) return Promise.resolve(true);
    return new Promise(resolve => {
      const waiter = {
        upTo,
        resolve: (settled: boolean) => {
          clearTimeout(timer);
          resolve(settled);
        },
      };
      const timer = setTimeout(() => {
        this._waiters = this._waiters.filter(other => other !== waiter);
        logger.warn(
          `${this._queued - this._settled} rows still waiting for ${this.path} after ${this._flushTimeoutMillis} ms`
        );
        resolve(false);
      }, this._flushTimeoutMillis);
      timer.unref();
      this._waiters.push(waiter);
    });
  }

  private async _shutdown(): Promise<void> {
    const flushed = await this._settledUpTo(this._queued);
    if (!flushed) {
      // The disk is stuck: rows not yet in a write are dropped now, counted.
      const error = new Error(`JsonlFileRowSink shut down before the rows reached ${this.path}`);
      const left = this._queue;
      this._queue = [];
      this._settled += left.length;
      // No export is taken any more, so the backlog bound (_pendingBytes) needs no update.
      for (const line of left) line.report.dropped('sink_failure', error);
    }
    // A write still stuck in the disk closes the file when it returns.
    const close = this._drained.then(() => this._file?.handle.close().catch(() => undefined));
    if (flushed) await close;
  }
}
