/*
 * User reviews from the helpers to their rows: what each approval request
 * asks for, the answers, and the reviews kept for a tool item until it ends.
 */
import { diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserApprovalRequest, UserReviewSpan } from '../src/index.js';
import { createPipeline, ms, type Pipeline, THREAD } from './pipeline.js';
import { type CapturingLogger, captureDiag } from './support/diagCapture.js';
import { finishedSpan } from './support/finishedSpans.js';

describe('user review spans and rows', () => {
  let pipeline: Pipeline;
  let logger: CapturingLogger;
  beforeEach(() => {
    pipeline = createPipeline();
    logger = captureDiag();
  });
  afterEach(async () => {
    diag.disable();
    await pipeline.shutdown();
  });

  function accepted(request: UserApprovalRequest, itemId?: string) {
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 5, itemId, request }).resolve('accept');
    return finishedSpan(pipeline, 'agent_review.request.id', 5).attributes;
  }

  it('writes a command approval with its execve approval id and network context', () => {
    expect(
      accepted({ kind: 'command_execution', approvalId: 'a1', networkApprovalContext: true }, 'item-1')
    ).toEqual({
      'gen_ai.conversation.id': 'thread-1',
      'agent_review.turn.id': 'turn-1',
      'agent_review.reviewer': 'user',
      'agent_review.request.id': 5,
      'agent_review.request.kind': 'command_execution',
      'agent_review.request.network_access': true,
      'agent_review.request.additional_permissions': false,
      'gen_ai.tool.call.id': 'item-1',
      'agent_review.request.approval_id': 'a1',
      'agent_review.request.network_approval_context': true,
      'agent_review.user.decision': 'accept',
    });
  });

  it('writes a file change approval without command-only attributes', () => {
    expect(accepted({ kind: 'file_change', grantRoot: '/repo' })).toEqual({
      'gen_ai.conversation.id': 'thread-1',
      'agent_review.turn.id': 'turn-1',
      'agent_review.reviewer': 'user',
      'agent_review.request.id': 5,
      'agent_review.request.kind': 'file_change',
      'agent_review.request.network_access': false,
      'agent_review.request.additional_permissions': true,
      'agent_review.user.decision': 'accept',
    });
  });

  it.each([
    [{ kind: 'command_execution' }, false, false],
    [{ kind: 'command_execution', networkApprovalContext: false }, false, false],
    [{ kind: 'command_execution', proposedNetworkPolicyAmendments: 1 }, true, false],
    [{ kind: 'command_execution', proposedNetworkPolicyAmendments: 0 }, false, false],
    [{ kind: 'command_execution', additionalPermissions: { network: { enabled: true } } }, true, true],
    [{ kind: 'command_execution', additionalPermissions: { network: { enabled: false } } }, false, true],
    [{ kind: 'command_execution', additionalPermissions: {} }, false, true],
    [{ kind: 'file_change' }, false, false],
    [{ kind: 'permissions', permissions: { network: { enabled: true } } }, true, true],
    [{ kind: 'permissions', permissions: { fileSystem: { read: ['/a'] } } }, false, true],
    [{ kind: 'permissions', permissions: { network: { enabled: false } } }, false, false],
  ] as const)('reads %j as asking for network %s and additional permissions %s', (request, network, additional) => {
    expect(accepted(request as UserApprovalRequest)).toMatchObject({
      'agent_review.request.network_access': network,
      'agent_review.request.additional_permissions': additional,
    });
  });

  it('gives an execve interception the execve trigger and a network context the network subject', async () => {
    pipeline.reviews
      .startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution', approvalId: 'x' } })
      .resolve('accept');
    pipeline.reviews
      .startUserReview({ ...THREAD, requestId: 2, request: { kind: 'command_execution', networkApprovalContext: true } })
      .resolve('accept');
    expect(await pipeline.params('codex_review_event')).toMatchObject([
      { review_id: 'user:1', subject_kind: 'command_execution', trigger: 'execve_intercept' },
      { review_id: 'user:2', subject_kind: 'network_access', subject_name: 'network_access', trigger: 'network_policy_denial' },
    ]);
  });

  it.each([
    [{}, 'turn', 'denied', 'none'],
    [{ network: { enabled: false } }, 'turn', 'approved', 'none'],
    [{ fileSystem: {} }, 'session', 'approved', 'session_approval'],
  ] as const)('answers a grant of %j for the %s as %s / %s', async (permissions, scope, status, resolution) => {
    const review = pipeline.reviews.startUserReview({
      ...THREAD,
      requestId: 3,
      request: { kind: 'permissions', permissions: { network: { enabled: true } } },
      startTime: ms(100),
    });
    review.grant({ scope, permissions, endTime: ms(130) });
    expect(await pipeline.params('codex_review_event')).toEqual([
      {
        thread_id: 'thread-1',
        turn_id: 'turn-1',
        item_id: null,
        review_id: 'user:3',
        app_server_client: null,
        runtime: null,
        thread_source: null,
        subagent_source: null,
        parent_thread_id: null,
        subject_kind: 'permissions',
        subject_name: 'permissions',
        reviewer: 'user',
        trigger: 'network_policy_denial',
        status,
        resolution,
        started_at_ms: 100,
        completed_at_ms: 130,
        duration_ms: 30,
      },
    ]);
    expect(finishedSpan(pipeline, 'agent_review.request.id', 3).attributes).toMatchObject({
      'agent_review.user.decision': 'grant',
      'agent_review.permissions.grant_scope': scope,
    });
  });

  it.each([1.5, 2 ** 53, ''])('drops a hand-made review whose request id is %j', async requestId => {
    const logger = captureDiag();
    pipeline.tracer
      .startSpan('user_review file_change', {
        attributes: {
          'agent_review.reviewer': 'user',
          'gen_ai.conversation.id': 'th',
          'agent_review.turn.id': 't',
          'agent_review.request.id': requestId,
          'agent_review.request.kind': 'file_change',
          'agent_review.user.decision': 'accept',
        },
      })
      .end();
    expect(await pipeline.rows()).toEqual([]);
    expect(logger.warnings).toEqual([
      `ReviewEventProcessor dropped 1 rows (malformed 1); first: malformed span "user_review file_change": attribute agent_review.request.id must be a non-empty string or an integer, got ${JSON.stringify(requestId)}`,
    ]);
  });

  it('aborts a request that was never answered', async () => {
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 4, request: { kind: 'file_change' } }).abort();
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ status: 'aborted', resolution: 'none' }]);
  });

  it.each([
    ['resolve', (review: UserReviewSpan) => review.resolve('decline')],
    ['grant', (review: UserReviewSpan) => review.grant({ scope: 'turn', permissions: {} })],
    ['abort', (review: UserReviewSpan) => review.abort()],
  ] as const)('ignores %s on a finished review and says so', async (operation, call) => {
    const review = pipeline.reviews.startUserReview({ ...THREAD, requestId: 9, request: { kind: 'command_execution' } });
    review.resolve('accept');
    call(review);
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ status: 'approved' }]);
    expect(logger.warnings).toEqual([
      `agent-review-telemetry ${operation} on a finished span "user review of command_execution request 9" was ignored`,
    ]);
  });
});

describe('reviews kept for a tool item', () => {
  let pipeline: Pipeline;
  beforeEach(() => {
    pipeline = createPipeline({ processor: { maxPendingItems: 2 } });
  });
  afterEach(() => pipeline.shutdown());

  const review = (requestId: number, itemId: string, decision: 'accept' | 'decline' | 'cancel') =>
    pipeline.reviews.startUserReview({ ...THREAD, requestId, itemId, request: { kind: 'command_execution' } }).resolve(decision);
  const item = (itemId: string) =>
    pipeline.reviews.startToolItem({ ...THREAD, itemId, kind: 'command_execution', toolName: 'shell' }).finish({ status: 'completed' });
  const outcomes = async () =>
    Object.fromEntries(
      (await pipeline.params('codex_command_execution_event')).map(row => {
        const item = row as { item_id: string; review_count: number; final_approval_outcome: string };
        return [item.item_id, [item.review_count, item.final_approval_outcome]];
      })
    );

  it('forgets the reviews of an item once its row is written', async () => {
    review(1, 'a', 'accept');
    expect(pipeline.processor.pendingItemCount).toBe(1);
    item('a');
    expect(pipeline.processor.pendingItemCount).toBe(0);
  });

  it('evicts the item reviewed least recently, not the one reviewed first', async () => {
    review(1, 'a', 'accept');
    review(2, 'b', 'accept');
    review(3, 'a', 'decline');
    review(4, 'c', 'cancel');
    for (const id of ['a', 'b', 'c']) item(id);
    expect(await outcomes()).toEqual({
      a: [2, 'user_denied'],
      b: [0, 'unknown'],
      c: [1, 'user_aborted'],
    });
  });

  it('puts a network request of a command approval on its tool item', async () => {
    pipeline.reviews
      .startUserReview({ ...THREAD, requestId: 1, itemId: 'a', request: { kind: 'command_execution', proposedNetworkPolicyAmendments: 1 } })
      .resolve('accept');
    item('a');
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([
      { requested_network_access: true, requested_additional_permissions: false },
    ]);
  });

  it('keeps nothing for a review without a tool item', async () => {
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
    expect(pipeline.processor.pendingItemCount).toBe(0);
  });

  it('does not count a network approval on the tool item', async () => {
    pipeline.reviews
      .startUserReview({ ...THREAD, requestId: 1, itemId: 'a', request: { kind: 'command_execution', networkApprovalContext: true } })
      .resolve('accept');
    expect(pipeline.processor.pendingItemCount).toBe(0);
  });
});
