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

/** The `event_type` of guardian review rows. */
export const GUARDIAN_REVIEW_EVENT_TYPE = 'codex_guardian_review';

/** Internally tagged `GuardianReviewedAction`; content keys only when recorded. */
export interface GuardianReviewedAction {
  /** The action's type; the other keys depend on it. */
  type: GuardianActionType;
  /** The action's own fields, as Codex names them. */
  [field: string]: JsonValue | undefined;
}

/** Tool calls of a guardian session, per kind. */
export type GuardianToolCallCounts = Record<GuardianToolCallKind, Count>;

/** Counts of zero for every kind. */
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

/** The fields of a `codex_guardian_review` row. */
export interface GuardianReviewEventParams {
  /** The agent thread whose action was reviewed. */
  thread_id: string;
  /** The turn the review happened in. */
  turn_id: string;
  /** The guardian review id. */
  review_id: string;
  /** The tool item under review; null for network policy reviews. */
  target_item_id: string | null;
  /** The client product, when known. */
  product_client_id: string | null;
  /** What the guardian reviewed: the action type; null for permission requests. */
  trigger: GuardianReviewTrigger | null;
  /** Why the review was retried, when it was. */
  retry_reason: string | null;
  /** The review was delegated to a subagent. */
  delegated_review: boolean;
  /** The reviewed action, tagged by `type`; content keys only when recorded. */
  reviewed_action: GuardianReviewedAction;
  /** The action was truncated before review. */
  reviewed_action_truncated: boolean;
  /** The guardian's decision. */
  decision: GuardianReviewDecision;
  /** How the review ended, failures included. */
  terminal_status: GuardianReviewTerminalStatus;
  /** Why the review failed; null when it did not. */
  failure_kind: GuardianReviewFailureKind | null;
  /**
   * The guardian's risk score, 0 to 100.
   * @maximum 100
   */
  risk_score: Count | null;
  /** The guardian's risk level. */
  risk_level: GuardianReviewRiskLevel | null;
  /** The guardian's reasons (content: null unless recorded). */
  rationale: string | null;
  /** The guardian's own thread. */
  guardian_thread_id: string | null;
  /** How the guardian session was set up. */
  guardian_session_kind: GuardianReviewSessionKind | null;
  /** The guardian model. */
  guardian_model: string | null;
  /** The guardian model's reasoning effort. */
  guardian_reasoning_effort: string | null;
  /** The guardian session had reviewed before. */
  had_prior_review_context: boolean | null;
  /** The review's time budget. */
  review_timeout_ms: Millis;
  /** Tool calls of the guardian session, all kinds. */
  guardian_tool_call_count: Count;
  /** Tool calls of the guardian session, per kind. */
  guardian_tool_call_counts: GuardianToolCallCounts;
  /** Time from the review's start to the guardian's first token. */
  guardian_time_to_first_token_ms: Millis | null;
  /** Time from the review's start to its end. */
  guardian_completion_latency_ms: Millis | null;
  /** When the review started, in Unix seconds. */
  started_at: Millis;
  /** When the review ended, in Unix seconds. */
  completed_at: Millis | null;
  /** Input tokens of the guardian session. */
  input_tokens: Count | null;
  /** Input tokens read from the cache. */
  cached_input_tokens: Count | null;
  /** Output tokens of the guardian session. */
  output_tokens: Count | null;
  /** Reasoning output tokens. */
  reasoning_output_tokens: Count | null;
  /** All tokens (input + output unless given). */
  total_tokens: Count | null;
}

/** A `codex_guardian_review` row: one guardian review session. */
export interface GuardianReviewRow {
  /** Always `codex_guardian_review`. */
  event_type: typeof GUARDIAN_REVIEW_EVENT_TYPE;
  /** The row's fields. */
  event_params: GuardianReviewEventParams;
}
