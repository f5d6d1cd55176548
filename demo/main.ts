/*
 * `npm run demo`: a simulated agent run through a real SDK setup. Rows go to
 * out/review-events.jsonl, metrics to a Prometheus endpoint on 127.0.0.1, and
 * with OTEL_EXPORTER_OTLP_ENDPOINT set, traces and metrics (and rows as logs
 * with --rows-otlp) go over OTLP/HTTP. No server is needed.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DiagConsoleLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { getStringFromEnv } from '@opentelemetry/core';
import type { ReviewRow } from '../src/index.js';
import { startReviewTelemetry } from '../src/setup/index.js';
import { CountingSpanExporter } from './CountingSpanExporter.js';
import { parsePrometheusText, sumSamples } from './prometheusText.js';
import { AgentRunSimulation } from './simulation.js';
import { summarize } from '../src/cli/rowsSummary.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: 'out/review-events.jsonl' },
    'prometheus-port': { type: 'string', default: process.env.DEMO_PROMETHEUS_PORT ?? '9464' },
    'no-prometheus': { type: 'boolean', default: false },
    'rows-otlp': { type: 'boolean', default: false },
    'no-rows-file': { type: 'boolean', default: false },
    hold: { type: 'string', default: '0' },
    seed: { type: 'string', default: '7' },
    'start-ms': { type: 'string' },
    'extra-turns': { type: 'string', default: '12' },
    'turn-delay-ms': { type: 'string', default: '0' },
    'record-content': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run demo -- [options]
  --rows <path>            JSONL rows file (default out/review-events.jsonl)
  --no-rows-file           do not write the JSONL file
  --rows-otlp              also send rows as OTLP log records (needs OTEL_EXPORTER_OTLP_ENDPOINT)
  --prometheus-port <n>    Prometheus scrape port on 127.0.0.1 (default 9464, env DEMO_PROMETHEUS_PORT)
  --no-prometheus          do not serve metrics
  --hold <seconds>         keep serving metrics this long after the run (default 0)
  --seed <n>               simulation seed (default 7)
  --start-ms <epoch ms>    start of the virtual clock (default an hour ago); with --seed, rows are byte-identical run to run
  --extra-turns <n>        random turns after the scripted ones (default 12)
  --turn-delay-ms <n>      real time between turns, to watch the run live (default 0)
  --record-content         record commands, paths, arguments and rationales (off by default)`);
  process.exit(0);
}

// Soft problems (malformed spans, sink failures) show up here.
diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);

const otlpEndpoint = getStringFromEnv('OTEL_EXPORTER_OTLP_ENDPOINT');
const spanCounter = new CountingSpanExporter();
const telemetry = startReviewTelemetry({
  serviceName: getStringFromEnv('OTEL_SERVICE_NAME') ?? 'agent-review-demo',
  rowsFile: args['no-rows-file'] ? undefined : args.rows,
  truncateRowsFile: true,
  rowsAsOtlpLogs: args['rows-otlp'],
  prometheus: args['no-prometheus'] ? undefined : { port: Number(args['prometheus-port']) },
  metricExportIntervalMillis: 1000,
  spanExporters: otlpEndpoint ? [] : [spanCounter],
  recordContent: args['record-content'],
  resourceAttributes: { 'agent_review.client.product_id': 'codex_demo' },
});

const simulation = new AgentRunSimulation(
  telemetry.reviews,
  telemetry.tracerProvider.getTracer('agent-review-demo'),
  {
    seed: Number(args.seed),
    extraTurns: Number(args['extra-turns']),
    // The simulated hour ends about now, so trace search windows find it.
    startMs: args['start-ms'] === undefined ? Date.now() - 60 * 60 * 1000 : Number(args['start-ms']),
    turnDelayMs: Number(args['turn-delay-ms']),
  }
);
await simulation.run();
await telemetry.forceFlush();

let keyFigures: string | undefined;
if (telemetry.prometheusUrl) {
  const samples = parsePrometheusText(await (await fetch(telemetry.prometheusUrl)).text());
  keyFigures = [
    `reviews ${sumSamples(samples, 'agent_review_reviews_total')}`,
    `guardian reviews ${sumSamples(samples, 'agent_review_guardian_reviews_total')}`,
    `guardian failed closed ${sumSamples(samples, 'agent_review_guardian_reviews_total', { agent_review_guardian_terminal_status: 'failed_closed' })}`,
    `rows written ${sumSamples(samples, 'agent_review_processor_rows_written_total')}`,
    `rows dropped ${sumSamples(samples, 'agent_review_processor_rows_dropped_total')}`,
  ].join(', ');
  const hold = Number(args.hold);
  if (hold > 0) {
    console.log(`serving metrics at ${telemetry.prometheusUrl} for ${hold} s`);
    await new Promise(resolve => setTimeout(resolve, hold * 1000));
  }
}
await telemetry.shutdown();

if (!args['no-rows-file']) {
  const text = await readFile(args.rows, 'utf8');
  const rows = text
    .split('\n')
    .filter(line => line.length > 0)
    .map(line => JSON.parse(line) as ReviewRow);
  console.log(`${rows.length} rows written to ${args.rows}\n`);
  console.log(summarize(rows));
}
console.log('');
if (otlpEndpoint) {
  console.log(`traces and metrics${args['rows-otlp'] ? ' and rows' : ''} exported over OTLP/HTTP to ${otlpEndpoint}`);
} else {
  console.log(`spans through the BatchSpanProcessor: ${[...spanCounter.byName].map(([n, c]) => `${n} ${c}`).join(', ')}`);
}
if (keyFigures) console.log(`metrics at ${telemetry.prometheusUrl}: ${keyFigures}`);
