/*
 * Which way a processor's review metrics go, and the MetricProducers that
 * hand them to readers. By default through the SDK's instruments of its
 * MeterProvider, which every reader collects. Once a producer is asked for,
 * before any review was recorded through the SDK, they go to the processor's
 * own aggregation instead, which only the readers given a producer see, and
 * the SDK's instruments get nothing: no reader sees a series twice. Asked for
 * later, the SDK's instruments already hold series that cannot be taken
 * back, so the route stays and that producer reports nothing (said through
 * diag).
 *
 * A processor makes one of these itself (`processor.metricProducer()`). When
 * the readers must exist before the processor, as with an explicit
 * MeterProvider, make it first and pass it as `reviewMetrics`.
 */
import { diag } from '@opentelemetry/api';
import type { MetricProducer } from '@opentelemetry/sdk-metrics';
import { SCOPE_NAME, VERSION } from '../semconv/version.js';
import { AggregationProducer, type TemporalitySource } from './AggregationProducer.js';
import { MetricAggregation } from './MetricAggregation.js';
import type { Metrics } from './metricsFor.js';
import { ReviewMetrics } from './ReviewMetrics.js';

const logger = diag.createComponentLogger({ namespace: 'ReviewEventProcessor' });

/** The scope the SDK route's meter has: `getMeter(SCOPE_NAME, VERSION)`. */
const SCOPE = { name: SCOPE_NAME, version: VERSION };

/**
 * The review metrics' producers, one per reader, made before the processor
 * when its readers must exist first (an explicit MeterProvider): give each
 * reader `producerFor(exporter)` and the processor `reviewMetrics`. Until a
 * producer is asked for, the review metrics go through the SDK instruments.
 */
export class ReviewMetricProducers {
  private _aggregation: MetricAggregation | undefined;
  private _own: ReviewMetrics | undefined;
  private _recordedThroughSdk = false;
  private _toldOfReaderWithout = false;

  /** Where to record now: the own aggregation once a producer was made, else the SDK's instruments of `sdk`. */
  pick(sdk: Metrics): ReviewMetrics {
    if (this._own === undefined) {
      this._recordedThroughSdk = true;
      return sdk.reviews;
    }
    // A reader collects the provider's instruments and, in the same call, its
    // producers: more collections than producers collected is a reader without one.
    if (sdk.collections > (this._aggregation as MetricAggregation).collections && !this._toldOfReaderWithout) {
      this._toldOfReaderWithout = true;
      logger.warn(
        'a metric reader collected without a review metric producer: it gets no review metrics. Give every reader one (processor.metricProducer(exporter)).'
      );
    }
    return this._own;
  }

  /**
   * A producer of the review metrics for one reader, with the temporality of
   * `temporality` (the reader's exporter; cumulative without one). Make one
   * per reader: a delta producer remembers what it reported.
   */
  producerFor(temporality?: TemporalitySource): MetricProducer {
    if (this._aggregation === undefined) {
      if (this._recordedThroughSdk) {
        logger.warn(
          'a review metric producer was asked for after review metrics were recorded through the MeterProvider: they stay there, and this producer reports nothing. Call it before spans end.'
        );
        return new AggregationProducer(new MetricAggregation(), SCOPE, temporality);
      }
      this._aggregation = new MetricAggregation();
      this._own = new ReviewMetrics(this._aggregation);
    }
    return new AggregationProducer(this._aggregation, SCOPE, temporality);
  }
}
