/* A diag logger that keeps every line it is given; `diag.setLogger(logger, level)` chooses the levels. */
import type { DiagLogger } from '@opentelemetry/api';

export class DiagLines implements DiagLogger {
  readonly lines: string[] = [];
  private readonly _add = (...args: unknown[]) => void this.lines.push(args.map(String).join(' '));
  error = this._add;
  warn = this._add;
  info = this._add;
  debug = this._add;
  verbose = this._add;
}
