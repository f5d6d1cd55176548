/*
 * Row times come from the span's own timestamps, never from the processor's
 * clock. Milliseconds are truncated like Rust's `Duration::as_millis`.
 */
import type { HrTime } from '@opentelemetry/api';

/** Whole milliseconds of an epoch time or a duration. */
export function hrTimeToMillis(time: HrTime): number {
  return time[0] * 1000 + Math.floor(time[1] / 1e6);
}

/** Whole milliseconds from `from` to `to` (negative when `to` is earlier). */
export function hrTimeDiffMillis(from: HrTime, to: HrTime): number {
  return (to[0] - from[0]) * 1000 + Math.floor((to[1] - from[1]) / 1e6);
}

/** `completed - started`, or null when the end precedes the start. */
export function checkedDurationMillis(
  startedAtMs: number,
  completedAtMs: number
): number | null {
  return completedAtMs >= startedAtMs ? completedAtMs - startedAtMs : null;
}
