/*
 * Metrics under the setups Node services use: NodeSDK, which registers its
 * global MeterProvider in start(), after the processor was made; with the
 * auto-instrumentations; with a delta-temporality reader.
 */
import { context, type DiagLogger, DiagLogLevel, diag, metrics, propagation, trace } from '@opentelemetry/api';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryRowSink, ReviewEventProcessor, ReviewTracer } from '../src/index.js';
import { MetricsView, THREAD } from './pipeline.js';

class Reader extends MetricReader {
  constructor(temporality: AggregationTemporality) {
    super({ aggregationTemporalitySelector: () => temporality });
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function review(requestId: number) {
  new ReviewTracer()
    .startUserReview({ ...THREAD, requestId, request: { kind: 'command_execution' } })
    .resolve('accept');
}

async function reviewsCounted(reader: MetricReader): Promise<number> {
  return new MetricsView(await reader.collect()).sum('agent_review.reviews');
}

describe('NodeSDK', () => {
  let sdk: NodeSDK | undefined;
  afterEach(async () => {
    await sdk?.shutdown();
    sdk = undefined;
    trace.disable();
    metrics.disable();
    context.disable();
    propagation.disable();
    diag.disable();
  });

  function start(reader: MetricReader, options: { autoInstrumentations?: boolean } = {}) {
    const sink = new InMemoryRowSink();
    // Made before start(), as `new NodeSDK({ spanProcessors: [new ReviewEventProcessor()] })` does.
    const processor = new ReviewEventProcessor({ sinks: [sink] });
    sdk = new NodeSDK({
      spanProcessors: [processor],
      metricReaders: [reader],
      instrumentations: options.autoInstrumentations ? [getNodeAutoInstrumentations()] : [],
    });
    sdk.start();
    return { sink, processor };
  }

  it('gets the metrics of a processor made before start()', async () => {
    const reader = new Reader(AggregationTemporality.CUMULATIVE);
    const { sink, processor } = start(reader);
    review(1);
    review(2);
    await processor.forceFlush();
    expect(sink.getRows()).toHaveLength(2);
    expect(await reviewsCounted(reader)).toBe(2);
  });

  it('gets them with the auto-instrumentations too', async () => {
    const reader = new Reader(AggregationTemporality.CUMULATIVE);
    start(reader, { autoInstrumentations: true });
    review(1);
    expect(await reviewsCounted(reader)).toBe(1);
  }, 30_000);

  it('reports deltas to a delta-temporality reader', async () => {
    const reader = new Reader(AggregationTemporality.DELTA);
    start(reader);
    for (let id = 0; id < 3; id++) review(id);
    expect(await reviewsCounted(reader)).toBe(3);
    for (let id = 3; id < 5; id++) review(id);
    expect(await reviewsCounted(reader)).toBe(2);
    expect(await reviewsCounted(reader)).toBe(0);
  });
});

describe('two processors on one MeterProvider', () => {
  it('share its instruments and say once that each review counts once per processor', () => {
    const warnings: string[] = [];
    const logger: DiagLogger = {
      warn: (...args: unknown[]) => void warnings.push(args.map(String).join(' ')),
      error: () => {},
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
    diag.setLogger(logger, DiagLogLevel.WARN);
    const meterProvider = new MeterProvider();
    for (let i = 0; i < 3; i++) new ReviewEventProcessor({ meterProvider });
    diag.disable();
    expect(warnings.filter(line => /second ReviewEventProcessor/.test(line))).toHaveLength(1);
  });
});
