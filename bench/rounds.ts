/*
 * The timed configurations (a), (b), (b0), (c), (c0), (d), round after
 * round, with fresh pipelines per round and the order of (a) and (b)
 * alternating. After each round every pipeline is checked: spans exported,
 * rows written, and for (b) the metric values its reader collects; (c) is
 * checked the same way at the end.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { JsonlFileRowSink, type ReviewRow } from '../src/index.js';
import { checkMetrics } from './checks.js';
import { gc, Samples } from './stats.js';
import {
  bareSdk,
  buildSpanPool,
  type Pipeline,
  processorAlone,
  ROWS_PER_LIFECYCLE,
  rowsFor,
  runLifecycle,
  SPANS_PER_LIFECYCLE,
  withProcessor,
  yieldToLoop,
} from './workload.js';

export interface RoundsConfig {
  batch: number;
  timeMs: number;
  minSamples: number;
  warmupMs: number;
  rounds: number;
  pool: number;
  sinkBatches: number;
}

export interface RoundSamples {
  a: Samples;
  b: Samples;
  b0: Samples;
  c: Samples;
  c0: Samples;
  d: Samples;
  /** Median b / median a of each round. */
  roundRatios: number[];
  /** Mean JSONL line length of (d). */
  rowBytes: number;
}

const SINK_BATCH_ROWS = 512;

async function checkPipeline(name: string, pipeline: Pipeline, lifecycles: number): Promise<string[]> {
  await pipeline.forceFlush();
  const problems: string[] = [];
  const spans = lifecycles * SPANS_PER_LIFECYCLE;
  if (pipeline.spanExporter.count !== spans) {
    problems.push(`${name}: exporter got ${pipeline.spanExporter.count} spans of ${spans} (BatchSpanProcessor dropped some)`);
  }
  if (pipeline.rowSink && pipeline.rowSink.count !== lifecycles * ROWS_PER_LIFECYCLE) {
    problems.push(`${name}: row sink got ${pipeline.rowSink.count} rows of ${lifecycles * ROWS_PER_LIFECYCLE}`);
  }
  if (pipeline.reader) problems.push(...(await checkMetrics(name, pipeline.reader, { lifecycles })));
  return problems;
}

export async function runRounds(
  config: RoundsConfig,
  only: Set<string>,
  check: (problems: string[]) => void,
  started: number
): Promise<RoundSamples> {
  const samples: RoundSamples = {
    a: new Samples(),
    b: new Samples(),
    b0: new Samples(),
    c: new Samples(),
    c0: new Samples(),
    d: new Samples(),
    roundRatios: [],
    rowBytes: 0,
  };
  const newBench = (name: string) =>
    new Bench({
      name,
      time: config.timeMs,
      iterations: config.minSamples,
      warmupTime: config.warmupMs,
      warmupIterations: 5,
      retainSamples: true,
    });
  // (c) input: distinct finished spans, cycled; (d) input: their rows.
  let pool: ReturnType<typeof buildSpanPool> = [];
  let rows: ReviewRow[] = [];
  if (only.has('c') || only.has('c0') || only.has('d')) {
    const t0 = performance.now();
    pool = buildSpanPool(config.pool);
    rows = await rowsFor(pool.slice(0, 2048 * SPANS_PER_LIFECYCLE));
    samples.rowBytes = rows.reduce((sum, row) => sum + JSON.stringify(row).length + 1, 0) / rows.length;
    console.log(
      `span pool: ${pool.length} spans (${config.pool} lifecycles) built in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `${rows.length} rows for (d), ${Math.round(samples.rowBytes)} bytes per JSONL line on average`
    );
  }
  const alone = processorAlone();
  const aloneNoop = processorAlone({ noopMetrics: true });
  // Each processor cycles the pool on its own, so a key comes back only after
  // pool.length newer keys (60k by default > maxRememberedRows 16384): every
  // span takes the full path, eviction included, as in a long-running process.
  const cursor = new Map<object, { at: number; spans: number }>([
    [alone, { at: 0, spans: 0 }],
    [aloneNoop, { at: 0, spans: 0 }],
  ]);
  let nextId = 0;

  for (let round = 0; round < config.rounds; round++) {
    // Fresh pipelines per round so no round inherits another's queues.
    const pipelines = { a: bareSdk(), b: withProcessor(), b0: withProcessor({ noopMetrics: true }) };
    const ranThrough = new Map<Pipeline, number>();
    const bench = newBench(`round ${round + 1}`);
    const order = round % 2 === 0 ? (['a', 'b', 'b0'] as const) : (['b0', 'b', 'a'] as const);
    for (const which of order) {
      if (!only.has(which)) continue;
      const pipeline = pipelines[which];
      ranThrough.set(pipeline, 0);
      // One sample = config.batch lifecycles, then one event-loop turn for the exporters.
      const sample = samples[which].timed(config.batch, async () => {
        const end = nextId + config.batch;
        for (let i = nextId; i < end; i++) runLifecycle(pipeline.reviews, i);
        nextId = end;
        ranThrough.set(pipeline, (ranThrough.get(pipeline) as number) + config.batch);
        await yieldToLoop();
      });
      bench.add(which, sample, { beforeAll: () => gc() });
    }
    for (const [name, setup] of [['c', alone], ['c0', aloneNoop]] as const) {
      if (!only.has(name)) continue;
      const { processor } = setup;
      const state = cursor.get(setup) as { at: number; spans: number };
      const perSample = config.batch * SPANS_PER_LIFECYCLE;
      const sample = samples[name].timed(config.batch, async () => {
        let at = state.at;
        for (let n = 0; n < perSample; n++) {
          processor.onEnd(pool[at] as (typeof pool)[number]);
          at = at + 1 === pool.length ? 0 : at + 1;
        }
        state.at = at;
        state.spans += perSample;
        await yieldToLoop();
      });
      bench.add(name, sample, { beforeAll: () => gc() });
    }
    let sink: JsonlFileRowSink | undefined;
    const path = join(tmpdir(), `agent-review-telemetry-bench-${process.pid}-${round}.jsonl`);
    if (only.has('d')) {
      sink = new JsonlFileRowSink({ path, truncate: true });
      const batches: ReviewRow[][] = [];
      for (let i = 0; i + SINK_BATCH_ROWS <= rows.length; i += SINK_BATCH_ROWS) batches.push(rows.slice(i, i + SINK_BATCH_ROWS));
      let at = 0;
      let failed = 0;
      const done = (result: { code: number }) => {
        if (result.code !== 0) failed++;
      };
      const open = sink;
      const sample = samples.d.timed(config.sinkBatches * SINK_BATCH_ROWS, async () => {
        for (let n = 0; n < config.sinkBatches; n++) {
          open.export(batches[at] as ReviewRow[], done);
          at = at + 1 === batches.length ? 0 : at + 1;
        }
        await open.forceFlush();
      });
      bench.add('d', sample, {
        beforeAll: () => gc(),
        afterAll: () => check(failed > 0 ? [`(d) round ${round + 1}: ${failed} batches failed`] : []),
      });
    }

    await bench.run();
    for (const task of bench.tasks) {
      const name = task.name as 'a' | 'b' | 'b0' | 'c' | 'c0' | 'd';
      samples[name].add(task, name === 'd' ? config.sinkBatches * SINK_BATCH_ROWS : config.batch);
    }
    for (const [name, pipeline] of [['(a)', pipelines.a], ['(b)', pipelines.b], ['(b0)', pipelines.b0]] as const) {
      const lifecycles = ranThrough.get(pipeline);
      if (lifecycles !== undefined) check(await checkPipeline(`${name} round ${round + 1}`, pipeline, lifecycles));
    }
    if (only.has('a') && only.has('b')) {
      samples.roundRatios.push((samples.b.roundMedians.at(-1) as number) / (samples.a.roundMedians.at(-1) as number));
    }
    for (const pipeline of Object.values(pipelines)) await pipeline.shutdown();
    await sink?.shutdown();
    rmSync(path, { force: true });
    console.log(
      `round ${round + 1}/${config.rounds} done (${((Date.now() - started) / 1000).toFixed(0)} s)` +
        (samples.roundRatios.length > round ? `: wall b/a = ${(samples.roundRatios[round] as number).toFixed(3)}` : '')
    );
  }
  for (const [name, setup] of [['(c)', alone], ['(c0)', aloneNoop]] as const) {
    await setup.processor.forceFlush();
    const lifecycles = (cursor.get(setup) as { spans: number }).spans / SPANS_PER_LIFECYCLE;
    if (setup.rowSink.count !== lifecycles * ROWS_PER_LIFECYCLE) {
      check([`${name}: ${setup.rowSink.count} rows of ${lifecycles * ROWS_PER_LIFECYCLE} (duplicates dropped: keys were not evicted)`]);
    }
    if (setup.reader && lifecycles > 0) check(await checkMetrics(name, setup.reader, { lifecycles }));
  }
  await alone.shutdown();
  await aloneNoop.shutdown();
  return samples;
}
