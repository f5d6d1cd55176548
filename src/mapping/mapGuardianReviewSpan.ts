/*
 * A finished guardian review span → its `codex_guardian_review` row (seed 000
 * field set) and its `codex_review_event` row.
 */
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import {
  guardianRequestedPermissions,
  guardianResult,
  guardianReviewSubject,
} from '../rules/guardianReviewRules.js';
import {
  emptyToolCallCounts,
  GUARDIAN_REVIEW_EVENT_TYPE,
  type GuardianReviewRow,
  type GuardianToolCallCounts,
} from '../rows/guardianReviewRow.js';
import { GUARDIAN_ACTION_ATTRIBUTES as ACTION } from '../schema/guardianActionAttributes.js';
import {
  GUARDIAN_ASSESSMENT_ATTRIBUTES as ASSESSMENT,
  GUARDIAN_REVIEW_ATTRIBUTES as G,
  GUARDIAN_SESSION_ATTRIBUTES as SESSION,
  GUARDIAN_TOOL_CALL_COUNT_ATTRIBUTES,
  GUARDIAN_USAGE_ATTRIBUTES as USAGE,
} from '../schema/guardianReviewAttributes.js';
import { ATTR_TOOL_CALL_KIND, EVENT_GUARDIAN_FIRST_TOKEN, EVENT_GUARDIAN_TOOL_CALL } from '../semconv/attributes.js';
import { isOneOf } from '../semconv/isOneOf.js';
import { GUARDIAN_TOOL_CALL_KINDS, type GuardianActionType } from '../semconv/values.js';
import { type ContentRule, NO_CONTENT } from '../rules/contentRule.js';
import { MalformedSpanError } from '../rules/MalformedSpanError.js';
import { buildReviewEventRow } from './buildReviewEventRow.js';
import { contentOf, read, readContent, readFlag, readRequired } from './readAttribute.js';
import { readReviewedAction } from './readReviewedAction.js';
import { itemReviewOf, type ReviewMapping } from './ReviewMapping.js';
import { checkedMillis, elapsedMillis, spanTimes } from './spanTime.js';
import { readThreadFields } from './threadFields.js';

/** A guardian review span mapped: its two rows and what the later stages need. */
export interface GuardianReviewMapping extends ReviewMapping {
  /** The `codex_guardian_review` row. */
  guardianReview: GuardianReviewRow;
  /** `gen_ai.provider.name`, for the GenAI convention metrics. */
  providerName: string | null;
}

/**
 * Null when the span ended with neither an assessment nor a failure. Content
 * reaches the rows only as `rule` lets it (default: none).
 */
export function mapGuardianReviewSpan(
  span: ReadableSpan,
  rule: ContentRule = NO_CONTENT
): GuardianReviewMapping | null {
  const attrs = span.attributes;
  const content = contentOf(attrs, G.contentRecorded, rule);
  const thread = readThreadFields(attrs);
  const reviewId = readRequired(attrs, G.reviewId);
  const actionType = readRequired(attrs, G.actionType);
  const reviewedAction = readReviewedAction(attrs, actionType, content);
  const timeoutMs = readRequired(attrs, G.timeoutMs);
  const riskScore = read(attrs, ASSESSMENT.riskScore);
  const failureKind = read(attrs, G.failureKind);
  const result = guardianResult(read(attrs, G.assessmentOutcome), failureKind);
  const requested = guardianRequestedPermissions(actionType, {
    network: readFlag(attrs, ACTION.requestedNetwork),
    additional: readFlag(attrs, ACTION.requestedAdditional),
  });
  const subject = guardianReviewSubject(actionType, read(attrs, ACTION.mcpToolName), requested);
  const targetItemId = read(attrs, G.targetItemId);
  const toolCallCounts = readToolCallCounts(span);
  if (result === null) return null;

  const times = spanTimes(span);
  const guardianReview: GuardianReviewRow = {
    event_type: GUARDIAN_REVIEW_EVENT_TYPE,
    event_params: {
      thread_id: thread.thread_id,
      turn_id: thread.turn_id,
      review_id: reviewId,
      target_item_id: targetItemId,
      product_client_id:
        read(attrs, G.productClientId) ?? read(span.resource.attributes, G.productClientId),
      trigger: read(attrs, G.trigger) ?? defaultGuardianTrigger(actionType),
      retry_reason: read(attrs, G.retryReason),
      delegated_review: readFlag(attrs, G.delegated),
      reviewed_action: reviewedAction.action,
      reviewed_action_truncated: readFlag(attrs, G.actionTruncated) || reviewedAction.truncated,
      decision: result.decision,
      terminal_status: result.terminalStatus,
      failure_kind: failureKind,
      risk_score: riskScore,
      risk_level: read(attrs, ASSESSMENT.riskLevel),
      rationale: readContent(attrs, ASSESSMENT.rationale, content),
      guardian_thread_id: read(attrs, SESSION.guardianThreadId),
      guardian_session_kind: read(attrs, SESSION.sessionKind),
      guardian_model: read(attrs, SESSION.model),
      guardian_reasoning_effort: read(attrs, SESSION.reasoningEffort),
      had_prior_review_context: read(attrs, SESSION.priorReviewContext),
      review_timeout_ms: timeoutMs,
      guardian_tool_call_count: totalToolCalls(toolCallCounts),
      guardian_tool_call_counts: toolCallCounts,
      guardian_time_to_first_token_ms: timeToFirstTokenMillis(span),
      guardian_completion_latency_ms: checkedMillis(span.duration, 'duration'),
      started_at: Math.floor(times.startedAtMs / 1000),
      completed_at: Math.floor(times.completedAtMs / 1000),
      input_tokens: read(attrs, USAGE.inputTokens),
      cached_input_tokens: read(attrs, USAGE.cachedInputTokens),
      output_tokens: read(attrs, USAGE.outputTokens),
      reasoning_output_tokens: read(attrs, USAGE.reasoningOutputTokens),
      total_tokens: read(attrs, USAGE.totalTokens),
    },
  };
  const reviewEvent = buildReviewEventRow(span, {
    thread,
    itemId: targetItemId,
    reviewId,
    subject,
    reviewer: 'guardian',
    trigger: subject.trigger,
    result: { status: result.reviewStatus, resolution: 'none' },
    times,
  });
  // reviewMapping()'s fields written out, not spread: the spread was 6 % of the row path's profile.
  return {
    reviewEvent,
    requested,
    rowScope: thread.thread_id,
    rowId: reviewId,
    itemReview: itemReviewOf(reviewEvent, requested),
    guardianReview,
    providerName: read(attrs, SESSION.providerName),
  };
}

/** Every action type but `request_permissions` names its own trigger. */
function defaultGuardianTrigger(actionType: GuardianActionType) {
  return actionType === 'request_permissions' ? null : actionType;
}

/**
 * Count attributes win when present: they survive the SDK's event-count
 * limit. Spans without them (made by hand) are counted from their events.
 */
function readToolCallCounts(span: ReadableSpan): GuardianToolCallCounts {
  const counts = emptyToolCallCounts();
  let fromAttributes = false;
  for (const kind of GUARDIAN_TOOL_CALL_KINDS) {
    const value = read(span.attributes, GUARDIAN_TOOL_CALL_COUNT_ATTRIBUTES[kind]);
    if (value !== null) {
      counts[kind] = value;
      fromAttributes = true;
    }
  }
  if (fromAttributes) return counts;
  for (const event of span.events) {
    if (event.name !== EVENT_GUARDIAN_TOOL_CALL) continue;
    const kind = event.attributes?.[ATTR_TOOL_CALL_KIND];
    if (!isOneOf(GUARDIAN_TOOL_CALL_KINDS, kind)) {
      throw new MalformedSpanError(
        `event ${EVENT_GUARDIAN_TOOL_CALL} needs ${ATTR_TOOL_CALL_KIND} of ${GUARDIAN_TOOL_CALL_KINDS.join('|')}`
      );
    }
    counts[kind]++;
  }
  return counts;
}

function totalToolCalls(counts: GuardianToolCallCounts): number {
  let total = 0;
  for (const kind of GUARDIAN_TOOL_CALL_KINDS) total += counts[kind];
  return total;
}

/** The attribute wins; the first-token event is the fallback. */
function timeToFirstTokenMillis(span: ReadableSpan): number | null {
  const seconds = read(span.attributes, G.timeToFirstToken);
  // Truncated like every other millisecond field; the epsilon undoes float error (1.005 s * 1000 = 1004.9999…).
  if (seconds !== null) {
    const millis = Math.floor(seconds * 1000 + 1e-6);
    if (!Number.isSafeInteger(millis)) {
      throw new MalformedSpanError(`attribute ${G.timeToFirstToken.key} is too large`);
    }
    return millis;
  }
  for (const event of span.events) {
    if (event.name === EVENT_GUARDIAN_FIRST_TOKEN) {
      return elapsedMillis(span.startTime, event.time);
    }
  }
  return null;
}
