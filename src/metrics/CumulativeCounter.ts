/*
 * A monotonic sum kept in the processor and reported by an ObservableCounter
 * when a reader collects. Adding is one Map lookup keyed by the attribute set
 * object (ReviewMetrics hands out one object per set of values), where a
 * synchronous counter would make the SDK sort and stringify the attributes on
 * every call: the dominant cost in the benchmark. Readers see the same
 * cumulative sums either way; delta readers get differences from the SDK.
 */
import type { Attributes, Meter, MetricOptions } from '@opentelemetry/api';

export class CumulativeCounter {
  private readonly _sums = new Map<Attributes, number>();

  /** `collected` is called each time a reader collects the SDK's instruments. */
  constructor(meter: Meter, name: string, options: MetricOptions, collected?: () => void) {
    meter.createObservableCounter(name, options).addCallback(result => {
      collected?.();
      for (const [attributes, sum] of this._sums) result.observe(sum, attributes);
    });
  }

  /** `attributes` must be a shared set object, or the sums grow without bound. */
  add(value: number, attributes: Attributes): void {
    this._sums.set(attributes, (this._sums.get(attributes) ?? 0) + value);
  }
}
