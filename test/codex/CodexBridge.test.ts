import { describe, expect, it } from 'vitest';
import type { CodexBridge } from '../../src/sources/codex/index.js';
import type { Pipeline } from '../pipeline.js';
import { type BridgeOptions, bridgePerTest } from './bridgePerTest.js';
import {
  answer,
  approvalRequest,
  C2S,
  COMMAND_APPROVAL,
  commandItem,
  guardianCompleted,
  guardianStarted,
  itemCompleted,
  itemStarted,
  PERMISSIONS_APPROVAL,
  resolved,
  S2C,
  T0,
  turnCompleted,
} from './appServerMessages.js';

let pipeline: Pipeline;
let bridge: CodexBridge;
const openBridge = bridgePerTest();

function setUp(options: BridgeOptions = {}) {
  ({ pipeline, bridge } = openBridge(options));
}

/** One user review of a command, answered with the given result at T0 + 300, resolved at T0 + 302. */
async function answeredCommandReview(result: unknown) {
  bridge.observe(S2C, approvalRequest(7, COMMAND_APPROVAL, T0), T0);
  bridge.observe(C2S, answer(7, result), T0 + 300);
  bridge.observe(S2C, resolved(7, T0 + 302), T0 + 303);
  const [row] = await pipeline.params('codex_review_event');
  return row!;
}

describe('CodexBridge', () => {
  it('makes a tool item row from item/started and item/completed with kind, status, exit code and timing', async () => {
    setUp();
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0), T0);
    const done = commandItem('call_1', { source: 'unifiedExecStartup', status: 'completed', exitCode: 3, durationMs: 40 });
    bridge.observe(S2C, itemCompleted(done, T0, T0 + 120), T0 + 121);
    const [row] = await pipeline.params('codex_command_execution_event');
    expect(row).toMatchObject({
      item_id: 'call_1',
      tool_name: 'unified_exec',
      terminal_status: 'completed',
      exit_code: 3,
      execution_duration_ms: 40,
      started_at_ms: T0,
      completed_at_ms: T0 + 120,
      command_unknown_action_count: 1,
    });
  });

  it('names a command that never ran shell, as Codex does', async () => {
    setUp();
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0), T0);
    bridge.observe(S2C, itemCompleted(commandItem('call_1', { status: 'declined' }), T0, T0 + 5), T0 + 5);
    const [row] = await pipeline.params('codex_command_execution_event');
    expect(row).toMatchObject({ tool_name: 'shell', terminal_status: 'rejected', failure_kind: 'approval_denied' });
  });

  it('starts a user review at the request startedAtMs and ends it when the server records the answer, as user:<id>', async () => {
    setUp();
    const row = await answeredCommandReview({ decision: 'accept' });
    expect(row).toMatchObject({
      review_id: 'user:7',
      item_id: 'call_1',
      reviewer: 'user',
      started_at_ms: T0,
      completed_at_ms: T0 + 302,
      duration_ms: 302,
    });
  });

  it('ends an answered review when the answer passed if the server never confirms it', async () => {
    setUp();
    bridge.observe(S2C, approvalRequest(7, COMMAND_APPROVAL, T0), T0);
    bridge.observe(C2S, answer(7, { decision: 'decline' }), T0 + 40);
    bridge.close(T0 + 900);
    const [row] = await pipeline.params('codex_review_event');
    expect(row).toMatchObject({ status: 'denied', completed_at_ms: T0 + 40 });
  });

  it.each([
    ['accept', 'approved', 'none'],
    ['acceptForSession', 'approved', 'session_approval'],
    ['decline', 'denied', 'none'],
    ['cancel', 'aborted', 'none'],
    [{ acceptWithExecpolicyAmendment: { execpolicy_amendment: ['echo'] } }, 'approved', 'exec_policy_amendment'],
    [{ applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'h', action: 'allow' } } }, 'approved', 'network_policy_amendment'],
    [{ applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'h', action: 'deny' } } }, 'denied', 'network_policy_amendment'],
  ])('maps the command decision %j to %s / %s', async (decision, status, resolution) => {
    setUp();
    expect(await answeredCommandReview({ decision })).toMatchObject({ status, resolution });
  });

  it.each([
    [{ permissions: { fileSystem: { write: ['/x'] } }, scope: 'turn' }, 'approved', 'none'],
    [{ permissions: { network: { enabled: true } }, scope: 'session' }, 'approved', 'session_approval'],
    [{ permissions: {}, scope: 'turn' }, 'denied', 'none'],
  ])('maps the permissions grant %j to %s / %s', async (result, status, resolution) => {
    setUp();
    const permissions = { network: null, fileSystem: { read: null, write: ['/x'] } };
    bridge.observe(S2C, approvalRequest(3, PERMISSIONS_APPROVAL, T0, { permissions }), T0);
    bridge.observe(C2S, answer(3, result), T0 + 10);
    bridge.observe(S2C, resolved(3, T0 + 11), T0 + 11);
    const [row] = await pipeline.params('codex_review_event');
    expect(row).toMatchObject({ subject_kind: 'permissions', status, resolution });
  });

  it('aborts a request still unanswered when its turn is interrupted', async () => {
    setUp();
    bridge.observe(S2C, approvalRequest(1, COMMAND_APPROVAL, T0), T0);
    bridge.observe(S2C, turnCompleted('interrupted', T0 + 50), T0 + 50);
    const [row] = await pipeline.params('codex_review_event');
    expect(row).toMatchObject({ review_id: 'user:1', status: 'aborted', completed_at_ms: T0 + 50 });
  });

  it('aborts a request still unanswered when the stream closes', async () => {
    setUp();
    bridge.observe(S2C, approvalRequest(1, COMMAND_APPROVAL, T0), T0);
    bridge.close(T0 + 80);
    const [row] = await pipeline.params('codex_review_event');
    expect(row).toMatchObject({ status: 'aborted', completed_at_ms: T0 + 80 });
  });

  it('aborts a request the client answered with a JSON-RPC error', async () => {
    setUp();
    bridge.observe(S2C, approvalRequest(1, COMMAND_APPROVAL, T0), T0);
    bridge.observe(C2S, { jsonrpc: '2.0', id: 1, error: { code: -1, message: 'no' } }, T0 + 5);
    bridge.observe(S2C, resolved(1, T0 + 6), T0 + 6);
    const [row] = await pipeline.params('codex_review_event');
    expect(row).toMatchObject({ status: 'aborted' });
  });

  it('maps a guardian allow to approved with its risk level, target item and times', async () => {
    setUp();
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 250, { status: 'approved', riskLevel: 'medium' }), T0 + 251);
    const [row] = await pipeline.params('codex_guardian_review');
    expect(row).toMatchObject({
      review_id: 'r-1',
      target_item_id: 'call_1',
      decision: 'approved',
      terminal_status: 'approved',
      risk_level: 'medium',
      started_at: Math.floor(T0 / 1000),
      completed_at: Math.floor((T0 + 250) / 1000),
    });
  });

  it('maps a guardian deny to denied', async () => {
    setUp();
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 9, { status: 'denied', riskLevel: 'high' }), T0 + 9);
    const [row] = await pipeline.params('codex_guardian_review');
    expect(row).toMatchObject({ decision: 'denied', terminal_status: 'denied', failure_kind: null, risk_level: 'high' });
  });

  it('recognises a denial without a risk level after an unparseable reply as failing closed with parse_error', async () => {
    setUp();
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    const review = { status: 'denied', riskLevel: null, rationale: 'Automatic approval review failed: guardian assessment was not valid JSON' };
    bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 900, review), T0 + 900);
    const [row] = await pipeline.params('codex_guardian_review');
    expect(row).toMatchObject({ decision: 'denied', terminal_status: 'failed_closed', failure_kind: 'parse_error' });
  });

  it.each([
    ['timedOut', 'denied', 'timed_out', 'timeout'],
    ['aborted', 'aborted', 'aborted', 'cancelled'],
  ])('maps a guardian review that ended %s to %s / %s / %s', async (status, decision, terminal, failure) => {
    setUp();
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 9, { status, riskLevel: null }), T0 + 9);
    const [row] = await pipeline.params('codex_guardian_review');
    expect(row).toMatchObject({ decision, terminal_status: terminal, failure_kind: failure });
  });

  it('finishes an item still open when its turn completes as interrupted, with no review', async () => {
    setUp();
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0), T0);
    bridge.observe(S2C, turnCompleted('interrupted', T0 + 30), T0 + 30);
    const [row] = await pipeline.params('codex_command_execution_event');
    expect(row).toMatchObject({ terminal_status: 'interrupted', completed_at_ms: T0 + 30, review_count: 0 });
  });

  it('leaves a critical risk level unset: seed 000 has no such level', async () => {
    setUp();
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 9, { status: 'denied', riskLevel: 'critical' }), T0 + 9);
    const [row] = await pipeline.params('codex_guardian_review');
    expect(row).toMatchObject({ decision: 'denied', risk_level: null });
  });

  it('takes a guardian review of apply_patch as a file change with a sandbox_denial trigger', async () => {
    setUp();
    const action = { type: 'applyPatch', cwd: '/w', files: ['/w/a'] };
    bridge.observe(S2C, guardianStarted('r-1', T0, action), T0);
    bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 9, { status: 'approved', riskLevel: 'low' }, action), T0 + 9);
    const [row] = await pipeline.params('codex_review_event');
    expect(row).toMatchObject({ subject_kind: 'file_change', subject_name: 'apply_patch', trigger: 'sandbox_denial' });
  });

  it('ignores unknown methods without counting them as malformed', async () => {
    setUp();
    bridge.observe(S2C, { method: 'thread/tokenUsage/updated', params: {}, emittedAtMs: T0 }, T0);
    bridge.observe(C2S, { jsonrpc: '2.0', id: 9, method: 'some/newMethod', params: {} }, T0);
    expect(bridge.stats).toEqual({ messages: 2, malformed: 0, expired: 0 });
    expect(await pipeline.rows()).toEqual([]);
  });

  it('counts a non-JSON line, a non-JSON-RPC value and an unreadable approval request as malformed, without throwing', () => {
    setUp();
    bridge.observeLine(S2C, 'not json {', T0);
    bridge.observe(S2C, [1, 2], T0);
    bridge.observe(S2C, { method: COMMAND_APPROVAL, id: 1, params: { threadId: 't' } }, T0);
    expect(bridge.stats.malformed).toBe(3);
  });

  it('evicts and aborts the oldest unanswered request past the cap, and counts it', async () => {
    setUp({ maxOpen: 2 });
    for (const id of [1, 2, 3]) bridge.observe(S2C, approvalRequest(id, COMMAND_APPROVAL, T0 + id), T0 + id);
    expect(bridge.stats.expired).toBe(1);
    const [row] = await pipeline.params('codex_review_event');
    expect(row).toMatchObject({ review_id: 'user:1', status: 'aborted' });
  });

  it('expires a request older than the maximum age when later messages arrive', () => {
    setUp({ maxOpenAgeMs: 1000 });
    bridge.observe(S2C, approvalRequest(1, COMMAND_APPROVAL, T0), T0);
    bridge.observe(S2C, approvalRequest(2, COMMAND_APPROVAL, T0 + 5000), T0 + 5000);
    expect(bridge.stats.expired).toBe(1);
  });
});
