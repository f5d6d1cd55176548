/*
 * The metrics keep one attribute set per set of values: equal values sum
 * into one series, different ones stay apart, and past the bound new sets
 * fold into the overflow series without losing a measurement.
 */
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuardianReviewStartOptions, ToolItemStartOptions, UserApprovalRequest, UserReviewDecision } from '../src/index.js';
import { createPipeline, ms, type Pipeline, THREAD } from './pipeline.js';

/** A finished guardian review as a plain object: no SDK span to build. */
function plainGuardianSpan(reviewId: string, model: string): ReadableSpan {
  return {
    name: 'invoke_agent guardian',
    attributes: {
      'agent_review.reviewer': 'guardian',
      'gen_ai.conversation.id': 'thread-1',
      'agent_review.turn.id': 'turn-1',
      'agent_review.review.id': reviewId,
      'agent_review.action.type': 'apply_patch',
      'agent_review.guardian.timeout_ms': 1,
      'agent_review.guardian.assessment.outcome': 'allow',
      'gen_ai.request.model': model,
    },
    startTime: ms(0),
    endTime: ms(10),
    duration: ms(10),
    events: [],
    resource: { attributes: {} },
  } as unknown as ReadableSpan;
}

describe('metric attribute sets', () => {
  let pipeline: Pipeline;
  beforeEach(() => {
    pipeline = createPipeline();
  });
  afterEach(() => pipeline.shutdown());

  function guardian(reviewId: string, session: { model?: string; providerName?: string }) {
    pipeline.reviews
      .startGuardianReview({
        ...THREAD,
        reviewId,
        action: { type: 'apply_patch' },
        timeoutMs: 1,
        startTime: ms(0),
        ...session,
      })
      .approve({ endTime: ms(10) });
  }

  it('sums equal sets of values into one series and keeps different ones apart', async () => {
    for (const [itemId, status] of [['a', 'completed'], ['b', 'completed'], ['c', 'failed']] as const) {
      pipeline.reviews.startToolItem({ ...THREAD, itemId, kind: 'command_execution', toolName: 'shell' }).finish({ status });
    }
    const points = (await pipeline.metrics()).points('agent_review.tool_items');
    expect(points.map(p => [p.attributes['agent_review.item.terminal_status'], p.value])).toEqual([
      ['completed', 2],
      ['failed', 1],
    ]);
  });

  it('keys by value, so a missing model and a model named "null" get their own sets', async () => {
    guardian('g1', {});
    guardian('g2', { model: 'null', providerName: 'null' });
    const sets = (await pipeline.metrics()).points('gen_ai.client.operation.duration').map(p => p.attributes);
    expect(sets).toEqual([
      { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'guardian' },
      {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'guardian',
        'gen_ai.provider.name': 'null',
        'gen_ai.request.model': 'null',
      },
    ]);
  });

  it('keeps review sets apart that differ in any one value', async () => {
    const user = (requestId: number, request: UserApprovalRequest, decision: UserReviewDecision) =>
      pipeline.reviews.startUserReview({ ...THREAD, requestId, request }).resolve(decision);
    user(1, { kind: 'command_execution' }, 'accept');
    user(2, { kind: 'file_change' }, 'accept'); // subject
    user(3, { kind: 'command_execution' }, 'decline'); // status
    user(4, { kind: 'command_execution' }, 'accept_for_session'); // resolution
    user(5, { kind: 'command_execution', approvalId: 'x' }, 'accept'); // trigger
    guardian('g', {}); // reviewer
    expect((await pipeline.metrics()).points('agent_review.reviews')).toHaveLength(6);
  });

  it('keeps guardian sets apart that differ in any one value', async () => {
    const review = (reviewId: string, options: Partial<GuardianReviewStartOptions>) =>
      pipeline.reviews.startGuardianReview({ ...THREAD, reviewId, action: { type: 'apply_patch' }, timeoutMs: 1, model: 'm1', ...options });
    review('a', {}).approve();
    review('b', {}).deny(); // decision
    review('c', {}).timeOut(); // terminal status
    review('d', {}).failClosed('parse_error');
    review('e', {}).failClosed('session_error'); // failure kind
    review('f', { sessionKind: 'trunk_reused' }).approve(); // session kind
    review('g', {}).approve({ riskLevel: 'low' }); // risk level
    review('h', { action: { type: 'execve', source: 'shell', program: 'git' } }).approve(); // trigger
    review('i', { model: 'm2' }).approve(); // model
    expect((await pipeline.metrics()).points('agent_review.guardian.reviews')).toHaveLength(9);
  });

  it('keeps tool item sets apart that differ in any one value', async () => {
    const item = (itemId: string, kind: ToolItemStartOptions['kind'], status: 'completed' | 'failed') =>
      pipeline.reviews.startToolItem({ ...THREAD, itemId, kind, toolName: kind }).finish({ status });
    item('a', 'command_execution', 'completed');
    item('b', 'file_change', 'completed'); // kind
    item('c', 'command_execution', 'failed'); // terminal status
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, itemId: 'd', request: { kind: 'command_execution' } }).resolve('accept');
    item('d', 'command_execution', 'completed'); // final approval outcome
    expect((await pipeline.metrics()).points('agent_review.tool_items')).toHaveLength(4);
  });

  it('folds the sets past 1,999 into the overflow series, losing no measurement', async () => {
    // Plain finished spans straight into the processor: 2,100 reviews stay cheap.
    for (let i = 0; i < 2100; i++) pipeline.processor.onEnd(plainGuardianSpan(`g-${i}`, `model-${i}`));
    const view = await pipeline.metrics();
    const overflow = { 'otel.metric.overflow': true };
    expect(view.sum('agent_review.guardian.reviews')).toBe(2100);
    expect(view.points('agent_review.guardian.reviews')).toHaveLength(2000);
    expect(view.sum('agent_review.guardian.reviews', overflow)).toBe(2100 - 1999);
    expect(view.histogram('gen_ai.client.operation.duration', overflow).count).toBe(2100 - 1999);
  });

  it('reuses the set of repeated values, so repeats never reach the overflow series', async () => {
    for (let i = 0; i < 2100; i++) pipeline.processor.onEnd(plainGuardianSpan(`g-${i}`, 'one-model'));
    const view = await pipeline.metrics();
    expect(view.histogram('gen_ai.client.operation.duration', { 'gen_ai.request.model': 'one-model' }).count).toBe(2100);
    expect(view.points('gen_ai.client.operation.duration')).toHaveLength(1);
  });
});
