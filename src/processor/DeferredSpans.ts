/*
 * Ended spans whose handling waits for the next turn of the event loop, so
 * that the agent's span.end() returns after an array push instead of after
 * recognising, mapping, deduplicating and measuring. Spans that are not
 * review spans wait too: telling them apart costs attribute lookups. This moves work, it does not save
 * any: the CPU spent per span is the same, only later.
 *
 * Bounded: when the queue is full, the waiting spans are handled at once, in
 * order, and then the new one, so nothing is lost or reordered (a tool item
 * must see the reviews that ended before it).
 */
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

export type SpanHandler = (span: ReadableSpan) => void;

export class DeferredSpans {
  private _spans: ReadableSpan[] = [];
  private _scheduled: NodeJS.Immediate | undefined;
  private readonly _maxSpans: number;
  private readonly _handle: SpanHandler;

  /** `handle` must not throw: the processor's own handler catches everything. */
  constructor(maxSpans: number, handle: SpanHandler) {
    this._maxSpans = maxSpans;
    this._handle = handle;
  }

  /** Spans waiting to be handled. */
  get size(): number {
    return this._spans.length;
  }

  add(span: ReadableSpan): void {
    if (this._spans.length >= this._maxSpans) {
      this.drain();
      this._handle(span);
      return;
    }
    this._spans.push(span);
    // Kept referenced on purpose: a process that ends by itself still maps
    // what its last spans left here.
    this._scheduled ??= setImmediate(() => this.drain());
  }

  /** Handles every waiting span now, in the order they ended. */
  drain(): void {
    clearImmediate(this._scheduled);
    this._scheduled = undefined;
    const spans = this._spans;
    this._spans = [];
    for (const span of spans) this._handle(span);
  }
}
