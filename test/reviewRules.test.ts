/* One test per Codex reducer rule (reference §3.4–§4.7), on the pure rule functions. */
import { describe, expect, it } from 'vitest';
import {
  finalApprovalOutcome,
  guardianRequestedPermissions,
  guardianResult,
  guardianReviewSubject,
  reviewCountsOnItem,
  reviewTrigger,
  toolItemOutcome,
  userReviewId,
  userReviewResult,
  userReviewSubject,
  isEmptyGrant,
  userRequestedPermissions,
} from './support/internals.js';
import { MalformedSpanError } from '../src/index.js';

const NONE = { network: false, additional: false };

describe('review rules', () => {
  it('user review id is user:{request id}', () => {
    expect(userReviewId('41')).toBe('user:41');
    expect(userReviewId('req-7')).toBe('user:req-7');
  });

  it.each([
    ['accept', 'approved', 'none'],
    ['accept_for_session', 'approved', 'session_approval'],
    ['accept_with_exec_policy_amendment', 'approved', 'exec_policy_amendment'],
    ['network_policy_amendment_allow', 'approved', 'network_policy_amendment'],
    ['network_policy_amendment_deny', 'denied', 'network_policy_amendment'],
    ['decline', 'denied', 'none'],
    ['cancel', 'aborted', 'none'],
    ['abort', 'aborted', 'none'],
  ] as const)('user decision %s gives %s / %s', (decision, status, resolution) => {
    expect(userReviewResult('command_execution', decision, null)).toEqual({ status, resolution });
  });

  it('an empty effective permission grant is denied', () => {
    expect(userReviewResult('permissions', 'grant', { scope: 'turn', empty: true })).toEqual({
      status: 'denied',
      resolution: 'none',
    });
    expect(isEmptyGrant({})).toBe(true);
    expect(isEmptyGrant({ network: { enabled: true } })).toBe(false);
  });

  it('a permission grant is approved for the turn or for the session', () => {
    expect(userReviewResult('permissions', 'grant', { scope: 'turn', empty: false })).toEqual({
      status: 'approved',
      resolution: 'none',
    });
    expect(userReviewResult('permissions', 'grant', { scope: 'session', empty: false })).toEqual({
      status: 'approved',
      resolution: 'session_approval',
    });
  });

  it('a grant answers only a permissions request, which takes only a grant or an abort', () => {
    expect(() => userReviewResult('command_execution', 'grant', { scope: 'turn', empty: false })).toThrow(
      MalformedSpanError
    );
    expect(() => userReviewResult('permissions', 'accept', null)).toThrow(MalformedSpanError);
    expect(userReviewResult('permissions', 'abort', null).status).toBe('aborted');
  });

  it('a command approval that carries a network approval context is network_access', () => {
    expect(userReviewSubject('command_execution', true)).toEqual({
      subjectKind: 'network_access',
      subjectName: 'network_access',
    });
    expect(userReviewSubject('command_execution', false)).toEqual({
      subjectKind: 'command_execution',
      subjectName: 'command_execution',
    });
    expect(userReviewSubject('file_change', false)).toEqual({
      subjectKind: 'file_change',
      subjectName: 'apply_patch',
    });
    expect(userReviewSubject('permissions', false).subjectKind).toBe('permissions');
  });

  it('trigger precedence is execve, then network, then additional permissions, then initial', () => {
    const all = { network: true, additional: true };
    expect(reviewTrigger(true, all)).toBe('execve_intercept');
    expect(reviewTrigger(false, all)).toBe('network_policy_denial');
    expect(reviewTrigger(false, { network: false, additional: true })).toBe('sandbox_denial');
    expect(reviewTrigger(false, NONE)).toBe('initial');
  });

  it('requested permissions follow the request shape', () => {
    expect(userRequestedPermissions({ kind: 'command_execution', networkApprovalContext: true })).toEqual({
      network: true,
      additional: false,
    });
    expect(
      userRequestedPermissions({ kind: 'command_execution', proposedNetworkPolicyAmendments: 2 })
    ).toEqual({ network: true, additional: false });
    expect(
      userRequestedPermissions({
        kind: 'command_execution',
        additionalPermissions: { network: { enabled: true } },
      })
    ).toEqual({ network: true, additional: true });
    expect(userRequestedPermissions({ kind: 'file_change', grantRoot: '/repo' })).toEqual({
      network: false,
      additional: true,
    });
    expect(
      userRequestedPermissions({ kind: 'permissions', permissions: { fileSystem: { write: ['/tmp'] } } })
    ).toEqual({ network: false, additional: true });
  });

  it.each([
    ['shell', 'command_execution', 'command_execution', 'initial'],
    ['unified_exec', 'command_execution', 'command_execution', 'initial'],
    ['execve', 'command_execution', 'command_execution', 'execve_intercept'],
    ['apply_patch', 'file_change', 'apply_patch', 'sandbox_denial'],
    ['network_access', 'network_access', 'network_access', 'network_policy_denial'],
    ['mcp_tool_call', 'mcp_tool_call', 'create_pr', 'initial'],
  ] as const)('guardian action %s maps to subject %s / %s and trigger %s', (action, kind, name, trigger) => {
    expect(guardianReviewSubject(action, 'create_pr', NONE)).toEqual({
      subjectKind: kind,
      subjectName: name,
      trigger,
    });
  });

  it('guardian permission requests take their trigger from what they ask for', () => {
    expect(guardianReviewSubject('request_permissions', null, { network: true, additional: true }).trigger).toBe(
      'network_policy_denial'
    );
    expect(guardianReviewSubject('request_permissions', null, { network: false, additional: true }).trigger).toBe(
      'sandbox_denial'
    );
    expect(guardianReviewSubject('request_permissions', null, NONE).trigger).toBe('initial');
  });

  it('guardian actions request permissions by their kind', () => {
    expect(guardianRequestedPermissions('apply_patch', NONE)).toEqual({ network: false, additional: true });
    expect(guardianRequestedPermissions('network_access', NONE)).toEqual({ network: true, additional: true });
    expect(guardianRequestedPermissions('shell', { network: true, additional: true })).toEqual(NONE);
    expect(guardianRequestedPermissions('request_permissions', { network: true, additional: true })).toEqual({
      network: true,
      additional: true,
    });
  });

  it('guardian timeout is denied, timed_out, timeout', () => {
    expect(guardianResult(null, 'timeout')).toEqual({
      decision: 'denied',
      terminalStatus: 'timed_out',
      reviewStatus: 'timed_out',
    });
  });

  it('guardian cancel is aborted, aborted, cancelled', () => {
    expect(guardianResult(null, 'cancelled')).toEqual({
      decision: 'aborted',
      terminalStatus: 'aborted',
      reviewStatus: 'aborted',
    });
  });

  it.each(['prompt_build_error', 'session_error', 'parse_error'] as const)(
    'guardian %s fails closed: denied, failed_closed',
    kind => {
      expect(guardianResult('deny', kind)).toEqual({
        decision: 'denied',
        terminalStatus: 'failed_closed',
        reviewStatus: 'denied',
      });
    }
  );

  it('a guardian assessment decides when nothing failed, and nothing means in progress', () => {
    expect(guardianResult('allow', null)?.terminalStatus).toBe('approved');
    expect(guardianResult('deny', null)?.terminalStatus).toBe('denied');
    expect(guardianResult(null, null)).toBeNull();
  });

  it.each([
    ['guardian', 'approved', 'none', 'guardian_approved'],
    ['guardian', 'denied', 'none', 'guardian_denied'],
    ['guardian', 'timed_out', 'none', 'guardian_aborted'],
    ['guardian', 'aborted', 'none', 'guardian_aborted'],
    ['user', 'approved', 'session_approval', 'user_approved_for_session'],
    ['user', 'approved', 'exec_policy_amendment', 'user_approved'],
    ['user', 'denied', 'network_policy_amendment', 'user_denied'],
    ['user', 'aborted', 'none', 'user_aborted'],
  ] as const)('final approval outcome of %s %s / %s is %s', (reviewer, status, resolution, outcome) => {
    expect(finalApprovalOutcome(reviewer, status, resolution)).toBe(outcome);
  });

  it('only command, file change and MCP reviews count on tool items', () => {
    expect(reviewCountsOnItem('command_execution')).toBe(true);
    expect(reviewCountsOnItem('file_change')).toBe(true);
    expect(reviewCountsOnItem('mcp_tool_call')).toBe(true);
    expect(reviewCountsOnItem('permissions')).toBe(false);
    expect(reviewCountsOnItem('network_access')).toBe(false);
  });

  it('tool item status maps to terminal status and failure kind', () => {
    expect(toolItemOutcome('command_execution', 'completed')).toEqual({ terminalStatus: 'completed', failureKind: null });
    expect(toolItemOutcome('file_change', 'failed')).toEqual({ terminalStatus: 'failed', failureKind: 'tool_error' });
    expect(toolItemOutcome('command_execution', 'declined')).toEqual({
      terminalStatus: 'rejected',
      failureKind: 'approval_denied',
    });
    expect(toolItemOutcome('collab_agent_tool_call', 'interrupted')?.terminalStatus).toBe('interrupted');
    expect(toolItemOutcome('web_search', 'failed')?.terminalStatus).toBe('completed');
    expect(toolItemOutcome('image_generation', 'failed')?.terminalStatus).toBe('failed');
    expect(toolItemOutcome('image_generation', 'declined')?.terminalStatus).toBe('completed');
    expect(toolItemOutcome('mcp_tool_call', 'in_progress')).toBeNull();
  });
});
