/*
 * The processor's own aggregation, unit by unit: bucket placement as the
 * SDK places values, values the SDK would drop, and what a producer reports
 * for each temporality.
 */
import { diag, type HrTime } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, type Histogram, InstrumentType } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { AggregationProducer } from '../src/metrics/AggregationProducer.js';
import { bucketIndex } from '../src/metrics/HistogramAggregate.js';
import { MetricAggregation } from '../src/metrics/MetricAggregation.js';
import { captureDiag } from './support/diagCapture.js';

const SCOPE = { name: 'scope', version: '1' };
const SET = { k: 'v' };

afterEach(() => diag.disable());

describe('bucketIndex', () => {
  it.each([
    [0, 0],
    [1, 0],
    [1.5, 1],
    [2, 1],
    [4, 2],
    [4.1, 3],
    [Infinity, 3],
  ])('puts %s in bucket %s of boundaries 1, 2, 4 (upper bounds inclusive)', (value, index) => {
    expect(bucketIndex([1, 2, 4], value)).toBe(index);
  });
});

function histogramPoints(producer: AggregationProducer) {
  return producer.collect().then(result =>
    result.resourceMetrics.scopeMetrics.flatMap(scope =>
      scope.metrics.flatMap(metric =>
        metric.dataPoints.map(point => ({
          name: metric.descriptor.name,
          temporality: metric.aggregationTemporality,
          type: metric.dataPointType,
          startTime: point.startTime,
          endTime: point.endTime,
          value: point.value as number | Histogram,
        }))
      )
    )
  );
}

describe('a histogram of the own aggregation', () => {
  it('keeps counts per bucket, count, sum, min and max, with its descriptor', async () => {
    const aggregation = new MetricAggregation();
    const histogram = aggregation.histogram('h', 's', 'what h is', [1, 2]);
    for (const value of [0.5, 2, 3, 1]) histogram.record(value, SET);
    const result = await new AggregationProducer(aggregation, SCOPE).collect();
    const [metric] = result.resourceMetrics.scopeMetrics[0]!.metrics;
    expect(metric).toMatchObject({
      descriptor: { name: 'h', unit: 's', description: 'what h is' },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.HISTOGRAM,
    });
    expect(metric!.dataPoints[0]).toMatchObject({
      attributes: SET,
      value: { buckets: { boundaries: [1, 2], counts: [2, 1, 1] }, count: 4, sum: 6.5, min: 0.5, max: 3 },
    });
  });

  it('drops a negative value with a warning, as the SDK does', async () => {
    const lines = captureDiag();
    const aggregation = new MetricAggregation();
    aggregation.histogram('h', 's', 'd', [1]).record(-1, SET);
    expect(await histogramPoints(new AggregationProducer(aggregation, SCOPE))).toEqual([]);
    expect(lines.warnings).toEqual([expect.stringContaining('negative value provided to histogram h: -1')]);
  });

  it('keeps a zero without a warning', async () => {
    const lines = captureDiag();
    const aggregation = new MetricAggregation();
    aggregation.histogram('h', 's', 'd', [1]).record(0, SET);
    expect((await histogramPoints(new AggregationProducer(aggregation, SCOPE))).map(p => (p.value as Histogram).count)).toEqual([1]);
    expect(lines.warnings).toEqual([]);
  });

  it('drops NaN without a word, as the SDK does', async () => {
    const lines = captureDiag();
    const aggregation = new MetricAggregation();
    aggregation.histogram('h', 's', 'd', [1]).record(NaN, SET);
    expect(await histogramPoints(new AggregationProducer(aggregation, SCOPE))).toEqual([]);
    expect(lines.warnings).toEqual([]);
  });

  it('gives cumulative points the time of the first value as their start', async () => {
    const aggregation = new MetricAggregation();
    const before = Date.now();
    aggregation.histogram('h', 's', 'd', [1]).record(1, SET);
    const [point] = await histogramPoints(new AggregationProducer(aggregation, SCOPE));
    const millis = (time: HrTime) => time[0] * 1000 + time[1] / 1e6;
    expect(millis(point!.startTime)).toBeGreaterThanOrEqual(before);
    expect(millis(point!.startTime)).toBeLessThanOrEqual(millis(point!.endTime));
  });

  it('returns copies, so a later value does not change what was collected', async () => {
    const aggregation = new MetricAggregation();
    const histogram = aggregation.histogram('h', 's', 'd', [1]);
    histogram.record(1, SET);
    const producer = new AggregationProducer(aggregation, SCOPE);
    const [first] = await histogramPoints(producer);
    histogram.record(5, SET);
    expect((first!.value as Histogram).buckets.counts).toEqual([1, 0]);
  });
});

describe('a producer', () => {
  const deltaFor = (deltaType: InstrumentType) => ({
    selectAggregationTemporality: (type: InstrumentType) =>
      type === deltaType ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE,
  });

  it('asks its source about observable counters for sums and histograms for histograms', async () => {
    const aggregation = new MetricAggregation();
    aggregation.counter('c', '{x}', 'd').add(2, SET);
    aggregation.histogram('h', 's', 'd', [1]).record(1, SET);
    for (const type of [InstrumentType.OBSERVABLE_COUNTER, InstrumentType.HISTOGRAM]) {
      const points = await histogramPoints(new AggregationProducer(aggregation, SCOPE, deltaFor(type)));
      expect(points.map(p => [p.name, p.temporality])).toEqual([
        ['c', type === InstrumentType.OBSERVABLE_COUNTER ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE],
        ['h', type === InstrumentType.HISTOGRAM ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE],
      ]);
    }
  });

  it('reports counter deltas, zero included, and running sums to a cumulative one', async () => {
    const aggregation = new MetricAggregation();
    const counter = aggregation.counter('c', '{x}', 'd');
    const deltas = new AggregationProducer(aggregation, SCOPE, deltaFor(InstrumentType.OBSERVABLE_COUNTER));
    const totals = new AggregationProducer(aggregation, SCOPE);
    counter.add(2, SET);
    counter.add(3, SET);
    const first = await histogramPoints(deltas);
    expect(first.map(p => p.value)).toEqual([5]);
    // The first interval starts when the series did.
    expect(first[0]!.startTime).toEqual([expect.any(Number), expect.any(Number)]);
    counter.add(4, SET);
    const second = await histogramPoints(deltas);
    expect(second.map(p => p.value)).toEqual([4]);
    expect(second[0]!.startTime).toEqual(first[0]!.endTime);
    expect((await histogramPoints(deltas)).map(p => p.value)).toEqual([0]);
    expect((await histogramPoints(totals)).map(p => [p.type, p.value])).toEqual([[DataPointType.SUM, 9]]);
  });

  it('reports each delta interval with its own bucket counts, sum, min and max', async () => {
    const aggregation = new MetricAggregation();
    const histogram = aggregation.histogram('h', 's', 'd', [1, 10]);
    const deltas = new AggregationProducer(aggregation, SCOPE, deltaFor(InstrumentType.HISTOGRAM));
    histogram.record(0.5, SET);
    histogram.record(20, SET);
    await deltas.collect();
    histogram.record(5, SET);
    histogram.record(7, SET);
    const [point] = await histogramPoints(deltas);
    expect(point!.value).toEqual({ buckets: { boundaries: [1, 10], counts: [0, 2, 0] }, count: 2, sum: 12, min: 5, max: 7 });
  });

  it('leaves a scope out when it has nothing to report', async () => {
    const aggregation = new MetricAggregation();
    aggregation.counter('c', '{x}', 'd');
    const result = await new AggregationProducer(aggregation, SCOPE).collect();
    expect(result).toMatchObject({ resourceMetrics: { scopeMetrics: [] }, errors: [] });
  });
});
