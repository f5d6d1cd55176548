/*
 * Hands the processor's own aggregation to a MetricReader through the SDK's
 * public MetricProducer interface (`metricProducers` of a reader). The reader
 * adds our scope to its own collection, under its MeterProvider's resource.
 *
 * A producer is not told which reader collects it, so it cannot ask for the
 * reader's temporality: it takes it from the exporter (or reader-like
 * object) it is made for, as PeriodicExportingMetricReader takes it from its
 * exporter, and cumulative without one. A delta producer keeps what it last
 * reported, so each delta reader needs its own producer.
 */
import type { HrTime } from '@opentelemetry/api';
import { type InstrumentationScope, millisToHrTime } from '@opentelemetry/core';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  type CollectionResult,
  InstrumentType,
  type MetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import type { HistogramReported, HistogramSeries } from './HistogramAggregate.js';
import { HistogramAggregate } from './HistogramAggregate.js';
import type { MetricAggregation } from './MetricAggregation.js';
import type { SumSeries } from './SumAggregate.js';

/** Where a producer's temporality comes from: a PushMetricExporter has this method, as does a MetricReader. */
export interface TemporalitySource {
  /** The temporality wanted for an instrument type; cumulative when absent. */
  selectAggregationTemporality?(instrumentType: InstrumentType): AggregationTemporality;
}

export class AggregationProducer implements MetricProducer {
  private readonly _sumTemporality: AggregationTemporality;
  private readonly _histogramTemporality: AggregationTemporality;
  /** This producer's min/max window in the histograms, when they are delta. */
  private readonly _window: number;
  private readonly _reportedSums = new Map<SumSeries, number>();
  private readonly _reportedHistograms = new Map<HistogramSeries, HistogramReported>();
  /** When this producer last collected: the start of a delta interval. */
  private _since: HrTime | undefined;

  constructor(
    private readonly _aggregation: MetricAggregation,
    private readonly _scope: InstrumentationScope,
    source: TemporalitySource = {}
  ) {
    // The SDK route asks the reader about ObservableCounters and Histograms.
    const temporality = (type: InstrumentType) =>
      source.selectAggregationTemporality?.(type) ?? AggregationTemporality.CUMULATIVE;
    this._sumTemporality = temporality(InstrumentType.OBSERVABLE_COUNTER);
    this._histogramTemporality = temporality(InstrumentType.HISTOGRAM);
    this._window = this._histogramTemporality === AggregationTemporality.DELTA ? _aggregation.openWindow() : -1;
  }

  collect(): Promise<CollectionResult> {
    const now = millisToHrTime(Date.now());
    this._aggregation.collections++;
    const metrics: MetricData[] = [];
    for (const aggregate of this._aggregation.aggregates) {
      const data = aggregate instanceof HistogramAggregate ? this._histogram(aggregate, now) : this._sum(aggregate, now);
      if (data !== undefined) metrics.push(data);
    }
    this._since = now;
    return Promise.resolve({
      // The reader keeps its own MeterProvider's resource and takes only our scope.
      resourceMetrics: { resource: emptyResource(), scopeMetrics: metrics.length === 0 ? [] : [{ scope: this._scope, metrics }] },
      errors: [],
    });
  }

  private _histogram(aggregate: HistogramAggregate, now: HrTime): MetricData | undefined {
    return this._histogramTemporality === AggregationTemporality.DELTA
      ? aggregate.delta(this._reportedHistograms, this._window, this._since, now)
      : aggregate.cumulative(now);
  }

  private _sum(aggregate: Exclude<MetricAggregation['aggregates'][number], HistogramAggregate>, now: HrTime) {
    return this._sumTemporality === AggregationTemporality.DELTA
      ? aggregate.delta(this._reportedSums, this._since, now)
      : aggregate.cumulative(now);
  }
}
