/*
 * What ReviewMetrics records into, so that one definition of each instrument
 * (name, unit, description, buckets) serves both routes: the SDK's own
 * instruments on a Meter, or the processor's own aggregation that a
 * MetricProducer hands to the readers given it.
 */
import type { Attributes, Meter } from '@opentelemetry/api';
import { CumulativeCounter } from './CumulativeCounter.js';

export interface Adder {
  /** `attributes` must be a shared set object (AttributeSets), as the sums are kept by it. */
  add(value: number, attributes: Attributes): void;
}

export interface Recorder {
  record(value: number, attributes: Attributes): void;
}

export interface Instruments {
  counter(name: string, unit: string, description: string): Adder;
  histogram(name: string, unit: string, description: string, boundaries: readonly number[]): Recorder;
}

/** The SDK route: sums reported by ObservableCounters, histograms recorded by the SDK. */
export function sdkInstruments(meter: Meter): Instruments {
  return {
    counter: (name, unit, description) => new CumulativeCounter(meter, name, { unit, description }),
    histogram: (name, unit, description, boundaries) =>
      meter.createHistogram(name, { unit, description, advice: { explicitBucketBoundaries: [...boundaries] } }),
  };
}
