/* Captures what the library logs through `diag`, for tests of drops and misuse. */
import { type DiagLogger, diag, DiagLogLevel } from '@opentelemetry/api';

export class CapturingLogger implements DiagLogger {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  readonly debugs: string[] = [];
  warn = (...args: unknown[]) => void this.warnings.push(args.map(String).join(' '));
  error = (...args: unknown[]) => void this.errors.push(args.map(String).join(' '));
  info = () => {};
  debug = (...args: unknown[]) => void this.debugs.push(args.map(String).join(' '));
  verbose = () => {};
}

/** Installs a capturing global diag logger; call `diag.disable()` afterwards. */
export function captureDiag(level = DiagLogLevel.WARN): CapturingLogger {
  const logger = new CapturingLogger();
  diag.setLogger(logger, { logLevel: level, suppressOverrideMessage: true });
  return logger;
}
