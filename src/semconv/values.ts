/*
 * Closed value sets. Names and spellings follow the Codex analytics schema
 * (seed 000 for the guardian review, codex_review_event and tool item rows
 * for the rest) so rows keep the exact values downstream tables expect.
 */

/** Who decided a review. */
export const REVIEWERS = ['guardian', 'user'] as const;
/** One of REVIEWERS. */
export type Reviewer = (typeof REVIEWERS)[number];

/** `ReviewSubjectKind` of codex_review_event. */
export const REVIEW_SUBJECT_KINDS = [
  'command_execution',
  'file_change',
  'mcp_tool_call',
  'permissions',
  'network_access',
] as const;
/** One of REVIEW_SUBJECT_KINDS. */
export type ReviewSubjectKind = (typeof REVIEW_SUBJECT_KINDS)[number];

/** `ReviewTrigger` of codex_review_event. */
export const REVIEW_TRIGGERS = [
  'initial',
  'sandbox_denial',
  'network_policy_denial',
  'execve_intercept',
] as const;
/** One of REVIEW_TRIGGERS. */
export type ReviewTrigger = (typeof REVIEW_TRIGGERS)[number];

/** `ReviewStatus` of codex_review_event. */
export const REVIEW_STATUSES = [
  'approved',
  'denied',
  'aborted',
  'timed_out',
] as const;
/** One of REVIEW_STATUSES. */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** `ReviewResolution` of codex_review_event. */
export const REVIEW_RESOLUTIONS = [
  'none',
  'session_approval',
  'exec_policy_amendment',
  'network_policy_amendment',
] as const;
/** One of REVIEW_RESOLUTIONS. */
export type ReviewResolution = (typeof REVIEW_RESOLUTIONS)[number];

/** Kinds of approval request a user can be asked to review. */
export const USER_REQUEST_KINDS = [
  'command_execution',
  'file_change',
  'permissions',
] as const;
/** One of USER_REQUEST_KINDS. */
export type UserRequestKind = (typeof USER_REQUEST_KINDS)[number];

/**
 * A user's answer to an approval request. The first seven are the command and
 * file change decisions, `grant` answers a permissions request (with a scope
 * and the effective, possibly empty, grant) and `abort` is a request the
 * client never answered (error, cancel, shutdown).
 */
export const USER_DECISIONS = [
  'accept',
  'accept_for_session',
  'accept_with_exec_policy_amendment',
  'network_policy_amendment_allow',
  'network_policy_amendment_deny',
  'decline',
  'cancel',
  'grant',
  'abort',
] as const;
/** One of USER_DECISIONS. */
export type UserDecision = (typeof USER_DECISIONS)[number];

/** Scope of a permissions grant. */
export const PERMISSION_GRANT_SCOPES = ['turn', 'session'] as const;
/** One of PERMISSION_GRANT_SCOPES. */
export type PermissionGrantScope = (typeof PERMISSION_GRANT_SCOPES)[number];

/** `GuardianReviewedAction` tags (seed 000, plus `request_permissions`). */
export const GUARDIAN_ACTION_TYPES = [
  'shell',
  'unified_exec',
  'execve',
  'apply_patch',
  'network_access',
  'mcp_tool_call',
  'request_permissions',
] as const;
/** One of GUARDIAN_ACTION_TYPES. */
export type GuardianActionType = (typeof GUARDIAN_ACTION_TYPES)[number];

/** `GuardianReviewTrigger` (seed 000). */
export const GUARDIAN_REVIEW_TRIGGERS = [
  'shell',
  'unified_exec',
  'execve',
  'apply_patch',
  'network_access',
  'mcp_tool_call',
] as const;
/** One of GUARDIAN_REVIEW_TRIGGERS. */
export type GuardianReviewTrigger = (typeof GUARDIAN_REVIEW_TRIGGERS)[number];

/** `GuardianReviewDecision` (seed 000). */
export const GUARDIAN_DECISIONS = ['approved', 'denied', 'aborted'] as const;
/** One of GUARDIAN_DECISIONS. */
export type GuardianReviewDecision = (typeof GUARDIAN_DECISIONS)[number];

/** `GuardianReviewTerminalStatus` (seed 000). */
export const GUARDIAN_TERMINAL_STATUSES = [
  'approved',
  'denied',
  'aborted',
  'timed_out',
  'failed_closed',
] as const;
/** One of GUARDIAN_TERMINAL_STATUSES. */
export type GuardianReviewTerminalStatus = (typeof GUARDIAN_TERMINAL_STATUSES)[number];

/** `GuardianReviewFailureKind` (seed 000). */
export const GUARDIAN_FAILURE_KINDS = [
  'timeout',
  'cancelled',
  'prompt_build_error',
  'session_error',
  'parse_error',
] as const;
/** One of GUARDIAN_FAILURE_KINDS. */
export type GuardianReviewFailureKind = (typeof GUARDIAN_FAILURE_KINDS)[number];

/** Failure kinds after which the guardian fails closed (a span error). */
export const GUARDIAN_FAIL_CLOSED_KINDS = [
  'prompt_build_error',
  'session_error',
  'parse_error',
] as const;
/** One of GUARDIAN_FAIL_CLOSED_KINDS. */
export type GuardianFailClosedKind = (typeof GUARDIAN_FAIL_CLOSED_KINDS)[number];

/** `GuardianReviewSessionKind` (seed 000). */
export const GUARDIAN_SESSION_KINDS = [
  'trunk_spawned',
  'trunk_reused',
  'ephemeral_forked',
] as const;
/** One of GUARDIAN_SESSION_KINDS. */
export type GuardianReviewSessionKind = (typeof GUARDIAN_SESSION_KINDS)[number];

/** `GuardianReviewRiskLevel` (seed 000, lowercase). */
export const GUARDIAN_RISK_LEVELS = ['low', 'medium', 'high'] as const;
/** One of GUARDIAN_RISK_LEVELS. */
export type GuardianReviewRiskLevel = (typeof GUARDIAN_RISK_LEVELS)[number];

/** The guardian model's own verdict (`GuardianAssessmentOutcome`). */
export const GUARDIAN_ASSESSMENT_OUTCOMES = ['allow', 'deny'] as const;
/** One of GUARDIAN_ASSESSMENT_OUTCOMES. */
export type GuardianAssessmentOutcome = (typeof GUARDIAN_ASSESSMENT_OUTCOMES)[number];

/** `GuardianCommandSource` (execve actions). */
export const GUARDIAN_COMMAND_SOURCES = ['shell', 'unified_exec'] as const;
/** One of GUARDIAN_COMMAND_SOURCES. */
export type GuardianCommandSource = (typeof GUARDIAN_COMMAND_SOURCES)[number];

/** `NetworkApprovalProtocol`. */
export const NETWORK_PROTOCOLS = [
  'http',
  'https',
  'socks5_tcp',
  'socks5_udp',
] as const;
/** One of NETWORK_PROTOCOLS. */
export type NetworkApprovalProtocol = (typeof NETWORK_PROTOCOLS)[number];

/** Keys of `GuardianToolCallCounts`, in the seed's order. */
export const GUARDIAN_TOOL_CALL_KINDS = [
  'shell',
  'unified_exec',
  'mcp',
  'dynamic',
  'apply_patch',
  'web_search',
  'image_generation',
  'view_image',
] as const;
/** One of GUARDIAN_TOOL_CALL_KINDS. */
export type GuardianToolCallKind = (typeof GUARDIAN_TOOL_CALL_KINDS)[number];

/** Tool item kinds; each has its own row `event_type`. */
export const TOOL_ITEM_KINDS = [
  'command_execution',
  'file_change',
  'mcp_tool_call',
  'dynamic_tool_call',
  'control_tool_call',
  'collab_agent_tool_call',
  'web_search',
  'image_generation',
] as const;
/** One of TOOL_ITEM_KINDS. */
export type ToolItemKind = (typeof TOOL_ITEM_KINDS)[number];

/**
 * Status of a finished tool item as the agent reports it. `in_progress`
 * means the item never reached a terminal state and yields no row.
 */
export const TOOL_ITEM_STATUSES = [
  'completed',
  'failed',
  'declined',
  'interrupted',
  'in_progress',
] as const;
/** One of TOOL_ITEM_STATUSES. */
export type ToolItemStatus = (typeof TOOL_ITEM_STATUSES)[number];

/** `ToolItemTerminalStatus`. */
export const TOOL_ITEM_TERMINAL_STATUSES = [
  'completed',
  'failed',
  'rejected',
  'interrupted',
] as const;
/** One of TOOL_ITEM_TERMINAL_STATUSES. */
export type ToolItemTerminalStatus = (typeof TOOL_ITEM_TERMINAL_STATUSES)[number];

/** `ToolItemFailureKind`. */
export const TOOL_ITEM_FAILURE_KINDS = [
  'tool_error',
  'approval_denied',
  'approval_aborted',
  'sandbox_denied',
  'policy_forbidden',
] as const;
/** One of TOOL_ITEM_FAILURE_KINDS. */
export type ToolItemFailureKind = (typeof TOOL_ITEM_FAILURE_KINDS)[number];

/** `FinalApprovalOutcome`. */
export const FINAL_APPROVAL_OUTCOMES = [
  'unknown',
  'not_needed',
  'config_allowed',
  'policy_forbidden',
  'guardian_approved',
  'guardian_denied',
  'guardian_aborted',
  'user_approved',
  'user_approved_for_session',
  'user_denied',
  'user_aborted',
] as const;
/** One of FINAL_APPROVAL_OUTCOMES. */
export type FinalApprovalOutcome = (typeof FINAL_APPROVAL_OUTCOMES)[number];

/** `command_execution_source` of command items. */
export const COMMAND_EXECUTION_SOURCES = [
  'agent',
  'user_shell',
  'unified_exec_startup',
  'unified_exec_interaction',
] as const;
/** One of COMMAND_EXECUTION_SOURCES. */
export type CommandExecutionSource = (typeof COMMAND_EXECUTION_SOURCES)[number];

/** `web_search_action` of web search items. */
export const WEB_SEARCH_ACTIONS = [
  'search',
  'open_page',
  'find_in_page',
  'other',
] as const;
/** One of WEB_SEARCH_ACTIONS. */
export type WebSearchAction = (typeof WEB_SEARCH_ACTIONS)[number];
