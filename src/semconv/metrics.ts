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
/** Counter (`{review}`): finished reviews of agent actions, by user or guardian. */
export const METRIC_REVIEWS = 'agent_review.reviews';
/** Histogram (s): time from the review request to its decision. */
export const METRIC_REVIEW_DURATION = 'agent_review.review.duration';

// --- Guardian reviews (codex_guardian_review) ---
/** Counter (`{review}`): finished guardian reviews, by decision and terminal status. */
export const METRIC_GUARDIAN_REVIEWS = 'agent_review.guardian.reviews';
/** Histogram (s): how long guardian reviews took to complete. */
export const METRIC_GUARDIAN_REVIEW_DURATION = 'agent_review.guardian.review.duration';
/** Histogram (s): time from a guardian review's start to the guardian's first token. */
export const METRIC_GUARDIAN_TIME_TO_FIRST_TOKEN =
  'agent_review.guardian.time_to_first_token';
/** Histogram (`{token}`): tokens one guardian review session used, by token type. */
export const METRIC_GUARDIAN_TOKEN_USAGE = 'agent_review.guardian.token.usage';
/** Counter (`{call}`): tool calls of the guardian's review sessions, by kind. */
export const METRIC_GUARDIAN_TOOL_CALLS = 'agent_review.guardian.tool_calls';

// --- GenAI convention metrics for the guardian's model session ---
/** GenAI convention histogram: tokens of the guardian agent invocation. */
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
/** GenAI convention histogram (s): duration of the guardian agent invocation. */
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration';
/** GenAI convention histogram (s): time to the first chunk of the guardian's response. */
export const METRIC_GEN_AI_CLIENT_TIME_TO_FIRST_CHUNK =
  'gen_ai.client.operation.time_to_first_chunk';

// --- Tool items ---
/** Counter (`{item}`): finished tool items, by final approval outcome. */
export const METRIC_TOOL_ITEMS = 'agent_review.tool_items';

// --- The processor itself ---
/** Counter (`{span}`): review and tool item spans the processor read. */
export const METRIC_PROCESSOR_SPANS = 'agent_review.processor.spans';
/** Counter (`{row}`): analytics rows the processor produced. */
export const METRIC_PROCESSOR_ROWS = 'agent_review.processor.rows';
/** Counter (`{row}`): rows a row sink accepted. */
export const METRIC_PROCESSOR_ROWS_WRITTEN = 'agent_review.processor.rows.written';
/** Counter (`{row}`): rows not produced or not written, by reason (DROP_REASONS). */
export const METRIC_PROCESSOR_ROWS_DROPPED = 'agent_review.processor.rows.dropped';
/** Counter (`{entry}`): entries evicted from the processor's bounded state (STATE_KINDS). */
export const METRIC_PROCESSOR_STATE_EVICTED = 'agent_review.processor.state.evicted';

// --- Metric attribute keys (closed value sets; never ids) ---
/** Metric attribute: `user` or `guardian`. */
export const METRIC_ATTR_REVIEWER = ATTR_REVIEWER;
/** Metric attribute: what was reviewed, the row's `subject_kind`. */
export const METRIC_ATTR_SUBJECT_KIND = 'agent_review.subject.kind';
/** Metric attribute: the review's `status`. */
export const METRIC_ATTR_REVIEW_STATUS = 'agent_review.review.status';
/** Metric attribute: the review's `resolution`. */
export const METRIC_ATTR_REVIEW_RESOLUTION = 'agent_review.review.resolution';
/** Metric attribute: what asked for the review, the row's `trigger`. */
export const METRIC_ATTR_REVIEW_TRIGGER = 'agent_review.review.trigger';
/** Metric attribute: the guardian's `decision`. */
export const METRIC_ATTR_GUARDIAN_DECISION = 'agent_review.guardian.decision';
/** Metric attribute: the guardian review's `terminal_status`. */
export const METRIC_ATTR_GUARDIAN_TERMINAL_STATUS = 'agent_review.guardian.terminal_status';
/** Metric attribute: why a guardian review failed (METRIC_VALUE_NONE when it did not). */
export const METRIC_ATTR_GUARDIAN_FAILURE_KIND = ATTR_GUARDIAN_FAILURE_KIND;
/** Metric attribute: how the guardian session was set up. */
export const METRIC_ATTR_GUARDIAN_SESSION_KIND = ATTR_GUARDIAN_SESSION_KIND;
/** Metric attribute: the guardian's risk level. */
export const METRIC_ATTR_GUARDIAN_RISK_LEVEL = ATTR_GUARDIAN_RISK_LEVEL;
/** Metric attribute: what triggered the guardian review. */
export const METRIC_ATTR_GUARDIAN_TRIGGER = ATTR_GUARDIAN_TRIGGER;
/** input, cached_input, output or reasoning_output. */
export const METRIC_ATTR_TOKEN_TYPE = 'agent_review.token.type';
/** The GenAI convention's own key: input or output only. */
export const METRIC_ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';
/** Metric attribute: the kind of a guardian tool call (GUARDIAN_TOOL_CALL_KINDS). */
export const METRIC_ATTR_TOOL_CALL_KIND = ATTR_TOOL_CALL_KIND;
/** Metric attribute: the tool item kind (TOOL_ITEM_KINDS). */
export const METRIC_ATTR_ITEM_KIND = ATTR_ITEM_KIND;
/** Metric attribute: the tool item's `terminal_status`. */
export const METRIC_ATTR_ITEM_TERMINAL_STATUS = 'agent_review.item.terminal_status';
/** Metric attribute: the tool item's `final_approval_outcome`. */
export const METRIC_ATTR_ITEM_FINAL_APPROVAL_OUTCOME =
  'agent_review.item.final_approval_outcome';
/** Metric attribute: the kind of span read (SPAN_TYPES). */
export const METRIC_ATTR_SPAN_TYPE = 'agent_review.span.type';
/** Metric attribute: the row's `event_type`. */
export const METRIC_ATTR_ROW_EVENT_TYPE = 'agent_review.row.event_type';
/** Metric attribute: why rows were dropped (DROP_REASONS). */
export const METRIC_ATTR_DROP_REASON = 'agent_review.drop.reason';
/** Metric attribute: which bounded state evicted (STATE_KINDS). */
export const METRIC_ATTR_STATE_KIND = 'agent_review.state.kind';

/** The value a missing optional attribute takes, so series stay stable. */
export const METRIC_VALUE_NONE = 'none';

/** Kinds of span the processor reads. */
export const SPAN_TYPES = ['tool_item', 'user_review', 'guardian_review'] as const;
/** One of SPAN_TYPES. */
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
/** One of DROP_REASONS. */
export type DropReason = (typeof DROP_REASONS)[number];

/** Bounded processor state that can evict. */
export const STATE_KINDS = ['item_summary', 'row_key'] as const;
/** One of STATE_KINDS. */
export type StateKind = (typeof STATE_KINDS)[number];
