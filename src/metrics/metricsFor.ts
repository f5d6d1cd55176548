/*
 * One set of instruments per MeterProvider: processors that share a
 * provider add to the same sums, as they would with synchronous counters,
 * instead of each registering a callback that reports its own sums for the
 * same series.
 */
import type { MeterProvider } from '@opentelemetry/api';
import { SCOPE_NAME, VERSION } from '../semconv/version.js';
import { ProcessorMetrics } from './ProcessorMetrics.js';
import { sdkInstruments } from './Instruments.js';
import { ReviewMetrics } from './ReviewMetrics.js';

export interface Metrics {
  readonly reviews: ReviewMetrics;
  readonly processor: ProcessorMetrics;
  /** Processors recording here; two on one tracer provider would count each review twice. */
  processors: number;
  /** Collections of this provider by its readers, with or without a review metric producer. */
  collections: number;
}

const METRICS_BY_PROVIDER = new WeakMap<MeterProvider, Metrics>();

export function metricsFor(meterProvider: MeterProvider): Metrics {
  let metrics = METRICS_BY_PROVIDER.get(meterProvider);
  if (metrics === undefined) {
    const meter = meterProvider.getMeter(SCOPE_NAME, VERSION);
    const created: Metrics = {
      reviews: new ReviewMetrics(sdkInstruments(meter)),
      processor: new ProcessorMetrics(meter, () => created.collections++),
      processors: 0,
      collections: 0,
    };
    metrics = created;
    METRICS_BY_PROVIDER.set(meterProvider, metrics);
  }
  return metrics;
}
