/*
 * Whatever the agent hands the helpers, and whatever span reaches the
 * processor, nothing is thrown into the agent and no bad row is made: a bad
 * call is logged and ignored, a bad span is a counted malformed drop.
 */
import { DiagLogLevel, diag } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  GuardianReviewedActionInput,
  GuardianReviewStartOptions,
  ToolItemFinishOptions,
  ToolItemStartOptions,
  UserReviewStartOptions,
} from '../src/index.js';
import { CapturingLogger, captureDiag } from './support/diagCapture.js';
import { createPipeline, type Pipeline, THREAD } from './pipeline.js';
import { handMadeSpan, USER_REVIEW_ATTRIBUTES } from './support/handMadeSpan.js';
import { REDACTED } from './support/internals.js';


function cyclic(): unknown {
  const value: Record<string, unknown> = { name: 'loop' };
  value.self = value;
  return value;
}

const UNSERIALISABLE: [string, () => unknown][] = [
  ['a cycle', cyclic],
  ['a BigInt', () => ({ size: 10n })],
  ['a throwing toJSON', () => ({ toJSON: () => { throw new Error('no'); } })],
  ['a throwing getter', () => Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no'); } })],
];

function mcpReview(pipeline: Pipeline, reviewId: string, args: unknown) {
  return pipeline.reviews.startGuardianReview({
    ...THREAD,
    reviewId,
    timeoutMs: 1000,
    action: { type: 'mcp_tool_call', server: 'srv', toolName: 'tool', arguments: args } as GuardianReviewedActionInput,
  });
}

describe('hostile input', () => {
  let lines: CapturingLogger;
  beforeEach(() => {
    lines = new CapturingLogger();
    diag.setLogger(lines, DiagLogLevel.WARN);
  });
  afterEach(() => diag.disable());

  for (const [name, make] of UNSERIALISABLE) {
    it(`takes MCP arguments with ${name}, content on, and keeps the review with null arguments`, async () => {
      const pipeline = createPipeline({ recordContent: true });
      expect(() => mcpReview(pipeline, 'r', make()).approve()).not.toThrow();
      const [row] = await pipeline.rows();
      expect((row?.event_params as { reviewed_action: unknown }).reviewed_action).toMatchObject({ arguments: null });
      await pipeline.shutdown();
    });
  }

  it('does not even serialise content while content is off', async () => {
    const pipeline = createPipeline();
    let calls = 0;
    mcpReview(pipeline, 'r', { toJSON: () => ++calls }).approve();
    expect(calls).toBe(0);
    expect(await pipeline.rows()).toHaveLength(2);
    await pipeline.shutdown();
  });

  it('returns a handle that does nothing for options it cannot read', async () => {
    const pipeline = createPipeline();
    expect(() => {
      pipeline.reviews.startToolItem(undefined as unknown as ToolItemStartOptions).finish({ status: 'completed' });
      pipeline.reviews.startUserReview({ ...THREAD, requestId: 1 } as UserReviewStartOptions).resolve('accept');
      pipeline.reviews.startGuardianReview(null as unknown as GuardianReviewStartOptions).approve();
    }).not.toThrow();
    expect(await pipeline.rows()).toEqual([]);
    expect(pipeline.spans.getFinishedSpans()).toEqual([]);
    expect(lines.lines.filter(line => /options it cannot read/.test(line))).toHaveLength(3);
    await pipeline.shutdown();
  });

  it('ends the span of a finishing call whose options it cannot read, and counts it malformed', async () => {
    const pipeline = createPipeline();
    const item = pipeline.reviews.startToolItem({ ...THREAD, itemId: 'i', kind: 'command_execution', toolName: 'shell' });
    expect(() => item.finish(undefined as unknown as ToolItemFinishOptions)).not.toThrow();
    expect(item.finished).toBe(true);
    expect(pipeline.spans.getFinishedSpans()).toHaveLength(1);
    expect(await pipeline.rows()).toEqual([]);
    const view = await pipeline.metrics();
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'malformed' })).toBe(1);
    await pipeline.shutdown();
  });

  it('ignores a guardian tool call of an unknown kind', async () => {
    const pipeline = createPipeline();
    const review = mcpReview(pipeline, 'r', undefined);
    review.recordToolCall('shell');
    expect(() => review.recordToolCall('teleport' as 'shell')).not.toThrow();
    review.approve();
    const [row] = await pipeline.rows();
    expect((row?.event_params as { guardian_tool_call_count: number }).guardian_tool_call_count).toBe(1);
    await pipeline.shutdown();
  });

  it('uses now, with a warning, for a time that is no time', async () => {
    const pipeline = createPipeline();
    pipeline.reviews
      .startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' }, startTime: Number.NaN })
      .resolve('accept', { endTime: 'yesterday' as unknown as number });
    const [row] = await pipeline.rows();
    expect(Number.isSafeInteger((row?.event_params as { started_at_ms: number }).started_at_ms)).toBe(true);
    expect(lines.lines.filter(line => /not a valid time/.test(line))).toHaveLength(2);
    await pipeline.shutdown();
  });

  const BAD_TIMES: [string, Partial<ReadableSpan>][] = [
    ['a NaN start', { startTime: [Number.NaN, 0] }],
    ['an infinite end', { endTime: [Number.POSITIVE_INFINITY, 0] }],
    ['an end past the safe integers', { endTime: [Number.MAX_SAFE_INTEGER, 0] }],
    ['a start that is no HrTime', { startTime: 'now' as never }],
  ];
  for (const [name, times] of BAD_TIMES) {
    it(`counts a span with ${name} as malformed instead of making a row`, async () => {
      const pipeline = createPipeline();
      pipeline.processor.onEnd(handMadeSpan(USER_REVIEW_ATTRIBUTES, times));
      expect(await pipeline.rows()).toEqual([]);
      const view = await pipeline.metrics();
      expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'malformed' })).toBe(1);
      await pipeline.shutdown();
    });
  }

  it('counts a span with an oversized id as malformed, so ids cannot grow its state', async () => {
    const pipeline = createPipeline();
    pipeline.processor.onEnd(handMadeSpan({ ...USER_REVIEW_ATTRIBUTES, 'gen_ai.conversation.id': 'x'.repeat(256 * 1024) }));
    expect(await pipeline.rows()).toEqual([]);
    const view = await pipeline.metrics();
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'malformed' })).toBe(1);
    expect(lines.lines.join('\n').length).toBeLessThan(2000);
    await pipeline.shutdown();
  });

  it('keeps content out of rows when the span does not say it recorded content', async () => {
    const pipeline = createPipeline({ recordContent: true });
    pipeline.processor.onEnd(
      handMadeSpan({
        ...USER_REVIEW_ATTRIBUTES,
        'agent_review.reviewer': 'guardian',
        'agent_review.review.id': 'g',
        'agent_review.guardian.timeout_ms': 10,
        'agent_review.action.type': 'shell',
        'agent_review.action.sandbox_permissions': 'use_default',
        'agent_review.action.command': ['cat', 'secret.txt'],
        'agent_review.guardian.rationale': 'it reads secret.txt',
        'agent_review.guardian.assessment.outcome': 'allow',
      })
    );
    const [row] = await pipeline.rows();
    expect(row?.event_params).toMatchObject({ reviewed_action: { type: 'shell', sandbox_permissions: 'use_default' }, rationale: null });
    expect(JSON.stringify(row)).not.toContain('secret.txt');
    await pipeline.shutdown();
  });

  it('keeps content out of rows when the processor records none, whatever the span says', async () => {
    const pipeline = createPipeline({ recordContent: true, processor: { recordContent: false } });
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g',
        timeoutMs: 10,
        action: { type: 'shell', sandboxPermissions: 'use_default', command: ['cat', 'secret.txt'] },
      })
      .deny({ rationale: 'it reads secret.txt' });
    const rows = await pipeline.rows();
    expect(JSON.stringify(rows)).not.toContain('secret.txt');
    await pipeline.shutdown();
  });

  it('masks secret shapes in recorded content, on the span and in the row', async () => {
    const pipeline = createPipeline({ recordContent: true });
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId: 'g',
        timeoutMs: 10,
        action: { type: 'shell', sandboxPermissions: 'use_default', command: ['curl', '-H', 'Authorization: Bearer abcdefgh12345678'] },
      })
      .approve({ rationale: 'uses key sk-abcdefghijklmnop1234' });
    const [row] = await pipeline.rows();
    const [span] = pipeline.spans.getFinishedSpans();
    expect(span?.attributes['agent_review.action.command']).toEqual(['curl', '-H', `Authorization: Bearer ${REDACTED}`]);
    expect(row?.event_params).toMatchObject({
      reviewed_action: { command: ['curl', '-H', `Authorization: Bearer ${REDACTED}`] },
      rationale: `uses key ${REDACTED}`,
    });
    await pipeline.shutdown();
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'row'],
    ['an object without event_type', { event_params: {} }],
    ['an object whose event_type is not a string', { event_type: 7, event_params: {} }],
  ])('drops the row, counted and told, when the mask returns %s', async (_what, returned) => {
    const lines = captureDiag();
    const pipeline = createPipeline({ processor: { mask: () => returned as never } });
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
    expect(await pipeline.rows()).toEqual([]);
    const view = await pipeline.metrics();
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'internal_error' })).toBe(1);
    await pipeline.shutdown();
    diag.disable();
    expect(lines.lines).toEqual(['ReviewEventProcessor dropped 1 rows (internal_error 1); first: the row mask returned no row']);
  });

  it('names the error of a mask that throws', async () => {
    const lines = captureDiag();
    const pipeline = createPipeline({
      processor: {
        mask: () => {
          throw new TypeError('mask on fire');
        },
      },
    });
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
    await pipeline.shutdown();
    diag.disable();
    expect(lines.lines).toEqual(['ReviewEventProcessor dropped 1 rows (internal_error 1); first: the row mask failed: TypeError']);
  });

  it('lets a mask change every row before any sink, and counts the row of a mask that throws or returns no row', async () => {
    const pipeline = createPipeline({
      processor: {
        mask: row => {
          if (row.event_params.thread_id === 'bad') throw new Error('mask on fire');
          if (row.event_params.thread_id === 'empty') return undefined as never;
          return { ...row, event_params: { ...row.event_params, turn_id: 'masked' } } as typeof row;
        },
      },
    });
    for (const threadId of ['good', 'bad', 'empty']) {
      pipeline.reviews.startUserReview({ threadId, turnId: 't', requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
    }
    const rows = await pipeline.rows();
    expect(rows.map(row => row.event_params.turn_id)).toEqual(['masked']);
    const view = await pipeline.metrics();
    expect(view.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'internal_error' })).toBe(2);
    await pipeline.shutdown();
  });
});
