/*
 * What the processor costs on top of the bare SDK, and whether it still
 * counts right while it runs. `npm run bench` (node --expose-gc --import tsx
 * bench/main.ts); BENCH_ONLY picks parts, e.g. BENCH_ONLY=a,b,c.
 *
 *   (a) bare SDK: TracerProvider + BatchSpanProcessor + dropping exporter
 *   (b) (a) + ReviewEventProcessor (first in line), dropping row sink, real
 *       MeterProvider and a reader, collected and checked after each round
 *   (b0) (b) with no-op metric instruments
 *   (c) ReviewEventProcessor alone, fed pre-built finished spans, real MeterProvider
 *   (c0) the same with no-op metric instruments (what our own code costs)
 *   (d) JsonlFileRowSink alone, 512-row batches to a file in os.tmpdir()
 *   end: time inside span.end() per lifecycle, (a) against (b) (bench/spanEnd.ts)
 *   collect: one collect() of the reader at the demo's cardinality (bench/collectCost.ts)
 *   heap: (b) for BENCH_HEAP_LIFECYCLES lifecycles, heap read after forced GCs
 *   inflight, events: growth with items in flight and events per span (bench/growth.ts)
 *   proxy: codex-proxy's cost per message against a direct pipe (bench/codexProxy.ts)
 *
 * Wall time and process CPU time are reported side by side. Timing never
 * fails the run: targets are printed with PASS or MISS. The checks do: every
 * span exported, every row written, and every metric value the reader
 * collects equal to what the workload must have made (bench/checks.ts). A
 * failed check exits 1.
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runProxyBench } from './codexProxy.js';
import { measureCollect } from './collectCost.js';
import { measureEvents, measureInFlight } from './growth.js';
import { runRounds, type RoundSamples } from './rounds.js';
import { endQuantiles, measureSpanEnd } from './spanEnd.js';
import { checkMetrics } from './checks.js';
import { fmtInt, fmtMiB, fmtRatio, heapAfterGc, printTable, quantile } from './stats.js';
import { TargetTable } from './targets.js';
import {
  type Pipeline,
  ROWS_PER_LIFECYCLE,
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

function envList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map(part => Number(part.trim().replace(/_/g, '')));
  if (values.some(value => !Number.isSafeInteger(value) || value < 1)) {
    console.warn(`${name}=${raw} is not a list of positive integers; using ${fallback.join(',')}`);
    return fallback;
  }
  return values;
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
  /** Lifecycles per configuration per round for the span.end() timing. */
  endLifecycles: envInt('BENCH_END_LIFECYCLES', 20_000),
  /** Timed collects, and the demo simulation's extra turns that fill the series. */
  collects: envInt('BENCH_COLLECTS', 500),
  collectTurns: envInt('BENCH_COLLECT_TURNS', 300),
  /** Lifecycles for the heap run; readings after warm-up, 100k and the end. */
  heapLifecycles: envInt('BENCH_HEAP_LIFECYCLES', 1_000_000),
  heapWarmup: envInt('BENCH_HEAP_WARMUP', 20_000),
  /** Items in flight at each reading, and finished lifecycles timed at each. */
  inFlight: envList('BENCH_IN_FLIGHT', [1_000, 100_000, 1_000_000]),
  inFlightSteady: envInt('BENCH_IN_FLIGHT_STEADY', 5_000),
  /** Tool-call events per guardian span, and lifecycles at 5 events (fewer for more events). */
  events: envList('BENCH_EVENTS', [5, 50, 500]),
  eventsLifecycles: envInt('BENCH_EVENTS_LIFECYCLES', 20_000),
  /** Round trips per proxy run, after the warm-up ones. */
  proxyMessages: envInt('BENCH_PROXY_MESSAGES', 2000),
  proxyWarmup: envInt('BENCH_PROXY_WARMUP', 300),
};
const ALL = 'a,b,b0,c,c0,d,end,collect,heap,inflight,events,proxy';
const ONLY = new Set((process.env.BENCH_ONLY ?? ALL).split(',').map(s => s.trim()));

async function main(): Promise<void> {
  const started = Date.now();
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  console.log('agent-review-telemetry benchmark');
  console.log(
    `machine: ${cpus().length} CPUs (${cpuModel}), ${fmtMiB(totalmem())} RAM, Node ${process.version}, ${process.platform}/${process.arch}`
  );
  console.log(`load average at start: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  console.log(`config: ${JSON.stringify(CONFIG)} only=${[...ONLY].join(',')}`);

  const problems: string[] = [];
  let checks = 0;
  const check = (found: string[]) => {
    checks++;
    problems.push(...found);
  };
  const targets = new TargetTable();

  // Everything the rounds allocate is local to runRounds, so later runs start from a clean heap.
  const rounds = await runRounds(CONFIG, ONLY, check, started);
  reportRounds(rounds, targets);

  if (ONLY.has('end')) {
    const variants = [
      { label: '(b) + ReviewEventProcessor, mapping inside span.end() (default)', options: {}, target: false },
      { label: '(b) + ReviewEventProcessor, deferMapping: true', options: { config: { deferMapping: true } }, target: true },
    ];
    for (const variant of variants) {
      const end = await measureSpanEnd(CONFIG.endLifecycles, CONFIG.rounds, variant.options);
      check(end.problems);
      const a = endQuantiles(end.a);
      const b = endQuantiles(end.b);
      console.log(`\ntime inside span.end() per lifecycle (3 spans), ${fmtInt(end.a.length)} lifecycles each: ${variant.label}`);
      printTable(
        ['configuration', 'median ns', 'p90 ns', 'p99 ns'],
        [
          ['(a) bare SDK', fmtInt(a.median), fmtInt(a.p90), fmtInt(a.p99)],
          [variant.label, fmtInt(b.median), fmtInt(b.p90), fmtInt(b.p99)],
          ['added by the processor (b − a)', fmtInt(b.median - a.median), fmtInt(b.p90 - a.p90), fmtInt(b.p99 - a.p99)],
        ]
      );
      if (variant.target) {
        targets.add(
          'with deferMapping, the processor adds ≤ 5 % to span.end()',
          `+${((b.median / a.median - 1) * 100).toFixed(1)} %`,
          b.median / a.median <= 1.05
        );
      }
    }
  }

  if (ONLY.has('collect')) {
    const collect = await measureCollect(CONFIG.collects, CONFIG.collectTurns);
    console.log(
      `\none collect() of the reader: ${collect.instruments} instruments, ${collect.points} data points (the demo simulation, ${CONFIG.collectTurns} extra turns), ${CONFIG.collects} collects`
    );
    printTable(
      ['figure', 'µs'],
      [
        ['wall, median', (quantile(collect.wall, 0.5) / 1000).toFixed(1)],
        ['wall, p99', (quantile(collect.wall, 0.99) / 1000).toFixed(1)],
        ['process CPU, mean', (collect.cpu / 1000).toFixed(1)],
      ]
    );
  }

  if (ONLY.has('heap')) check(await heapRun(targets));

  if (ONLY.has('inflight')) {
    const { readings, problems: found } = await measureInFlight(CONFIG.inFlight, CONFIG.inFlightSteady, CONFIG.heapWarmup);
    check(found);
    const base = readings[0]?.heap ?? Number.NaN;
    console.log('\ngrowth with tool items in flight (started, reviewed twice, not finished; limits raised to hold them all)');
    printTable(
      ['items in flight', 'heapUsed', 'bytes per item', 'fill ns/review span', 'fill CPU ns/span', 'then ns/span', 'then CPU ns/span'],
      readings.map(r => [
        fmtInt(r.items),
        fmtMiB(r.heap),
        r.items === 0 ? '-' : fmtInt((r.heap - base) / r.items),
        r.fill ? fmtInt(r.fill.wall) : '-',
        r.fill ? fmtInt(r.fill.cpu) : '-',
        fmtInt(r.steady.wall),
        fmtInt(r.steady.cpu),
      ])
    );
  }

  if (ONLY.has('events')) {
    const lifecycles = (events: number) => Math.max(1000, Math.round((CONFIG.eventsLifecycles * 5) / Math.max(5, events)));
    const { readings, problems: found } = await measureEvents(CONFIG.events, lifecycles);
    check(found);
    console.log('\ngrowth with tool-call events per guardian span (fresh pipelines; the SDK keeps 128 events per span)');
    printTable(
      ['events', 'lifecycles', '(a) ns/span', '(b) ns/span', 'wall b/a', '(a) CPU ns/span', '(b) CPU ns/span', 'CPU b/a', 'heap (a)', 'heap (b)'],
      readings.map(r => [
        String(r.events),
        fmtInt(lifecycles(r.events)),
        fmtInt(r.a.wall),
        fmtInt(r.b.wall),
        fmtRatio(r.b.wall / r.a.wall),
        fmtInt(r.a.cpu),
        fmtInt(r.b.cpu),
        fmtRatio(r.b.cpu / r.a.cpu),
        fmtMiB(r.heapA),
        fmtMiB(r.heapB),
      ])
    );
  }

  if (ONLY.has('proxy')) await proxyRun(targets);

  console.log('\ntargets (same run, this machine)');
  targets.print();

  console.log(`\nload average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  if (problems.length) {
    console.log(`\nCHECKS FAILED (${problems.length})\n` + problems.map(p => `  ${p}`).join('\n'));
    process.exitCode = 1;
  } else {
    console.log(`\nchecks: ${checks} passed (spans exported, rows written, metric values)`);
  }
  console.log(`total run time ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function reportRounds({ a, b, b0, c, c0, d, roundRatios, rowBytes }: RoundSamples, targets: TargetTable): void {
  const rows: string[][] = [];
  const lifecycleRow = (name: string, s: typeof a) => {
    if (s.empty) return;
    rows.push([name, fmtInt(s.q(0.5)), `${fmtInt(s.q(0.25))}–${fmtInt(s.q(0.75))}`, fmtInt(s.cpu), fmtInt(1e9 / s.q(0.5)), String(s.values.length)]);
  };
  lifecycleRow('(a) bare SDK', a);
  lifecycleRow('(b) SDK + ReviewEventProcessor', b);
  lifecycleRow('(b0) = (b) with no-op metrics', b0);
  lifecycleRow('(c) processor alone (3 spans)', c);
  lifecycleRow('(c0) = (c) with no-op metrics', c0);
  if (rows.length) {
    console.log(`\nns per review lifecycle: wall = per-sample means (a sample = ${CONFIG.batch} lifecycles), CPU = process CPU / lifecycles`);
    printTable(['configuration', 'wall median ns', 'wall p25–p75', 'CPU mean ns', 'lifecycles/s', 'samples'], rows);
  }
  if (!a.empty && !b.empty) {
    const wall = b.q(0.5) / a.q(0.5);
    const cpu = b.cpu / a.cpu;
    const ratios = [['b/a', fmtRatio(wall), fmtRatio(cpu), roundRatios.map(fmtRatio).join(', ')]];
    if (!b0.empty) ratios.push(['b0/a (no-op metrics)', fmtRatio(b0.q(0.5) / a.q(0.5)), fmtRatio(b0.cpu / a.cpu), '']);
    console.log('\nratios to the bare SDK (wall: medians; CPU: means)');
    printTable(['ratio', 'wall', 'CPU', 'wall per round'], ratios);
    targets.add('CPU b/a ≤ 1.20 (metrics on, a reader collecting)', fmtRatio(cpu), cpu <= 1.2);
    targets.add('wall b/a ≤ 1.35 (metrics on, a reader collecting)', fmtRatio(wall), wall <= 1.35);
  }
  if (!c.empty) {
    const spansPerSecond = (SPANS_PER_LIFECYCLE * 1e9) / c.q(0.5);
    const cpuSpansPerSecond = (SPANS_PER_LIFECYCLE * 1e9) / c.cpu;
    console.log(`\n(c) spans/s: ${fmtInt(spansPerSecond)} wall, ${fmtInt(cpuSpansPerSecond)} per CPU-second`);
    targets.add('processor alone ≥ 350,000 spans/s, metrics on (wall)', fmtInt(spansPerSecond), spansPerSecond >= 350_000);
  }
  if (!c0.empty) console.log(`(c0) spans/s, no-op metrics: ${fmtInt((SPANS_PER_LIFECYCLE * 1e9) / c0.q(0.5))} wall`);
  if (!d.empty) {
    const rowsPerSecond = 1e9 / d.q(0.5);
    console.log(`(d) JSONL rows/s: ${fmtInt(rowsPerSecond)} (${((rowsPerSecond * rowBytes) / 1048576).toFixed(0)} MiB/s)`);
    targets.add('JsonlFileRowSink ≥ 200,000 rows/s', fmtInt(rowsPerSecond), rowsPerSecond >= 200_000);
  }
}

/** (b) for CONFIG.heapLifecycles lifecycles, heap after forced GCs at checkpoints; returns the check's problems. */
async function heapRun(targets: TargetTable): Promise<string[]> {
  const pipeline: Pipeline = withProcessor();
  const heap: Array<[string, number, number]> = [];
  let done = 0;
  const readHeap = async (label: string) => {
    await pipeline.forceFlush();
    heap.push([label, done, await heapAfterGc()]);
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
  const problems: string[] = [];
  if (pipeline.spanExporter.count !== done * SPANS_PER_LIFECYCLE) {
    problems.push(`(heap run): exporter got ${pipeline.spanExporter.count} spans of ${done * SPANS_PER_LIFECYCLE}`);
  }
  if (pipeline.rowSink?.count !== done * ROWS_PER_LIFECYCLE) {
    problems.push(`(heap run): row sink got ${pipeline.rowSink?.count} rows of ${done * ROWS_PER_LIFECYCLE}`);
  }
  problems.push(...(await checkMetrics('(heap run)', pipeline.reader as NonNullable<Pipeline['reader']>, { lifecycles: done })));
  await pipeline.shutdown();
  console.log(`\nheap used by (b) after forced GC (flushed, one event-loop turn first); ${fmtInt(done)} lifecycles in ${seconds.toFixed(1)} s`);
  printTable(['reading', 'lifecycles', 'heapUsed'], heap.map(([label, n, bytes]) => [label, fmtInt(n), fmtMiB(bytes)]));
  const at100k = heap.find(([, n]) => n === 100_000);
  const last = heap.at(-1) as [string, number, number];
  if (at100k && last[1] > at100k[1]) {
    const growth = last[2] - at100k[2];
    targets.add(
      `heap flat from ${fmtInt(at100k[1])} to ${fmtInt(last[1])} lifecycles (growth within ±2 MiB)`,
      `${growth >= 0 ? '+' : ''}${fmtMiB(growth)}`,
      Math.abs(growth) <= 2 * 1048576
    );
  }
  return problems;
}

async function proxyRun(targets: TargetTable): Promise<void> {
  const proxy = await runProxyBench({ messages: CONFIG.proxyMessages, warmup: CONFIG.proxyWarmup, rounds: CONFIG.rounds });
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
  targets.add('codex-proxy wall cost per message < 1 ms (worst run)', `${(worst / 1e6).toFixed(3)} ms`, worst < 1e6);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
