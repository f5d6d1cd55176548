/*
 * The two routes of the review metrics give the same data: the demo's
 * simulated run through the SDK's instruments and through the processor's
 * own aggregation (its MetricProducer), compared point by point for every
 * metric, attribute set, count, sum, bucket, min and max, cumulative and
 * delta, over several collections.
 */
import { metrics } from '@opentelemetry/api';
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import {
  AggregationTemporality,
  type CollectionResult,
  type DataPoint,
  MeterProvider,
  type MetricData,
  MetricReader,
  type MetricReaderOptions,
} from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentRunSimulation } from '../demo/simulation.js';
import { ReviewEventProcessor, ReviewTracer } from '../src/index.js';

class Reader extends MetricReader {
  constructor(options: MetricReaderOptions) {
    super(options);
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * One processor on the global MeterProvider (as under NodeSDK), its reader
 * given the processor's producer or not.
 */
function route(temporality: AggregationTemporality, withProducer: boolean) {
  const processor = new ReviewEventProcessor();
  const selectAggregationTemporality = () => temporality;
  const reader = new Reader({
    aggregationTemporalitySelector: selectAggregationTemporality,
    metricProducers: withProducer ? [processor.metricProducer({ selectAggregationTemporality })] : [],
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const tracerProvider = new TracerProvider({ spanProcessors: [processor] });
  const reviews = new ReviewTracer({ tracerProvider });
  /** Runs `work` with this route's provider as the global one, as the processor looks it up. */
  const withGlobal = async (work: () => Promise<void> | void) => {
    metrics.setGlobalMeterProvider(meterProvider);
    try {
      await work();
      await tracerProvider.forceFlush();
    } finally {
      metrics.disable();
    }
  };
  return {
    simulate: (seed: number) =>
      withGlobal(() =>
        new AgentRunSimulation(reviews, tracerProvider.getTracer('demo'), {
          seed,
          extraTurns: 9,
          startMs: Date.UTC(2026, 0, 1),
        }).run()
      ),
    more: (from: number, count: number) => withGlobal(() => lifecycles(reviews, from, count)),
    collect: () => reader.collect(),
    shutdown: () => Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]),
  };
}

/** Guardian-reviewed commands with distinct ids, latencies and token counts. */
function lifecycles(reviews: ReviewTracer, from: number, count: number) {
  const base = Date.UTC(2026, 0, 2);
  const at = (ms: number): [number, number] => [Math.floor(ms / 1000), (ms % 1000) * 1e6];
  for (let i = from; i < from + count; i++) {
    const thread = { threadId: `thread-more-${i % 3}`, turnId: `turn-${i}` };
    const item = reviews.startToolItem({ ...thread, itemId: `more-${i}`, kind: 'command_execution', toolName: 'shell', startTime: at(base) });
    const guardian = reviews.startGuardianReview({
      ...thread,
      reviewId: `more-review-${i}`,
      targetItemId: `more-${i}`,
      action: { type: 'shell', sandboxPermissions: 'require_escalated' },
      model: i % 2 === 0 ? 'gpt-5.4' : 'gpt-5.4-mini',
      providerName: 'openai',
      timeoutMs: 90_000,
      startTime: at(base),
    });
    guardian.recordFirstToken(at(base + 37 * i));
    guardian.recordToolCall('shell');
    guardian.recordTokenUsage({ inputTokens: 1000 + 97 * i, outputTokens: 13 * i });
    guardian.approve({ riskLevel: 'low', endTime: at(base + 211 * i + 5) });
    item.finish({ status: 'completed', endTime: at(base + 300 * i) });
  }
}

/** Every metric of a collection by name, with what a reader exports of it; a name in two scopes fails. */
function exported(result: CollectionResult) {
  expect(result.errors).toEqual([]);
  const byName = new Map<string, unknown>();
  for (const scope of result.resourceMetrics.scopeMetrics) {
    expect(scope.scope).toMatchObject({ name: 'agent-review-telemetry' });
    for (const metric of scope.metrics) {
      expect(byName.has(metric.descriptor.name), `${metric.descriptor.name} reported twice`).toBe(false);
      byName.set(metric.descriptor.name, describe_(metric));
    }
  }
  return byName;
}

function describe_(metric: MetricData) {
  const { name, unit, description, valueType } = metric.descriptor;
  return {
    descriptor: { name, unit, description, valueType },
    dataPointType: metric.dataPointType,
    aggregationTemporality: metric.aggregationTemporality,
    isMonotonic: 'isMonotonic' in metric ? metric.isMonotonic : undefined,
    points: (metric.dataPoints as DataPoint<unknown>[])
      .map(point => ({ attributes: point.attributes, value: roundSum(point.value) }))
      .sort((x, y) => JSON.stringify(x.attributes).localeCompare(JSON.stringify(y.attributes))),
  };
}

/**
 * A cumulative histogram sum to 12 significant digits: the SDK adds each
 * collection interval's sum to the running one, the producer adds every
 * value to it, so the last bits may differ.
 */
function roundSum(value: unknown) {
  if (typeof value !== 'object' || value === null || !('sum' in value)) return value;
  return { ...value, sum: Number((value.sum as number).toPrecision(12)) };
}

describe('the SDK route and the producer route', () => {
  afterEach(() => metrics.disable());

  it.each([
    ['cumulative', AggregationTemporality.CUMULATIVE],
    ['delta', AggregationTemporality.DELTA],
  ] as const)('export the same %s data, point by point, collection after collection', async (_name, temporality) => {
    const sdk = route(temporality, false);
    const own = route(temporality, true);
    const steps = [
      (r: typeof sdk) => r.simulate(11),
      (r: typeof sdk) => r.more(0, 40),
      (r: typeof sdk) => r.more(40, 7),
      () => undefined,
    ];
    for (const step of steps) {
      await step(sdk);
      await step(own);
      const expected = exported(await sdk.collect());
      const actual = exported(await own.collect());
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [name, data] of expected) expect(actual.get(name), name).toEqual(data);
    }
    await sdk.shutdown();
    await own.shutdown();
  });

  it('serve the same Prometheus text', async () => {
    const sdk = route(AggregationTemporality.CUMULATIVE, false);
    const own = route(AggregationTemporality.CUMULATIVE, true);
    await sdk.simulate(11);
    await own.simulate(11);
    const expected = scrape(await sdk.collect());
    expect(expected.filter(line => line.startsWith('agent_review_review_duration_bucket')).length).toBeGreaterThan(0);
    expect(scrape(await own.collect())).toEqual(expected);
    await sdk.shutdown();
    await own.shutdown();
  });
});

/** The Prometheus exporter's text, lines sorted (the scopes come in another order), values to 12 digits. */
function scrape(result: CollectionResult): string[] {
  return new PrometheusSerializer()
    .serialize(result.resourceMetrics)
    .split('\n')
    .map(line => line.replace(/ ([-\d.e+]+)$/, (_, value: string) => ` ${Number(Number(value).toPrecision(12))}`))
    .sort();
}
