/*
 * One monotonic counter kept by the processor: a running sum per attribute
 * set object, reported as the SDK reports an ObservableCounter (the SDK
 * route's counters are ObservableCounters over the same sums).
 */
import type { Attributes, HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import {
  AggregationTemporality,
  DataPointType,
  type MetricDescriptor,
  type SumMetricData,
} from '@opentelemetry/sdk-metrics';
import type { Adder } from './Instruments.js';

export interface SumSeries {
  readonly attributes: Attributes;
  readonly startTime: HrTime;
  value: number;
}

export class SumAggregate implements Adder {
  readonly series = new Map<Attributes, SumSeries>();

  constructor(readonly descriptor: MetricDescriptor) {}

  add(value: number, attributes: Attributes): void {
    const series = this.series.get(attributes);
    if (series !== undefined) series.value += value;
    else this.series.set(attributes, { attributes, startTime: millisToHrTime(Date.now()), value });
  }

  cumulative(endTime: HrTime): SumMetricData | undefined {
    return this._data(AggregationTemporality.CUMULATIVE, endTime, series => [series.startTime, series.value]);
  }

  /** Every series, with what it gained since `reported` was last updated (0 too, as the SDK reports it). */
  delta(reported: Map<SumSeries, number>, since: HrTime | undefined, endTime: HrTime): SumMetricData | undefined {
    return this._data(AggregationTemporality.DELTA, endTime, series => {
      const gained = series.value - (reported.get(series) ?? 0);
      reported.set(series, series.value);
      return [since ?? series.startTime, gained];
    });
  }

  private _data(
    aggregationTemporality: AggregationTemporality,
    endTime: HrTime,
    point: (series: SumSeries) => [HrTime, number]
  ): SumMetricData | undefined {
    if (this.series.size === 0) return undefined;
    const dataPoints = [];
    for (const series of this.series.values()) {
      const [startTime, value] = point(series);
      dataPoints.push({ attributes: series.attributes, startTime, endTime, value });
    }
    return {
      descriptor: this.descriptor,
      aggregationTemporality,
      dataPointType: DataPointType.SUM,
      dataPoints,
      isMonotonic: true,
    };
  }
}
