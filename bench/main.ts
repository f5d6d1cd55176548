/*
 * What the processor costs on top of the bare SDK (issue 5). Run with
 * `npm run bench` (node --expose-gc --import tsx bench/main.ts).
 *
 *   (a) bare SDK: TracerProvider + BatchSpanProcessor + dropping exporter
 *   (b) (a) + ReviewEventProcessor (first in line), dropping row sink, real MeterProvider
 *   (b0) (b) with no-op metric instruments
 *   (c) ReviewEventProcessor alone, fed pre-built finished spans, real MeterProvider
 *   (c0) the same with no-op metric instruments (what our own code costs)
 *   (d) JsonlFileRowSink alone, 512-row batches to a file in os.tmpdir()
 *   heap: (b) for BENCH_HEAP_LIFECYCLES lifecycles, heap read after forced GCs
 *   proxy: codex-proxy's cost per message against a direct pipe (bench/codexProxy.ts)
 *
 * Timing never fails the run: it prints figures and targets, and exits 0.
 */
import { readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Bench, type Task } from 'tinybench';
import { runProxyBench } from './codexProxy.js';
import { JsonlFileRowSink, type ReviewRow } from '../src/index.js';
import {
  buildSpanPool,
  bareSdk,
  type Pipeline,
  processorAlone,
  ROWS_PER_LIFECYCLE,
  rowsFor,
  runLifecycle,
  SPANS_PER_LIFECYCLE,
  withProcessor,
  yieldToLoop,
} from './workload.js';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value < 1) {
    console.warn(`${name}=${raw} is not a positive number; using ${fallback}`);
    return fallback;
  }
  return Math.floor(value);
}

const CONFIG = {
  /** Lifecycles per timed sample in (a), (b), (c). */
  batch: envInt('BENCH_BATCH', 200),
  /** Time budget per configuration per round, ms (tinybench `time`). */
  timeMs: envInt('BENCH_TIME_MS', 1500),
  /** Minimum samples per configuration per round (tinybench `iterations`). */
  minSamples: envInt('BENCH_MIN_SAMPLES', 30),
  /** Warm-up per configuration per round, ms. */
  warmupMs: envInt('BENCH_WARMUP_MS', 300),
  /** Rounds; (a) and (b) alternate order from round to round. */
  rounds: envInt('BENCH_ROUNDS', 3),
  /** Distinct lifecycles in the (c) span pool (3 row keys each). */
  pool: envInt('BENCH_POOL', 20_000),
  /** 512-row batches per (d) sample. */
  sinkBatches: envInt('BENCH_SINK_BATCHES', 8),
  /** Lifecycles for the heap run; readings after warm-up, 100k and the end. */
  heapLifecycles: envInt('BENCH_HEAP_LIFECYCLES', 1_000_000),
  heapWarmup: envInt('BENCH_HEAP_WARMUP', 20_000),
  /** Round trips per proxy run, after the warm-up ones. */
  proxyMessages: envInt('BENCH_PROXY_MESSAGES', 2000),
  proxyWarmup: envInt('BENCH_PROXY_WARMUP', 300),
};
const ONLY = new Set((process.env.BENCH_ONLY ?? 'a,b,b0,c,c0,d,heap,proxy').split(',').map(s => s.trim()));
const SINK_BATCH_ROWS = 512;

const gc: () => void = (() => {
  if (globalThis.gc) return globalThis.gc;
  console.warn('no global.gc (run with node --expose-gc); enabling it at run time');
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

// ---------------------------------------------------------------- statistics

/** Per-sample means, in ns per unit, pooled over rounds. */
class Samples {
  readonly values: number[] = [];
  readonly roundMedians: number[] = [];

  add(task: Task, unitsPerSample: number): void {
    const result = task.result;
    if (result.state !== 'completed') {
      throw new Error(`task ${task.name} ended ${result.state}: ${'error' in result ? String(result.error) : ''}`);
    }
    const samples = result.latency.samples;
    if (samples === undefined) throw new Error('tinybench kept no samples');
    const perUnit = samples.map(ms => (ms * 1e6) / unitsPerSample);
    this.values.push(...perUnit);
    this.roundMedians.push(quantile(perUnit, 0.5));
  }

  q(p: number): number {
    return quantile(this.values, p);
  }
}

function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
}

const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const fmtNs = (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')}` : '-');
const fmtMiB = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

// ---------------------------------------------------------------- tasks

function newBench(name: string): Bench {
  return new Bench({
    name,
    time: CONFIG.timeMs,
    iterations: CONFIG.minSamples,
    warmupTime: CONFIG.warmupMs,
    warmupIterations: 5,
    retainSamples: true,
  });
}

let nextId = 0;
/** Lifecycles each pipeline ran, warm-up included, to check nothing was dropped. */
const ranThrough = new Map<Pipeline, number>();

/** One sample = CONFIG.batch lifecycles, then one event-loop turn for the exporters. */
function addLifecycleTask(bench: Bench, name: string, pipeline: Pipeline): void {
  ranThrough.set(pipeline, 0);
  bench.add(
    name,
    async () => {
      const reviews = pipeline.reviews;
      const end = nextId + CONFIG.batch;
      for (let i = nextId; i < end; i++) runLifecycle(reviews, i);
      nextId = end;
      ranThrough.set(pipeline, (ranThrough.get(pipeline) as number) + CONFIG.batch);
      await yieldToLoop();
    },
    { beforeAll: () => gc() }
  );
}

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
  return problems;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  console.log('agent-review-telemetry benchmark (issue 5)');
  console.log(
    `machine: ${cpus().length} CPUs (${cpuModel}), ${fmtMiB(totalmem())} RAM, Node ${process.version}, ${process.platform}/${process.arch}`
  );
  console.log(`config: ${JSON.stringify(CONFIG)} only=${[...ONLY].join(',')}`);

  const a = new Samples();
  const b = new Samples();
  const b0 = new Samples();
  const c = new Samples();
  const c0 = new Samples();
  const d = new Samples();
  const problems: string[] = [];
  const roundRatios: number[] = [];

  // Everything the rounds allocate (span pool, processors, pipelines) is
  // local to runRounds, so the heap run below starts from a clean heap.
  const rowBytes = await runRounds({ a, b, b0, c, c0, d }, problems, roundRatios, started);

  // ------------------------------------------------------------ heap
  const heap: Array<[string, number, number]> = [];
  if (ONLY.has('heap')) {
    const pipeline = withProcessor();
    let done = 0;
    const readHeap = async (label: string) => {
      await pipeline.forceFlush();
      await yieldToLoop();
      gc();
      gc();
      heap.push([label, done, process.memoryUsage().heapUsed]);
    };
    const runTo = async (target: number) => {
      while (done < target) {
        const end = Math.min(target, done + CONFIG.batch);
        for (let i = done; i < end; i++) runLifecycle(pipeline.reviews, 1e9 + i);
        done = end;
        await yieldToLoop();
      }
    };
    await readHeap('new pipeline, nothing run');
    const t0 = performance.now();
    await runTo(CONFIG.heapWarmup);
    await readHeap('after warm-up');
    for (const checkpoint of [100_000, 250_000, 500_000]) {
      if (checkpoint > CONFIG.heapWarmup && checkpoint < CONFIG.heapLifecycles) {
        await runTo(checkpoint);
        await readHeap(`after ${fmtInt(checkpoint)}`);
      }
    }
    await runTo(CONFIG.heapLifecycles);
    await readHeap(`after ${fmtInt(CONFIG.heapLifecycles)}`);
    const seconds = (performance.now() - t0) / 1000;
    problems.push(...(await checkPipeline('(heap run)', pipeline, done)));
    await pipeline.reader?.collect();
    await pipeline.shutdown();
    console.log(`heap run: ${fmtInt(done)} lifecycles through (b) in ${seconds.toFixed(1)} s`);
  }

  // ------------------------------------------------------------ report
  const rowsOut: string[][] = [];
  const lifecycleRow = (name: string, s: Samples) => {
    const median = s.q(0.5);
    rowsOut.push([
      name,
      fmtNs(median),
      `${fmtNs(s.q(0.25))}–${fmtNs(s.q(0.75))}`,
      `${fmtNs(s.q(0))}–${fmtNs(s.q(1))}`,
      fmtInt(1e9 / median),
      String(s.values.length),
    ]);
  };
  if (a.values.length) lifecycleRow('(a) bare SDK', a);
  if (b.values.length) lifecycleRow('(b) SDK + ReviewEventProcessor', b);
  if (b0.values.length) lifecycleRow('(b0) = (b) with no-op metrics', b0);
  if (c.values.length) lifecycleRow('(c) processor alone (3 spans)', c);
  if (c0.values.length) lifecycleRow('(c0) = (c) with no-op metrics', c0);
  if (rowsOut.length) {
    console.log('\nns per review lifecycle (per-sample means; a sample = ' + `${CONFIG.batch} lifecycles)`);
    printTable(['configuration', 'median ns', 'p25–p75', 'min–max', 'lifecycles/s', 'samples'], rowsOut);
  }

  const lines: string[] = [];
  const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
  if (a.values.length && b.values.length) {
    const ratio = b.q(0.5) / a.q(0.5);
    const sorted = [...roundRatios].sort((x, y) => x - y);
    lines.push(
      `b/a (median b / median a, pooled)  = ${ratio.toFixed(3)}   per round: ${roundRatios.map(r => r.toFixed(3)).join(', ')}` +
        `   [target <= 1.25: ${verdict(ratio <= 1.25)}]`
    );
    lines.push(
      `processor cost inside the SDK      = ${fmtNs(b.q(0.5) - a.q(0.5))} ns per lifecycle (median b - median a); round ratios ${(sorted[0] ?? NaN).toFixed(3)}–${(sorted.at(-1) ?? NaN).toFixed(3)}`
    );
  }
  if (a.values.length && b0.values.length) {
    lines.push(
      `b0/a, (b) with no-op metrics       = ${(b0.q(0.5) / a.q(0.5)).toFixed(3)}; metric recording = ${fmtNs(b.q(0.5) - b0.q(0.5))} ns per lifecycle (b - b0)`
    );
  }
  if (c.values.length) {
    const spansPerSecond = (SPANS_PER_LIFECYCLE * 1e9) / c.q(0.5);
    lines.push(
      `(c) spans/s                        = ${fmtInt(spansPerSecond)} (p25–p75 ${fmtInt((SPANS_PER_LIFECYCLE * 1e9) / c.q(0.75))}–${fmtInt((SPANS_PER_LIFECYCLE * 1e9) / c.q(0.25))})` +
        `   [target >= 250,000: ${verdict(spansPerSecond >= 250_000)}]`
    );
  }
  if (c0.values.length) {
    const spansPerSecond = (SPANS_PER_LIFECYCLE * 1e9) / c0.q(0.5);
    lines.push(
      `(c0) spans/s, no-op metrics        = ${fmtInt(spansPerSecond)} (p25–p75 ${fmtInt((SPANS_PER_LIFECYCLE * 1e9) / c0.q(0.75))}–${fmtInt((SPANS_PER_LIFECYCLE * 1e9) / c0.q(0.25))})` +
        (c.values.length ? `; metric recording = ${fmtNs(c.q(0.5) - c0.q(0.5))} ns per lifecycle (c - c0)` : '')
    );
  }
  if (d.values.length) {
    const rowsPerSecond = 1e9 / d.q(0.5);
    lines.push(
      `(d) JSONL rows/s                   = ${fmtInt(rowsPerSecond)} (p25–p75 ${fmtInt(1e9 / d.q(0.75))}–${fmtInt(1e9 / d.q(0.25))}; ${fmtNs(d.q(0.5))} ns per row, ${((rowsPerSecond * rowBytes) / 1048576).toFixed(0)} MiB/s)` +
        `   [target >= 200,000: ${verdict(rowsPerSecond >= 200_000)}]`
    );
  }
  if (lines.length) console.log('\n' + lines.join('\n'));

  if (heap.length) {
    console.log('\nheap used by (b) after forced GC (flushed, one event-loop turn first)');
    printTable(
      ['reading', 'lifecycles', 'heapUsed'],
      heap.map(([label, n, bytes]) => [label, fmtInt(n), fmtMiB(bytes)])
    );
    const at100k = heap.find(([, n]) => n === 100_000);
    const last = heap.at(-1) as [string, number, number];
    if (at100k && last[1] > at100k[1]) {
      const growth = last[2] - at100k[2];
      const flat = growth <= 2 * 1048576;
      console.log(
        `growth ${fmtInt(at100k[1])} → ${fmtInt(last[1])}: ${growth >= 0 ? '+' : ''}${fmtMiB(growth)}` +
          `   [target flat (|growth| <= 2 MiB): ${verdict(flat)}]`
      );
    }
  }

  if (ONLY.has('proxy')) {
    const proxy = await runProxyBench({
      messages: CONFIG.proxyMessages,
      warmup: CONFIG.proxyWarmup,
      rounds: CONFIG.rounds,
    });
    const perMessage = proxy.proxied.map((p, i) => (p - (proxy.direct[i] as number)) / 2);
    console.log(
      `\ncodex-proxy: round trips of ${Math.round(proxy.messageBytes)}-byte app-server messages (mean), ` +
        `${CONFIG.proxyMessages} per run; a round trip passes the proxy twice`
    );
    printTable(
      ['run', '(p0) direct median µs', '(p) proxied median µs', 'ratio p/p0', 'proxy wall µs/message', 'proxy CPU µs/message'],
      proxy.direct.map((direct, i) => [
        String(i + 1),
        (direct / 1000).toFixed(0),
        ((proxy.proxied[i] as number) / 1000).toFixed(0),
        ((proxy.proxied[i] as number) / direct).toFixed(2),
        ((perMessage[i] as number) / 1000).toFixed(0),
        ((proxy.proxyCpu[i] as number) / 1000).toFixed(0),
      ])
    );
    const worst = Math.max(...perMessage);
    console.log(`proxy wall cost per message, worst run = ${(worst / 1e6).toFixed(3)} ms   [target < 1 ms: ${verdict(worst < 1e6)}]`);
  }

  if (problems.length) console.log('\nWARNINGS\n' + problems.map(p => `  ${p}`).join('\n'));
  console.log(`\ntotal run time ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** The timed configurations, CONFIG.rounds times; returns the mean JSONL line length of (d). */
async function runRounds(
  samples: Record<'a' | 'b' | 'b0' | 'c' | 'c0' | 'd', Samples>,
  problems: string[],
  roundRatios: number[],
  started: number
): Promise<number> {
  const { a, b, b0, c, c0, d } = samples;
  // (c) input: distinct finished spans, cycled; (d) input: their rows.
  let pool: ReturnType<typeof buildSpanPool> = [];
  let rows: ReviewRow[] = [];
  let rowBytes = 0;
  if (ONLY.has('c') || ONLY.has('c0') || ONLY.has('d')) {
    const t0 = performance.now();
    pool = buildSpanPool(CONFIG.pool);
    rows = await rowsFor(pool.slice(0, 2048 * SPANS_PER_LIFECYCLE));
    rowBytes = rows.reduce((sum, row) => sum + JSON.stringify(row).length + 1, 0) / rows.length;
    console.log(
      `span pool: ${pool.length} spans (${CONFIG.pool} lifecycles) built in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `${rows.length} rows for (d), ${Math.round(rowBytes)} bytes per JSONL line on average`
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
  const tmpFiles: string[] = [];

  for (let round = 0; round < CONFIG.rounds; round++) {
    // Fresh pipelines per round so no round inherits another's queues.
    const bare = bareSdk();
    const full = withProcessor();
    const fullNoop = withProcessor({ noopMetrics: true });
    const pipelines = { a: bare, b: full, b0: fullNoop };
    const bench = newBench(`round ${round + 1}`);
    const order = round % 2 === 0 ? (['a', 'b', 'b0'] as const) : (['b0', 'b', 'a'] as const);
    for (const which of order) {
      if (!ONLY.has(which)) continue;
      addLifecycleTask(bench, which, pipelines[which]);
    }
    for (const [name, setup] of [['c', alone], ['c0', aloneNoop]] as const) {
      if (!ONLY.has(name)) continue;
      const { processor } = setup;
      const state = cursor.get(setup) as { at: number; spans: number };
      const perSample = CONFIG.batch * SPANS_PER_LIFECYCLE;
      bench.add(
        name,
        async () => {
          let at = state.at;
          for (let n = 0; n < perSample; n++) {
            processor.onEnd(pool[at] as (typeof pool)[number]);
            at = at + 1 === pool.length ? 0 : at + 1;
          }
          state.at = at;
          state.spans += perSample;
          await yieldToLoop();
        },
        { beforeAll: () => gc() }
      );
    }
    let sink: JsonlFileRowSink | undefined;
    if (ONLY.has('d')) {
      const path = join(tmpdir(), `agent-review-telemetry-bench-${process.pid}-${round}.jsonl`);
      tmpFiles.push(path);
      sink = new JsonlFileRowSink({ path, truncate: true });
      const batches: ReviewRow[][] = [];
      for (let i = 0; i + SINK_BATCH_ROWS <= rows.length; i += SINK_BATCH_ROWS) {
        batches.push(rows.slice(i, i + SINK_BATCH_ROWS));
      }
      let at = 0;
      let failed = 0;
      const done = (result: { code: number }) => {
        if (result.code !== 0) failed++;
      };
      bench.add(
        'd',
        async () => {
          for (let n = 0; n < CONFIG.sinkBatches; n++) {
            (sink as JsonlFileRowSink).export(batches[at] as ReviewRow[], done);
            at = at + 1 === batches.length ? 0 : at + 1;
          }
          await (sink as JsonlFileRowSink).forceFlush();
        },
        {
          beforeAll: () => gc(),
          afterAll: () => {
            if (failed > 0) problems.push(`(d) round ${round + 1}: ${failed} batches failed`);
          },
        }
      );
    }

    await bench.run();
    for (const task of bench.tasks) {
      if (task.name === 'a') a.add(task, CONFIG.batch);
      if (task.name === 'b') b.add(task, CONFIG.batch);
      if (task.name === 'b0') b0.add(task, CONFIG.batch);
      if (task.name === 'c') c.add(task, CONFIG.batch);
      if (task.name === 'c0') c0.add(task, CONFIG.batch);
      if (task.name === 'd') d.add(task, CONFIG.sinkBatches * SINK_BATCH_ROWS);
    }
    for (const [name, pipeline] of [['(a)', bare], ['(b)', full], ['(b0)', fullNoop]] as const) {
      const lifecycles = ranThrough.get(pipeline);
      ranThrough.delete(pipeline);
      if (lifecycles !== undefined) problems.push(...(await checkPipeline(name, pipeline, lifecycles)));
    }
    if (ONLY.has('a') && ONLY.has('b')) {
      roundRatios.push((b.roundMedians.at(-1) as number) / (a.roundMedians.at(-1) as number));
    }
    await bare.shutdown();
    await full.shutdown();
    await fullNoop.shutdown();
    await sink?.shutdown();
    for (const path of tmpFiles) rmSync(path, { force: true });
    console.log(
      `round ${round + 1}/${CONFIG.rounds} done (${((Date.now() - started) / 1000).toFixed(0)} s)` +
        (ONLY.has('a') && ONLY.has('b') ? `: b/a = ${(roundRatios.at(-1) as number).toFixed(3)}` : '')
    );
  }
  for (const [name, setup] of [['(c)', alone], ['(c0)', aloneNoop]] as const) {
    await setup.processor.forceFlush();
    const { spans } = cursor.get(setup) as { at: number; spans: number };
    const expected = (spans / SPANS_PER_LIFECYCLE) * ROWS_PER_LIFECYCLE;
    if (setup.rowSink.count !== expected) {
      problems.push(`${name}: ${setup.rowSink.count} rows of ${expected} (duplicates dropped: keys were not evicted)`);
    }
  }
  await alone.shutdown();
  await aloneNoop.shutdown();
  return rowBytes;
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map(r => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    '| ' + cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const row of body) console.log(line(row));
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
