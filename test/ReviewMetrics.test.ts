/*
 * Every instrument, from one scripted scenario through the real SDK with an
 * in-memory metric reader: exact counts, histogram counts and sums.
 */
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { beforeEach, describe, expect, it } from 'vitest';
import * as A from '../src/semconv/index.js';
import * as M from '../src/semconv/index.js';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { ReviewEventProcessor, ReviewTracer } from '../src/index.js';
import { createPipeline, ManualMetricReader, MetricsView, ms, type Pipeline, THREAD } from './pipeline.js';

const IDS = ['thread-1', 'turn-1', 'item-1', 'item-2', 'g1', 'g2', 'g3', 'user:1', 'user:2', 'gthread'];

function script(pipeline: Pipeline) {
  const { reviews } = pipeline;
  const g1 = reviews.startGuardianReview({
    ...THREAD,
    reviewId: 'g1',
    targetItemId: 'item-1',
    action: { type: 'shell', sandboxPermissions: 'use_default' },
    model: 'gpt-5.4',
    providerName: 'openai',
    sessionKind: 'trunk_reused',
    guardianThreadId: 'gthread',
    timeoutMs: 90_000,
    startTime: ms(0),
  });
  g1.recordFirstToken(ms(200));
  g1.recordToolCall('shell', { time: ms(300) });
  g1.recordToolCall('shell', { time: ms(400) });
  g1.recordToolCall('web_search', { time: ms(500) });
  g1.recordTokenUsage({ inputTokens: 100, cachedInputTokens: 40, outputTokens: 20, reasoningOutputTokens: 5 });
  g1.approve({ riskLevel: 'low', riskScore: 5, endTime: ms(1500) });

  reviews
    .startUserReview({ ...THREAD, requestId: 1, itemId: 'item-1', request: { kind: 'command_execution' }, startTime: ms(0) })
    .resolve('accept', { endTime: ms(4000) });

  reviews
    .startGuardianReview({
      ...THREAD,
      reviewId: 'g2',
      action: { type: 'network_access', protocol: 'https', port: 443 },
      model: 'gpt-5.4',
      providerName: 'openai',
      timeoutMs: 90_000,
      startTime: ms(0),
    })
    .timeOut({ endTime: ms(90_000) });

  const g3 = reviews.startGuardianReview({
    ...THREAD,
    reviewId: 'g3',
    targetItemId: 'item-2',
    action: { type: 'mcp_tool_call', server: 'github', toolName: 'create_pr' },
    model: 'gpt-5.4',
    providerName: 'openai',
    timeoutMs: 90_000,
    startTime: ms(0),
  });
  g3.recordFirstToken(ms(100));
  g3.recordTokenUsage({ inputTokens: 50, outputTokens: 0 });
  g3.failClosed('parse_error', { riskLevel: 'high', endTime: ms(300) });

  reviews
    .startUserReview({
      ...THREAD,
      requestId: 2,
      request: { kind: 'permissions', permissions: { network: { enabled: true } } },
      startTime: ms(0),
    })
    .grant({ scope: 'turn', permissions: {}, endTime: ms(2000) });

  reviews
    .startToolItem({ ...THREAD, itemId: 'item-1', kind: 'command_execution', toolName: 'shell' })
    .finish({ status: 'completed' });
  reviews
    .startToolItem({ ...THREAD, itemId: 'item-2', kind: 'mcp_tool_call', toolName: 'create_pr' })
    .finish({ status: 'declined' });
}

describe('review metrics', () => {
  let pipeline: Pipeline;
  let metrics: MetricsView;

  // Per test, not beforeAll: mutation testing credits only code run inside a test.
  beforeEach(async () => {
    pipeline = createPipeline();
    script(pipeline);
    await pipeline.rows();
    metrics = await pipeline.metrics();
    return () => pipeline.shutdown();
  });

  it('counts reviews by reviewer, subject, status, resolution and trigger', () => {
    expect(metrics.sum(M.METRIC_REVIEWS)).toBe(5);
    expect(metrics.sum(M.METRIC_REVIEWS, { [M.METRIC_ATTR_REVIEWER]: 'guardian' })).toBe(3);
    expect(metrics.sum(M.METRIC_REVIEWS, { [M.METRIC_ATTR_REVIEWER]: 'user' })).toBe(2);
    expect(metrics.sum(M.METRIC_REVIEWS, { [M.METRIC_ATTR_REVIEW_STATUS]: 'approved' })).toBe(2);
    expect(metrics.sum(M.METRIC_REVIEWS, { [M.METRIC_ATTR_REVIEW_STATUS]: 'denied' })).toBe(2);
    expect(metrics.sum(M.METRIC_REVIEWS, { [M.METRIC_ATTR_REVIEW_STATUS]: 'timed_out' })).toBe(1);
    expect(
      metrics.sum(M.METRIC_REVIEWS, {
        [M.METRIC_ATTR_SUBJECT_KIND]: 'network_access',
        [M.METRIC_ATTR_REVIEW_TRIGGER]: 'network_policy_denial',
        [M.METRIC_ATTR_REVIEW_RESOLUTION]: 'none',
      })
    ).toBe(1);
  });

  it('records review durations in seconds', () => {
    const { count, sum } = metrics.histogram(M.METRIC_REVIEW_DURATION);
    expect(count).toBe(5);
    expect(sum).toBeCloseTo(1.5 + 4 + 90 + 0.3 + 2, 9);
    expect(metrics.histogram(M.METRIC_REVIEW_DURATION, { [M.METRIC_ATTR_REVIEWER]: 'user' }).sum).toBeCloseTo(6, 9);
  });

  it('counts guardian reviews by decision, terminal status, failure kind and the rest', () => {
    expect(metrics.sum(M.METRIC_GUARDIAN_REVIEWS)).toBe(3);
    expect(
      metrics.sum(M.METRIC_GUARDIAN_REVIEWS, {
        [M.METRIC_ATTR_GUARDIAN_DECISION]: 'approved',
        [M.METRIC_ATTR_GUARDIAN_FAILURE_KIND]: 'none',
        [M.METRIC_ATTR_GUARDIAN_SESSION_KIND]: 'trunk_reused',
        [M.METRIC_ATTR_GUARDIAN_RISK_LEVEL]: 'low',
        [M.METRIC_ATTR_GUARDIAN_TRIGGER]: 'shell',
        [A.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-5.4',
      })
    ).toBe(1);
    expect(
      metrics.sum(M.METRIC_GUARDIAN_REVIEWS, {
        [M.METRIC_ATTR_GUARDIAN_TERMINAL_STATUS]: 'timed_out',
        [M.METRIC_ATTR_GUARDIAN_FAILURE_KIND]: 'timeout',
        [M.METRIC_ATTR_GUARDIAN_SESSION_KIND]: 'none',
        [M.METRIC_ATTR_GUARDIAN_RISK_LEVEL]: 'none',
      })
    ).toBe(1);
    expect(
      metrics.sum(M.METRIC_GUARDIAN_REVIEWS, {
        [M.METRIC_ATTR_GUARDIAN_DECISION]: 'denied',
        [M.METRIC_ATTR_GUARDIAN_TERMINAL_STATUS]: 'failed_closed',
        [M.METRIC_ATTR_GUARDIAN_FAILURE_KIND]: 'parse_error',
      })
    ).toBe(1);
  });

  it('records guardian duration and time to first token in seconds', () => {
    const duration = metrics.histogram(M.METRIC_GUARDIAN_REVIEW_DURATION);
    expect(duration.count).toBe(3);
    expect(duration.sum).toBeCloseTo(1.5 + 90 + 0.3, 9);
    const ttft = metrics.histogram(M.METRIC_GUARDIAN_TIME_TO_FIRST_TOKEN);
    expect(ttft.count).toBe(2);
    expect(ttft.sum).toBeCloseTo(0.3, 9);
  });

  it('records guardian token usage by token type', () => {
    const byType = (type: string) => metrics.histogram(M.METRIC_GUARDIAN_TOKEN_USAGE, { [M.METRIC_ATTR_TOKEN_TYPE]: type });
    expect(byType('input')).toEqual({ count: 2, sum: 150 });
    expect(byType('cached_input')).toEqual({ count: 1, sum: 40 });
    expect(byType('output')).toEqual({ count: 2, sum: 20 });
    expect(byType('reasoning_output')).toEqual({ count: 1, sum: 5 });
  });

  it("counts the guardian's tool calls by kind", () => {
    expect(metrics.sum(M.METRIC_GUARDIAN_TOOL_CALLS, { [M.METRIC_ATTR_TOOL_CALL_KIND]: 'shell' })).toBe(2);
    expect(metrics.sum(M.METRIC_GUARDIAN_TOOL_CALLS, { [M.METRIC_ATTR_TOOL_CALL_KIND]: 'web_search' })).toBe(1);
    expect(metrics.sum(M.METRIC_GUARDIAN_TOOL_CALLS)).toBe(3);
  });

  it('emits the GenAI convention metrics for the guardian invocation', () => {
    const genAi = { [A.ATTR_GEN_AI_OPERATION_NAME]: 'invoke_agent', [A.ATTR_GEN_AI_PROVIDER_NAME]: 'openai' };
    expect(metrics.histogram(M.METRIC_GEN_AI_CLIENT_TOKEN_USAGE, { ...genAi, [M.METRIC_ATTR_GEN_AI_TOKEN_TYPE]: 'input' })).toEqual({
      count: 2,
      sum: 150,
    });
    expect(metrics.histogram(M.METRIC_GEN_AI_CLIENT_TOKEN_USAGE, { [M.METRIC_ATTR_GEN_AI_TOKEN_TYPE]: 'output' })).toEqual({
      count: 2,
      sum: 20,
    });
    const duration = metrics.histogram(M.METRIC_GEN_AI_CLIENT_OPERATION_DURATION, genAi);
    expect(duration.count).toBe(3);
    expect(duration.sum).toBeCloseTo(91.8, 9);
    expect(metrics.histogram(M.METRIC_GEN_AI_CLIENT_OPERATION_DURATION, { [A.ATTR_ERROR_TYPE]: 'parse_error' }).count).toBe(1);
    expect(metrics.histogram(M.METRIC_GEN_AI_CLIENT_TIME_TO_FIRST_CHUNK, genAi).count).toBe(2);
  });

  it('counts tool items by kind, terminal status and final approval outcome', () => {
    expect(
      metrics.sum(M.METRIC_TOOL_ITEMS, {
        [M.METRIC_ATTR_ITEM_KIND]: 'command_execution',
        [M.METRIC_ATTR_ITEM_TERMINAL_STATUS]: 'completed',
        [M.METRIC_ATTR_ITEM_FINAL_APPROVAL_OUTCOME]: 'user_approved',
      })
    ).toBe(1);
    expect(
      metrics.sum(M.METRIC_TOOL_ITEMS, {
        [M.METRIC_ATTR_ITEM_KIND]: 'mcp_tool_call',
        [M.METRIC_ATTR_ITEM_TERMINAL_STATUS]: 'rejected',
        [M.METRIC_ATTR_ITEM_FINAL_APPROVAL_OUTCOME]: 'guardian_denied',
      })
    ).toBe(1);
  });

  it('counts the spans read and the rows produced and written', () => {
    expect(metrics.sum(M.METRIC_PROCESSOR_SPANS, { [M.METRIC_ATTR_SPAN_TYPE]: 'guardian_review' })).toBe(3);
    expect(metrics.sum(M.METRIC_PROCESSOR_SPANS, { [M.METRIC_ATTR_SPAN_TYPE]: 'user_review' })).toBe(2);
    expect(metrics.sum(M.METRIC_PROCESSOR_SPANS, { [M.METRIC_ATTR_SPAN_TYPE]: 'tool_item' })).toBe(2);
    expect(metrics.sum(M.METRIC_PROCESSOR_ROWS)).toBe(10);
    expect(metrics.sum(M.METRIC_PROCESSOR_ROWS, { [M.METRIC_ATTR_ROW_EVENT_TYPE]: 'codex_review_event' })).toBe(5);
    expect(metrics.sum(M.METRIC_PROCESSOR_ROWS_WRITTEN)).toBe(10);
    expect(metrics.sum(M.METRIC_PROCESSOR_ROWS_DROPPED)).toBe(0);
  });

  it('puts no ids on any metric attribute', () => {
    for (const value of metrics.attributeValues()) expect(IDS).not.toContain(value);
  });
});

describe('drop metrics', () => {
  it('moves only the drop counters for a duplicate and a malformed span', async () => {
    const pipeline = createPipeline();
    script(pipeline);
    await pipeline.rows();
    const before = await pipeline.metrics();
    const [g1] = pipeline.spans.getFinishedSpans().filter(span => span.attributes[A.ATTR_REVIEW_ID] === 'g1');
    pipeline.processor.onEnd(g1 as ReadableSpan);
    pipeline.tracer.startSpan('broken', { attributes: { [A.ATTR_REVIEWER]: 'guardian', [A.ATTR_REVIEW_ID]: 7 } }).end();
    await pipeline.rows();
    const after = await pipeline.metrics();
    const reason = (r: string) => ({ [M.METRIC_ATTR_DROP_REASON]: r });
    expect(after.sum(M.METRIC_PROCESSOR_ROWS_DROPPED, reason('duplicate'))).toBe(2);
    expect(after.sum(M.METRIC_PROCESSOR_ROWS_DROPPED, reason('malformed'))).toBe(2);
    for (const name of [M.METRIC_REVIEWS, M.METRIC_GUARDIAN_REVIEWS, M.METRIC_GUARDIAN_TOOL_CALLS, M.METRIC_TOOL_ITEMS, M.METRIC_PROCESSOR_ROWS, M.METRIC_PROCESSOR_ROWS_WRITTEN]) {
      expect(after.sum(name)).toBe(before.sum(name));
    }
    for (const name of [M.METRIC_REVIEW_DURATION, M.METRIC_GUARDIAN_REVIEW_DURATION, M.METRIC_GUARDIAN_TOKEN_USAGE]) {
      expect(after.histogram(name)).toEqual(before.histogram(name));
    }
    await pipeline.shutdown();
  });
});

describe('processors sharing a MeterProvider', () => {
  it('add to the same counter sums, which stay put between collections', async () => {
    const reader = new ManualMetricReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const processors = [new ReviewEventProcessor({ meterProvider }), new ReviewEventProcessor({ meterProvider })];
    const providers = processors.map(processor => new TracerProvider({ spanProcessors: [processor] }));
    providers.forEach((tracerProvider, p) => {
      const reviews = new ReviewTracer({ tracerProvider });
      for (let i = 0; i < 3 + 2 * p; i++) {
        reviews.startUserReview({ ...THREAD, requestId: `${p}-${i}`, request: { kind: 'command_execution' } }).resolve('accept');
      }
    });
    const first = new MetricsView(await reader.collect());
    const second = new MetricsView(await reader.collect());
    expect(first.sum(M.METRIC_REVIEWS)).toBe(8);
    expect(second.sum(M.METRIC_REVIEWS)).toBe(8);
    expect(first.histogram(M.METRIC_REVIEW_DURATION).count).toBe(8);
    await Promise.all(providers.map(tracerProvider => tracerProvider.shutdown()));
  });
});
