/*
 * Dumps everything a fixed workload produces — spans (attribute order
 * included), rows and collected metrics — to one JSON file, so a
 * performance change can be checked for identical behaviour by diffing the
 * dump taken before it with the dump taken after it:
 *
 *   npx tsx bench/dumpOutputs.ts out/dump-before.json   # on the old code
 *   npx tsx bench/dumpOutputs.ts out/dump-after.json    # on the new code
 *   cmp out/dump-before.json out/dump-after.json
 *
 * The workload is the demo's seeded simulation (virtual clock, every subject
 * kind, reviewer and outcome), with content recording off and on.
 */
import { writeFileSync } from 'node:fs';
import type { CollectionResult, DataPoint } from '@opentelemetry/sdk-metrics';
import { AgentRunSimulation } from '../demo/simulation.js';
import { createPipeline } from '../test/pipeline.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: dumpOutputs.ts <out.json>');

/** Exception stack traces name the checkout's path: blank it so two checkouts compare equal. */
const root = new URL('..', import.meta.url).pathname;
const portable = (value: unknown) => (typeof value === 'string' ? value.replaceAll(root, '<root>/') : value);

const dump: unknown[] = [];
for (const recordContent of [false, true]) {
  const pipeline = createPipeline({ recordContent });
  const simulation = new AgentRunSimulation(pipeline.reviews, pipeline.tracer, {
    seed: 7,
    extraTurns: 200,
    startMs: 1_700_000_000_000,
  });
  await simulation.run();
  const rows = await pipeline.rows();
  const spans = pipeline.spans.getFinishedSpans().map(span => ({
    name: span.name,
    attributes: Object.entries(span.attributes),
    events: span.events.map(event => ({
      name: event.name,
      attributes: Object.entries(event.attributes ?? {}).map(([key, value]) => [key, portable(value)]),
    })),
    status: span.status,
  }));
  const metrics = await collectMetrics(pipeline);
  dump.push({ recordContent, spans, rows, metrics });
  await pipeline.shutdown();
}
writeFileSync(path, JSON.stringify(dump, null, 1));
console.log(`wrote ${path}`);

/** Every data point of every instrument, in collection order, without timestamps. */
async function collectMetrics(pipeline: ReturnType<typeof createPipeline>) {
  const view = await pipeline.metrics();
  // MetricsView keeps the raw CollectionResult private; the dump wants all of it.
  const { result } = view as unknown as { result: CollectionResult };
  return result.resourceMetrics.scopeMetrics.flatMap(scope =>
    scope.metrics.map(metric => ({
      name: metric.descriptor.name,
      unit: metric.descriptor.unit,
      dataPointType: metric.dataPointType,
      points: (metric.dataPoints as DataPoint<unknown>[]).map(point => ({
        attributes: Object.entries(point.attributes),
        value: point.value,
      })),
    }))
  );
}
