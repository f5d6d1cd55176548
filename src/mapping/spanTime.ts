/*
 * Row times come from the span's own timestamps, never from the processor's
 * clock. Milliseconds are truncated like Rust's `Duration::as_millis`. A time
 * that is not a valid epoch time (non-finite, negative, past the safe
 * integers) makes the span malformed rather than a row with a bad number.
 */
import type { HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { MalformedSpanError } from '../rules/MalformedSpanError.js';

/** Whole milliseconds of an epoch time or a duration; NaN when it is no HrTime. */
function hrTimeToMillis(time: HrTime): number {
  return Array.isArray(time) ? time[0] * 1000 + Math.floor(time[1] / 1e6) : Number.NaN;
}

/** Whole milliseconds, checked: a safe integer >= 0. */
export function checkedMillis(time: HrTime, what: string): number {
  const millis = hrTimeToMillis(time);
  if (!Number.isSafeInteger(millis) || millis < 0) {
    throw new MalformedSpanError(`the span's ${what} is not a valid time`);
  }
  return millis;
}

export interface SpanTimes {
  startedAtMs: number;
  completedAtMs: number;
  /** `completed - started`, or null when the end precedes the start. */
  durationMs: number | null;
}

export function spanTimes(span: ReadableSpan): SpanTimes {
  const startedAtMs = checkedMillis(span.startTime, 'start time');
  const completedAtMs = checkedMillis(span.endTime, 'end time');
  return {
    startedAtMs,
    completedAtMs,
    durationMs: completedAtMs >= startedAtMs ? completedAtMs - startedAtMs : null,
  };
}

/** Whole milliseconds from `from` to `to` (the truncated difference), at least 0. */
export function elapsedMillis(from: HrTime, to: HrTime): number {
  checkedMillis(from, 'start time');
  checkedMillis(to, 'event time');
  return Math.max(0, (to[0] - from[0]) * 1000 + Math.floor((to[1] - from[1]) / 1e6));
}
