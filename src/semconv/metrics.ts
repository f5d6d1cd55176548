/*
 * Metric instrument names and their attribute keys. Dotted OTel names without
 * `_total` (the Prometheus exporter adds it); units are UCUM. docs/metrics.md
 * lists each with its buckets and a PromQL example. Attribute keys that a
 * span also carries are the span's own key.
 */
import {
  ATTR_GUARDIAN_FAILURE_KIND,
  ATTR_GUARDIAN_RISK_LEVEL,
  ATTR_GUARDIAN_SESSION_KIND,
  ATTR_GUARDIAN_TRIGGER,
  ATTR_ITEM_KIND,
  ATTR_REVIEWER,
  ATTR_TOOL_CALL_KIND,
} from './attributes.js';

// --- Reviews (codex_review_event) ---
export const METRIC_REVIEWS = 'agent_review.reviews';
export const METRIC_REVIEW_DURATION = 'agent_review.review.duration';

// --- Guardian reviews (codex_guardian_review) ---
export const METRIC_GUARDIAN_REVIEWS = 'agent_review.guardian.reviews';
export const METRIC_GUARDIAN_REVIEW_DURATION = 'agent_review.guardian.review.duration';
export const METRIC_GUARDIAN_TIME_TO_FIRST_TOKEN =
  'agent_review.guardian.time_to_first_token';
export const METRIC_GUARDIAN_TOKEN_USAGE = 'agent_review.guardian.token.usage';
export const METRIC_GUARDIAN_TOOL_CALLS = 'agent_review.guardian.tool_calls';

// --- GenAI convention metrics for the guardian's model session ---
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration';
export const METRIC_GEN_AI_CLIENT_TIME_TO_FIRST_CHUNK =
  'gen_ai.client.operation.time_to_first_chunk';

// --- Tool items ---
export const METRIC_TOOL_ITEMS = 'agent_review.tool_items';

// --- The processor itself ---
export const METRIC_PROCESSOR_SPANS = 'agent_review.processor.spans';
export const METRIC_PROCESSOR_ROWS = 'agent_review.processor.rows';
export const METRIC_PROCESSOR_ROWS_WRITTEN = 'agent_review.processor.rows.written';
export const METRIC_PROCESSOR_ROWS_DROPPED = 'agent_review.processor.rows.dropped';
export const METRIC_PROCESSOR_STATE_EVICTED = 'agent_review.processor.state.evicted';

// --- Metric attribute keys (closed value sets; never ids) ---
export const METRIC_ATTR_REVIEWER = ATTR_REVIEWER;
export const METRIC_ATTR_SUBJECT_KIND = 'agent_review.subject.kind';
export const METRIC_ATTR_REVIEW_STATUS = 'agent_review.review.status';
export const METRIC_ATTR_REVIEW_RESOLUTION = 'agent_review.review.resolution';
export const METRIC_ATTR_REVIEW_TRIGGER = 'agent_review.review.trigger';
export const METRIC_ATTR_GUARDIAN_DECISION = 'agent_review.guardian.decision';
export const METRIC_ATTR_GUARDIAN_TERMINAL_STATUS = 'agent_review.guardian.terminal_status';
export const METRIC_ATTR_GUARDIAN_FAILURE_KIND = ATTR_GUARDIAN_FAILURE_KIND;
export const METRIC_ATTR_GUARDIAN_SESSION_KIND = ATTR_GUARDIAN_SESSION_KIND;
export const METRIC_ATTR_GUARDIAN_RISK_LEVEL = ATTR_GUARDIAN_RISK_LEVEL;
export const METRIC_ATTR_GUARDIAN_TRIGGER = ATTR_GUARDIAN_TRIGGER;
/** input, cached_input, output or reasoning_output. */
export const METRIC_ATTR_TOKEN_TYPE = 'agent_review.token.type';
/** The GenAI convention's own key: input or output only. */
export const METRIC_ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';
export const METRIC_ATTR_TOOL_CALL_KIND = ATTR_TOOL_CALL_KIND;
export const METRIC_ATTR_ITEM_KIND = ATTR_ITEM_KIND;
export const METRIC_ATTR_ITEM_TERMINAL_STATUS = 'agent_review.item.terminal_status';
export const METRIC_ATTR_ITEM_FINAL_APPROVAL_OUTCOME =
  'agent_review.item.final_approval_outcome';
export const METRIC_ATTR_SPAN_TYPE = 'agent_review.span.type';
export const METRIC_ATTR_ROW_EVENT_TYPE = 'agent_review.row.event_type';
export const METRIC_ATTR_DROP_REASON = 'agent_review.drop.reason';
export const METRIC_ATTR_STATE_KIND = 'agent_review.state.kind';

/** The value a missing optional attribute takes, so series stay stable. */
export const METRIC_VALUE_NONE = 'none';

/** Kinds of span the processor reads. */
export const SPAN_TYPES = ['tool_item', 'user_review', 'guardian_review'] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

/** Why rows were not written. */
export const DROP_REASONS = [
  'malformed',
  'duplicate',
  'incomplete',
  'unserializable',
  'sink_overflow',
  'sink_failure',
  'queue_full',
  'shutdown',
  'internal_error',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Bounded processor state that can evict. */
export const STATE_KINDS = ['item_summary', 'row_key'] as const;
export type StateKind = (typeof STATE_KINDS)[number];
