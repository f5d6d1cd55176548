/* A real SDK pipeline for tests: tracer provider, our processor, in-memory sinks and reader. */
import type { HrTime } from '@opentelemetry/api';
import {
  AggregationTemporality,
  type CollectionResult,
  type DataPoint,
  type Histogram,
  type MetricData,
  MeterProvider,
  MetricReader,
  type MetricReaderOptions,
} from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  TracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanLimits,
} from '@opentelemetry/sdk-trace';
import {
  InMemoryRowSink,
  ReviewEventProcessor,
  type ReviewEventProcessorConfig,
  type ReviewRow,
  ReviewTracer,
} from '../src/index.js';
import { rowSchemaErrors } from './support/rowSchema.js';

/** A reader collected by hand (`collect()`), for tests and the benchmark. */
export class ManualMetricReader extends MetricReader {
  constructor(options: Pick<MetricReaderOptions, 'metricProducers'> = {}) {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE, ...options });
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface PipelineOptions {
  recordContent?: boolean;
  processor?: Omit<ReviewEventProcessorConfig, 'sinks' | 'meterProvider'>;
  spanLimits?: SpanLimits;
  resourceAttributes?: Record<string, string>;
}

export function createPipeline(options: PipelineOptions = {}) {
  const sink = new InMemoryRowSink();
  const reader = new ManualMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const processor = new ReviewEventProcessor({
    recordContent: options.recordContent ?? false,
    ...options.processor,
    sinks: [sink],
    meterProvider,
  });
  const spans = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [processor, new SimpleSpanProcessor({ exporter: spans })],
    spanLimits: options.spanLimits,
    resource: options.resourceAttributes
      ? resourceFromAttributes(options.resourceAttributes)
      : undefined,
  });
  const reviews = new ReviewTracer({
    tracerProvider,
    recordContent: options.recordContent ?? false,
  });
  /** Flushes the processor and returns every row written so far, each checked against the shipped schema. */
  async function rows(): Promise<ReviewRow[]> {
    await tracerProvider.forceFlush();
    const written = JSON.parse(JSON.stringify(sink.getRows())) as ReviewRow[];
    for (const row of written) {
      const errors = rowSchemaErrors(row);
      if (errors.length > 0) throw new Error(`${row.event_type} breaks its schema: ${errors.join('; ')}`);
    }
    return written;
  }
  return {
    reviews,
    processor,
    sink,
    spans,
    tracer: tracerProvider.getTracer('hand-made'),
    rows,
    /** The `event_params` of the rows written so far, of one event type or of all. */
    async params(eventType?: string): Promise<Record<string, unknown>[]> {
      return paramsOf(await rows(), eventType);
    },
    async metrics(): Promise<MetricsView> {
      return new MetricsView(await reader.collect());
    },
    shutdown: () => Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]),
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;

/** The `event_params` of the rows of one event type, or of all. */
export function paramsOf(rows: readonly ReviewRow[], eventType?: string): Record<string, unknown>[] {
  return rows
    .filter(row => eventType === undefined || row.event_type === eventType)
    .map(row => row.event_params as unknown as Record<string, unknown>);
}

/** Reads collected metrics by name and attribute subset. */
export class MetricsView {
  constructor(private readonly result: CollectionResult) {}

  points(name: string): DataPoint<number | Histogram>[] {
    for (const scope of this.result.resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        if (metric.descriptor.name === name) {
          return metric.dataPoints as DataPoint<number | Histogram>[];
        }
      }
    }
    return [];
  }

  /** Every instrument that reported. */
  instruments(): MetricData[] {
    return this.result.resourceMetrics.scopeMetrics.flatMap(scope => scope.metrics);
  }

  /** Every attribute value on every data point. */
  attributeValues(): unknown[] {
    return this.result.resourceMetrics.scopeMetrics.flatMap(scope =>
      scope.metrics.flatMap(metric =>
        (metric.dataPoints as DataPoint<unknown>[]).flatMap(point => Object.values(point.attributes))
      )
    );
  }

  private matching(name: string, attributes: Record<string, unknown>) {
    return this.points(name).filter(point =>
      Object.entries(attributes).every(([key, value]) => point.attributes[key] === value)
    );
  }

  /** Sum of a counter's points whose attributes include the given ones. */
  sum(name: string, attributes: Record<string, unknown> = {}): number {
    return this.matching(name, attributes).reduce((total, p) => total + (p.value as number), 0);
  }

  /** Count and sum of a histogram's points whose attributes include the given ones. */
  histogram(name: string, attributes: Record<string, unknown> = {}) {
    let count = 0;
    let sum = 0;
    for (const point of this.matching(name, attributes)) {
      const value = point.value as Histogram;
      count += value.count;
      sum += value.sum ?? 0;
    }
    return { count, sum };
  }
}

/** An epoch time in ms as an HrTime, for scripted timings. */
export function ms(epochMillis: number): HrTime {
  const seconds = Math.floor(epochMillis / 1000);
  return [seconds, Math.round((epochMillis - seconds * 1000) * 1e6)];
}

export const THREAD = { threadId: 'thread-1', turnId: 'turn-1' } as const;
