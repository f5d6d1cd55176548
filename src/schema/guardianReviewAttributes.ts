/*
 * Guardian review spans, `invoke_agent guardian`. Options:
 * `GuardianReviewStartOptions` (GUARDIAN_REVIEW_ATTRIBUTES), `GuardianSessionInfo`
 * (GUARDIAN_SESSION_ATTRIBUTES, at start or through `setSession`),
 * `GuardianTokenUsage` (GUARDIAN_USAGE_ATTRIBUTES) and `GuardianAssessment`
 * (GUARDIAN_ASSESSMENT_ATTRIBUTES). The reviewed action has its own table.
 */
import * as A from '../semconv/attributes.js';
import {
  GUARDIAN_ASSESSMENT_OUTCOMES,
  GUARDIAN_FAILURE_KINDS,
  GUARDIAN_REVIEW_TRIGGERS,
  GUARDIAN_RISK_LEVELS,
  GUARDIAN_SESSION_KINDS,
  GUARDIAN_TOOL_CALL_KINDS,
  GUARDIAN_ACTION_TYPES,
  REVIEWERS,
  type GuardianToolCallKind,
} from '../semconv/values.js';
import {
  type AttributeDefinition,
  booleanAttribute,
  countAttribute,
  enumAttribute,
  flagAttribute,
  secondsAttribute,
  stringAttribute,
  attributeTable,
  MAX_ID_LENGTH,
} from './AttributeDefinition.js';

export const GUARDIAN_REVIEW_ATTRIBUTES = attributeTable({
  operationName: stringAttribute(A.ATTR_GEN_AI_OPERATION_NAME, {
    option: false,
    when: 'start',
    meaning: '`invoke_agent`',
  }),
  agentName: stringAttribute(A.ATTR_GEN_AI_AGENT_NAME, {
    when: 'start',
    option: false,
    meaning: '`guardian`',
  }),
  reviewer: enumAttribute(A.ATTR_REVIEWER, REVIEWERS, {
    option: false,
    when: 'start',
    meaning: '`guardian`; its presence marks a review span',
  }),
  reviewId: stringAttribute(A.ATTR_REVIEW_ID, {
    maxLength: MAX_ID_LENGTH,
    when: 'start',
    field: 'review_id',
    required: true,
    meaning: 'the guardian review id',
  }),
  targetItemId: stringAttribute(A.ATTR_GEN_AI_TOOL_CALL_ID, {
    maxLength: MAX_ID_LENGTH,
    when: 'start',
    field: 'target_item_id',
    meaning: 'the item under review (none for network reviews); `item_id` of its review event',
  }),
  trigger: enumAttribute(A.ATTR_GUARDIAN_TRIGGER, GUARDIAN_REVIEW_TRIGGERS, {
    when: 'start',
    field: 'trigger',
    meaning: 'default: the action type (none for `request_permissions`)',
  }),
  retryReason: stringAttribute(A.ATTR_GUARDIAN_RETRY_REASON, {
    when: 'start',
    field: 'retry_reason',
    meaning: 'why the review was retried',
  }),
  delegated: flagAttribute(A.ATTR_GUARDIAN_DELEGATED, {
    when: 'start',
    field: 'delegated_review',
    meaning: 'the review was delegated to a subagent',
  }),
  timeoutMs: countAttribute(A.ATTR_GUARDIAN_TIMEOUT_MS, {
    when: 'start',
    field: 'review_timeout_ms',
    required: true,
    meaning: "the review's time budget",
  }),
  productClientId: stringAttribute(A.ATTR_PRODUCT_CLIENT_ID, {
    when: 'start',
    field: 'product_client_id',
    meaning: 'the client product; also read from the resource',
  }),
  actionType: enumAttribute(A.ATTR_ACTION_TYPE, GUARDIAN_ACTION_TYPES, {
    when: 'start',
    option: 'action.type',
    field: 'reviewed_action',
    required: true,
    meaning: 'the reviewed action; picks its attributes, subject and trigger',
  }),
  actionTruncated: flagAttribute(A.ATTR_ACTION_TRUNCATED, {
    when: 'start',
    field: 'reviewed_action_truncated',
    meaning: 'the action was truncated before review',
  }),
  contentRecorded: flagAttribute(A.ATTR_CONTENT_RECORDED, {
    option: false,
    when: 'start',
    meaning: 'the span was made with content recording on (missing content keys are then null)',
  }),
  assessmentOutcome: enumAttribute(A.ATTR_GUARDIAN_ASSESSMENT_OUTCOME, GUARDIAN_ASSESSMENT_OUTCOMES, {
    when: 'end',
    option: 'approve / deny',
    field: 'decision',
    meaning: "the guardian's verdict; with the failure kind, decides `decision` and `terminal_status`",
  }),
  failureKind: enumAttribute(A.ATTR_GUARDIAN_FAILURE_KIND, GUARDIAN_FAILURE_KINDS, {
    when: 'end',
    option: 'timeOut / abort / failClosed(kind)',
    field: 'failure_kind',
    meaning: 'why the review failed; decides the outcome when present',
  }),
  timeToFirstToken: secondsAttribute(A.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, {
    when: 'first token',
    option: 'recordFirstToken',
    field: 'guardian_time_to_first_token_ms',
    meaning: "seconds from the review's start to the first token",
  }),
  errorType: stringAttribute(A.ATTR_ERROR_TYPE, {
    when: 'end',
    option: 'failClosed(kind)',
    meaning: 'the failure kind, when failing closed',
  }),
});

export const GUARDIAN_SESSION_ATTRIBUTES = attributeTable({
  guardianThreadId: stringAttribute(A.ATTR_GUARDIAN_THREAD_ID, {
    when: 'session',
    field: 'guardian_thread_id',
    meaning: "the guardian's own thread",
  }),
  sessionKind: enumAttribute(A.ATTR_GUARDIAN_SESSION_KIND, GUARDIAN_SESSION_KINDS, {
    when: 'session',
    field: 'guardian_session_kind',
    meaning: 'how the guardian session was set up',
  }),
  model: stringAttribute(A.ATTR_GEN_AI_REQUEST_MODEL, {
    when: 'session',
    field: 'guardian_model',
    meaning: 'the guardian model',
  }),
  providerName: stringAttribute(A.ATTR_GEN_AI_PROVIDER_NAME, {
    when: 'session',
    meaning: 'e.g. `openai` (metrics only)',
  }),
  reasoningEffort: stringAttribute(A.ATTR_GUARDIAN_REASONING_EFFORT, {
    when: 'session',
    field: 'guardian_reasoning_effort',
    meaning: "the guardian model's reasoning effort",
  }),
  priorReviewContext: booleanAttribute(A.ATTR_GUARDIAN_PRIOR_REVIEW_CONTEXT, {
    when: 'session',
    field: 'had_prior_review_context',
    meaning: 'the session had reviewed before',
  }),
});

export const GUARDIAN_USAGE_ATTRIBUTES = attributeTable({
  inputTokens: countAttribute(A.ATTR_GEN_AI_USAGE_INPUT_TOKENS, {
    when: 'any',
    field: 'input_tokens',
    meaning: 'input tokens of the guardian session',
  }),
  cachedInputTokens: countAttribute(A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, {
    when: 'any',
    field: 'cached_input_tokens',
    meaning: 'input tokens read from the cache',
  }),
  outputTokens: countAttribute(A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, {
    when: 'any',
    field: 'output_tokens',
    meaning: 'output tokens',
  }),
  reasoningOutputTokens: countAttribute(A.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, {
    when: 'any',
    field: 'reasoning_output_tokens',
    meaning: 'reasoning output tokens',
  }),
  totalTokens: countAttribute(A.ATTR_GUARDIAN_USAGE_TOTAL_TOKENS, {
    when: 'any',
    field: 'total_tokens',
    meaning: 'default: input + output when both are known',
  }),
});

export const GUARDIAN_ASSESSMENT_ATTRIBUTES = attributeTable({
  riskScore: countAttribute(A.ATTR_GUARDIAN_RISK_SCORE, {
    when: 'end',
    field: 'risk_score',
    max: 100,
    meaning: '0..100',
  }),
  riskLevel: enumAttribute(A.ATTR_GUARDIAN_RISK_LEVEL, GUARDIAN_RISK_LEVELS, {
    when: 'end',
    field: 'risk_level',
    meaning: "the guardian's risk level",
  }),
  rationale: stringAttribute(A.ATTR_GUARDIAN_RATIONALE, {
    when: 'end',
    field: 'rationale',
    content: true,
    meaning: "the guardian's reasons",
  }),
});

/** Tool-call counts by kind, written when the review finishes. */
export const GUARDIAN_TOOL_CALL_COUNT_ATTRIBUTES = Object.fromEntries(
  GUARDIAN_TOOL_CALL_KINDS.map(kind => [
    kind,
    countAttribute(A.ATTR_GUARDIAN_TOOL_CALLS[kind], {
      when: 'end',
      option: 'recordToolCall',
      field: 'guardian_tool_call_counts',
      meaning: `${kind} tool calls of the guardian session`,
    }),
  ])
) as Record<GuardianToolCallKind, AttributeDefinition<number>>;
