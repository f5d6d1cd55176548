/* Rows as log records: event name, body and time from the row; failures reach the processor. */
import { ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { OtlpLogRowSink, ReviewEventProcessor, ReviewTracer } from '../src/index.js';
import { ManualMetricReader, MetricsView, ms, THREAD } from './pipeline.js';

function pipeline(exporter: LogRecordExporter) {
  const reader = new ManualMetricReader();
  const resource = resourceFromAttributes({ 'service.name': 'agent' });
  const processor = new ReviewEventProcessor({
    sinks: [new OtlpLogRowSink({ exporter, resource })],
    meterProvider: new MeterProvider({ readers: [reader] }),
  });
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [processor] });
  return { reviews: new ReviewTracer({ tracerProvider }), tracerProvider, reader };
}

describe('OtlpLogRowSink', () => {
  it('exports each row as a log record named after its event type, with the row as body', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const { reviews, tracerProvider } = pipeline(exporter);
    reviews
      .startUserReview({ ...THREAD, requestId: 7, request: { kind: 'command_execution' }, startTime: ms(1000) })
      .resolve('decline', { endTime: ms(1042) });
    await tracerProvider.forceFlush();
    const [record] = exporter.getFinishedLogRecords();
    expect(record?.eventName).toBe('codex_review_event');
    expect(record?.body).toMatchObject({ review_id: 'user:7', status: 'denied', completed_at_ms: 1042 });
    expect(record?.hrTime).toEqual(ms(1042));
    expect(record?.resource.attributes['service.name']).toBe('agent');
    await tracerProvider.shutdown();
  });

  it("counts a failed export's rows as sink failures", async () => {
    const failing: LogRecordExporter = {
      export: (_logs, done) => done({ code: ExportResultCode.FAILED, error: new Error('collector down') }),
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    const { reviews, tracerProvider, reader } = pipeline(failing);
    for (let i = 0; i < 3; i++) {
      reviews.startUserReview({ ...THREAD, requestId: i, request: { kind: 'command_execution' } }).resolve('accept');
    }
    await tracerProvider.forceFlush();
    const metrics = new MetricsView(await reader.collect());
    expect(metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'sink_failure' })).toBe(3);
    expect(metrics.sum('agent_review.processor.rows.written')).toBe(0);
    await tracerProvider.shutdown();
  });
});
