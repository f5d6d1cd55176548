/*
 * Which MeterProvider the processor records to when it is not given one:
 * the global one as spans end, so a provider registered after the processor
 * was made (as NodeSDK's start() does) gets the metrics.
 */
import { DiagLogLevel, diag, metrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryRowSink, ReviewEventProcessor, ReviewTracer } from '../src/index.js';
import { CapturingLogger } from './support/diagCapture.js';
import { ManualMetricReader, MetricsView, THREAD } from './pipeline.js';


function reviewOnce(processor: ReviewEventProcessor, requestId: number) {
  const provider = new TracerProvider({ spanProcessors: [processor] });
  new ReviewTracer({ tracerProvider: provider })
    .startUserReview({ ...THREAD, requestId, request: { kind: 'command_execution' } })
    .resolve('accept');
}

describe('meter provider lookup', () => {
  afterEach(() => {
    metrics.disable();
    diag.disable();
  });

  it('records to a global provider registered after the processor was made', async () => {
    const processor = new ReviewEventProcessor();
    const reader = new ManualMetricReader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    reviewOnce(processor, 1);
    const view = new MetricsView(await reader.collect());
    expect(view.sum('agent_review.reviews')).toBe(1);
  });

  it('says once that metrics are off when no provider is registered, and still writes rows', async () => {
    const lines = new CapturingLogger();
    diag.setLogger(lines, DiagLogLevel.INFO);
    const sink = new InMemoryRowSink();
    const processor = new ReviewEventProcessor({ sinks: [sink] });
    reviewOnce(processor, 1);
    reviewOnce(processor, 2);
    await processor.forceFlush();
    expect(sink.getRows()).toHaveLength(2);
    expect(lines.lines.filter(line => /metrics are off/.test(line))).toHaveLength(1);
  });

  it('says nothing about metrics when a global provider is registered', async () => {
    const lines = new CapturingLogger();
    diag.setLogger(lines, DiagLogLevel.INFO);
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new ManualMetricReader()] }));
    reviewOnce(new ReviewEventProcessor(), 1);
    expect(lines.lines).toEqual([]);
  });

  it('says once, when a second and a third processor record to one MeterProvider, that reviews count once per processor', () => {
    const lines = new CapturingLogger();
    diag.setLogger(lines, DiagLogLevel.INFO);
    const meterProvider = new MeterProvider({ readers: [new ManualMetricReader()] });
    new ReviewEventProcessor({ meterProvider });
    expect(lines.lines).toEqual([]);
    new ReviewEventProcessor({ meterProvider });
    new ReviewEventProcessor({ meterProvider });
    expect(lines.lines).toEqual([
      'ReviewEventProcessor a second ReviewEventProcessor records to the same MeterProvider: on one tracer provider, each review is counted once per processor',
    ]);
  });

  it('keeps the provider it was given, whatever the global one', async () => {
    const given = new ManualMetricReader();
    const global = new ManualMetricReader();
    const processor = new ReviewEventProcessor({ meterProvider: new MeterProvider({ readers: [given] }) });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [global] }));
    reviewOnce(processor, 1);
    expect(new MetricsView(await given.collect()).sum('agent_review.reviews')).toBe(1);
    expect(new MetricsView(await global.collect()).sum('agent_review.reviews')).toBe(0);
  });
});
