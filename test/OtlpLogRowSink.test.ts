/* Rows as log records: event name, body and time from the row; failures reach the processor. */
import { ExportResultCode, hrTime, hrTimeToMilliseconds } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OtlpLogRowSink, ReviewEventProcessor, ReviewTracer, VERSION } from '../src/index.js';
import { ManualMetricReader, MetricsView, ms, THREAD } from './pipeline.js';

function pipeline(exporter: LogRecordExporter, resource = resourceFromAttributes({ 'service.name': 'agent' })) {
  const reader = new ManualMetricReader();
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

  it('stamps a guardian review record with its completion second and the rest with their completion ms', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const { reviews, tracerProvider } = pipeline(exporter);
    reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g',
        action: { type: 'shell', sandboxPermissions: 'use_default' },
        timeoutMs: 1,
        startTime: ms(40_000),
      })
      .approve({ endTime: ms(42_750) });
    reviews.startToolItem({ ...THREAD, itemId: 'i', kind: 'web_search', toolName: 'web_search', startTime: ms(1000) }).finish({
      status: 'completed',
      endTime: ms(3_456),
    });
    await tracerProvider.forceFlush();
    const times = exporter.getFinishedLogRecords().map(record => [record.eventName, record.hrTime]);
    expect(times).toEqual([
      ['codex_guardian_review', ms(42_000)],
      ['codex_review_event', ms(42_750)],
      ['codex_web_search_event', ms(3_456)],
    ]);
    await tracerProvider.shutdown();
  });

  it('marks each record INFO, observed at export time, with the package scope and no attributes', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const { reviews, tracerProvider } = pipeline(exporter);
    const before = hrTimeToMilliseconds(hrTime());
    reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'file_change' }, startTime: ms(0) }).resolve('accept', {
      endTime: ms(5),
    });
    await tracerProvider.forceFlush();
    const after = hrTimeToMilliseconds(hrTime());
    const [record] = exporter.getFinishedLogRecords();
    expect(record).toMatchObject({
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      attributes: {},
      droppedAttributesCount: 0,
      instrumentationScope: { name: 'agent-review-telemetry', version: VERSION },
    });
    const observed = hrTimeToMilliseconds(record!.hrTimeObserved);
    expect(observed).toBeGreaterThanOrEqual(before);
    expect(observed).toBeLessThanOrEqual(after);
    await tracerProvider.shutdown();
  });

  it('gives the records an empty resource by default', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const sink = new OtlpLogRowSink({ exporter });
    const processor = new ReviewEventProcessor({ sinks: [sink] });
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [processor] });
    new ReviewTracer({ tracerProvider })
      .startUserReview({ ...THREAD, requestId: 1, request: { kind: 'file_change' } })
      .resolve('decline');
    await tracerProvider.forceFlush();
    expect(exporter.getFinishedLogRecords()[0]?.resource.attributes).toEqual({});
    await tracerProvider.shutdown();
  });

  it("passes flushes and the shutdown on to its exporter", async () => {
    const calls: string[] = [];
    const exporter: LogRecordExporter = {
      export: (_logs, done) => done({ code: ExportResultCode.SUCCESS }),
      forceFlush: async () => void calls.push('forceFlush'),
      shutdown: async () => void calls.push('shutdown'),
    };
    const sink = new OtlpLogRowSink({ exporter });
    await sink.forceFlush();
    await sink.shutdown();
    expect(calls).toEqual(['forceFlush', 'shutdown']);
  });
});
