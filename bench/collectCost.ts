/*
 * The cost of one collect() of a reader that carries the processor's
 * metrics, at the cardinality of a real agent: the demo's seeded simulation
 * (every subject kind, reviewer, outcome, item kind and failure) fills the
 * series, then the reader is collected again and again. A collect's cost
 * depends on the series it reports, not on how many measurements they hold.
 */
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { AgentRunSimulation } from '../demo/simulation.js';
import { ReviewTracer } from '../src/index.js';
import { cpuSince } from './stats.js';
import { meteredProcessor } from './workload.js';

export interface CollectFigures {
  /** Data points (series) one collect reports, over all instruments. */
  points: number;
  instruments: number;
  /** Wall ns per collect, one value per collect. */
  wall: number[];
  /** Mean process CPU ns per collect. */
  cpu: number;
}

export async function measureCollect(collects: number, extraTurns: number): Promise<CollectFigures> {
  const metered = meteredProcessor();
  const tracerProvider = new TracerProvider({ spanProcessors: [metered.processor] });
  const reviews = new ReviewTracer({ tracerProvider, recordContent: false });
  const simulation = new AgentRunSimulation(reviews, tracerProvider.getTracer('bench-simulation'), {
    seed: 7,
    extraTurns,
    startMs: Date.now(),
  });
  await simulation.run();
  const first = await metered.reader.collect();
  const metrics = first.resourceMetrics.scopeMetrics.flatMap(scope => scope.metrics);
  const points = metrics.reduce((sum, metric) => sum + metric.dataPoints.length, 0);
  // Warm-up, then the timed collects.
  for (let n = 0; n < 20; n++) await metered.reader.collect();
  const wall: number[] = [];
  const from = process.cpuUsage();
  for (let n = 0; n < collects; n++) {
    const start = performance.now();
    await metered.reader.collect();
    wall.push((performance.now() - start) * 1e6);
  }
  const cpu = cpuSince(from) / collects;
  await tracerProvider.shutdown();
  await metered.shutdown();
  return { points, instruments: metrics.length, wall, cpu };
}
