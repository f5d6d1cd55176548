/*
 * CPU per 100k spans: the Collector's spanmetrics connector against our
 * processor, on the same spans in the same run. Started by
 * bench/spanmetrics.sh, which runs the Collector and passes:
 *   SPANMETRICS_OTLP_URL    the Collector's OTLP/HTTP traces URL
 *   SPANMETRICS_PID         the Collector's process id (CPU from /proc/<pid>/stat)
 *   SPANMETRICS_SCRAPE_URL  its Prometheus exporter, to see every span counted
 *   SPANMETRICS_CLK_TCK     clock ticks per second (getconf CLK_TCK)
 *
 * The spans are the bench's review lifecycles (tool item, guardian review
 * with 5 tool calls, user review), made once with the real helpers and
 * exported as OTLP protobuf in batches of 512 (the BatchSpanProcessor's
 * default), one request at a time. Collector CPU = utime + stime over the
 * run, minus its idle rate over the same time; it includes receiving
 * (HTTP, protobuf decoding) and the connector, the whole cost of spanmetrics
 * to someone who runs it. Our processor's CPU is the process CPU of feeding
 * it the same spans in the same batches, rows to a dropping sink, and one
 * collect().
 */
import { readFileSync } from 'node:fs';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { checkMetrics } from './checks.js';
import { cpuSince, printTable, quantile } from './stats.js';
import { buildSpanPool, DropExporter, meteredProcessor, SPANS_PER_LIFECYCLE, yieldToLoop } from './workload.js';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set (run bench/spanmetrics.sh)`);
  return value;
}

const OTLP_URL = env('SPANMETRICS_OTLP_URL');
const PID = Number(env('SPANMETRICS_PID'));
const SCRAPE_URL = env('SPANMETRICS_SCRAPE_URL');
const CLK_TCK = Number(env('SPANMETRICS_CLK_TCK'));
const ROUNDS = Number(process.env.SPANMETRICS_ROUNDS ?? 3);
const LIFECYCLES = Math.ceil(100_000 / SPANS_PER_LIFECYCLE);
const BATCH = 512;

/** The Collector's CPU seconds so far: utime + stime, fields 14 and 15 of /proc/<pid>/stat. */
function collectorCpuSeconds(): number {
  const stat = readFileSync(`/proc/${PID}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Spans the connector has counted so far, from its calls counter on the scrape endpoint. */
async function connectorCalls(): Promise<number> {
  const text = await (await fetch(SCRAPE_URL)).text();
  let calls = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('traces_span_metrics_calls_total{')) calls += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return calls;
}

async function exportAll(exporter: OTLPTraceExporter, spans: ReadableSpan[]): Promise<void> {
  for (let at = 0; at < spans.length; at += BATCH) {
    const result = await new Promise<{ code: ExportResultCode; error?: Error }>(resolve =>
      exporter.export(spans.slice(at, at + BATCH), resolve)
    );
    if (result.code !== ExportResultCode.SUCCESS) throw new Error(`OTLP export failed: ${String(result.error)}`);
  }
}

interface Round {
  collector: number;
  idle: number;
  processor: number;
  seconds: number;
}

async function main(): Promise<void> {
  const spans = buildSpanPool(LIFECYCLES);
  const exporter = new OTLPTraceExporter({ url: OTLP_URL, timeoutMillis: 30_000 });
  const problems: string[] = [];
  const rounds: Round[] = [];
  let counted = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // The Collector's idle rate (its own timers, the flush of the connector) over 2 s.
    const idleFrom = collectorCpuSeconds();
    await sleep(2000);
    const idleRate = (collectorCpuSeconds() - idleFrom) / 2;

    const start = performance.now();
    const from = collectorCpuSeconds();
    await exportAll(exporter, spans);
    counted += spans.length;
    // Counted means the connector has aggregated every span and flushed it.
    while ((await connectorCalls()) < counted) {
      if (performance.now() - start > 120_000) throw new Error('the connector did not count every span within 120 s');
      await sleep(100);
    }
    const seconds = (performance.now() - start) / 1000;
    const collector = collectorCpuSeconds() - from - idleRate * seconds;
    if ((await connectorCalls()) !== counted) problems.push(`round ${round + 1}: the connector counted more spans than were sent`);

    const metered = meteredProcessor({ sinks: [new DropExporter()] });
    const cpuFrom = process.cpuUsage();
    // Same batches as the export, with an event-loop turn between them for the row queue, as a live process has.
    for (let at = 0; at < spans.length; at += BATCH) {
      for (const span of spans.slice(at, at + BATCH)) metered.processor.onEnd(span);
      await yieldToLoop();
    }
    await metered.processor.forceFlush();
    await metered.reader.collect();
    const processor = cpuSince(cpuFrom) / 1e9;
    problems.push(...(await checkMetrics(`(processor, round ${round + 1})`, metered.reader, { lifecycles: LIFECYCLES })));
    await metered.shutdown();
    rounds.push({ collector, idle: idleRate * seconds, processor, seconds });
  }
  await exporter.shutdown();

  const per100k = (cpu: number) => (cpu * 100_000) / spans.length;
  console.log(`CPU seconds per 100k spans (${spans.length} spans per round, OTLP protobuf, ${BATCH} spans per request)`);
  printTable(
    ['round', 'spanmetrics (receive + connector)', 'its idle, subtracted', 'ReviewEventProcessor (rows + metrics)', 'spanmetrics / ours', 'round s'],
    rounds.map((r, i) => [
      String(i + 1),
      per100k(r.collector).toFixed(3),
      per100k(r.idle).toFixed(3),
      per100k(r.processor).toFixed(3),
      (r.collector / r.processor).toFixed(1),
      r.seconds.toFixed(1),
    ])
  );
  const median = (pick: (r: Round) => number) => per100k(quantile(rounds.map(pick), 0.5));
  console.log(
    `median: spanmetrics ${median(r => r.collector).toFixed(3)} CPU-s, ReviewEventProcessor ${median(r => r.processor).toFixed(3)} CPU-s per 100k spans`
  );
  if (problems.length) {
    console.log(`\nCHECKS FAILED (${problems.length})\n` + problems.map(p => `  ${p}`).join('\n'));
    process.exitCode = 1;
  } else {
    console.log(`checks passed: the connector counted every span; the processor's metric values match the workload`);
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
