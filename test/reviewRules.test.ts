/*
 * One test per Codex reducer rule (reference §3.4–§4.7), each through the
 * helpers or a hand-made span, the processor and the rows it writes.
 */
import { type Attributes, diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CodexReviewEventParams,
  type CodexToolItemEventParams,
  type GuardianReviewEventParams,
  type GuardianReviewStartOptions,
  MalformedSpanError,
  type ReviewRow,
  type ToolItemStartOptions,
  type UserApprovalRequest,
} from '../src/index.js';
import { createPipeline, type Pipeline, THREAD } from './pipeline.js';
import { type CapturingLogger, captureDiag } from './support/diagCapture.js';
import {
  guardianRequestedPermissions,
  guardianReviewSubject,
  userReviewResult,
} from './support/internals.js';

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

const ofType = <T>(rows: ReviewRow[], eventType: string) =>
  rows.filter(row => row.event_type === eventType).map(row => row.event_params as unknown as T);

async function reviewEvents(): Promise<CodexReviewEventParams[]> {
  return ofType<CodexReviewEventParams>(await pipeline.rows(), 'codex_review_event');
}

async function guardianReviews(): Promise<GuardianReviewEventParams[]> {
  return ofType<GuardianReviewEventParams>(await pipeline.rows(), 'codex_guardian_review');
}

async function toolItems(): Promise<CodexToolItemEventParams[]> {
  return (await pipeline.rows()).filter(row => row.event_type.endsWith('_event') && row.event_type !== 'codex_review_event').map(
    row => row.event_params as CodexToolItemEventParams
  );
}

function userReview(requestId: string | number, request: UserApprovalRequest, itemId?: string) {
  return pipeline.reviews.startUserReview({ ...THREAD, requestId, itemId, request });
}

function guardianReview(reviewId: string, action: GuardianReviewStartOptions['action'], targetItemId?: string) {
  return pipeline.reviews.startGuardianReview({ ...THREAD, reviewId, targetItemId, action, timeoutMs: 1 });
}

function toolItem(itemId: string, kind: ToolItemStartOptions['kind'], status: 'completed' | 'failed' | 'declined' | 'interrupted') {
  pipeline.reviews.startToolItem({ ...THREAD, itemId, kind, toolName: kind }).finish({ status });
}

/** A finished user review as any instrumentation could write it by hand. */
function handMadeUserReview(attributes: Attributes) {
  pipeline.tracer
    .startSpan('user_review', {
      attributes: {
        'agent_review.reviewer': 'user',
        'gen_ai.conversation.id': 'thread-1',
        'agent_review.turn.id': 'turn-1',
        'agent_review.request.id': 1,
        ...attributes,
      },
    })
    .end();
}

async function malformedDrops(): Promise<number> {
  return (await pipeline.metrics()).sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'malformed' });
}

describe('review rules', () => {
  it('user review id is user:{request id}', async () => {
    userReview('41', { kind: 'file_change' }).resolve('accept');
    userReview('req-7', { kind: 'file_change' }).resolve('accept');
    userReview(8, { kind: 'file_change' }).resolve('accept');
    expect((await reviewEvents()).map(row => row.review_id)).toEqual(['user:41', 'user:req-7', 'user:8']);
  });

  it.each([
    ['accept', 'approved', 'none'],
    ['accept_for_session', 'approved', 'session_approval'],
    ['accept_with_exec_policy_amendment', 'approved', 'exec_policy_amendment'],
    ['network_policy_amendment_allow', 'approved', 'network_policy_amendment'],
    ['network_policy_amendment_deny', 'denied', 'network_policy_amendment'],
    ['decline', 'denied', 'none'],
    ['cancel', 'aborted', 'none'],
  ] as const)('user decision %s gives %s / %s', async (decision, status, resolution) => {
    userReview(1, { kind: 'command_execution' }).resolve(decision);
    expect(await reviewEvents()).toMatchObject([{ status, resolution }]);
  });

  it('user decision abort gives aborted / none', async () => {
    userReview(1, { kind: 'command_execution' }).abort();
    expect(await reviewEvents()).toMatchObject([{ status: 'aborted', resolution: 'none' }]);
  });

  it('an empty effective permission grant is denied', async () => {
    userReview(1, { kind: 'permissions', permissions: { network: { enabled: true } } }).grant({ scope: 'turn', permissions: {} });
    userReview(2, { kind: 'permissions', permissions: { network: { enabled: true } } }).grant({
      scope: 'turn',
      permissions: { network: { enabled: true } },
    });
    expect((await reviewEvents()).map(row => row.status)).toEqual(['denied', 'approved']);
  });

  it('a permission grant is approved for the turn or for the session', async () => {
    const permissions = { fileSystem: { write: ['/tmp'] } };
    userReview(1, { kind: 'permissions', permissions }).grant({ scope: 'turn', permissions });
    userReview(2, { kind: 'permissions', permissions }).grant({ scope: 'session', permissions });
    expect((await reviewEvents()).map(row => [row.status, row.resolution])).toEqual([
      ['approved', 'none'],
      ['approved', 'session_approval'],
    ]);
  });

  it('a grant answers only a permissions request, which takes only a grant or an abort', async () => {
    handMadeUserReview({
      'agent_review.request.kind': 'command_execution',
      'agent_review.user.decision': 'grant',
      'agent_review.permissions.grant_scope': 'turn',
    });
    handMadeUserReview({ 'agent_review.request.id': 2, 'agent_review.request.kind': 'permissions', 'agent_review.user.decision': 'accept' });
    handMadeUserReview({ 'agent_review.request.id': 3, 'agent_review.request.kind': 'permissions', 'agent_review.user.decision': 'grant' });
    handMadeUserReview({ 'agent_review.request.id': 4, 'agent_review.request.kind': 'permissions', 'agent_review.user.decision': 'abort' });
    expect(await malformedDrops()).toBe(3);
    expect(await reviewEvents()).toMatchObject([{ review_id: 'user:4', status: 'aborted' }]);
    // Drops are told once per interval, with the first reason: the first at once, the rest at the flush.
    expect(logger.warnings).toEqual([
      'ReviewEventProcessor dropped 1 rows (malformed 1); first: malformed span "user_review": a grant decision needs a permissions request with a grant scope',
      'ReviewEventProcessor dropped 2 rows (malformed 2); first: malformed span "user_review": a permissions request is answered with grant or abort, got accept',
    ]);
  });

  it('a command approval that carries a network approval context is network_access', async () => {
    userReview(1, { kind: 'command_execution', networkApprovalContext: true }).resolve('accept');
    userReview(2, { kind: 'command_execution' }).resolve('accept');
    userReview(3, { kind: 'file_change' }).resolve('accept');
    userReview(4, { kind: 'permissions', permissions: {} }).abort();
    expect((await reviewEvents()).map(row => [row.subject_kind, row.subject_name])).toEqual([
      ['network_access', 'network_access'],
      ['command_execution', 'command_execution'],
      ['file_change', 'apply_patch'],
      ['permissions', 'permissions'],
    ]);
  });

  it('trigger precedence is execve, then network, then additional permissions, then initial', async () => {
    const all = { networkApprovalContext: true, additionalPermissions: { fileSystem: { read: ['/a'] } } };
    userReview(1, { kind: 'command_execution', approvalId: 'x', ...all }).resolve('accept');
    userReview(2, { kind: 'command_execution', ...all }).resolve('accept');
    userReview(3, { kind: 'command_execution', additionalPermissions: { fileSystem: { read: ['/a'] } } }).resolve('accept');
    userReview(4, { kind: 'command_execution' }).resolve('accept');
    expect((await reviewEvents()).map(row => row.trigger)).toEqual([
      'execve_intercept',
      'network_policy_denial',
      'sandbox_denial',
      'initial',
    ]);
  });

  it('requested permissions follow the request shape', () => {
    const requests: UserApprovalRequest[] = [
      { kind: 'command_execution', networkApprovalContext: true },
      { kind: 'command_execution', proposedNetworkPolicyAmendments: 2 },
      { kind: 'command_execution', additionalPermissions: { network: { enabled: true } } },
      { kind: 'file_change', grantRoot: '/repo' },
      { kind: 'permissions', permissions: { fileSystem: { write: ['/tmp'] } } },
    ];
    requests.forEach((request, i) => userReview(i, request).abort());
    const requested = pipeline.spans
      .getFinishedSpans()
      .map(span => [span.attributes['agent_review.request.network_access'], span.attributes['agent_review.request.additional_permissions']]);
    expect(requested).toEqual([
      [true, false],
      [true, false],
      [true, true],
      [false, true],
      [false, true],
    ]);
  });

  it.each([
    ['shell', { type: 'shell', sandboxPermissions: 'use_default' }, 'command_execution', 'command_execution', 'initial'],
    ['unified_exec', { type: 'unified_exec', tty: false, sandboxPermissions: 'use_default' }, 'command_execution', 'command_execution', 'initial'],
    ['execve', { type: 'execve', source: 'shell', program: 'git' }, 'command_execution', 'command_execution', 'execve_intercept'],
    ['apply_patch', { type: 'apply_patch' }, 'file_change', 'apply_patch', 'sandbox_denial'],
    ['network_access', { type: 'network_access', protocol: 'https', port: 443 }, 'network_access', 'network_access', 'network_policy_denial'],
    ['mcp_tool_call', { type: 'mcp_tool_call', server: 'gh', toolName: 'create_pr' }, 'mcp_tool_call', 'create_pr', 'initial'],
  ] as const)('guardian action %s maps to subject %s / %s and trigger %s', async (_type, action, kind, name, trigger) => {
    guardianReview('g', action).approve();
    expect(await reviewEvents()).toMatchObject([{ subject_kind: kind, subject_name: name, trigger }]);
  });

  it('guardian permission requests take their trigger from what they ask for', async () => {
    guardianReview('g1', { type: 'request_permissions', permissions: { network: { enabled: true } } }).approve();
    guardianReview('g2', { type: 'request_permissions', permissions: { fileSystem: {} } }).approve();
    guardianReview('g3', { type: 'request_permissions', permissions: {} }).approve();
    expect((await reviewEvents()).map(row => row.trigger)).toEqual(['network_policy_denial', 'sandbox_denial', 'initial']);
  });

  it('guardian actions request permissions by their kind', async () => {
    guardianReview('g1', { type: 'apply_patch' }, 'patch').approve();
    guardianReview('g2', { type: 'mcp_tool_call', server: 's', toolName: 't' }, 'mcp').approve();
    // A shell span that says it asks for permissions still asks for none.
    pipeline.tracer
      .startSpan('invoke_agent guardian', {
        attributes: {
          'agent_review.reviewer': 'guardian',
          'gen_ai.conversation.id': 'thread-1',
          'agent_review.turn.id': 'turn-1',
          'agent_review.review.id': 'g3',
          'gen_ai.tool.call.id': 'shell',
          'agent_review.action.type': 'shell',
          'agent_review.action.sandbox_permissions': 'use_default',
          'agent_review.request.network_access': true,
          'agent_review.request.additional_permissions': true,
          'agent_review.guardian.timeout_ms': 1,
          'agent_review.guardian.assessment.outcome': 'allow',
        },
      })
      .end();
    toolItem('patch', 'file_change', 'completed');
    toolItem('mcp', 'mcp_tool_call', 'completed');
    toolItem('shell', 'command_execution', 'completed');
    expect((await toolItems()).map(row => [row.item_id, row.requested_network_access, row.requested_additional_permissions])).toEqual([
      ['patch', false, true],
      ['mcp', false, false],
      ['shell', false, false],
    ]);
  });

  it('guardian timeout is denied, timed_out, timeout', async () => {
    guardianReview('g', { type: 'apply_patch' }).timeOut();
    expect(await guardianReviews()).toMatchObject([{ decision: 'denied', terminal_status: 'timed_out', failure_kind: 'timeout' }]);
    expect(await reviewEvents()).toMatchObject([{ status: 'timed_out' }]);
  });

  it('guardian cancel is aborted, aborted, cancelled', async () => {
    guardianReview('g', { type: 'apply_patch' }).abort();
    expect(await guardianReviews()).toMatchObject([{ decision: 'aborted', terminal_status: 'aborted', failure_kind: 'cancelled' }]);
    expect(await reviewEvents()).toMatchObject([{ status: 'aborted' }]);
  });

  it.each(['prompt_build_error', 'session_error', 'parse_error'] as const)('guardian %s fails closed: denied, failed_closed', async kind => {
    // A failure wins over an assessment the span also carries.
    const review = guardianReview('g', { type: 'apply_patch' });
    review.span.setAttribute('agent_review.guardian.assessment.outcome', 'allow');
    review.failClosed(kind);
    expect(await guardianReviews()).toMatchObject([{ decision: 'denied', terminal_status: 'failed_closed', failure_kind: kind }]);
    expect(await reviewEvents()).toMatchObject([{ status: 'denied' }]);
  });

  it('a guardian assessment decides when nothing failed, and nothing means in progress', async () => {
    guardianReview('g1', { type: 'apply_patch' }).approve();
    guardianReview('g2', { type: 'apply_patch' }).deny();
    guardianReview('g3', { type: 'apply_patch' }).span.end();
    expect((await guardianReviews()).map(row => [row.review_id, row.terminal_status])).toEqual([
      ['g1', 'approved'],
      ['g2', 'denied'],
    ]);
    const metrics = await pipeline.metrics();
    expect(metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'incomplete' })).toBe(2);
  });

  const shell = { type: 'shell', sandboxPermissions: 'use_default' } as const;
  it.each([
    ['guardian approved', () => guardianReview('g', shell, 'i').approve(), 'guardian_approved'],
    ['guardian denied', () => guardianReview('g', shell, 'i').deny(), 'guardian_denied'],
    ['guardian timed out', () => guardianReview('g', shell, 'i').timeOut(), 'guardian_aborted'],
    ['guardian aborted', () => guardianReview('g', shell, 'i').abort(), 'guardian_aborted'],
    ['user approved for the session', () => userReview(1, { kind: 'command_execution' }, 'i').resolve('accept_for_session'), 'user_approved_for_session'],
    ['user approved with an exec policy amendment', () => userReview(1, { kind: 'command_execution' }, 'i').resolve('accept_with_exec_policy_amendment'), 'user_approved'],
    ['user denied with a network policy amendment', () => userReview(1, { kind: 'command_execution' }, 'i').resolve('network_policy_amendment_deny'), 'user_denied'],
    ['user aborted', () => userReview(1, { kind: 'command_execution' }, 'i').abort(), 'user_aborted'],
  ])('final approval outcome of a review %s is %s', async (_review, review, outcome) => {
    review();
    toolItem('i', 'command_execution', 'completed');
    expect(await toolItems()).toMatchObject([{ review_count: 1, final_approval_outcome: outcome }]);
  });

  it('only command, file change and MCP reviews count on tool items', async () => {
    guardianReview('g1', shell, 'cmd').approve();
    guardianReview('g2', { type: 'apply_patch' }, 'patch').approve();
    guardianReview('g3', { type: 'mcp_tool_call', server: 's', toolName: 't' }, 'mcp').approve();
    guardianReview('g4', { type: 'request_permissions', permissions: {} }, 'perm').approve();
    guardianReview('g5', { type: 'network_access', protocol: 'https', port: 443 }, 'net').approve();
    for (const id of ['cmd', 'patch', 'mcp', 'perm', 'net']) toolItem(id, 'command_execution', 'completed');
    expect((await toolItems()).map(row => [row.item_id, row.review_count])).toEqual([
      ['cmd', 1],
      ['patch', 1],
      ['mcp', 1],
      ['perm', 0],
      ['net', 0],
    ]);
  });

  it('tool item status maps to terminal status and failure kind', async () => {
    toolItem('a', 'command_execution', 'completed');
    toolItem('b', 'file_change', 'failed');
    toolItem('c', 'command_execution', 'declined');
    toolItem('d', 'collab_agent_tool_call', 'interrupted');
    toolItem('e', 'web_search', 'failed');
    toolItem('f', 'image_generation', 'failed');
    toolItem('g', 'image_generation', 'declined');
    expect((await toolItems()).map(row => [row.item_id, row.terminal_status, row.failure_kind])).toEqual([
      ['a', 'completed', null],
      ['b', 'failed', 'tool_error'],
      ['c', 'rejected', 'approval_denied'],
      ['d', 'interrupted', null],
      ['e', 'completed', null],
      ['f', 'failed', 'tool_error'],
      ['g', 'completed', null],
    ]);
  });
});

describe('review rules, called directly', () => {
  const NONE = { network: false, additional: false };

  it('a guardian network access review asks for network and additional permissions, whatever the span says', () => {
    expect(guardianRequestedPermissions('network_access', NONE)).toEqual({ network: true, additional: true });
  });

  it('a guardian MCP tool call review without its tool name is malformed', () => {
    expect(() => guardianReviewSubject('mcp_tool_call', null, NONE)).toThrow(MalformedSpanError);
    expect(() => guardianReviewSubject('mcp_tool_call', null, NONE)).toThrow('an mcp_tool_call action needs its tool name');
  });

  it('a grant decision on a permissions request without a grant is malformed', () => {
    expect(() => userReviewResult('permissions', 'grant', null)).toThrow(MalformedSpanError);
  });
});
