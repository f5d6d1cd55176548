/* The user review rows the bridge makes from approval requests and answers, and the payloads it cannot read. */
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
  itemStarted,
  PERMISSIONS_APPROVAL,
  resolved,
  S2C,
  T0,
} from './appServerMessages.js';

const FILE_CHANGE_APPROVAL = 'item/fileChange/requestApproval';

let pipeline: Pipeline;
let bridge: CodexBridge;
const openBridge = bridgePerTest();

function setUp(options: BridgeOptions = {}) {
  ({ pipeline, bridge } = openBridge(options));
}

/** A request of `method` answered at T0 + 40 with `reply`, then the stream closes at T0 + 900 unconfirmed. */
async function answeredThenClosed(method: string, reply: Record<string, unknown>, params: Record<string, unknown> = {}) {
  setUp();
  bridge.observe(S2C, approvalRequest(7, method, T0, params), T0);
  bridge.observe(C2S, { jsonrpc: '2.0', id: 7, ...reply }, T0 + 40);
  bridge.close(T0 + 900);
  const rows = await pipeline.params('codex_review_event');
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

function userReviewSpan() {
  const spans = pipeline.spans.getFinishedSpans().filter(span => span.attributes['agent_review.reviewer'] === 'user');
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe('user approval payloads', () => {
  it.each([
    ['threadId', { threadId: undefined }],
    ['turnId', { turnId: 7 }],
    ['startedAtMs', { startedAtMs: 'soon' }],
  ])('counts an approval request without a readable %s as malformed and starts no review', async (_field, params) => {
    setUp();
    bridge.observe(S2C, approvalRequest(1, COMMAND_APPROVAL, T0, params), T0);
    bridge.close(T0 + 10);
    expect(bridge.stats.malformed).toBe(1);
    expect(await pipeline.params('codex_review_event')).toEqual([]);
  });

  it('records a command request with its approval id, network context and requested permissions', async () => {
    const params = {
      approvalId: 'ap-1',
      networkApprovalContext: { host: 'example.com' },
      proposedNetworkPolicyAmendments: [{ host: 'example.com', action: 'allow' }],
      additionalPermissions: { network: { enabled: true }, fileSystem: null },
    };
    const row = await answeredThenClosed(COMMAND_APPROVAL, { result: { decision: 'accept' } }, params);
    expect(row).toMatchObject({ subject_kind: 'network_access', status: 'approved' });
    expect(userReviewSpan().attributes).toMatchObject({
      'agent_review.request.approval_id': 'ap-1',
      'agent_review.request.network_approval_context': true,
      'agent_review.request.network_access': true,
      'agent_review.request.additional_permissions': true,
    });
  });

  it('records a plain command request as a command review that asks for nothing more', async () => {
    const row = await answeredThenClosed(COMMAND_APPROVAL, { result: { decision: 'accept' } }, { additionalPermissions: null });
    expect(row).toMatchObject({ subject_kind: 'command_execution' });
    expect(userReviewSpan().attributes).toMatchObject({
      'agent_review.request.network_approval_context': false,
      'agent_review.request.network_access': false,
      'agent_review.request.additional_permissions': false,
    });
  });

  it('records a file change request as a review of apply_patch', async () => {
    const row = await answeredThenClosed(FILE_CHANGE_APPROVAL, { result: { decision: 'acceptForSession' } }, { grantRoot: '/w' });
    expect(row).toMatchObject({ subject_kind: 'file_change', subject_name: 'apply_patch', status: 'approved', resolution: 'session_approval' });
  });

  it('takes a permissions request whose permissions are not an object as asking for nothing, without counting it malformed', async () => {
    const row = await answeredThenClosed(PERMISSIONS_APPROVAL, { result: { scope: 'turn', permissions: {} } }, { permissions: null });
    expect(row).toMatchObject({ subject_kind: 'permissions', status: 'denied' });
    expect(bridge.stats.malformed).toBe(0);
  });

  it('parents a user review on the open tool item it names', async () => {
    setUp();
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0), T0);
    bridge.observe(S2C, approvalRequest(7, COMMAND_APPROVAL, T0 + 1), T0 + 1);
    bridge.observe(C2S, answer(7, { decision: 'accept' }), T0 + 2);
    bridge.observe(S2C, resolved(7, T0 + 3), T0 + 3);
    bridge.close(T0 + 4);
    const item = pipeline.spans.getFinishedSpans().find(span => span.name.startsWith('execute_tool'))!;
    expect(userReviewSpan().parentSpanContext?.spanId).toBe(item.spanContext().spanId);
  });

  it('takes an answer with a null error as the answer it carries', async () => {
    const row = await answeredThenClosed(COMMAND_APPROVAL, { result: { decision: 'accept' }, error: null });
    expect(row).toMatchObject({ status: 'approved' });
    expect(bridge.stats.malformed).toBe(0);
  });

  it('aborts a review answered with an error at the time the error passed, without counting it malformed', async () => {
    const row = await answeredThenClosed(COMMAND_APPROVAL, { error: { code: -1, message: 'no' } });
    expect(row).toMatchObject({ status: 'aborted', completed_at_ms: T0 + 40 });
    expect(bridge.stats.malformed).toBe(0);
  });

  it.each([
    ['a command answer that is not an object', COMMAND_APPROVAL, { result: 'accept' }],
    ['a command answer with an unknown decision', COMMAND_APPROVAL, { result: { decision: 'maybe' } }],
    ['a command answer whose decision is the name of an Object member', COMMAND_APPROVAL, { result: { decision: 'toString' } }],
    ['a command answer whose decision is null', COMMAND_APPROVAL, { result: { decision: null } }],
    ['a command answer whose decision is an empty object', COMMAND_APPROVAL, { result: { decision: {} } }],
    [
      'a network policy amendment of an unknown action',
      COMMAND_APPROVAL,
      { result: { decision: { applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'h', action: 'ask' } } } } },
    ],
    [
      'a network policy amendment that is not an object',
      COMMAND_APPROVAL,
      { result: { decision: { applyNetworkPolicyAmendment: { network_policy_amendment: 'allow' } } } },
    ],
    [
      'a file change answered with an exec policy amendment',
      FILE_CHANGE_APPROVAL,
      { result: { decision: { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['echo'] } } } },
    ],
    ['a permissions grant of an unknown scope', PERMISSIONS_APPROVAL, { result: { scope: 'forever', permissions: { network: { enabled: true } } } }],
  ])('counts %s as malformed and aborts the review when the answer passed', async (_what, method, reply) => {
    const row = await answeredThenClosed(method, reply, { permissions: { network: { enabled: true } } });
    expect(row).toMatchObject({ status: 'aborted', completed_at_ms: T0 + 40 });
    expect(bridge.stats.malformed).toBe(1);
  });
});
