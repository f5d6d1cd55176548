/*
 * Row shapes. Field names, order and enum values are those of the Codex
 * analytics events: `codex_guardian_review` (seed 000), `codex_review_event`
 * and the terminal tool item events.
 */
import type {
  FinalApprovalOutcome,
  GuardianActionType,
  GuardianReviewDecision,
  GuardianReviewFailureKind,
  GuardianReviewRiskLevel,
  GuardianReviewSessionKind,
  GuardianReviewTerminalStatus,
  GuardianReviewTrigger,
  GuardianToolCallKind,
  Reviewer,
  ReviewResolution,
  ReviewStatus,
  ReviewSubjectKind,
  ReviewTrigger,
  ToolItemFailureKind,
  ToolItemTerminalStatus,
} from '../semconv/values.js';

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Internally tagged `GuardianReviewedAction`; content keys only when recorded. */
export interface GuardianReviewedAction {
  type: GuardianActionType;
  [field: string]: JsonValue | undefined;
}

export type GuardianToolCallCounts = Record<GuardianToolCallKind, number>;

export function emptyToolCallCounts(): GuardianToolCallCounts {
  return {
    shell: 0,
    unified_exec: 0,
    mcp: 0,
    dynamic: 0,
    apply_patch: 0,
    web_search: 0,
    image_generation: 0,
    view_image: 0,
  };
}

export interface GuardianReviewEventParams {
  thread_id: string;
  turn_id: string;
  review_id: string;
  target_item_id: string | null;
  product_client_id: string | null;
  trigger: GuardianReviewTrigger | null;
  retry_reason: string | null;
  delegated_review: boolean;
  reviewed_action: GuardianReviewedAction;
  reviewed_action_truncated: boolean;
  decision: GuardianReviewDecision;
  terminal_status: GuardianReviewTerminalStatus;
  failure_kind: GuardianReviewFailureKind | null;
  risk_score: number | null;
  risk_level: GuardianReviewRiskLevel | null;
  rationale: string | null;
  guardian_thread_id: string | null;
  guardian_session_kind: GuardianReviewSessionKind | null;
  guardian_model: string | null;
  guardian_reasoning_effort: string | null;
  had_prior_review_context: boolean | null;
  review_timeout_ms: number;
  guardian_tool_call_count: number;
  guardian_tool_call_counts: GuardianToolCallCounts;
  guardian_time_to_first_token_ms: number | null;
  guardian_completion_latency_ms: number | null;
  started_at: number;
  completed_at: number | null;
  input_tokens: number | null;
  cached_input_tokens: number | null;
  output_tokens: number | null;
  reasoning_output_tokens: number | null;
  total_tokens: number | null;
}

/** The app-server client that drove the agent. */
export type AppServerClientFields = {
  product_client_id: string | null;
  client_name: string | null;
  client_version: string | null;
  rpc_transport: string | null;
  experimental_api_enabled: boolean | null;
};

/** The agent's runtime. */
export type RuntimeFields = {
  codex_rs_version: string | null;
  runtime_os: string | null;
  runtime_os_version: string | null;
  runtime_arch: string | null;
};

export interface CodexReviewEventParams {
  thread_id: string;
  turn_id: string;
  item_id: string | null;
  review_id: string;
  app_server_client: AppServerClientFields | null;
  runtime: RuntimeFields | null;
  thread_source: string | null;
  subagent_source: string | null;
  parent_thread_id: string | null;
  subject_kind: ReviewSubjectKind;
  subject_name: string;
  reviewer: Reviewer;
  trigger: ReviewTrigger;
  status: ReviewStatus;
  resolution: ReviewResolution;
  started_at_ms: number;
  completed_at_ms: number;
  duration_ms: number | null;
}

/** `CodexToolItemEventBase` plus the kind's own fields. */
export interface CodexToolItemEventParams {
  thread_id: string;
  session_id: string | null;
  turn_id: string;
  item_id: string;
  cell_id: string | null;
  parent_call_id: string | null;
  originating_response_id: string | null;
  subsequent_response_id: string | null;
  app_server_client: AppServerClientFields | null;
  runtime: RuntimeFields | null;
  thread_source: string | null;
  subagent_source: string | null;
  parent_thread_id: string | null;
  tool_name: string;
  started_at_ms: number;
  completed_at_ms: number;
  duration_ms: number | null;
  execution_duration_ms: number | null;
  review_count: number;
  guardian_review_count: number;
  user_review_count: number;
  final_approval_outcome: FinalApprovalOutcome;
  terminal_status: ToolItemTerminalStatus;
  failure_kind: ToolItemFailureKind | null;
  requested_additional_permissions: boolean;
  requested_network_access: boolean;
  [kindField: string]: JsonValue;
}

export const GUARDIAN_REVIEW_EVENT_TYPE = 'codex_guardian_review';
export const REVIEW_EVENT_TYPE = 'codex_review_event';

export const TOOL_ITEM_EVENT_TYPES = {
  command_execution: 'codex_command_execution_event',
  file_change: 'codex_file_change_event',
  mcp_tool_call: 'codex_mcp_tool_call_event',
  dynamic_tool_call: 'codex_dynamic_tool_call_event',
  control_tool_call: 'codex_control_tool_call_event',
  collab_agent_tool_call: 'codex_collab_agent_tool_call_event',
  web_search: 'codex_web_search_event',
  image_generation: 'codex_image_generation_event',
} as const;
export type ToolItemEventType =
  (typeof TOOL_ITEM_EVENT_TYPES)[keyof typeof TOOL_ITEM_EVENT_TYPES];

export interface GuardianReviewRow {
  event_type: typeof GUARDIAN_REVIEW_EVENT_TYPE;
  event_params: GuardianReviewEventParams;
}
export interface ReviewEventRow {
  event_type: typeof REVIEW_EVENT_TYPE;
  event_params: CodexReviewEventParams;
}
export interface ToolItemRow {
  event_type: ToolItemEventType;
  event_params: CodexToolItemEventParams;
}

/** One analytics row, `{event_type, event_params}`. */
export type ReviewRow = GuardianReviewRow | ReviewEventRow | ToolItemRow;
