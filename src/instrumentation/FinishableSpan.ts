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

const logger = diag.createComponentLogger({ namespace: 'agent-review-telemetry' });

export function toHrTime(time: TimeInput | undefined): HrTime {
  return time === undefined ? hrTime() : timeInputToHrTime(time);
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

  protected _end(endTime: TimeInput | undefined): void {
    this._finished = true;
    this.span.end(toHrTime(endTime));
  }

  protected abstract _describe(): string;
}
