/*
 * `codex-proxy -- codex app-server [args…]`: runs the app-server behind a
 * transparent stdio proxy and turns what passes into review telemetry.
 */
import { diag } from '@opentelemetry/api';
import { Command, Option } from 'commander';
import { CodexBridge } from '../sources/codex/index.js';
import type { CliIo } from './CliIo.js';
import { positiveInteger } from './integerOptions.js';
import { runStdioProxy } from './stdioProxy.js';
import { addTelemetryOptions, shutdownWithin, startTelemetry, type TelemetryFlags } from './telemetryOptions.js';

interface ProxyFlags extends TelemetryFlags {
  flushTimeout: number;
  maxLineBytes: number;
}

/** Exit status of a process killed by a signal, as shells report it. */
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

export function codexProxyCommand(io: CliIo): Command {
  const command = new Command('codex-proxy')
    .description('run a Codex app-server behind a transparent stdio proxy that records its reviews')
    .argument('<command...>', 'the app-server command, after --, e.g. -- codex app-server')
    .addOption(
      new Option('--flush-timeout <ms>', 'longest wait for telemetry to flush after the command exits')
        .default(5000)
        .argParser(positiveInteger)
    )
    .addOption(
      new Option('--max-line-bytes <n>', 'longer lines are forwarded but not observed')
        .default(64 * 1024 * 1024)
        .argParser(positiveInteger)
    );
  return addTelemetryOptions(command).action(async (argv: string[], flags: ProxyFlags) => {
    const telemetry = await startTelemetry(flags);
    const bridge = new CodexBridge({ reviews: telemetry.reviews });
    let exit;
    try {
      exit = await runStdioProxy({
        command: argv[0]!,
        args: argv.slice(1),
        maxLineBytes: flags.maxLineBytes,
        stdin: io.stdin,
        stdout: io.stdout,
        onLine: (direction, line, atMs) => bridge.observeLine(direction, line, atMs),
      });
    } catch (error) {
      io.stderr.write(`codex-proxy: cannot run ${argv[0]}: ${(error as Error).message}\n`);
      await shutdownWithin(telemetry, flags.flushTimeout);
      io.exitCode = 127;
      return;
    }
    bridge.close(Date.now());
    const { malformed, expired } = bridge.stats;
    if (malformed + expired + exit.oversizedLines > 0) {
      // Told through diag (OTEL_LOG_LEVEL), so the forwarded stderr stays the command's own.
      diag.warn(
        `codex-proxy: not observed: ${malformed} malformed messages, ${expired} expired requests, ${exit.oversizedLines} lines over --max-line-bytes (all forwarded)`
      );
    }
    if (!(await shutdownWithin(telemetry, flags.flushTimeout))) {
      io.stderr.write(`codex-proxy: telemetry did not flush within ${flags.flushTimeout} ms\n`);
    }
    io.exitCode = exit.code ?? 128 + (SIGNAL_NUMBERS[exit.signal ?? ''] ?? 0);
  });
}
