/*
 * A server request asking the user to review something, and the client's
 * answer to it (Codex 0.169.0, v2 protocol) → the user review helper's
 * options. Each returns null for a payload it cannot read, and the bridge
 * counts that as malformed.
 */
import type { PermissionProfile, UserApprovalRequest, UserReviewDecision } from '../../index.js';
import type { PermissionGrantScope } from '../../semconv/index.js';
import { isOneOf } from '../../semconv/isOneOf.js';
import { num, str } from './jsonFields.js';
import { isObject, type JsonObject } from './jsonRpcMessage.js';
import { permissionProfile } from './permissionProfile.js';

/** Server requests that ask the user to review something. */
const USER_APPROVAL_METHODS = [
  'item/commandExecution/requestApproval',
  'item/fileChange/requestApproval',
  'item/permissions/requestApproval',
] as const;

export type UserApprovalMethod = (typeof USER_APPROVAL_METHODS)[number];

/** Whether a server request of this method asks the user to review something. */
export const isUserApprovalMethod = (method: string): method is UserApprovalMethod =>
  isOneOf(USER_APPROVAL_METHODS, method);

export interface UserApprovalFacts {
  threadId: string;
  turnId: string;
  itemId: string | undefined;
  startedAtMs: number;
  request: UserApprovalRequest;
}

export function userApprovalFacts(method: UserApprovalMethod, params: JsonObject): UserApprovalFacts | null {
  const threadId = str(params.threadId);
  const turnId = str(params.turnId);
  const startedAtMs = num(params.startedAtMs);
  if (threadId === undefined || turnId === undefined || startedAtMs === undefined) return null;
  return { threadId, turnId, itemId: str(params.itemId), startedAtMs, request: approvalRequest(method, params) };
}

function approvalRequest(method: UserApprovalMethod, params: JsonObject): UserApprovalRequest {
  switch (method) {
    case 'item/commandExecution/requestApproval': {
      const amendments = params.proposedNetworkPolicyAmendments;
      return {
        kind: 'command_execution',
        approvalId: str(params.approvalId),
        networkApprovalContext: isObject(params.networkApprovalContext),
        proposedNetworkPolicyAmendments: Array.isArray(amendments) ? amendments.length : 0,
        additionalPermissions: isObject(params.additionalPermissions)
          ? permissionProfile(params.additionalPermissions)
          : undefined,
      };
    }
    case 'item/fileChange/requestApproval':
      return { kind: 'file_change', grantRoot: str(params.grantRoot) };
    case 'item/permissions/requestApproval':
      return { kind: 'permissions', permissions: permissionProfile(params.permissions) };
  }
}

/** How the client's answer ends a user review. */
export type UserAnswer =
  | { type: 'resolve'; decision: UserReviewDecision }
  | { type: 'grant'; scope: PermissionGrantScope; permissions: PermissionProfile }
  | { type: 'abort' };

// A Map, not an object: a decision such as `toString` must not find Object's members.
const SIMPLE_DECISIONS = new Map<string, UserReviewDecision>([
  ['accept', 'accept'],
  ['acceptForSession', 'accept_for_session'],
  ['decline', 'decline'],
  ['cancel', 'cancel'],
]);

/**
 * The answer to a request of the given kind. An error response means the
 * request was never answered: the review is aborted.
 */
export function userAnswer(
  kind: UserApprovalRequest['kind'],
  result: unknown,
  error: unknown
): UserAnswer | null {
  if (error !== undefined && error !== null) return { type: 'abort' };
  if (!isObject(result)) return null;
  if (kind === 'permissions') {
    const scope = result.scope;
    if (scope !== 'turn' && scope !== 'session') return null;
    return { type: 'grant', scope, permissions: permissionProfile(result.permissions) };
  }
  const decision = result.decision;
  if (typeof decision === 'string') {
    const simple = SIMPLE_DECISIONS.get(decision);
    return simple === undefined ? null : { type: 'resolve', decision: simple };
  }
  if (kind !== 'command_execution' || !isObject(decision)) return null;
  if (isObject(decision.acceptWithExecpolicyAmendment)) {
    return { type: 'resolve', decision: 'accept_with_exec_policy_amendment' };
  }
  const network = decision.applyNetworkPolicyAmendment;
  if (isObject(network) && isObject(network.network_policy_amendment)) {
    const action = network.network_policy_amendment.action;
    if (action === 'allow') return { type: 'resolve', decision: 'network_policy_amendment_allow' };
    if (action === 'deny') return { type: 'resolve', decision: 'network_policy_amendment_deny' };
  }
  return null;
}
