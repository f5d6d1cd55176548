/*
 * The command line's diag logger, when OTEL_LOG_LEVEL asks for one: lines
 * to stderr, never stdout (which carries the app-server's JSON-RPC stream).
 * Without it the proxy adds nothing to the streams it forwards.
 */
import { type DiagLogger, diag } from '@opentelemetry/api';
import { diagLogLevelFromString, getStringFromEnv } from '@opentelemetry/core';

const write = (...args: unknown[]) => void process.stderr.write(`agent-review-telemetry: ${args.map(String).join(' ')}\n`);

const STDERR_LOGGER: DiagLogger = { error: write, warn: write, info: write, debug: write, verbose: write };

export function logToStderr(): void {
  const level = diagLogLevelFromString(getStringFromEnv('OTEL_LOG_LEVEL'));
  if (level !== undefined) diag.setLogger(STDERR_LOGGER, { logLevel: level, suppressOverrideMessage: true });
}
