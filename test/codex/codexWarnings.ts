/* The Codex bridge's diag warnings in each test of a file: a logger is set before each test and removed after it. */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterEach, beforeEach } from 'vitest';

/** Call at the top of a test file; the function it returns gives the bridge's warnings so far in the running test. */
export function codexWarningsPerTest(): () => string[] {
  let warnings: string[] = [];
  beforeEach(() => {
    warnings = [];
    // The component logger passes its namespace first, then the message.
    const record = (...args: unknown[]) => void warnings.push(args.join(' '));
    const ignore = () => {};
    diag.setLogger({ error: ignore, warn: record, info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);
  });
  afterEach(() => {
    diag.disable();
  });
  return () => warnings.filter(line => line.startsWith('agent-review-telemetry/codex'));
}
