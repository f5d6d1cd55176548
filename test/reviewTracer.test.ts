/*
 * ReviewTracer: span names, kind, scope, parents, start times and the
 * content switch; the handles' finished flag and context.
 */
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { TracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORD_CONTENT_ENV, ReviewTracer, SCOPE_NAME, VERSION } from '../src/index.js';
import { ms, THREAD } from './pipeline.js';

describe('ReviewTracer', () => {
  let spans: InMemorySpanExporter;
  let tracerProvider: TracerProvider;
  let reviews: ReviewTracer;
  const savedEnv = process.env[RECORD_CONTENT_ENV];
  beforeEach(() => {
    spans = new InMemorySpanExporter();
    tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
    reviews = new ReviewTracer({ tracerProvider });
  });
  afterEach(async () => {
    if (savedEnv === undefined) delete process.env[RECORD_CONTENT_ENV];
    else process.env[RECORD_CONTENT_ENV] = savedEnv;
    trace.disable();
    await tracerProvider.shutdown();
  });

  it('names internal spans after the operation, in the package scope, from the given start time', () => {
    reviews.startToolItem({ ...THREAD, itemId: 'i', kind: 'command_execution', toolName: 'shell', startTime: ms(5000) }).finish({ status: 'completed' });
    reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'file_change' }, startTime: ms(6000) }).resolve('accept');
    reviews
      .startGuardianReview({ ...THREAD, reviewId: 'g', action: { type: 'apply_patch' }, timeoutMs: 1, startTime: ms(7000) })
      .approve();
    expect(spans.getFinishedSpans().map(span => [span.name, span.kind, span.instrumentationScope, span.startTime])).toEqual([
      ['execute_tool shell', SpanKind.INTERNAL, { name: SCOPE_NAME, version: VERSION, schemaUrl: undefined }, ms(5000)],
      ['user_review file_change', SpanKind.INTERNAL, { name: SCOPE_NAME, version: VERSION, schemaUrl: undefined }, ms(6000)],
      ['invoke_agent guardian', SpanKind.INTERNAL, { name: SCOPE_NAME, version: VERSION, schemaUrl: undefined }, ms(7000)],
    ]);
  });

  it('parents a span on the given context', () => {
    const item = reviews.startToolItem({ ...THREAD, itemId: 'i', kind: 'command_execution', toolName: 'shell' });
    reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'file_change' }, parent: item.context() }).resolve('accept');
    reviews
      .startGuardianReview({ ...THREAD, reviewId: 'g', action: { type: 'apply_patch' }, timeoutMs: 1, parent: item.context(ROOT_CONTEXT) })
      .approve();
    item.finish({ status: 'completed' });
    const parentOf = (name: string) => spans.getFinishedSpans().find(span => span.name === name)?.parentSpanContext?.spanId;
    const itemSpanId = item.span.spanContext().spanId;
    expect(parentOf('user_review file_change')).toBe(itemSpanId);
    expect(parentOf('invoke_agent guardian')).toBe(itemSpanId);
    expect(parentOf('execute_tool shell')).toBeUndefined();
  });

  it('says whether a handle is finished', () => {
    const item = reviews.startToolItem({ ...THREAD, itemId: 'i', kind: 'web_search', toolName: 'web_search' });
    expect(item.finished).toBe(false);
    item.finish({ status: 'completed' });
    expect(item.finished).toBe(true);
  });

  it('ends a span now when no end time is given', () => {
    // Started a minute ago; the SDK's clock (performance.now) may stray from Date.now by a little, never by a minute.
    const before = Date.now();
    reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'file_change' }, startTime: ms(before - 60_000) }).resolve('accept');
    const [span] = spans.getFinishedSpans();
    const endMs = span!.endTime[0] * 1000 + span!.endTime[1] / 1e6;
    expect(endMs).toBeGreaterThanOrEqual(before - 1_000);
    expect(endMs).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('records no content by default, and takes the default from the GenAI content variable', () => {
    delete process.env[RECORD_CONTENT_ENV];
    expect(new ReviewTracer({ tracerProvider }).recordContent).toBe(false);
    process.env[RECORD_CONTENT_ENV] = 'true';
    expect(new ReviewTracer({ tracerProvider }).recordContent).toBe(true);
    expect(new ReviewTracer({ tracerProvider, recordContent: false }).recordContent).toBe(false);
  });

  it('uses the global tracer provider by default', () => {
    trace.setGlobalTracerProvider(tracerProvider);
    new ReviewTracer().startToolItem({ ...THREAD, itemId: 'i', kind: 'web_search', toolName: 'web_search' }).finish({ status: 'completed' });
    expect(spans.getFinishedSpans()).toHaveLength(1);
  });
});
