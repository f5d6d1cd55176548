/*
 * The processor's MetricProducer in each setup: given to one reader, to two
 * readers (cumulative and delta), not given at all, asked for too late, and
 * under NodeSDK. No reader ever sees a review histogram missing or twice.
 */
import { context, diag, metrics, propagation, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  type CollectionResult,
  type Histogram,
  MeterProvider,
  MetricReader,
  type MetricReaderOptions,
} from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { ReviewEventProcessor, ReviewMetricProducers, ReviewTracer } from '../src/index.js';
import { captureDiag } from './support/diagCapture.js';
import { ms, THREAD } from './pipeline.js';

const DURATION = 'agent_review.review.duration';

class Reader extends MetricReader {
  constructor(options: MetricReaderOptions = {}) {
    super(options);
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const delta = { selectAggregationTemporality: () => AggregationTemporality.DELTA };

/** User reviews, each taking `seconds[i]`, through `processor`. */
function reviewsTaking(processor: ReviewEventProcessor, seconds: number[], first = 0) {
  const reviews = new ReviewTracer({ tracerProvider: new TracerProvider({ spanProcessors: [processor] }) });
  seconds.forEach((s, i) => {
    reviews
      .startUserReview({ ...THREAD, requestId: first + i, request: { kind: 'command_execution' }, startTime: ms(0) })
      .resolve('accept', { endTime: ms(s * 1000) });
  });
}

/** Every review duration point in a collection, with the scope that reported it. */
function durations(result: CollectionResult) {
  return result.resourceMetrics.scopeMetrics.flatMap(scope =>
    scope.metrics
      .filter(metric => metric.descriptor.name === DURATION)
      .flatMap(metric =>
        metric.dataPoints.map(point => {
          const { count, sum, min, max } = point.value as Histogram;
          return { scope: scope.scope.name, temporality: metric.aggregationTemporality, count, sum, min, max };
        })
      )
  );
}

afterEach(() => {
  metrics.disable();
  diag.disable();
});

describe('a processor whose producer a reader was given', () => {
  it('reports each histogram once, under the SCOPE and the MeterProvider resource', async () => {
    const processor = new ReviewEventProcessor();
    const reader = new Reader({ metricProducers: [processor.metricProducer()] });
    metrics.setGlobalMeterProvider(
      new MeterProvider({ readers: [reader], resource: resourceFromAttributes({ 'service.name': 'agent' }) })
    );
    reviewsTaking(processor, [2, 4]);
    const result = await reader.collect();
    expect(durations(result)).toEqual([
      { scope: 'agent-review-telemetry', temporality: AggregationTemporality.CUMULATIVE, count: 2, sum: 6, min: 2, max: 4 },
    ]);
    expect(result.resourceMetrics.resource.attributes['service.name']).toBe('agent');
    const producerScope = result.resourceMetrics.scopeMetrics.find(scope =>
      scope.metrics.some(metric => metric.descriptor.name === DURATION)
    );
    expect(producerScope?.scope).toEqual({ name: 'agent-review-telemetry', version: '0.1.0' });
  });

  it('keeps reporting the running totals to a cumulative reader', async () => {
    const processor = new ReviewEventProcessor();
    const reader = new Reader({ metricProducers: [processor.metricProducer()] });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    reviewsTaking(processor, [1]);
    await reader.collect();
    reviewsTaking(processor, [3], 1);
    expect(durations(await reader.collect())).toMatchObject([{ count: 2, sum: 4, min: 1, max: 3 }]);
  });

  it('reports only the new values to a delta reader, from the end of its last collection', async () => {
    const processor = new ReviewEventProcessor();
    const reader = new Reader({ aggregationTemporalitySelector: delta.selectAggregationTemporality, metricProducers: [processor.metricProducer(delta)] });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    reviewsTaking(processor, [1, 5]);
    const first = await reader.collect();
    reviewsTaking(processor, [3], 2);
    const second = await reader.collect();
    expect(durations(second)).toEqual([
      { scope: 'agent-review-telemetry', temporality: AggregationTemporality.DELTA, count: 1, sum: 3, min: 3, max: 3 },
    ]);
    const points = (result: CollectionResult) =>
      result.resourceMetrics.scopeMetrics.flatMap(s => s.metrics).find(m => m.descriptor.name === DURATION)?.dataPoints;
    expect(points(second)?.[0]?.startTime).toEqual(points(first)?.[0]?.endTime);
    expect(durations(await reader.collect())).toEqual([]);
  });

  it('gives each of two readers everything, one cumulative and one delta', async () => {
    const lines = captureDiag();
    const processor = new ReviewEventProcessor();
    const cumulative = new Reader({ metricProducers: [processor.metricProducer()] });
    const deltas = new Reader({ aggregationTemporalitySelector: delta.selectAggregationTemporality, metricProducers: [processor.metricProducer(delta)] });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [cumulative, deltas] }));
    reviewsTaking(processor, [1, 2]);
    expect(durations(await cumulative.collect())).toMatchObject([{ count: 2, sum: 3 }]);
    expect(durations(await deltas.collect())).toMatchObject([{ count: 2, sum: 3, min: 1, max: 2 }]);
    reviewsTaking(processor, [4], 2);
    expect(durations(await deltas.collect())).toMatchObject([{ count: 1, sum: 4, min: 4, max: 4 }]);
    expect(durations(await cumulative.collect())).toMatchObject([{ count: 3, sum: 7, min: 1, max: 4 }]);
    reviewsTaking(processor, [1], 3);
    expect(lines.warnings.filter(line => /producer/.test(line))).toEqual([]);
  });

  it('says once that a reader of the same provider collected without a producer', async () => {
    const lines = captureDiag();
    const processor = new ReviewEventProcessor();
    const given = new Reader({ metricProducers: [processor.metricProducer()] });
    const without = new Reader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [given, without] }));
    reviewsTaking(processor, [1]);
    await given.collect();
    reviewsTaking(processor, [1], 1);
    expect(lines.warnings.filter(line => /producer/.test(line))).toEqual([]);
    expect(durations(await without.collect())).toEqual([]);
    reviewsTaking(processor, [1, 1], 2);
    expect(lines.warnings.filter(line => /producer/.test(line))).toEqual([
      expect.stringContaining('collected without a review metric producer'),
    ]);
  });

  it('gives a delta producer made after recording began everything so far first', async () => {
    const processor = new ReviewEventProcessor();
    const cumulative = new Reader({ metricProducers: [processor.metricProducer()] });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [cumulative] }));
    reviewsTaking(processor, [2, 6]);
    const late = new Reader({ metricProducers: [processor.metricProducer(delta)] });
    new MeterProvider({ readers: [late] });
    reviewsTaking(processor, [4], 2);
    expect(durations(await late.collect())).toMatchObject([{ count: 3, sum: 12, min: 2, max: 6 }]);
  });

  it('works with an explicit MeterProvider whose readers were made first', async () => {
    const reviewMetrics = new ReviewMetricProducers();
    const reader = new Reader({ metricProducers: [reviewMetrics.producerFor()] });
    const processor = new ReviewEventProcessor({ meterProvider: new MeterProvider({ readers: [reader] }), reviewMetrics });
    reviewsTaking(processor, [2]);
    const result = await reader.collect();
    expect(durations(result)).toMatchObject([{ count: 1, sum: 2 }]);
    const names = result.resourceMetrics.scopeMetrics.flatMap(scope => scope.metrics.map(m => m.descriptor.name));
    expect(names).toContain('agent_review.processor.spans');
  });

  it('reports nothing before any review was recorded', async () => {
    const processor = new ReviewEventProcessor();
    const reader = new Reader({ metricProducers: [processor.metricProducer()] });
    new MeterProvider({ readers: [reader] });
    expect((await reader.collect()).resourceMetrics.scopeMetrics).toEqual([]);
  });
});

describe('a processor without a producer', () => {
  it('records its histograms through the SDK, for every reader', async () => {
    const processor = new ReviewEventProcessor();
    const one = new Reader();
    const two = new Reader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [one, two] }));
    reviewsTaking(processor, [2]);
    for (const reader of [one, two]) expect(durations(await reader.collect())).toMatchObject([{ count: 1, sum: 2 }]);
  });

  it('keeps the SDK route when the producer is asked for after recording, and says so for each producer asked for', async () => {
    const lines = captureDiag();
    const processor = new ReviewEventProcessor();
    const sdkReader = new Reader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [sdkReader] }));
    reviewsTaking(processor, [2]);
    const late = new Reader({ metricProducers: [processor.metricProducer(), processor.metricProducer()] });
    new MeterProvider({ readers: [late] });
    reviewsTaking(processor, [3], 1);
    expect(durations(await sdkReader.collect())).toMatchObject([{ count: 2, sum: 5 }]);
    expect(durations(await late.collect())).toEqual([]);
    expect(lines.warnings.filter(line => /after review metrics were recorded/.test(line))).toHaveLength(2);
  });
});

describe('NodeSDK with the producer on its reader', () => {
  let sdk: NodeSDK | undefined;
  afterEach(async () => {
    await sdk?.shutdown();
    sdk = undefined;
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('reports each histogram once, through the producer', async () => {
    const processor = new ReviewEventProcessor();
    const reader = new Reader({ metricProducers: [processor.metricProducer()] });
    sdk = new NodeSDK({ spanProcessors: [processor], metricReaders: [reader], instrumentations: [] });
    sdk.start();
    new ReviewTracer()
      .startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' }, startTime: ms(0) })
      .resolve('accept', { endTime: ms(1500) });
    expect(durations(await reader.collect())).toMatchObject([{ count: 1, sum: 1.5 }]);
  });
});
