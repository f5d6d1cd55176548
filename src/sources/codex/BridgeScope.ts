/*
 * What the bridge lends the keepers of what a session has open (tool items,
 * user reviews, guardian reviews): the tracer, the bounds of their state, the
 * thread context the handshake told, and its counters of what went wrong.
 */
import type { ReviewTracer, ThreadContext } from '../../index.js';
import type { Turn } from './turn.js';

export interface BridgeScope {
  readonly reviews: ReviewTracer;
  /** Most entries open at once in each keeper's state. */
  readonly maxOpen: number;
  /** An open entry older than this expires. */
  readonly maxOpenAgeMs: number;
  /** The helpers' thread context: the turn plus what the handshake told. */
  context(turn: Turn): ThreadContext;
  /** Counts and logs a payload the bridge could not read. */
  malformed(what: string): void;
  /** Counts and logs an open request, item or review that expired before the stream closed it. */
  expired(what: string): void;
}
