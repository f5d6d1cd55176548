/*
 * `replay ROWS.jsonl`: sends the rows of a rows file as OTLP log records,
 * through the same OtlpLogRowSink and resource as the live pipeline, so a
 * Collector receives exactly what it would have received live.
 */
import { stat } from 'node:fs/promises';
import { getStringFromEnv } from '@opentelemetry/core';
import { Command, Option } from 'commander';
import { OtlpLogRowSink } from '../index.js';
// Only api and core behind it: the command line loads without setup's optional peers.
import { signalUrl } from '../setup/envSettings.js';
import type { CliIo } from './CliIo.js';
import { nonNegativeInteger, positiveInteger } from './integerOptions.js';
import { replayProgress } from './replayProgress.js';
import { loadSetup } from './telemetryOptions.js';
import { droppedCount, replayRows } from './replayRows.js';
import { DEFAULT_MAX_LINE_BYTES } from './rowsFileLines.js';

interface ReplayFlags {
  endpoint?: string;
  retryFor: number;
  maxLineBytes: number;
  progress: boolean;
}

/** Rows per export, as the sink sends them by default. */
const BATCH_SIZE = 512;
/** Batches waiting for the collector at once: far below the sink's queue, so none overflows. */
const MAX_PENDING_BATCHES = 8;
const BAD_LINES_LISTED = 20;

/** Where the records go: the flag, else the standard OTLP environment (the logs endpoint is used as it is). */
export function logsEndpoint(flag: string | undefined): string | undefined {
  if (flag !== undefined) return signalUrl(flag, 'logs');
  const logs = getStringFromEnv('OTEL_EXPORTER_OTLP_LOGS_ENDPOINT');
  if (logs !== undefined) return logs;
  const base = getStringFromEnv('OTEL_EXPORTER_OTLP_ENDPOINT');
  return base === undefined ? undefined : signalUrl(base, 'logs');
}

export function replayCommand(io: CliIo): Command {
  const command = new Command('replay')
    .description('send the rows of a JSONL rows file as OTLP log records, as the live pipeline sends them')
    .argument('<rows>', 'the rows file, JSONL')
    .option('--endpoint <url>', 'OTLP/HTTP base URL, /v1/logs is added (default: OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT)')
    .addOption(
      new Option('--retry-for <ms>', 'how long a row the collector cannot take yet is retried before it counts as dropped')
        .default(300_000)
        .argParser(nonNegativeInteger)
    )
    .addOption(
      new Option('--max-line-bytes <n>', 'longer lines are bad lines').default(DEFAULT_MAX_LINE_BYTES).argParser(positiveInteger)
    )
    .option('--no-progress', 'no progress bar (there is one only when stderr is a terminal)')
    .addHelpText(
      'after',
      [
        '',
        'Headers come from OTEL_EXPORTER_OTLP_HEADERS, service.name from',
        'OTEL_SERVICE_NAME.',
        'Exit status: 0 every row sent; 1 rows dropped; 2 lines that are not rows',
        '(the rows around them are sent).',
      ].join('\n')
    );
  return command.action(async (file: string, flags: ReplayFlags) => {
    const url = logsEndpoint(flags.endpoint);
    if (url === undefined) {
      command.error('replay: no endpoint: pass --endpoint or set OTEL_EXPORTER_OTLP_ENDPOINT', { exitCode: 2 });
    }
    const { size } = await stat(file);
    const [{ otlpLogExporter }, { telemetryResource }] = await loadSetup(() =>
      Promise.all([import('../setup/otlpExporters.js'), import('../setup/telemetryResource.js')])
    );
    const sink = new OtlpLogRowSink({
      // The exporter the live pipeline uses: the same protocol, headers and endpoint rules.
      exporter: otlpLogExporter(flags.endpoint),
      resource: telemetryResource({}),
      maxExportBatchSize: BATCH_SIZE,
      retry: { maxElapsedTimeMillis: flags.retryFor },
    });
    const progress = flags.progress ? replayProgress(io.stderr, size) : undefined;
    const report = await replayRows({
      file,
      sink,
      batchSize: BATCH_SIZE,
      maxPendingBatches: MAX_PENDING_BATCHES,
      maxLineBytes: flags.maxLineBytes,
      badLinesListed: BAD_LINES_LISTED,
      onProgress: progress?.update,
    });
    await sink.shutdown();
    const dropped = droppedCount(report);
    progress?.finish(report.written + dropped);

    for (const { line, problem } of report.listedBadLines) io.stderr.write(`replay: ${file}: line ${line}: ${problem}\n`);
    const unlisted = report.badLines - report.listedBadLines.length;
    if (unlisted > 0) io.stderr.write(`replay: ${file}: ${unlisted} more bad line(s)\n`);
    if (dropped > 0) {
      const reasons = Object.entries(report.dropped).map(([reason, count]) => `${reason} ${count}`).join(', ');
      io.stderr.write(`replay: ${dropped} row(s) dropped (${reasons}): ${report.firstError ?? 'no error given'}\n`);
    }
    io.stdout.write(
      `${report.rows} rows of ${file} to ${url}: ${report.written} written, ${dropped} dropped, ${report.badLines} bad line(s)\n`
    );
    if (dropped > 0) io.exitCode = 1;
    else if (report.badLines > 0) io.exitCode = 2;
  });
}
