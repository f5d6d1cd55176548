/*
 * The Codex reducer's rules for tool items: the outcome a review leaves on
 * its item, and the item's terminal status. Each rule has a test named after
 * it in test/reviewRules.test.ts.
 */
import type {
  FinalApprovalOutcome,
  Reviewer,
  ReviewResolution,
  ReviewStatus,
  ReviewSubjectKind,
  ToolItemFailureKind,
  ToolItemKind,
  ToolItemStatus,
  ToolItemTerminalStatus,
} from '../semconv/values.js';

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
