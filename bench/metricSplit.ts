/*
 * Where configuration (c)'s metric cost goes: the processor alone over the
 * span pool with a real MeterProvider whose counters, histograms, both or
 * neither are replaced by no-op instruments.
 *
 *   node --expose-gc --import tsx bench/metricSplit.ts
 */
import { createNoopMeter, type Meter, type MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ReviewEventProcessor } from '../src/index.js';
import { ManualMetricReader } from '../test/pipeline.js';
import { buildSpanPool, DropExporter, SPANS_PER_LIFECYCLE } from './workload.js';

type Mode = 'counters and histograms' | 'histograms only' | 'counters only' | 'neither (no-op)';
const MODES: Mode[] = ['counters and histograms', 'histograms only', 'counters only', 'neither (no-op)'];
const ROUNDS = Number(process.env.SPLIT_ROUNDS ?? 5);

const noop = createNoopMeter();

/** A real meter with counters or histograms swapped for no-op ones. */
function meterProvider(mode: Mode): ApiMeterProvider {
  const real = new MeterProvider({ readers: [new ManualMetricReader()] });
  return {
    getMeter(name, version, options): Meter {
      const meter = real.getMeter(name, version, options);
      if (mode === 'neither (no-op)') return noop;
      return {
        ...Object.fromEntries(
          (Object.getOwnPropertyNames(Object.getPrototypeOf(meter)) as (keyof Meter)[])
            .filter(key => key !== ('constructor' as keyof Meter))
            .map(key => [key, (meter[key] as (...args: unknown[]) => unknown).bind(meter)])
        ),
        // Counters are processor-side sums reported by observable counters.
        createObservableCounter:
          mode === 'histograms only'
            ? noop.createObservableCounter.bind(noop)
            : meter.createObservableCounter.bind(meter),
        createHistogram:
          mode === 'counters only' ? noop.createHistogram.bind(noop) : meter.createHistogram.bind(meter),
      } as Meter;
    },
  };
}

const pool = buildSpanPool(20_000);
const results = new Map<Mode, number[]>(MODES.map(mode => [mode, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const mode of MODES) {
    const processor = new ReviewEventProcessor({ sinks: [new DropExporter()], meterProvider: meterProvider(mode) });
    for (const span of pool) processor.onEnd(span); // warm-up; fills the row keys
    globalThis.gc?.();
    const t0 = performance.now();
    for (let pass = 0; pass < 3; pass++) for (const span of pool) processor.onEnd(span);
    const lifecycles = (3 * pool.length) / SPANS_PER_LIFECYCLE;
    (results.get(mode) as number[]).push(((performance.now() - t0) * 1e6) / lifecycles);
    await processor.shutdown();
  }
}
console.log(`processor alone, ${pool.length / SPANS_PER_LIFECYCLE} distinct lifecycles x 3 passes, ${ROUNDS} rounds`);
const none = median(results.get('neither (no-op)') as number[]);
for (const mode of MODES) {
  const values = results.get(mode) as number[];
  const m = median(values);
  console.log(
    `${mode.padEnd(24)} median ${Math.round(m).toLocaleString('en-US').padStart(7)} ns/lifecycle` +
      `  (+${Math.round(m - none).toLocaleString('en-US')} over no-op)  rounds: ${values.map(v => Math.round(v)).join(' ')}`
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(mid)] as number) + (sorted[Math.ceil(mid)] as number)) / 2;
}

// The SDK's price per measurement, by attribute-set size (our sets are cached
// objects, so this is all SDK: hashing the set, finding its accumulation).
{
  const meter = new MeterProvider({ readers: [new ManualMetricReader()] }).getMeter('split');
  const counter = meter.createCounter('c');
  const histogram = meter.createHistogram('h', {
    advice: { explicitBucketBoundaries: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] },
  });
  const one = { 'agent_review.span.type': 'guardian_review' };
  const seven = {
    'agent_review.guardian.decision': 'approved',
    'agent_review.guardian.terminal_status': 'approved',
    'agent_review.guardian.failure_kind': 'none',
    'agent_review.guardian.session_kind': 'trunk_reused',
    'agent_review.guardian.risk_level': 'low',
    'agent_review.guardian.trigger': 'shell',
    'gen_ai.request.model': 'gpt-5.4',
  };
  const cases: Array<[string, () => void]> = [
    ['Counter.add, 1 attribute', () => counter.add(1, one)],
    ['Counter.add, 7 attributes', () => counter.add(1, seven)],
    ['Histogram.record, 7 attributes', () => histogram.record(0.5, seven)],
  ];
  console.log('\nSDK cost per measurement (1M calls, median of 3)');
  for (const [name, call] of cases) {
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      for (let i = 0; i < 1_000_000; i++) call();
      runs.push(performance.now() - t0);
    }
    console.log(`${name.padEnd(32)} ${Math.round(median(runs)).toLocaleString('en-US').padStart(5)} ns`);
  }
}
