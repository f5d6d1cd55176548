/*
 * How the ReviewEventProcessor hands rows to its sinks: batch size, delay,
 * one answer per batch, flushes, option checks, and what it logs for each
 * kind of drop. Through the real SDK with sinks written for the test.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  InMemoryRowSink,
  ReviewEventProcessor,
  type ReviewEventProcessorConfig,
  type ReviewRow,
  ReviewTracer,
  type RowSink,
} from '../src/index.js';
import { ManualMetricReader, MetricsView, THREAD } from './pipeline.js';
import { type CapturingLogger, captureDiag } from './support/diagCapture.js';

function setup(config: ReviewEventProcessorConfig) {
  const reader = new ManualMetricReader();
  const processor = new ReviewEventProcessor({ meterProvider: new MeterProvider({ readers: [reader] }), ...config });
  const tracerProvider = new TracerProvider({ spanProcessors: [processor] });
  const reviews = new ReviewTracer({ tracerProvider });
  let next = 0;
  return {
    processor,
    tracerProvider,
    tracer: tracerProvider.getTracer('hand-made'),
    /** Ends one user review: one row. */
    review: () => reviews.startUserReview({ ...THREAD, requestId: next++, request: { kind: 'command_execution' } }).resolve('accept'),
    metrics: async () => new MetricsView(await reader.collect()),
  };
}

/** A sink that writes every batch at once and records each batch's size; `overrides` replace its methods. */
function batchRecordingSink(overrides: Partial<RowSink> = {}) {
  const batches: number[] = [];
  const sink: RowSink = {
    export: (rows, done) => {
      batches.push(rows.length);
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: () => Promise.resolve(),
    ...overrides,
  };
  return { sink, batches };
}

describe('ReviewEventProcessor export', () => {
  let logger: CapturingLogger;
  beforeEach(() => {
    logger = captureDiag(DiagLogLevel.DEBUG);
  });
  afterEach(() => diag.disable());

  it('hands a full batch to the sinks at once and waits for the delay otherwise', async () => {
    const sink = new InMemoryRowSink();
    const { review, tracerProvider } = setup({ sinks: [sink], maxExportBatchSize: 2.5, scheduledDelayMillis: 60_000 });
    review();
    expect(sink.getRows()).toHaveLength(0);
    review();
    expect(sink.getRows()).toHaveLength(2);
    review();
    expect(sink.getRows()).toHaveLength(2);
    await tracerProvider.forceFlush();
    expect(sink.getRows()).toHaveLength(3);
    await tracerProvider.shutdown();
  });

  it('hands rows over by itself once the delay has passed, batch after batch', async () => {
    const sink = new InMemoryRowSink();
    const { review, tracerProvider } = setup({ sinks: [sink], scheduledDelayMillis: 20 });
    review();
    await expect.poll(() => sink.getRows().length, { timeout: 5000, interval: 10 }).toBe(1);
    review();
    await expect.poll(() => sink.getRows().length, { timeout: 5000, interval: 10 }).toBe(2);
    await tracerProvider.shutdown();
  });

  it('makes no batches without sinks', async () => {
    const { review, tracerProvider, metrics } = setup({});
    review();
    await tracerProvider.forceFlush();
    const view = await metrics();
    expect(view.sum('agent_review.processor.rows')).toBe(1);
    expect(view.sum('agent_review.processor.rows.written')).toBe(0);
    await tracerProvider.shutdown();
  });

  it('counts rows written once per sink, and a batch once however often its sink answers', async () => {
    const twice: RowSink = {
      export: (_rows, done) => {
        done({ code: ExportResultCode.SUCCESS });
        done({ code: ExportResultCode.FAILED });
      },
      shutdown: () => Promise.resolve(),
    };
    const { review, tracerProvider, metrics } = setup({ sinks: [twice, new InMemoryRowSink()] });
    review();
    review();
    await tracerProvider.forceFlush();
    const view = await metrics();
    expect(view.sum('agent_review.processor.rows.written')).toBe(4);
    expect(view.sum('agent_review.processor.rows.dropped')).toBe(0);
    await tracerProvider.shutdown();
  });

  it('counts a sink that never answers as failed once the export timeout passes', async () => {
    const silent: RowSink = { export: () => {}, shutdown: () => Promise.resolve() };
    const { review, tracerProvider, metrics } = setup({ sinks: [silent], exportTimeoutMillis: 20 });
    review();
    review();
    // The flush hands the batch over; on a loaded machine its own deadline may pass before the sink's timer fires.
    await tracerProvider.forceFlush();
    await vi.waitFor(async () => {
      const view = await metrics();
      expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'sink_failure' })).toBe(2);
    });
    expect(logger.warnings.join('\n')).toContain('row sink failed to write 2 rows (sink_failure): Error: row sink timed out');
    await tracerProvider.shutdown();
  });

  it('never hands an empty batch to a sink', async () => {
    const { sink, batches } = batchRecordingSink();
    const { review, processor } = setup({ sinks: [sink] });
    await processor.forceFlush();
    review();
    await processor.forceFlush();
    await processor.forceFlush();
    expect(batches).toEqual([1]);
    await processor.shutdown();
  });

  it('writes a tool item delivered twice once, and counts the repeat as a duplicate', async () => {
    const sink = new InMemoryRowSink();
    const { processor, tracerProvider, metrics } = setup({ sinks: [sink] });
    const reviews = new ReviewTracer({ tracerProvider });
    for (const itemId of ['a', 'a', 'b']) {
      reviews.startToolItem({ ...THREAD, itemId, kind: 'web_search', toolName: 'web_search' }).finish({ status: 'completed' });
    }
    await processor.forceFlush();
    expect(sink.getRows().map(row => (row.event_params as { item_id: string }).item_id)).toEqual(['a', 'b']);
    expect((await metrics()).sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'duplicate' })).toBe(1);
    await processor.shutdown();
  });

  it('flushes each sink on forceFlush', async () => {
    const flushed: string[] = [];
    const sink = (name: string): RowSink => ({
      export: (_rows, done) => done({ code: ExportResultCode.SUCCESS }),
      forceFlush: async () => void flushed.push(name),
      shutdown: () => Promise.resolve(),
    });
    const { processor } = setup({ sinks: [sink('a'), sink('b')] });
    await processor.forceFlush();
    expect(flushed).toEqual(['a', 'b']);
    await processor.shutdown();
  });

  it("finishes its flush when a sink's forceFlush throws, and keeps exporting to it", async () => {
    const { sink, batches } = batchRecordingSink({
      forceFlush: () => {
        throw new Error('flush broke');
      },
    });
    const { processor, review } = setup({ sinks: [sink] });
    review();
    await processor.forceFlush();
    review();
    await processor.forceFlush();
    expect(batches).toEqual([1, 1]);
    await processor.shutdown();
  });

  it('caps maxExportBatchSize at maxQueueSize, with a warning', async () => {
    const { sink, batches } = batchRecordingSink();
    const { processor, review } = setup({ sinks: [sink], maxQueueSize: 2, maxExportBatchSize: 5, scheduledDelayMillis: 60_000 });
    expect(logger.warnings).toEqual(['ReviewEventProcessor maxExportBatchSize must not exceed maxQueueSize; using maxQueueSize']);
    review();
    review();
    // A full batch (2, not 5) goes at once, long before the delay.
    await vi.waitFor(() => expect(batches).toEqual([2]));
    await processor.shutdown();
  });

  it.each([
    ['maxPendingItems', 0, 65536],
    ['maxPendingItemBytes', -5, 33554432],
    ['maxRememberedRows', -1, 16384],
    ['maxExportBatchSize', Number.NaN, 8192],
    ['scheduledDelayMillis', Number.POSITIVE_INFINITY, 1000],
    ['exportTimeoutMillis', 0.5, 30000],
  ] as const)('warns about %s = %s and uses %s instead', async (name, value, fallback) => {
    const processor = new ReviewEventProcessor({ meterProvider: new MeterProvider(), [name]: value });
    expect(logger.warnings).toEqual([`ReviewEventProcessor ${name} must be a number >= 1, got ${value}; using ${fallback}`]);
    await processor.shutdown();
  });

  it('accepts 1 for each option without a warning', async () => {
    const processor = new ReviewEventProcessor({
      meterProvider: new MeterProvider(),
      maxPendingItems: 1,
      maxPendingItemBytes: 1,
      maxRememberedRows: 1,
      maxExportBatchSize: 1,
      scheduledDelayMillis: 1,
      exportTimeoutMillis: 1,
    });
    expect(logger.warnings).toEqual([]);
    await processor.shutdown();
  });

  it('logs a duplicate at debug level and an incomplete span as a warning', async () => {
    const { processor, tracer, tracerProvider, metrics } = setup({});
    const reviews = new ReviewTracer({ tracerProvider });
    reviews.startUserReview({ ...THREAD, requestId: 'r', request: { kind: 'file_change' } }).resolve('decline');
    reviews.startUserReview({ ...THREAD, requestId: 'r', request: { kind: 'file_change' } }).resolve('decline');
    const incomplete = tracer.startSpan('unfinished review', {
      attributes: {
        'agent_review.reviewer': 'user',
        'gen_ai.conversation.id': 'th',
        'agent_review.turn.id': 't',
        'agent_review.request.id': 1,
        'agent_review.request.kind': 'file_change',
      },
    });
    incomplete.end();
    // The first loss of an interval is told at once; what follows it in the interval, when the report closes.
    expect(logger.debugs).toContain(
      'ReviewEventProcessor dropped 1 rows (duplicate 1); first: span "user_review file_change" was a duplicate'
    );
    const view = await metrics();
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'duplicate' })).toBe(1);
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'incomplete' })).toBe(1);
    await processor.shutdown();
    expect(logger.warnings).toEqual([
      'ReviewEventProcessor dropped 1 rows (incomplete 1); first: span "unfinished review" ended without an outcome',
    ]);
  });

  it('counts a span that breaks the mapper as an internal error and logs it, without throwing', async () => {
    const { processor, metrics } = setup({});
    const broken = {
      name: 'invoke_agent guardian',
      attributes: {
        'agent_review.reviewer': 'guardian',
        'gen_ai.conversation.id': 'th',
        'agent_review.turn.id': 't',
        'agent_review.review.id': 'g',
        'agent_review.action.type': 'apply_patch',
        'agent_review.guardian.timeout_ms': 1,
        'agent_review.guardian.assessment.outcome': 'allow',
      },
      // No events array: reading the tool calls fails with a TypeError.
      events: undefined,
    } as unknown as ReadableSpan;
    expect(() => processor.onEnd(broken)).not.toThrow();
    const view = await metrics();
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'internal_error' })).toBe(2);
    expect(view.sum('agent_review.processor.spans', { 'agent_review.span.type': 'guardian_review' })).toBe(1);
    expect(logger.warnings).toEqual([
      'ReviewEventProcessor dropped 2 rows (internal_error 2); first: failed to process span "invoke_agent guardian": TypeError',
    ]);
    await processor.shutdown();
  });

  it('counts a review span with an unknown reviewer as read and malformed', async () => {
    const { processor, tracer, metrics } = setup({});
    tracer.startSpan('odd', { attributes: { 'agent_review.reviewer': 'robot' } }).end();
    const view = await metrics();
    expect(view.sum('agent_review.processor.spans', { 'agent_review.span.type': 'user_review' })).toBe(1);
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'malformed' })).toBe(1);
    expect(logger.warnings).toEqual([
      'ReviewEventProcessor dropped 1 rows (malformed 1); first: malformed span "odd": attribute agent_review.reviewer must be one of guardian|user, got "robot"',
    ]);
    await processor.shutdown();
  });

  it('neither counts nor logs spans that are not review or tool item spans', async () => {
    const { processor, tracer, metrics } = setup({});
    tracer.startSpan('http get', { attributes: { 'http.method': 'GET' } }).end();
    const view = await metrics();
    expect(view.points('agent_review.processor.spans')).toEqual([]);
    expect(logger.warnings).toEqual([]);
    await processor.shutdown();
  });

  it('writes nothing for spans that end after its shutdown', async () => {
    const sink = new InMemoryRowSink();
    const { review, processor, metrics } = setup({ sinks: [sink] });
    await processor.shutdown();
    review();
    await processor.forceFlush();
    const view = await metrics();
    expect(view.points('agent_review.processor.spans')).toEqual([]);
    expect((sink.getRows() as ReviewRow[]).length).toBe(0);
  });
});
