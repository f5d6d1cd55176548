/*
 * A finished guardian review span → its `codex_guardian_review` row (seed 000
 * field set) and its `codex_review_event` row.
 */
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ACTION_ADDITIONAL_PERMISSIONS,
  ATTR_ACTION_ARGV,
  ATTR_ACTION_COMMAND,
  ATTR_ACTION_COMMAND_DISPLAY,
  ATTR_ACTION_CWD,
  ATTR_ACTION_FILES,
  ATTR_ACTION_HOST,
  ATTR_ACTION_JUSTIFICATION,
  ATTR_ACTION_PATCH,
  ATTR_ACTION_PORT,
  ATTR_ACTION_PROGRAM,
  ATTR_ACTION_PROTOCOL,
  ATTR_ACTION_SANDBOX_PERMISSIONS,
  ATTR_ACTION_SOURCE,
  ATTR_ACTION_TARGET,
  ATTR_ACTION_TRUNCATED,
  ATTR_ACTION_TTY,
  ATTR_ACTION_TYPE,
  ATTR_CONTENT_RECORDED,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_GUARDIAN_ASSESSMENT_OUTCOME,
  ATTR_GUARDIAN_DELEGATED,
  ATTR_GUARDIAN_FAILURE_KIND,
  ATTR_GUARDIAN_PRIOR_REVIEW_CONTEXT,
  ATTR_GUARDIAN_RATIONALE,
  ATTR_GUARDIAN_REASONING_EFFORT,
  ATTR_GUARDIAN_RETRY_REASON,
  ATTR_GUARDIAN_RISK_LEVEL,
  ATTR_GUARDIAN_RISK_SCORE,
  ATTR_GUARDIAN_SESSION_KIND,
  ATTR_GUARDIAN_THREAD_ID,
  ATTR_GUARDIAN_TIMEOUT_MS,
  ATTR_GUARDIAN_TOOL_CALLS,
  ATTR_GUARDIAN_TRIGGER,
  ATTR_GUARDIAN_USAGE_TOTAL_TOKENS,
  ATTR_MCP_ARGUMENTS,
  ATTR_MCP_CONNECTOR_ID,
  ATTR_MCP_CONNECTOR_NAME,
  ATTR_MCP_SERVER,
  ATTR_MCP_TOOL_NAME,
  ATTR_MCP_TOOL_TITLE,
  ATTR_PRODUCT_CLIENT_ID,
  ATTR_REQUEST_ADDITIONAL_PERMISSIONS,
  ATTR_REQUEST_NETWORK_ACCESS,
  ATTR_REVIEW_ID,
  ATTR_TOOL_CALL_KIND,
  EVENT_GUARDIAN_FIRST_TOKEN,
  EVENT_GUARDIAN_TOOL_CALL,
} from '../semconv/attributes.js';
import {
  GUARDIAN_TOOL_CALL_KINDS,
  type GuardianActionType,
} from '../semconv/values.js';
import {
  guardianRequestedPermissions,
  guardianResult,
  guardianReviewSubject,
} from './reviewRules.js';
import { reviewEventRow } from './reviewEventRow.js';
import {
  emptyToolCallCounts,
  GUARDIAN_REVIEW_EVENT_TYPE,
  type GuardianReviewedAction,
  type GuardianReviewRow,
  type GuardianToolCallCounts,
  type JsonValue,
} from './rows.js';
import {
  flag,
  MalformedSpanError,
  optionalBoolean,
  optionalCount,
  optionalEnum,
  optionalNumber,
  optionalString,
  optionalStringArray,
  requiredEnum,
  requiredString,
} from './spanAttributes.js';
import { hrTimeDiffMillis, hrTimeToMillis } from './spanTime.js';
import { readThreadFields } from './threadContext.js';
import type { ReviewMapping } from './userReview.js';
import {
  GUARDIAN_ACTION_TYPE_SET,
  GUARDIAN_ASSESSMENT_OUTCOME_SET,
  GUARDIAN_COMMAND_SOURCE_SET,
  GUARDIAN_FAILURE_KIND_SET,
  GUARDIAN_RISK_LEVEL_SET,
  GUARDIAN_SESSION_KIND_SET,
  GUARDIAN_TOOL_CALL_KIND_SET,
  GUARDIAN_TRIGGER_SET,
  NETWORK_PROTOCOL_SET,
} from './valueSets.js';

export interface GuardianReviewMapping extends ReviewMapping {
  guardianReview: GuardianReviewRow;
}

/** Null when the span ended with neither an assessment nor a failure. */
export function mapGuardianReviewSpan(
  span: ReadableSpan
): GuardianReviewMapping | null {
  const attrs = span.attributes;
  const thread = readThreadFields(attrs);
  const reviewId = requiredString(attrs, ATTR_REVIEW_ID);
  const actionType = requiredEnum(attrs, ATTR_ACTION_TYPE, GUARDIAN_ACTION_TYPE_SET);
  const reviewedAction = readReviewedAction(attrs, actionType);
  const timeoutMs = optionalCount(attrs, ATTR_GUARDIAN_TIMEOUT_MS);
  if (timeoutMs === null) {
    throw new MalformedSpanError(`attribute ${ATTR_GUARDIAN_TIMEOUT_MS} is required`);
  }
  const riskScore = optionalCount(attrs, ATTR_GUARDIAN_RISK_SCORE);
  if (riskScore !== null && riskScore > 100) {
    throw new MalformedSpanError(
      `attribute ${ATTR_GUARDIAN_RISK_SCORE} must be 0..100, got ${riskScore}`
    );
  }
  const failureKind = optionalEnum(
    attrs,
    ATTR_GUARDIAN_FAILURE_KIND,
    GUARDIAN_FAILURE_KIND_SET
  );
  const result = guardianResult(
    optionalEnum(attrs, ATTR_GUARDIAN_ASSESSMENT_OUTCOME, GUARDIAN_ASSESSMENT_OUTCOME_SET),
    failureKind
  );
  const requested = guardianRequestedPermissions(actionType, {
    network: flag(attrs, ATTR_REQUEST_NETWORK_ACCESS),
    additional: flag(attrs, ATTR_REQUEST_ADDITIONAL_PERMISSIONS),
  });
  const subject = guardianReviewSubject(
    actionType,
    optionalString(attrs, ATTR_MCP_TOOL_NAME),
    requested
  );
  const targetItemId = optionalString(attrs, ATTR_GEN_AI_TOOL_CALL_ID);
  const toolCallCounts = readToolCallCounts(span);
  if (result === null) return null;

  const startedAtMs = hrTimeToMillis(span.startTime);
  const completedAtMs = hrTimeToMillis(span.endTime);
  const guardianReview: GuardianReviewRow = {
    event_type: GUARDIAN_REVIEW_EVENT_TYPE,
    event_params: {
      thread_id: thread.thread_id,
      turn_id: thread.turn_id,
      review_id: reviewId,
      target_item_id: targetItemId,
      product_client_id:
        optionalString(attrs, ATTR_PRODUCT_CLIENT_ID) ??
        optionalString(span.resource.attributes, ATTR_PRODUCT_CLIENT_ID),
      trigger:
        optionalEnum(attrs, ATTR_GUARDIAN_TRIGGER, GUARDIAN_TRIGGER_SET) ??
        defaultGuardianTrigger(actionType),
      retry_reason: optionalString(attrs, ATTR_GUARDIAN_RETRY_REASON),
      delegated_review: flag(attrs, ATTR_GUARDIAN_DELEGATED),
      reviewed_action: reviewedAction.action,
      reviewed_action_truncated: flag(attrs, ATTR_ACTION_TRUNCATED) || reviewedAction.truncated,
      decision: result.decision,
      terminal_status: result.terminalStatus,
      failure_kind: failureKind,
      risk_score: riskScore,
      risk_level: optionalEnum(attrs, ATTR_GUARDIAN_RISK_LEVEL, GUARDIAN_RISK_LEVEL_SET),
      rationale: optionalString(attrs, ATTR_GUARDIAN_RATIONALE),
      guardian_thread_id: optionalString(attrs, ATTR_GUARDIAN_THREAD_ID),
      guardian_session_kind: optionalEnum(
        attrs,
        ATTR_GUARDIAN_SESSION_KIND,
        GUARDIAN_SESSION_KIND_SET
      ),
      guardian_model: optionalString(attrs, ATTR_GEN_AI_REQUEST_MODEL),
      guardian_reasoning_effort: optionalString(attrs, ATTR_GUARDIAN_REASONING_EFFORT),
      had_prior_review_context: optionalBoolean(attrs, ATTR_GUARDIAN_PRIOR_REVIEW_CONTEXT),
      review_timeout_ms: timeoutMs,
      guardian_tool_call_count: totalToolCalls(toolCallCounts),
      guardian_tool_call_counts: toolCallCounts,
      guardian_time_to_first_token_ms: timeToFirstTokenMillis(span),
      guardian_completion_latency_ms: hrTimeToMillis(span.duration),
      started_at: Math.floor(startedAtMs / 1000),
      completed_at: Math.floor(completedAtMs / 1000),
      input_tokens: optionalCount(attrs, ATTR_GEN_AI_USAGE_INPUT_TOKENS),
      cached_input_tokens: optionalCount(attrs, ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS),
      output_tokens: optionalCount(attrs, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS),
      reasoning_output_tokens: optionalCount(
        attrs,
        ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS
      ),
      total_tokens: optionalCount(attrs, ATTR_GUARDIAN_USAGE_TOTAL_TOKENS),
    },
  };
  return {
    guardianReview,
    reviewEvent: reviewEventRow(span, {
      thread,
      itemId: targetItemId,
      reviewId,
      subject,
      reviewer: 'guardian',
      trigger: subject.trigger,
      result: { status: result.reviewStatus, resolution: 'none' },
    }),
    requested,
  };
}

/** Every action type but `request_permissions` names its own trigger. */
function defaultGuardianTrigger(actionType: GuardianActionType) {
  return actionType === 'request_permissions' ? null : actionType;
}

/** The reviewed action being read, and what reading it found. */
interface ActionBuild {
  action: GuardianReviewedAction;
  /** The span says content was recorded: missing content keys are null. */
  contentRecorded: boolean;
  /** A JSON content attribute no longer parses (cut by a length limit). */
  truncated: boolean;
}

/**
 * The tagged action, in the seed's key order. Content keys (command, cwd,
 * argv, files, patch, targets, arguments, justification) appear only when
 * content was recorded: with their value, or null when the span lacks it.
 */
function readReviewedAction(attrs: Attributes, type: GuardianActionType): ActionBuild {
  const build: ActionBuild = {
    action: { type },
    contentRecorded: flag(attrs, ATTR_CONTENT_RECORDED),
    truncated: false,
  };
  const action = build.action;
  switch (type) {
    case 'shell':
    case 'unified_exec':
      content(build, 'command', optionalStringArray(attrs, ATTR_ACTION_COMMAND));
      content(build, 'command_display', optionalString(attrs, ATTR_ACTION_COMMAND_DISPLAY));
      content(build, 'cwd', optionalString(attrs, ATTR_ACTION_CWD));
      action.sandbox_permissions = requiredString(attrs, ATTR_ACTION_SANDBOX_PERMISSIONS);
      jsonContent(build, 'additional_permissions', attrs, ATTR_ACTION_ADDITIONAL_PERMISSIONS);
      content(build, 'justification', optionalString(attrs, ATTR_ACTION_JUSTIFICATION));
      if (type === 'unified_exec') action.tty = flag(attrs, ATTR_ACTION_TTY);
      break;
    case 'execve':
      action.source = requiredEnum(attrs, ATTR_ACTION_SOURCE, GUARDIAN_COMMAND_SOURCE_SET);
      action.program = requiredString(attrs, ATTR_ACTION_PROGRAM);
      content(build, 'argv', optionalStringArray(attrs, ATTR_ACTION_ARGV));
      content(build, 'cwd', optionalString(attrs, ATTR_ACTION_CWD));
      jsonContent(build, 'additional_permissions', attrs, ATTR_ACTION_ADDITIONAL_PERMISSIONS);
      break;
    case 'apply_patch':
      content(build, 'cwd', optionalString(attrs, ATTR_ACTION_CWD));
      content(build, 'files', optionalStringArray(attrs, ATTR_ACTION_FILES));
      content(build, 'patch', optionalString(attrs, ATTR_ACTION_PATCH));
      break;
    case 'network_access': {
      content(build, 'target', optionalString(attrs, ATTR_ACTION_TARGET));
      content(build, 'host', optionalString(attrs, ATTR_ACTION_HOST));
      action.protocol = requiredEnum(attrs, ATTR_ACTION_PROTOCOL, NETWORK_PROTOCOL_SET);
      const port = optionalCount(attrs, ATTR_ACTION_PORT);
      if (port === null || port > 65535) {
        throw new MalformedSpanError(`attribute ${ATTR_ACTION_PORT} must be a port`);
      }
      action.port = port;
      break;
    }
    case 'mcp_tool_call':
      action.server = requiredString(attrs, ATTR_MCP_SERVER);
      action.tool_name = requiredString(attrs, ATTR_MCP_TOOL_NAME);
      jsonContent(build, 'arguments', attrs, ATTR_MCP_ARGUMENTS);
      action.connector_id = optionalString(attrs, ATTR_MCP_CONNECTOR_ID);
      action.connector_name = optionalString(attrs, ATTR_MCP_CONNECTOR_NAME);
      action.tool_title = optionalString(attrs, ATTR_MCP_TOOL_TITLE);
      break;
    case 'request_permissions':
      break;
  }
  return build;
}

/** Sets a content key: its value, or null when content was recorded without it. */
function content(build: ActionBuild, field: string, value: unknown): void {
  if (value !== null && value !== undefined) build.action[field] = value as JsonValue;
  else if (build.contentRecorded) build.action[field] = null;
}

/**
 * A content key carried as JSON text. Text cut by the SDK's attribute length
 * limit no longer parses: the review keeps its rows, the field is dropped and
 * the action is marked truncated.
 */
function jsonContent(build: ActionBuild, field: string, attrs: Attributes, key: string): void {
  const text = optionalString(attrs, key);
  let value: unknown = null;
  if (text !== null) {
    try {
      value = JSON.parse(text);
    } catch {
      build.truncated = true;
    }
  }
  content(build, field, value);
}

/**
 * Count attributes win when present: they survive the SDK's event-count
 * limit. Spans without them (made by hand) are counted from their events.
 */
function readToolCallCounts(span: ReadableSpan): GuardianToolCallCounts {
  const counts = emptyToolCallCounts();
  let fromAttributes = false;
  for (const kind of GUARDIAN_TOOL_CALL_KINDS) {
    const value = optionalCount(span.attributes, ATTR_GUARDIAN_TOOL_CALLS[kind]);
    if (value !== null) {
      counts[kind] = value;
      fromAttributes = true;
    }
  }
  if (fromAttributes) return counts;
  for (const event of span.events) {
    if (event.name !== EVENT_GUARDIAN_TOOL_CALL) continue;
    const kind = requiredEnum(
      event.attributes ?? {},
      ATTR_TOOL_CALL_KIND,
      GUARDIAN_TOOL_CALL_KIND_SET
    );
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
  const seconds = optionalNumber(span.attributes, ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);
  // Truncated like every other millisecond field; the epsilon undoes float error (1.005 s * 1000 = 1004.9999…).
  if (seconds !== null) return Math.floor(seconds * 1000 + 1e-6);
  for (const event of span.events) {
    if (event.name === EVENT_GUARDIAN_FIRST_TOKEN) {
      return Math.max(0, hrTimeDiffMillis(span.startTime, event.time));
    }
  }
  return null;
}
