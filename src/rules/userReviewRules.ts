/*
 * The Codex reducer's rules for user reviews, as pure functions of span
 * facts. Each rule has a test named after it in test/reviewRules.test.ts.
 */
import type {
  PermissionGrantScope,
  ReviewResolution,
  ReviewStatus,
  UserDecision,
  UserRequestKind,
} from '../semconv/values.js';
import { MalformedSpanError } from './MalformedSpanError.js';
import {
  type ReviewSubject,
  SUBJECT_COMMAND,
  SUBJECT_FILE_CHANGE,
  SUBJECT_NETWORK,
  SUBJECT_PERMISSIONS,
} from './reviewSubjects.js';

/** User reviews are keyed by their approval request: `user:{request id}`. */
export function userReviewId(requestId: string): string {
  return `user:${requestId}`;
}

export interface ReviewResult {
  status: ReviewStatus;
  resolution: ReviewResolution;
}

/** An effective permissions grant; an empty one denies the request. */
export interface PermissionGrant {
  scope: PermissionGrantScope;
  empty: boolean;
}

const USER_DECISION_RESULTS: Record<
  Exclude<UserDecision, 'grant'>,
  ReviewResult
> = {
  accept: { status: 'approved', resolution: 'none' },
  accept_for_session: { status: 'approved', resolution: 'session_approval' },
  accept_with_exec_policy_amendment: {
    status: 'approved',
    resolution: 'exec_policy_amendment',
  },
  network_policy_amendment_allow: {
    status: 'approved',
    resolution: 'network_policy_amendment',
  },
  network_policy_amendment_deny: {
    status: 'denied',
    resolution: 'network_policy_amendment',
  },
  decline: { status: 'denied', resolution: 'none' },
  cancel: { status: 'aborted', resolution: 'none' },
  abort: { status: 'aborted', resolution: 'none' },
};

const DENIED_NONE: ReviewResult = { status: 'denied', resolution: 'none' };
const APPROVED_NONE: ReviewResult = USER_DECISION_RESULTS.accept;
const APPROVED_FOR_SESSION: ReviewResult = USER_DECISION_RESULTS.accept_for_session;

/**
 * Status and resolution of a user's decision. Permissions requests are
 * answered with a grant (or aborted); the other requests with a decision.
 */
export function userReviewResult(
  requestKind: UserRequestKind,
  decision: UserDecision,
  grant: PermissionGrant | null
): ReviewResult {
  if (decision === 'grant') {
    if (requestKind !== 'permissions' || grant === null) {
      throw new MalformedSpanError(
        'a grant decision needs a permissions request with a grant scope'
      );
    }
    if (grant.empty) return DENIED_NONE;
    return grant.scope === 'session' ? APPROVED_FOR_SESSION : APPROVED_NONE;
  }
  if (requestKind === 'permissions' && decision !== 'abort') {
    throw new MalformedSpanError(
      `a permissions request is answered with grant or abort, got ${decision}`
    );
  }
  return USER_DECISION_RESULTS[decision];
}

/** A command approval that carries a network approval context is network access. */
export function userReviewSubject(
  requestKind: UserRequestKind,
  networkApprovalContext: boolean
): ReviewSubject {
  switch (requestKind) {
    case 'command_execution':
      return networkApprovalContext ? SUBJECT_NETWORK : SUBJECT_COMMAND;
    case 'file_change':
      return SUBJECT_FILE_CHANGE;
    case 'permissions':
      return SUBJECT_PERMISSIONS;
  }
}

