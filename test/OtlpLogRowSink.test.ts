/*
 * Rows as log records: event name, body and time from the row; a real
 * OTLP/HTTP exporter against a local endpoint that fails on cue: retries
 * ride out an outage, a longer one drops the oldest rows, every drop counted.
 */
import { ExportResultCode, hrTimeToMilliseconds } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { OtlpLogRowSink, type OtlpLogRowSinkOptions, ReviewEventProcessor, ReviewTracer } from '../src/index.js';
import { RetryPolicy } from './support/internals.js';
import type { ReviewRow, RowExportResult } from '../src/index.js';
import { type Answer, type FlakyCollector, startFlakyCollector } from './flakyCollector.js';
import { ManualMetricReader, MetricsView, ms, THREAD } from './pipeline.js';
import { exportRows, row, unwritableRows } from './rowFixtures.js';
import { FAST_RETRY, flakyOtlpLogSink } from './support/flakyOtlpLogSink.js';

function pipeline(exporter: LogRecordExporter) {
  const reader = new ManualMetricReader();
  const resource = resourceFromAttributes({ 'service.name': 'agent' });
  const processor = new ReviewEventProcessor({
    sinks: [new OtlpLogRowSink({ exporter, resource })],
    meterProvider: new MeterProvider({ readers: [reader] }),
  });
  const tracerProvider = new TracerProvider({ spanProcessors: [processor] });
  return { reviews: new ReviewTracer({ tracerProvider }), tracerProvider, reader };
}

function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}

function exportIds(sink: OtlpLogRowSink, reviewIds: string[]): Promise<RowExportResult> {
  return exportRows(sink, reviewIds.map(row));
}

describe('OtlpLogRowSink', () => {
  let collector: FlakyCollector | undefined;
  afterEach(() => collector?.close());

  async function sinkFor(
    script: Answer[] | { failUntilReleased: Answer },
    options: Partial<OtlpLogRowSinkOptions> = {}
  ): Promise<OtlpLogRowSink> {
    const flaky = await flakyOtlpLogSink(script, options);
    collector = flaky.collector;
    return flaky.sink;
  }

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

  it('marks each record INFO, severity number 9 of the logs data model', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const { reviews, tracerProvider } = pipeline(exporter);
    reviews.startUserReview({ ...THREAD, requestId: 8, request: { kind: 'command_execution' } }).resolve('accept');
    await tracerProvider.forceFlush();
    const [record] = exporter.getFinishedLogRecords();
    expect([record?.severityText, record?.severityNumber]).toEqual(['INFO', 9]);
    await tracerProvider.shutdown();
  });

  it('stamps a row that has no completion time with the time it was handed over', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const sink = new OtlpLogRowSink({ exporter });
    const custom = { event_type: 'custom_event', event_params: { note: 'no kind makes this row' } } as unknown as ReviewRow;
    await new Promise<RowExportResult>(resolve => sink.export([custom], resolve));
    await sink.forceFlush();
    const [record] = exporter.getFinishedLogRecords();
    expect(record?.hrTime).toEqual(record?.hrTimeObserved);
    expect(Number.isFinite(hrTimeToMilliseconds(record?.hrTime ?? [NaN, NaN]))).toBe(true);
    await sink.shutdown();
  });

  it('rides out 503s, a 429 with Retry-After, a hanging connection and resets without losing a row', async () => {
    const script: Answer[] = ['503', '503', '429', 'hang', 'reset', 'reset', '503'];
    const sink = await sinkFor(script, { maxExportBatchSize: 30 });
    const before = exportIds(sink, ids('before', 40));
    await collector?.requests(3);
    const during = exportIds(sink, ids('during', 40));
    await collector?.requests(5);
    const late = exportIds(sink, ids('late', 40));
    expect(await Promise.all([before, during, late])).toEqual(
      Array.from({ length: 3 }, () => ({ code: ExportResultCode.SUCCESS }))
    );
    expect(collector?.answers.slice(0, script.length)).toEqual(script);
    expect(collector?.received).toEqual([...ids('before', 40), ...ids('during', 40), ...ids('late', 40)]);
    await sink.shutdown();
  }, 60_000);

  it('drops the oldest waiting rows as sink_overflow when the queue is full, and sends the rest after the outage', async () => {
    const sink = await sinkFor({ failUntilReleased: '503' }, { maxQueueSize: 100, maxExportBatchSize: 50 });
    const batches = ['b1', 'b2', 'b3', 'b4', 'b5'].map(name => exportIds(sink, ids(name, 50)));
    await collector?.requests(2);
    collector?.release();
    const results = await Promise.all(batches);
    expect(results.map(result => result.droppedRows ?? {})).toEqual([
      {},
      { sink_overflow: 50 },
      { sink_overflow: 50 },
      {},
      {},
    ]);
    // b1 was being sent; b2 and b3 were the oldest waiting rows.
    expect(collector?.received).toEqual([...ids('b1', 50), ...ids('b4', 50), ...ids('b5', 50)]);
    await sink.shutdown();
  }, 60_000);

  it('gives rows up as sink_failure once maxElapsedTime has passed since handover', async () => {
    const sink = await sinkFor({ failUntilReleased: '503' }, { retry: { ...FAST_RETRY, maxElapsedTimeMillis: 200 } });
    const result = await exportIds(sink, ids('r', 10));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.droppedRows).toEqual({ sink_failure: 10 });
    expect(collector?.answers.length).toBeGreaterThanOrEqual(2);
    await sink.shutdown();
  });

  it('gives up rows that waited out maxElapsedTime behind another batch without trying them', async () => {
    const sink = await sinkFor(['hang'], {
      maxExportBatchSize: 5,
      attemptTimeoutMillis: 300,
      retry: { ...FAST_RETRY, maxElapsedTimeMillis: 100 },
    });
    const result = await exportIds(sink, ids('r', 10));
    expect(result.droppedRows).toEqual({ sink_failure: 10 });
    expect(collector?.answers).toEqual(['hang']);
    await sink.shutdown();
  });

  it('drops a batch the collector refuses for good, without retrying it', async () => {
    const sink = await sinkFor(['400']);
    const result = await exportIds(sink, ids('r', 10));
    expect(result.droppedRows).toEqual({ sink_failure: 10 });
    expect(collector?.answers).toEqual(['400']);
    await sink.shutdown();
  });

  it('drops each row that cannot be serialised alone and sends the others', async () => {
    collector = await startFlakyCollector([]);
    const sink = new OtlpLogRowSink({ exporter: new OTLPLogExporter({ url: collector.url }) });
    const bad = unwritableRows();
    const result = await new Promise<RowExportResult>(resolve =>
      sink.export([row('first'), ...bad, row('last')], resolve)
    );
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(result.droppedRows).toEqual({ unserializable: bad.length });
    expect(collector.received).toEqual(['first', 'last']);
    await sink.shutdown();
  });

  it('shuts down within flushTimeoutMillis during an outage, counting the unsent rows', async () => {
    const sink = await sinkFor({ failUntilReleased: '503' }, { flushTimeoutMillis: 200 });
    const result = exportIds(sink, ids('r', 10));
    await collector?.requests(1);
    await sink.shutdown();
    expect(await result).toMatchObject({ code: ExportResultCode.FAILED, droppedRows: { sink_failure: 10 } });
  });

  it('through the processor, rides out an outage with what its queue holds and drops the oldest past it, counted', async () => {
    collector = await startFlakyCollector({ failUntilReleased: '503' });
    const reader = new ManualMetricReader();
    const processor = new ReviewEventProcessor({
      sinks: [new OtlpLogRowSink({ exporter: new OTLPLogExporter({ url: collector.url, timeoutMillis: 2_000 }), retry: FAST_RETRY })],
      meterProvider: new MeterProvider({ readers: [reader] }),
      maxQueueSize: 100,
      maxExportBatchSize: 10,
      scheduledDelayMillis: 5,
    });
    const tracerProvider = new TracerProvider({ spanProcessors: [processor] });
    const reviews = new ReviewTracer({ tracerProvider });
    const review = (i: number) =>
      reviews.startUserReview({ ...THREAD, requestId: i, request: { kind: 'command_execution' } }).resolve('accept');
    for (let i = 0; i < 60; i++) review(i);
    await collector.requests(3);
    for (let i = 60; i < 260; i++) review(i); // 10 in flight and 100 queued: the oldest 100 of these go
    collector.release();
    await tracerProvider.forceFlush();
    const metrics = new MetricsView(await reader.collect());
    const received = collector.received;
    expect(metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'queue_full' })).toBe(150);
    expect(metrics.sum('agent_review.processor.rows.written')).toBe(110);
    expect(new Set(received).size).toBe(110);
    expect(received).toContain('user:259');
    expect(received).not.toContain('user:60');
    await tracerProvider.shutdown();
  });

  it('counts a refused batch as sink_failure in the processor', async () => {
    collector = await startFlakyCollector(['400']);
    const { reviews, tracerProvider, reader } = pipeline(new OTLPLogExporter({ url: collector.url }));
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

describe('OtlpLogRowSink defaults', () => {
  const OUTAGE_MILLIS = 30_000;
  const policy = new RetryPolicy();
  const sink = new OtlpLogRowSink({ exporter: new InMemoryLogRecordExporter() });
  /** Longest gap between the end of a 30 s outage and the next attempt: an attempt that hangs, then the longest wait. */
  const longestGap = sink.attemptTimeoutMillis + policy.delayMillis(Number.MAX_SAFE_INTEGER, 1 - Number.EPSILON);

  it('are the Collector exporterhelper retry_on_failure defaults', () => {
    expect(policy).toMatchObject({
      initialIntervalMillis: 5_000,
      maxIntervalMillis: 30_000,
      multiplier: 1.5,
      randomizationFactor: 0.5,
      maxElapsedTimeMillis: 300_000,
    });
  });

  it('space the waits from 2.5-7.5 s up to at most 45 s', () => {
    expect([policy.delayMillis(1, 0), policy.delayMillis(1, 1)]).toEqual([2_500, 7_500]);
    expect(policy.delayMillis(2, 0.5)).toBe(7_500);
    expect(policy.delayMillis(100, 1)).toBe(45_000);
  });

  it('still try a row handed over at the start of a 30 s outage after the outage ends', () => {
    expect(OUTAGE_MILLIS + longestGap).toBeLessThan(policy.maxElapsedTimeMillis);
  });

  it('queue the rows of 30 s of outage and the gap after it at 150 rows/s', () => {
    expect(sink.maxQueueSize / ((OUTAGE_MILLIS + longestGap) / 1000)).toBeGreaterThanOrEqual(150);
  });

  it('replace a bad option by its default', () => {
    const odd = new OtlpLogRowSink({
      exporter: new InMemoryLogRecordExporter(),
      maxQueueSize: Number.NaN,
      attemptTimeoutMillis: -1,
    });
    expect([odd.maxQueueSize, odd.attemptTimeoutMillis]).toEqual([sink.maxQueueSize, sink.attemptTimeoutMillis]);
    expect(new RetryPolicy({ randomizationFactor: 2 }).randomizationFactor).toBe(0.5);
  });

  it('let the processor wait for a batch as long as the sink may retry it', () => {
    expect(sink.exportTimeoutMillis).toBeGreaterThan(policy.maxElapsedTimeMillis + sink.attemptTimeoutMillis);
  });
});
