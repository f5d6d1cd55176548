/*
 * Cuts a byte stream into newline-terminated lines for observation only:
 * the bytes themselves are forwarded untouched elsewhere. A line longer
 * than the cap is skipped (and counted) rather than buffered without bound.
 */

export class LineSplitter {
  private _pending: Buffer[] = [];
  private _pendingBytes = 0;
  private _skipping = false;
  private _oversized = 0;
  private readonly _maxLineBytes: number;
  private readonly _onLine: (line: Buffer, atMs: number) => void;
  private readonly _onOversized: () => void;

  /**
   * `onLine` gets each line and the arrival time of the chunk that completed
   * it; `onOversized` is told of each skipped line, in its place among them.
   */
  constructor(maxLineBytes: number, onLine: (line: Buffer, atMs: number) => void, onOversized: () => void = () => {}) {
    this._maxLineBytes = maxLineBytes;
    this._onLine = onLine;
    this._onOversized = onOversized;
  }

  /** Lines skipped because they exceeded the cap. */
  get oversized(): number {
    return this._oversized;
  }

  push(chunk: Buffer, atMs: number): void {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      this._append(chunk.subarray(start, end));
      if (!this._skipping) {
        const line = this._pending.length === 1 ? this._pending[0]! : Buffer.concat(this._pending);
        this._onLine(line, atMs);
      }
      this._pending = [];
      this._pendingBytes = 0;
      this._skipping = false;
      start = end + 1;
    }
    if (start < chunk.length) this._append(chunk.subarray(start));
  }

  /** The input ended: a last line without a newline is a line too. Push nothing after this. */
  end(atMs: number): void {
    if (this._pendingBytes > 0) this._onLine(Buffer.concat(this._pending), atMs);
  }

  private _append(part: Buffer): void {
    if (this._skipping) return;
    if (this._pendingBytes + part.length > this._maxLineBytes) {
      this._skipping = true;
      this._oversized++;
      this._pending = [];
      this._pendingBytes = 0;
      this._onOversized();
      return;
    }
    // Copied: the chunk's memory may be reused once the data event returns.
    this._pending.push(Buffer.from(part));
    this._pendingBytes += part.length;
  }
}
