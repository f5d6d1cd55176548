/*
 * Growth: how heap and per-span time change with the processor's state and
 * with the size of the spans.
 *
 *   in flight: tool items started and reviewed (guardian, then user) but not
 *     finished, so the processor holds one item summary each. The limits are
 *     raised for the run so every summary stays: heap after GC per item in
 *     flight is the measured size of a summary. The agent's own open spans
 *     are not held (they are the agent's memory, not ours).
 *   events: guardian spans with 5, 50 and 500 tool-call events, through (a)
 *     and (b), fresh pipelines each.
 */
import { checkMetrics, type Workload } from './checks.js';
import { cpuSince, heapAfterGc } from './stats.js';
import {
  bareSdk,
  type LifecycleShape,
  type Pipeline,
  runLifecycle,
  SPANS_PER_LIFECYCLE,
  withProcessor,
  yieldToLoop,
} from './workload.js';

/** Wall and process CPU ns per span over a run of lifecycles. */
export interface PerSpan {
  wall: number;
  cpu: number;
}

let nextId = 3e9;

async function run(pipeline: Pipeline, lifecycles: number, shape?: LifecycleShape): Promise<PerSpan> {
  const from = process.cpuUsage();
  const start = performance.now();
  for (let n = 0; n < lifecycles; n++) {
    runLifecycle(pipeline.reviews, nextId++, shape);
    if (n % 200 === 199) await yieldToLoop();
  }
  await pipeline.forceFlush();
  const spans = lifecycles * SPANS_PER_LIFECYCLE;
  return { wall: ((performance.now() - start) * 1e6) / spans, cpu: cpuSince(from) / spans };
}

export interface InFlightReading {
  items: number;
  heap: number;
  /** Per span while filling up to `items` (2 review spans per item). */
  fill: PerSpan | undefined;
  /** Per span of finished lifecycles with `items` in flight. */
  steady: PerSpan;
}

const IN_FLIGHT = { guardianCalls: 5, finishItem: false } as const;

/** Fills the item state to each of `checkpoints` (ascending), reading heap and per-span time at each. */
export async function measureInFlight(checkpoints: number[], steadyLifecycles: number, warmup: number) {
  const largest = checkpoints.at(-1) ?? 0;
  const pipeline = withProcessor({
    config: { maxPendingItems: largest + 1, maxPendingItemBytes: Number.MAX_SAFE_INTEGER },
  });
  const finished: Workload = { lifecycles: 0 };
  const inFlight: Workload = { lifecycles: 0, shape: IN_FLIGHT };
  // Warm-up fills the remembered row keys to their cap, so later growth is item summaries only.
  await run(pipeline, warmup);
  finished.lifecycles += warmup;
  const readings: InFlightReading[] = [];
  const read = async (fill: PerSpan | undefined) => {
    const heap = await heapAfterGc();
    const steady = await run(pipeline, steadyLifecycles);
    finished.lifecycles += steadyLifecycles;
    readings.push({ items: inFlight.lifecycles, heap, fill, steady });
  };
  await read(undefined);
  for (const target of checkpoints) {
    const added = target - inFlight.lifecycles;
    const fill = await run(pipeline, added, IN_FLIGHT);
    inFlight.lifecycles = target;
    // Fill spans are review spans only: 2 per lifecycle, not 3.
    await read({ wall: (fill.wall * 3) / 2, cpu: (fill.cpu * 3) / 2 });
  }
  const problems = await checkMetrics('(in flight)', pipeline.reader as NonNullable<Pipeline['reader']>, finished, inFlight);
  const pending = pipeline.processor?.pendingItemCount;
  if (pending !== largest) problems.push(`(in flight): the processor holds ${pending} items, expected ${largest}`);
  await pipeline.shutdown();
  return { readings, problems };
}

export interface EventsReading {
  events: number;
  a: PerSpan;
  b: PerSpan;
  /** Heap after GC at the end of each run, its pipeline still open. */
  heapA: number;
  heapB: number;
}

/** (a) and (b) with `events` tool-call events per guardian span, `lifecycles` each after a warm-up. */
export async function measureEvents(eventCounts: number[], lifecycles: (events: number) => number) {
  const readings: EventsReading[] = [];
  const problems: string[] = [];
  for (const events of eventCounts) {
    const shape = { guardianCalls: events };
    const n = lifecycles(events);
    const bare = bareSdk();
    await run(bare, Math.ceil(n / 10), shape);
    const a = await run(bare, n, shape);
    const heapA = await heapAfterGc();
    await bare.shutdown();
    const full = withProcessor();
    await run(full, Math.ceil(n / 10), shape);
    const b = await run(full, n, shape);
    const heapB = await heapAfterGc();
    problems.push(
      ...(await checkMetrics(`(${events} events)`, full.reader as NonNullable<Pipeline['reader']>, {
        lifecycles: n + Math.ceil(n / 10),
        shape,
      }))
    );
    await full.shutdown();
    readings.push({ events, a, b, heapA, heapB });
  }
  return { readings, problems };
}
