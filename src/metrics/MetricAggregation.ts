/*
 * The processor's own aggregation: the Instruments that ReviewMetrics
 * records into when a MetricProducer reports them, in creation order, as the
 * SDK reports a meter's instruments.
 */
import { ValueType } from '@opentelemetry/api';
import { HistogramAggregate } from './HistogramAggregate.js';
import type { Instruments } from './Instruments.js';
import { SumAggregate } from './SumAggregate.js';

export type Aggregate = SumAggregate | HistogramAggregate;

export class MetricAggregation implements Instruments {
  readonly aggregates: Aggregate[] = [];
  /** Collections by the producers of this aggregation, all readers together. */
  collections = 0;

  counter(name: string, unit: string, description: string): SumAggregate {
    return this._keep(new SumAggregate({ name, unit, description, valueType: ValueType.DOUBLE }));
  }

  histogram(name: string, unit: string, description: string, boundaries: readonly number[]): HistogramAggregate {
    return this._keep(new HistogramAggregate({ name, unit, description, valueType: ValueType.DOUBLE }, boundaries));
  }

  /** A min/max window in every histogram for one delta reader; the same index in each. */
  openWindow(): number {
    let window = 0;
    for (const aggregate of this.aggregates) {
      if (aggregate instanceof HistogramAggregate) window = aggregate.openWindow();
    }
    return window;
  }

  private _keep<T extends Aggregate>(aggregate: T): T {
    this.aggregates.push(aggregate);
    return aggregate;
  }
}
