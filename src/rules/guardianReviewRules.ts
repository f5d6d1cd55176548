/*
 * The Codex reducer's rules for guardian reviews, as pure functions of span
 * facts. Each rule has a test named after it in test/reviewRules.test.ts.
 */
import type {
  GuardianActionType,
  GuardianAssessmentOutcome,
  GuardianReviewDecision,
  GuardianReviewFailureKind,
  GuardianReviewTerminalStatus,
  ReviewStatus,
  ReviewTrigger,
} from '../semconv/values.js';
import { MalformedSpanError } from './MalformedSpanError.js';
import { type RequestedPermissions, reviewTrigger } from './requestedPermissions.js';
import {
  type ReviewSubject,
  SUBJECT_COMMAND,
  SUBJECT_FILE_CHANGE,
  SUBJECT_NETWORK,
  SUBJECT_PERMISSIONS,
} from './reviewSubjects.js';

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

