/*
 * One histogram kept by the processor: per attribute set, bucket counts,
 * count, sum, min and max, as the SDK's explicit-bucket aggregation keeps
 * them. Series are found by the attribute set object (AttributeSets hands
 * out one per set of values), so recording is one Map lookup by identity and
 * a binary search, with no sort or JSON of the attributes.
 */
import { type Attributes, diag, type HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import {
  AggregationTemporality,
  DataPointType,
  type HistogramMetricData,
  type MetricDescriptor,
} from '@opentelemetry/sdk-metrics';
import type { Recorder } from './Instruments.js';

export interface HistogramSeries {
  readonly attributes: Attributes;
  readonly startTime: HrTime;
  readonly counts: number[];
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Since the last collection of each delta reader, by window. */
  readonly windows: HistogramWindow[];
}

/**
 * What a delta reader cannot get from differences of the running values:
 * min and max of its interval, and a sum added up from zero, as the SDK's
 * is (a difference of two large sums would lose the small one's digits).
 */
export interface HistogramWindow {
  sum: number;
  min: number;
  max: number;
}

/** What one delta reader was last told of a series. */
export interface HistogramReported {
  count: number;
  counts: number[];
}

/** Index of the bucket of `value`: the first boundary not below it, as the SDK counts. */
export function bucketIndex(boundaries: readonly number[], value: number): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((boundaries[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export class HistogramAggregate implements Recorder {
  readonly series = new Map<Attributes, HistogramSeries>();
  private _windows = 0;

  constructor(
    readonly descriptor: MetricDescriptor,
    readonly boundaries: readonly number[]
  ) {}

  record(value: number, attributes: Attributes): void {
    // The SDK's histogram drops negative values with a warning, and NaN.
    if (!(value >= 0)) {
      if (value < 0) diag.warn(`negative value provided to histogram ${this.descriptor.name}: ${value}`);
      return;
    }
    const series = this.series.get(attributes) ?? this._add(attributes);
    series.count++;
    series.sum += value;
    if (value < series.min) series.min = value;
    if (value > series.max) series.max = value;
    (series.counts[bucketIndex(this.boundaries, value)] as number)++;
    for (const window of series.windows) {
      window.sum += value;
      if (value < window.min) window.min = value;
      if (value > window.max) window.max = value;
    }
  }

  /** A window for a new delta reader; its first interval is everything so far. */
  openWindow(): number {
    for (const series of this.series.values()) {
      series.windows.push({ sum: series.sum, min: series.min, max: series.max });
    }
    return this._windows++;
  }

  cumulative(endTime: HrTime): HistogramMetricData | undefined {
    if (this.series.size === 0) return undefined;
    const dataPoints = [];
    for (const series of this.series.values()) {
      dataPoints.push({
        attributes: series.attributes,
        startTime: series.startTime,
        endTime,
        value: this._value(series.counts.slice(), series.count, series.sum, series.min, series.max),
      });
    }
    return this._data(AggregationTemporality.CUMULATIVE, dataPoints);
  }

  /**
   * The series recorded since `reported` was last updated, as differences;
   * series with no new value are left out, as the SDK leaves them out.
   */
  delta(
    reported: Map<HistogramSeries, HistogramReported>,
    window: number,
    since: HrTime | undefined,
    endTime: HrTime
  ): HistogramMetricData | undefined {
    const dataPoints = [];
    for (const series of this.series.values()) {
      const last = reported.get(series);
      if (last !== undefined && last.count === series.count) continue;
      const counts = series.counts.map((n, i) => n - (last?.counts[i] ?? 0));
      const interval = series.windows[window] as HistogramWindow;
      dataPoints.push({
        attributes: series.attributes,
        startTime: since ?? series.startTime,
        endTime,
        value: this._value(counts, series.count - (last?.count ?? 0), interval.sum, interval.min, interval.max),
      });
      reported.set(series, { count: series.count, counts: series.counts.slice() });
      series.windows[window] = { sum: 0, min: Infinity, max: -Infinity };
    }
    return dataPoints.length === 0 ? undefined : this._data(AggregationTemporality.DELTA, dataPoints);
  }

  private _add(attributes: Attributes): HistogramSeries {
    const series: HistogramSeries = {
      attributes,
      startTime: millisToHrTime(Date.now()),
      counts: new Array<number>(this.boundaries.length + 1).fill(0),
      count: 0,
      sum: 0,
      min: Infinity,
      max: -Infinity,
      windows: Array.from({ length: this._windows }, () => ({ sum: 0, min: Infinity, max: -Infinity })),
    };
    this.series.set(attributes, series);
    return series;
  }

  private _value(counts: number[], count: number, sum: number, min: number, max: number) {
    return { buckets: { boundaries: [...this.boundaries], counts }, count, sum, min, max };
  }

  private _data(
    aggregationTemporality: AggregationTemporality,
    dataPoints: HistogramMetricData['dataPoints']
  ): HistogramMetricData {
    return { descriptor: this.descriptor, aggregationTemporality, dataPointType: DataPointType.HISTOGRAM, dataPoints };
  }
}
