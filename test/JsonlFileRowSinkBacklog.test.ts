/*
 * 100k review lifecycles through the real processor into a real JSONL file,
 * with the defaults: the app yielding now and then loses no row; an app that
 * never yields gets the documented policy (newest rows dropped once the
 * processor's queue for the sink, or the sink's backlog, is full), every
 * dropped row counted.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROWS_PER_LIFECYCLE, runLifecycle } from '../bench/workload.js';
import { JsonlFileRowSink, ReviewEventProcessor, ReviewTracer } from '../src/index.js';
import { ManualMetricReader, MetricsView } from './pipeline.js';

const LIFECYCLES = 100_000;

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const line of createInterface({ input: createReadStream(path) })) {
    JSON.parse(line);
    lines++;
  }
  return lines;
}

async function run(path: string, yieldEvery: number | undefined) {
  const reader = new ManualMetricReader();
  const processor = new ReviewEventProcessor({
    sinks: [new JsonlFileRowSink({ path })],
    meterProvider: new MeterProvider({ readers: [reader] }),
  });
  const tracerProvider = new TracerProvider({ spanProcessors: [processor] });
  const reviews = new ReviewTracer({ tracerProvider });
  for (let i = 0; i < LIFECYCLES; i++) {
    runLifecycle(reviews, i);
    if (yieldEvery !== undefined && (i + 1) % yieldEvery === 0) await yieldToEventLoop();
  }
  await tracerProvider.shutdown();
  const metrics = new MetricsView(await reader.collect());
  return {
    produced: metrics.sum('agent_review.processor.rows'),
    written: metrics.sum('agent_review.processor.rows.written'),
    overflow: metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'sink_overflow' }),
    queueFull: metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'queue_full' }),
    dropped: metrics.sum('agent_review.processor.rows.dropped'),
    lines: await countLines(path),
    bytes: (await stat(path)).size,
  };
}

describe('JsonlFileRowSink under 100k review lifecycles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jsonl-backlog-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('loses no row when the app yields every 500 lifecycles', async () => {
    const outcome = await run(join(dir, 'rows.jsonl'), 500);
    expect(outcome).toEqual({
      produced: LIFECYCLES * ROWS_PER_LIFECYCLE,
      written: LIFECYCLES * ROWS_PER_LIFECYCLE,
      overflow: 0,
      queueFull: 0,
      dropped: 0,
      lines: LIFECYCLES * ROWS_PER_LIFECYCLE,
      bytes: outcome.bytes,
    });
  }, 300_000);

  it('drops the newest rows once the queue is full, every one counted, when the app never yields', async () => {
    const outcome = await run(join(dir, 'rows.jsonl'), undefined);
    expect(outcome.produced).toBe(LIFECYCLES * ROWS_PER_LIFECYCLE);
    expect(outcome.queueFull + outcome.overflow).toBeGreaterThan(0);
    expect(outcome.dropped).toBe(outcome.queueFull + outcome.overflow);
    expect(outcome.written + outcome.dropped).toBe(outcome.produced);
    expect(outcome.lines).toBe(outcome.written);
    // The rows written are those that fitted in the queue and the default 64 MiB backlog at once.
    expect(outcome.bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
  }, 300_000);
});
