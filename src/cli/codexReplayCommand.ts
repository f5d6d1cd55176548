/* `codex-replay TRANSCRIPT.jsonl --rows OUT.jsonl`: a recorded session through the bridge. */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { CodexBridge, readTranscript } from '../sources/codex/index.js';
import type { CliIo } from './CliIo.js';
import { addTelemetryOptions, shutdownWithin, startTelemetry, type TelemetryFlags } from './telemetryOptions.js';

const FLUSH_TIMEOUT_MS = 30_000;

export function codexReplayCommand(io: CliIo): Command {
  const command = new Command('codex-replay')
    .description('replay a recorded app-server transcript ({t_ms, dir, msg} per line) through the bridge')
    .argument('<transcript>', 'the transcript, JSONL');
  return addTelemetryOptions(command).action(async (file: string, flags: TelemetryFlags) => {
    const { entries, badLines } = readTranscript(await readFile(file, 'utf8'));
    if (badLines.length > 0) {
      io.stderr.write(
        `codex-replay: ${file}: ${badLines.length} line(s) are not {t_ms, dir, msg} records (first: line ${badLines[0]})\n`
      );
      io.exitCode = 2;
      return;
    }
    const telemetry = await startTelemetry(flags);
    const bridge = new CodexBridge({ reviews: telemetry.reviews });
    for (const entry of entries) bridge.observe(entry.direction, entry.message, entry.atMs);
    bridge.close(entries.at(-1)?.atMs ?? 0);
    const flushed = await shutdownWithin(telemetry, FLUSH_TIMEOUT_MS);
    const { messages, malformed, expired } = bridge.stats;
    io.stderr.write(
      `codex-replay: ${messages} messages, ${malformed} malformed, ${expired} expired` +
        (flags.rows ? `; rows appended to ${flags.rows}` : '') + '\n'
    );
    if (!flushed) {
      io.stderr.write('codex-replay: telemetry did not flush in time\n');
      io.exitCode = 1;
    }
  });
}
