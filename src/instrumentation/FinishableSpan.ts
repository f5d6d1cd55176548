/*
 * The lifecycle every helper handle shares: one span, stamped from one clock,
 * finished once. A second finish is a caller bug: it is logged through diag
 * and ignored, never thrown into the agent.
 */
import {
  type Context,
  context,
  diag,
  type HrTime,
  type Span,
  type TimeInput,
  trace,
} from '@opentelemetry/api';
import { hrTime, timeInputToHrTime } from '@opentelemetry/core';
import { errorKind } from '../rules/errorKind.js';

const logger = diag.createComponentLogger({ namespace: 'agent-review-telemetry' });

/** The time given, or now; a time that is no time is logged and replaced by now. */
export function toHrTime(time: TimeInput | undefined): HrTime {
  if (time === undefined) return hrTime();
  try {
    const converted = timeInputToHrTime(time);
    if (Number.isFinite(converted[0]) && Number.isFinite(converted[1])) return converted;
  } catch {
    // Reported below, as for a non-finite number.
  }
  logger.warn(`a time given to a helper is not a valid time (${typeof time}); using now`);
  return hrTime();
}


export abstract class FinishableSpan {
  readonly span: Span;
  protected readonly _startTime: HrTime;
  private _finished = false;

  protected constructor(span: Span, startTime: HrTime) {
    this.span = span;
    this._startTime = startTime;
  }

  get finished(): boolean {
    return this._finished;
  }

  /** A context with this span active, to parent other spans. */
  context(parent: Context = context.active()): Context {
    return trace.setSpan(parent, this.span);
  }

  /** False (and a diag warning) when the span has already been finished. */
  protected _isOpen(operation: string): boolean {
    if (this._finished) {
      logger.warn(`${operation} on a finished span "${this._describe()}" was ignored`);
      return false;
    }
    return true;
  }

  /**
   * Runs one helper call. A bad argument never reaches the agent: the error
   * goes to diag, and a call that finishes the span still ends it, so no span
   * is left open (the processor then counts what it lacks).
   */
  protected _run(operation: string, finishes: boolean, call: () => void): void {
    if (!this._isOpen(operation)) return;
    try {
      call();
    } catch (error) {
      logger.warn(`${operation} on "${this._describe()}" failed and was ignored: ${errorKind(error)}`);
      if (finishes && !this._finished) this._end(undefined);
    }
  }

  protected _end(endTime: TimeInput | undefined): void {
    this._finished = true;
    this.span.end(toHrTime(endTime));
  }

  protected abstract _describe(): string;
}
