/*
 * The Codex reducer's rules, as pure functions of span facts. Each rule has a
 * test named after it in test/reviewRules.test.ts.
 */
import type {
  FinalApprovalOutcome,
  GuardianActionType,
  GuardianAssessmentOutcome,
  GuardianReviewDecision,
  GuardianReviewFailureKind,
  GuardianReviewTerminalStatus,
  PermissionGrantScope,
  Reviewer,
  ReviewResolution,
  ReviewStatus,
  ReviewSubjectKind,
  ReviewTrigger,
  ToolItemFailureKind,
  ToolItemKind,
  ToolItemStatus,
  ToolItemTerminalStatus,
  UserDecision,
  UserRequestKind,
} from '../semconv/values.js';
import { MalformedSpanError } from './spanAttributes.js';

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

export interface ReviewSubject {
  subjectKind: ReviewSubjectKind;
  subjectName: string;
}

const SUBJECT_COMMAND: ReviewSubject = {
  subjectKind: 'command_execution',
  subjectName: 'command_execution',
};
const SUBJECT_NETWORK: ReviewSubject = {
  subjectKind: 'network_access',
  subjectName: 'network_access',
};
const SUBJECT_FILE_CHANGE: ReviewSubject = {
  subjectKind: 'file_change',
  subjectName: 'apply_patch',
};
const SUBJECT_PERMISSIONS: ReviewSubject = {
  subjectKind: 'permissions',
  subjectName: 'permissions',
};

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

export interface RequestedPermissions {
  network: boolean;
  additional: boolean;
}

/**
 * Trigger precedence: an execve interception first, then a network request,
 * then additional permissions, else the initial request.
 */
export function reviewTrigger(
  execveIntercept: boolean,
  requested: RequestedPermissions
): ReviewTrigger {
  if (execveIntercept) return 'execve_intercept';
  if (requested.network) return 'network_policy_denial';
  if (requested.additional) return 'sandbox_denial';
  return 'initial';
}

export interface GuardianSubject extends ReviewSubject {
  trigger: ReviewTrigger;
}

const GUARDIAN_SUBJECT_COMMAND: GuardianSubject = { ...SUBJECT_COMMAND, trigger: 'initial' };
const GUARDIAN_SUBJECT_EXECVE: GuardianSubject = {
  ...SUBJECT_COMMAND,
  trigger: 'execve_intercept',
};
const GUARDIAN_SUBJECT_FILE_CHANGE: GuardianSubject = {
  ...SUBJECT_FILE_CHANGE,
  trigger: 'sandbox_denial',
};
const GUARDIAN_SUBJECT_NETWORK: GuardianSubject = {
  ...SUBJECT_NETWORK,
  trigger: 'network_policy_denial',
};

/**
 * Subject and trigger of a guardian review, from the reviewed action. The
 * fixed subjects are shared constants (callers only read them).
 */
export function guardianReviewSubject(
  actionType: GuardianActionType,
  mcpToolName: string | null,
  requested: RequestedPermissions
): GuardianSubject {
  switch (actionType) {
    case 'shell':
    case 'unified_exec':
      return GUARDIAN_SUBJECT_COMMAND;
    case 'execve':
      return GUARDIAN_SUBJECT_EXECVE;
    case 'apply_patch':
      return GUARDIAN_SUBJECT_FILE_CHANGE;
    case 'network_access':
      return GUARDIAN_SUBJECT_NETWORK;
    case 'request_permissions':
      return { ...SUBJECT_PERMISSIONS, trigger: reviewTrigger(false, requested) };
    case 'mcp_tool_call':
      if (mcpToolName === null) {
        throw new MalformedSpanError('an mcp_tool_call action needs its tool name');
      }
      return {
        subjectKind: 'mcp_tool_call',
        subjectName: mcpToolName,
        trigger: 'initial',
      };
  }
}

const NOTHING_REQUESTED: RequestedPermissions = { network: false, additional: false };
const PATCH_REQUESTED: RequestedPermissions = { network: false, additional: true };
const NETWORK_REQUESTED: RequestedPermissions = { network: true, additional: true };

/**
 * What a guardian-reviewed action asks for: patches need additional
 * permissions, network access both; a permissions request says so itself.
 */
export function guardianRequestedPermissions(
  actionType: GuardianActionType,
  requested: RequestedPermissions
): RequestedPermissions {
  switch (actionType) {
    case 'apply_patch':
      return PATCH_REQUESTED;
    case 'network_access':
      return NETWORK_REQUESTED;
    case 'request_permissions':
      return requested;
    default:
      return NOTHING_REQUESTED;
  }
}

export interface GuardianResult {
  decision: GuardianReviewDecision;
  terminalStatus: GuardianReviewTerminalStatus;
  reviewStatus: ReviewStatus;
}

const GUARDIAN_FAILURE_RESULTS: Record<GuardianReviewFailureKind, GuardianResult> = {
  timeout: { decision: 'denied', terminalStatus: 'timed_out', reviewStatus: 'timed_out' },
  cancelled: { decision: 'aborted', terminalStatus: 'aborted', reviewStatus: 'aborted' },
  prompt_build_error: {
    decision: 'denied',
    terminalStatus: 'failed_closed',
    reviewStatus: 'denied',
  },
  session_error: {
    decision: 'denied',
    terminalStatus: 'failed_closed',
    reviewStatus: 'denied',
  },
  parse_error: {
    decision: 'denied',
    terminalStatus: 'failed_closed',
    reviewStatus: 'denied',
  },
};
const GUARDIAN_APPROVED: GuardianResult = {
  decision: 'approved',
  terminalStatus: 'approved',
  reviewStatus: 'approved',
};
const GUARDIAN_DENIED: GuardianResult = {
  decision: 'denied',
  terminalStatus: 'denied',
  reviewStatus: 'denied',
};

/**
 * A failure decides the outcome (timeout, cancel, fail closed); otherwise the
 * guardian's assessment does. Neither means the review never finished.
 */
export function guardianResult(
  assessment: GuardianAssessmentOutcome | null,
  failureKind: GuardianReviewFailureKind | null
): GuardianResult | null {
  if (failureKind !== null) return GUARDIAN_FAILURE_RESULTS[failureKind];
  if (assessment === 'allow') return GUARDIAN_APPROVED;
  if (assessment === 'deny') return GUARDIAN_DENIED;
  return null;
}

/** The outcome a review leaves on its tool item. */
export function finalApprovalOutcome(
  reviewer: Reviewer,
  status: ReviewStatus,
  resolution: ReviewResolution
): FinalApprovalOutcome {
  if (reviewer === 'guardian') {
    if (status === 'approved') return 'guardian_approved';
    if (status === 'denied') return 'guardian_denied';
    return 'guardian_aborted';
  }
  if (status === 'approved') {
    return resolution === 'session_approval'
      ? 'user_approved_for_session'
      : 'user_approved';
  }
  if (status === 'denied') return 'user_denied';
  return 'user_aborted';
}

/** Only these reviews, and only with an item id, count on tool items. */
export function reviewCountsOnItem(subjectKind: ReviewSubjectKind): boolean {
  return (
    subjectKind === 'command_execution' ||
    subjectKind === 'file_change' ||
    subjectKind === 'mcp_tool_call'
  );
}

export interface ToolItemOutcome {
  terminalStatus: ToolItemTerminalStatus;
  failureKind: ToolItemFailureKind | null;
}

const ITEM_COMPLETED: ToolItemOutcome = { terminalStatus: 'completed', failureKind: null };
const ITEM_FAILED: ToolItemOutcome = { terminalStatus: 'failed', failureKind: 'tool_error' };
const ITEM_REJECTED: ToolItemOutcome = {
  terminalStatus: 'rejected',
  failureKind: 'approval_denied',
};
const ITEM_INTERRUPTED: ToolItemOutcome = {
  terminalStatus: 'interrupted',
  failureKind: null,
};

/**
 * Terminal status of a tool item. Web searches always complete; an image
 * generation either fails or completes; an item still in progress has none.
 */
export function toolItemOutcome(
  kind: ToolItemKind,
  status: ToolItemStatus
): ToolItemOutcome | null {
  if (status === 'in_progress') return null;
  if (kind === 'web_search') return ITEM_COMPLETED;
  if (kind === 'image_generation') {
    return status === 'failed' ? ITEM_FAILED : ITEM_COMPLETED;
  }
  switch (status) {
    case 'completed':
      return ITEM_COMPLETED;
    case 'failed':
      return ITEM_FAILED;
    case 'declined':
      return ITEM_REJECTED;
    case 'interrupted':
      return ITEM_INTERRUPTED;
  }
}
