/* Captures what the library logs through `diag`, for tests of drops and misuse. */
import { type DiagLogger, diag, DiagLogLevel } from '@opentelemetry/api';

export class CapturingLogger implements DiagLogger {
  /** Every line of every level, in order. */
  readonly lines: string[] = [];
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  readonly debugs: string[] = [];
  private _keep(into: string[] | undefined, args: unknown[]): void {
    const line = args.map(String).join(' ');
    this.lines.push(line);
    into?.push(line);
  }
  warn = (...args: unknown[]) => this._keep(this.warnings, args);
  error = (...args: unknown[]) => this._keep(this.errors, args);
  info = (...args: unknown[]) => this._keep(undefined, args);
  debug = (...args: unknown[]) => this._keep(this.debugs, args);
  verbose = (...args: unknown[]) => this._keep(undefined, args);
}

/** Installs a capturing global diag logger; call `diag.disable()` afterwards. */
export function captureDiag(level = DiagLogLevel.WARN): CapturingLogger {
  const logger = new CapturingLogger();
  diag.setLogger(logger, { logLevel: level, suppressOverrideMessage: true });
  return logger;
}
