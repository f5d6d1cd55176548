/*
 * The processor's row export queues and drop reports, through the public
 * API: a real tracer provider, the processor and sinks that answer on cue.
 */
import { context, DiagLogLevel, diag, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ReviewEventProcessor,
  type ReviewEventProcessorConfig,
  type ReviewRow,
  ReviewTracer,
  type RowSink,
} from '../src/index.js';
import { CapturingLogger } from './support/diagCapture.js';
import { ManualMetricReader, MetricsView, THREAD } from './pipeline.js';

/** A sink that holds each batch until the test answers it. */
class HeldSink implements RowSink {
  readonly batches: { rows: ReviewRow[]; answer: (result: ExportResult) => void }[] = [];
  export(rows: ReviewRow[], answer: (result: ExportResult) => void): void {
    this.batches.push({ rows: [...rows], answer });
  }
  answerAll(): void {
    for (const batch of this.batches.splice(0)) batch.answer({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}


function setup(sink: RowSink, config: ReviewEventProcessorConfig = {}) {
  const reader = new ManualMetricReader();
  const processor = new ReviewEventProcessor({
    ...config,
    sinks: [sink],
    meterProvider: new MeterProvider({ readers: [reader] }),
  });
  const spans = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [processor, new SimpleSpanProcessor({ exporter: spans })] });
  const reviews = new ReviewTracer({ tracerProvider: provider });
  const review = (n: number) =>
    reviews
      .startUserReview({ ...THREAD, requestId: n, request: { kind: 'permissions', permissions: {} } })
      .grant({ scope: 'turn', permissions: { network: { enabled: true } } });
  return { processor, provider, spans, review, metrics: async () => new MetricsView(await reader.collect()) };
}

const flushMicrotasks = () => new Promise(resolve => setImmediate(resolve));

describe('row export queue', () => {
  let warnings: CapturingLogger;
  beforeEach(() => {
    warnings = new CapturingLogger();
    diag.setLogger(warnings, DiagLogLevel.WARN);
  });
  afterEach(() => diag.disable());

  it('keeps one export in flight per sink until the sink answers', async () => {
    const sink = new HeldSink();
    const { review, processor } = setup(sink, { maxExportBatchSize: 2 });
    for (let n = 0; n < 6; n++) review(n);
    await flushMicrotasks();
    expect(sink.batches.map(batch => batch.rows.length)).toEqual([2]);
    sink.answerAll();
    await flushMicrotasks();
    expect(sink.batches.map(batch => batch.rows.length)).toEqual([2]);
    const flushed = processor.forceFlush();
    for (let i = 0; i < 3; i++) {
      sink.answerAll();
      await flushMicrotasks();
    }
    await flushed;
    expect(sink.batches).toEqual([]);
  });

  it('drops rows past maxQueueSize, counted as queue_full and told once', async () => {
    const sink = new HeldSink();
    const { review, metrics } = setup(sink, { maxQueueSize: 4, maxExportBatchSize: 4 });
    for (let n = 0; n < 4; n++) review(n); // one full batch goes out and waits
    await flushMicrotasks();
    for (let n = 4; n < 14; n++) review(n); // 4 fit the queue, 6 do not
    const view = await metrics();
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'queue_full' })).toBe(6);
    expect(warnings.lines).toHaveLength(1);
    expect(warnings.lines[0]).toMatch(/dropped 1 rows \(queue_full 1\); first: the queue of a row sink is full \(4 rows\)/);
  });

  it('writes every queued row on forceFlush, past one batch', async () => {
    const written: ReviewRow[] = [];
    const sink: RowSink = {
      export: (rows, answer) => {
        written.push(...rows);
        setTimeout(() => answer({ code: ExportResultCode.SUCCESS }), 1);
      },
      shutdown: () => Promise.resolve(),
    };
    const { review, processor, metrics } = setup(sink, { maxExportBatchSize: 3, scheduledDelayMillis: 60_000 });
    for (let n = 0; n < 10; n++) review(n);
    await processor.forceFlush();
    expect(written).toHaveLength(10);
    expect((await metrics()).sum('agent_review.processor.rows.written')).toBe(10);
  });

  it('starts the next full batch as soon as the sink answers the last', async () => {
    const sink = new HeldSink();
    const { review } = setup(sink, { maxExportBatchSize: 2, scheduledDelayMillis: 60_000 });
    for (let n = 0; n < 4; n++) review(n);
    await flushMicrotasks();
    sink.answerAll();
    await flushMicrotasks();
    expect(sink.batches.map(batch => batch.rows.length)).toEqual([2]);
  });

  it('hands a part batch left after an export over once the delay has passed, not before', async () => {
    const sink = new HeldSink();
    const { review } = setup(sink, { maxExportBatchSize: 2, scheduledDelayMillis: 20 });
    for (let n = 0; n < 3; n++) review(n);
    await flushMicrotasks();
    sink.answerAll();
    await flushMicrotasks();
    expect(sink.batches).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 80));
    expect(sink.batches.map(batch => batch.rows.length)).toEqual([1]);
  });

  it('returns from forceFlush after one export timeout while batches keep a slow sink busy, and tells it', async () => {
    const written: ReviewRow[] = [];
    // Each batch takes 15 ms, under the 20 ms export timeout; twenty of them take longer than one flush may.
    const sink: RowSink = {
      export: (rows, answer) =>
        setTimeout(() => {
          written.push(...rows);
          answer({ code: ExportResultCode.SUCCESS });
        }, 15),
      shutdown: () => Promise.resolve(),
    };
    const { review, processor } = setup(sink, { maxExportBatchSize: 1, exportTimeoutMillis: 20 });
    for (let n = 0; n < 20; n++) review(n);
    await processor.forceFlush();
    expect(written.length).toBeLessThan(20);
    expect(warnings.lines).toEqual([expect.stringMatching(/a row sink's export did not settle in time/)]);
    await processor.shutdown();
  });

  it('counts the rows a slow sink still had queued at shutdown as lost, so none is lost silently', async () => {
    let written = 0;
    const sink: RowSink = {
      export: (rows, answer) =>
        setTimeout(() => {
          written += rows.length;
          answer({ code: ExportResultCode.SUCCESS });
        }, 15),
      shutdown: () => Promise.resolve(),
    };
    const { review, processor, metrics } = setup(sink, { maxExportBatchSize: 1, exportTimeoutMillis: 20 });
    for (let n = 0; n < 20; n++) review(n);
    await processor.shutdown();
    await new Promise(resolve => setTimeout(resolve, 40)); // the batch in flight at shutdown answers
    const dropped = (await metrics()).sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'sink_failure' });
    expect(dropped).toBeGreaterThan(0);
    expect(written + dropped).toBe(20);
    expect(warnings.lines.some(line => line.includes(`sink_failure ${dropped}`) && line.includes('rows still queued at shutdown'))).toBe(true);
  });

  it('suppresses tracing around the sink, so a sink that makes spans cannot feed itself', async () => {
    let exports = 0;
    const sink: RowSink = {
      export: (_rows, answer) => {
        exports++;
        trace.getTracer('sink').startSpan('inside the sink').end();
        answer({ code: ExportResultCode.SUCCESS });
      },
      shutdown: () => Promise.resolve(),
    };
    const { review, processor, provider, spans } = setup(sink);
    // Suppression travels in the context: as in any real setup, a context manager carries it.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
    try {
      review(1);
      await processor.forceFlush();
    } finally {
      trace.disable();
      context.disable();
    }
    expect(exports).toBe(1);
    expect(spans.getFinishedSpans().map(span => span.name)).toEqual(['user_review permissions']);
  });

  it('counts spans that end after shutdown, and writes none of them', async () => {
    const sink = new HeldSink();
    const { review, processor, metrics } = setup(sink);
    await processor.shutdown();
    review(1);
    review(2);
    expect((await metrics()).sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'shutdown' })).toBe(2);
    expect(sink.batches).toEqual([]);
  });
});

describe('drop reports', () => {
  let warnings: CapturingLogger;
  beforeEach(() => {
    warnings = new CapturingLogger();
    diag.setLogger(warnings, DiagLogLevel.WARN);
  });
  afterEach(() => diag.disable());

  function malformedSpans(provider: TracerProvider, count: number) {
    const tracer = provider.getTracer('hand-made');
    for (let i = 0; i < count; i++) {
      tracer.startSpan('bad', { attributes: { 'agent_review.reviewer': 'user' } }).end();
    }
  }

  it('tells the first loss at once and the rest once at the end of the interval, with the count', async () => {
    const { provider, metrics } = setup(new HeldSink(), { dropReportIntervalMillis: 20 });
    malformedSpans(provider, 50);
    expect(warnings.lines).toHaveLength(1);
    expect(warnings.lines[0]).toMatch(/dropped 1 rows \(malformed 1\); first: malformed span "bad": attribute gen_ai.conversation.id/);
    await new Promise(resolve => setTimeout(resolve, 60));
    expect(warnings.lines).toHaveLength(2);
    expect(warnings.lines[1]).toMatch(/dropped 49 rows \(malformed 49\)/);
    expect((await metrics()).sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'malformed' })).toBe(50);
  });

  it('tells a single loss once, and nothing more at the end of the interval or at shutdown, at any level', async () => {
    const everything = new CapturingLogger();
    diag.setLogger(everything, DiagLogLevel.ALL);
    const { provider, processor } = setup(new HeldSink(), { dropReportIntervalMillis: 20 });
    malformedSpans(provider, 1);
    await new Promise(resolve => setTimeout(resolve, 60));
    await processor.shutdown();
    expect(everything.lines.filter(line => line.includes('dropped'))).toHaveLength(1);
  });

  it('tells the losses of an interval by reason, in the order they first happened', async () => {
    const sink = new HeldSink();
    const { provider, processor, review } = setup(sink, { maxQueueSize: 1, maxExportBatchSize: 1, dropReportIntervalMillis: 30 });
    review(1); // in flight until answered
    review(2); // queued
    review(3); // the queue is full: told at once
    review(4);
    malformedSpans(provider, 1);
    await new Promise(resolve => setTimeout(resolve, 80));
    expect(warnings.lines.map(line => line.replace(/; first.*/, ''))).toEqual([
      'ReviewEventProcessor dropped 1 rows (queue_full 1)',
      'ReviewEventProcessor dropped 2 rows (queue_full 1, malformed 1)',
    ]);
    const closed = processor.shutdown();
    for (let i = 0; i < 3; i++) {
      sink.answerAll();
      await flushMicrotasks();
    }
    await closed;
  });

  it('names the span of a row lost because it ended after shutdown', async () => {
    const { review, processor } = setup(new HeldSink());
    await processor.shutdown();
    review(1);
    expect(warnings.lines).toEqual([
      'ReviewEventProcessor dropped 1 rows (shutdown 1); first: span "user_review permissions" ended after shutdown',
    ]);
  });

  it('tells what is left when the processor shuts down', async () => {
    const { provider, processor } = setup(new HeldSink(), { dropReportIntervalMillis: 60_000 });
    malformedSpans(provider, 3);
    await processor.shutdown();
    expect(warnings.lines.map(line => line.replace(/;.*/, ''))).toEqual([
      'ReviewEventProcessor dropped 1 rows (malformed 1)',
      'ReviewEventProcessor dropped 2 rows (malformed 2)',
    ]);
  });
});

describe('a broken meter', () => {
  it('costs no row: rows are out before metrics are recorded', async () => {
    const sink = new HeldSink();
    const meterProvider = new MeterProvider();
    const meter = meterProvider.getMeter('broken');
    const broken = {
      getMeter: () => ({
        ...meter,
        createObservableCounter: meter.createObservableCounter.bind(meter),
        createHistogram: () => ({
          record: () => {
            throw new Error('meter on fire');
          },
        }),
      }),
    };
    const processor = new ReviewEventProcessor({ sinks: [sink], meterProvider: broken as never });
    const provider = new TracerProvider({ spanProcessors: [processor] });
    diag.setLogger(new CapturingLogger(), DiagLogLevel.NONE);
    new ReviewTracer({ tracerProvider: provider })
      .startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } })
      .resolve('accept');
    const flushed = processor.forceFlush();
    await flushMicrotasks();
    sink.answerAll();
    await flushed;
    diag.disable();
    expect(sink.batches).toEqual([]);
  });
});

describe('bounded flush and shutdown', () => {
  it('returns from forceFlush and shutdown when a sink never settles them', async () => {
    const lines = new CapturingLogger();
    diag.setLogger(lines, DiagLogLevel.WARN);
    const never = new Promise<void>(() => {});
    const sink: RowSink = {
      export: (_rows, answer) => answer({ code: ExportResultCode.SUCCESS }),
      forceFlush: () => never,
      shutdown: () => never,
    };
    const { review, processor } = setup(sink, { exportTimeoutMillis: 20 });
    review(1);
    await processor.forceFlush();
    await processor.shutdown();
    diag.disable();
    expect(lines.lines.filter(line => /did not settle in time/.test(line)).map(line => line.replace(/.*sink's (\w+).*/, '$1'))).toEqual([
      'forceFlush',
      'forceFlush',
      'shutdown',
    ]);
  });
});
