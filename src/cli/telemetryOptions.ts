/*
 * Options every telemetry-writing subcommand shares, so `--rows FILE` means
 * the same everywhere, and the SDK setup they map to.
 */
import { type Command, Option } from 'commander';
import type { ReviewTelemetry } from '../setup/index.js';

export interface TelemetryFlags {
  rows?: string;
  rowsOtlp?: boolean;
}

export function addTelemetryOptions(command: Command): Command {
  return command
    .addOption(new Option('--rows <file>', 'append the analytics rows to this JSONL file'))
    .addOption(
      new Option(
        '--rows-otlp',
        'also send the rows as OTLP log records (needs OTEL_EXPORTER_OTLP_ENDPOINT)'
      )
    );
}

/**
 * Traces and metrics go where the standard OTEL_* environment says. The
 * command shuts telemetry down itself, after the child it runs has ended:
 * the library's own exit hooks would flush before the child's last lines.
 * Setup is loaded here, not at start, so the commands that need none of
 * its optional peer packages run without them.
 */
export async function startTelemetry(flags: TelemetryFlags): Promise<ReviewTelemetry> {
  const setup = await loadSetup(() => import('../setup/index.js'));
  return setup.startReviewTelemetry({
    rowsFile: flags.rows,
    rowsAsOtlpLogs: flags.rowsOtlp === true,
    shutdownOnExit: false,
  });
}

/** Shuts telemetry down, giving up after `timeoutMs`; true when it finished in time. */
export async function shutdownWithin(telemetry: ReviewTelemetry, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>(resolve => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([telemetry.shutdown().then(() => true), timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Modules of setup, loaded when a command runs rather than at start, so the
 * commands that need none of setup's optional peer packages run without
 * them; a missing package is named in a clear error.
 */
export async function loadSetup<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new Error(
      `this command needs the OpenTelemetry SDK packages of agent-review-telemetry/setup (see docs/configuration.md): ${String(error)}`
    );
  }
}
