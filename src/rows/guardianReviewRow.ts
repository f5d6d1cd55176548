/* `codex_guardian_review`: seed 000's field set, names and order. */
import type {
  GuardianActionType,
  GuardianReviewDecision,
  GuardianReviewFailureKind,
  GuardianReviewRiskLevel,
  GuardianReviewSessionKind,
  GuardianReviewTerminalStatus,
  GuardianReviewTrigger,
  GuardianToolCallKind,
} from '../semconv/values.js';
import type { JsonValue } from './JsonValue.js';
import type { Count, Millis } from './numbers.js';

export const GUARDIAN_REVIEW_EVENT_TYPE = 'codex_guardian_review';

/** Internally tagged `GuardianReviewedAction`; content keys only when recorded. */
export interface GuardianReviewedAction {
  type: GuardianActionType;
  [field: string]: JsonValue | undefined;
}

export type GuardianToolCallCounts = Record<GuardianToolCallKind, Count>;

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
  /** @maximum 100 */
  risk_score: Count | null;
  risk_level: GuardianReviewRiskLevel | null;
  rationale: string | null;
  guardian_thread_id: string | null;
  guardian_session_kind: GuardianReviewSessionKind | null;
  guardian_model: string | null;
  guardian_reasoning_effort: string | null;
  had_prior_review_context: boolean | null;
  review_timeout_ms: Millis;
  guardian_tool_call_count: Count;
  guardian_tool_call_counts: GuardianToolCallCounts;
  guardian_time_to_first_token_ms: Millis | null;
  guardian_completion_latency_ms: Millis | null;
  started_at: Millis;
  completed_at: Millis | null;
  input_tokens: Count | null;
  cached_input_tokens: Count | null;
  output_tokens: Count | null;
  reasoning_output_tokens: Count | null;
  total_tokens: Count | null;
}

export interface GuardianReviewRow {
  event_type: typeof GUARDIAN_REVIEW_EVENT_TYPE;
  event_params: GuardianReviewEventParams;
}
