/*
 * The guardian's review session: an agent invocation with its own tool
 * calls, first token and token usage, ending in a verdict, a timeout, an
 * abort or a fail-closed error (the only outcome that is a span error).
 */
import {
  type Attributes,
  type Exception,
  type HrTime,
  type Span,
  SpanStatusCode,
  type TimeInput,
} from '@opentelemetry/api';
import { hrTimeDuration, hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ContentRule } from '../rules/contentRule.js';
import { permissionsRequested } from '../rules/requestedPermissions.js';
import { scrubSecrets } from '../rules/secrets.js';
import { emptyToolCallCounts } from '../rows/guardianReviewRow.js';
import {
  GUARDIAN_ACTION_ATTRIBUTES,
  GUARDIAN_ACTION_FIELDS,
} from '../schema/guardianActionAttributes.js';
import {
  GUARDIAN_ASSESSMENT_ATTRIBUTES,
  GUARDIAN_REVIEW_ATTRIBUTES as G,
  GUARDIAN_SESSION_ATTRIBUTES,
  GUARDIAN_TOOL_CALL_COUNT_ATTRIBUTES,
  GUARDIAN_USAGE_ATTRIBUTES,
} from '../schema/guardianReviewAttributes.js';
import type { AttributeDefinition } from '../schema/AttributeDefinition.js';
import {
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_TOOL_CALL_KIND,
  EVENT_GUARDIAN_FIRST_TOKEN,
  EVENT_GUARDIAN_TOOL_CALL,
} from '../semconv/attributes.js';
import { isOneOf } from '../semconv/isOneOf.js';
import { GUARDIAN_AGENT_NAME, OPERATION_INVOKE_AGENT } from '../semconv/spans.js';
import {
  GUARDIAN_TOOL_CALL_KINDS,
  type GuardianAssessmentOutcome,
  type GuardianFailClosedKind,
  type GuardianReviewFailureKind,
  type GuardianToolCallKind,
} from '../semconv/values.js';
import { threadAttributes } from './threadAttributes.js';
import { FinishableSpan, toHrTime } from './FinishableSpan.js';
import type {
  GuardianAssessment,
  GuardianFailure,
  GuardianReviewedActionInput,
  GuardianReviewStartOptions,
  GuardianSessionInfo,
  GuardianTokenUsage,
  GuardianToolCallOptions,
} from './guardianReviewOptions.js';
import type { SpanEndOptions } from './types.js';
import { attributesOf, putAttribute, putOptions } from './writeAttributes.js';

export function guardianReviewStartAttributes(
  options: GuardianReviewStartOptions,
  content: ContentRule
): Attributes {
  const attributes = threadAttributes(options);
  putAttribute(attributes, G.operationName, OPERATION_INVOKE_AGENT);
  putAttribute(attributes, G.agentName, GUARDIAN_AGENT_NAME);
  putAttribute(attributes, G.reviewer, 'guardian');
  putAttribute(attributes, G.delegated, false);
  putAttribute(attributes, G.actionTruncated, false);
  putOptions(attributes, G, options);
  putAttribute(attributes, G.actionType, options.action.type);
  if (content.record) putAttribute(attributes, G.contentRecorded, true);
  putOptions(attributes, GUARDIAN_SESSION_ATTRIBUTES, options);
  return putActionAttributes(attributes, options.action, content);
}

function putActionAttributes(
  attributes: Attributes,
  action: GuardianReviewedActionInput,
  content: ContentRule
): Attributes {
  if (action.type === 'request_permissions') {
    const requested = permissionsRequested(action.permissions);
    putAttribute(attributes, GUARDIAN_ACTION_ATTRIBUTES.requestedNetwork, requested.network);
    putAttribute(attributes, GUARDIAN_ACTION_ATTRIBUTES.requestedAdditional, requested.additional);
  }
  return putOptions(attributes, GUARDIAN_ACTION_FIELDS[action.type], action, content);
}

/** The error as an exception event, its message and stack scrubbed of secret shapes when the rule says so. */
function exceptionOf(error: unknown, content: ContentRule): Exception {
  const scrub = (text: string | undefined) => (text !== undefined && content.scrub ? scrubSecrets(text) : text);
  if (error instanceof Error) return { name: error.name, message: scrub(error.message), stack: scrub(error.stack) };
  return { name: typeof error, message: scrub(String(error)) };
}

/** A guardian review in flight: the span of one guardian session, ended by its verdict or failure. */
export class GuardianReviewSpan extends FinishableSpan {
  private readonly _reviewId: string;
  private readonly _content: ContentRule;
  private readonly _toolCalls = emptyToolCallCounts();
  private _firstTokenRecorded = false;

  /** Use ReviewTracer.startGuardianReview. */
  constructor(
    span: Span,
    startTime: HrTime,
    options: GuardianReviewStartOptions,
    content: ContentRule
  ) {
    super(span, startTime);
    this._reviewId = options.reviewId;
    this._content = content;
  }

  /** Session facts learned after the start (e.g. trunk reused or spawned). */
  setSession(info: GuardianSessionInfo): void {
    this._run('setSession', false, () =>
      this.span.setAttributes(putOptions({}, GUARDIAN_SESSION_ATTRIBUTES, info))
    );
  }

  /** One tool call of the guardian's own session; a kind outside the set is ignored. */
  recordToolCall(kind: GuardianToolCallKind, options: GuardianToolCallOptions = {}): void {
    this._run('recordToolCall', false, () => {
      if (!isOneOf(GUARDIAN_TOOL_CALL_KINDS, kind)) throw new TypeError('unknown tool call kind');
      this._toolCalls[kind]++;
      const attributes: Attributes = { [ATTR_TOOL_CALL_KIND]: kind };
      if (options.toolName !== undefined) attributes[ATTR_GEN_AI_TOOL_NAME] = options.toolName;
      if (options.callId !== undefined) attributes[ATTR_GEN_AI_TOOL_CALL_ID] = options.callId;
      this.span.addEvent(EVENT_GUARDIAN_TOOL_CALL, attributes, toHrTime(options.time));
    });
  }

  /** The guardian's first token; later calls are ignored. */
  recordFirstToken(time?: TimeInput): void {
    if (this._firstTokenRecorded) return;
    this._run('recordFirstToken', false, () => {
      this._firstTokenRecorded = true;
      const at = toHrTime(time);
      const seconds = Math.max(0, hrTimeToMilliseconds(hrTimeDuration(this._startTime, at)) / 1000);
      // The attribute survives the SDK's event-count limit; the event places it on the timeline.
      this.span.setAttributes(putOptions({}, [G.timeToFirstToken], { recordFirstToken: seconds }));
      this.span.addEvent(EVENT_GUARDIAN_FIRST_TOKEN, at);
    });
  }

  /** Records the tokens the guardian session used (total: input + output unless given). */
  recordTokenUsage(usage: GuardianTokenUsage): void {
    this._run('recordTokenUsage', false, () => {
      const total =
        usage.totalTokens ??
        (usage.inputTokens !== undefined && usage.outputTokens !== undefined
          ? usage.inputTokens + usage.outputTokens
          : undefined);
      this.span.setAttributes(putOptions({}, GUARDIAN_USAGE_ATTRIBUTES, { ...usage, totalTokens: total }));
    });
  }

  /** The guardian allowed the action. */
  approve(assessment: GuardianAssessment = {}): void {
    this._run('approve', true, () => this._assess('allow', assessment));
  }

  /** The guardian denied the action: a normal outcome, not an error. */
  deny(assessment: GuardianAssessment = {}): void {
    this._run('deny', true, () => this._assess('deny', assessment));
  }

  /** The review ran out of time; the action is denied. */
  timeOut(options: SpanEndOptions = {}): void {
    this._run('timeOut', true, () => this._fail('timeout', options.endTime));
  }

  /** The review was cancelled (the turn was interrupted). */
  abort(options: SpanEndOptions = {}): void {
    this._run('abort', true, () => this._fail('cancelled', options.endTime));
  }

  /** The guardian could not decide, so the action is denied: a span error. */
  failClosed(kind: GuardianFailClosedKind, failure: GuardianFailure = {}): void {
    this._run('failClosed', true, () => {
      this.span.setAttributes(attributesOf([G.errorType, kind]));
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: kind });
      // Error messages can quote the reviewed command: content.
      if (failure.error !== undefined && this._content.record) {
        this.span.recordException(exceptionOf(failure.error, this._content));
      }
      this._setAssessment(failure);
      this._fail(kind, failure.endTime);
    });
  }

  private _assess(outcome: GuardianAssessmentOutcome, assessment: GuardianAssessment): void {
    this.span.setAttributes(attributesOf([G.assessmentOutcome, outcome]));
    this._setAssessment(assessment);
    this._finish(assessment.endTime);
  }

  private _setAssessment(assessment: GuardianAssessment): void {
    this.span.setAttributes(
      putOptions({}, GUARDIAN_ASSESSMENT_ATTRIBUTES, assessment, this._content)
    );
  }

  private _fail(kind: GuardianReviewFailureKind, endTime: TimeInput | undefined): void {
    this.span.setAttributes(attributesOf([G.failureKind, kind]));
    this._finish(endTime);
  }

  /** Writes the tool call counts so the event-count limit cannot lower them. */
  private _finish(endTime: TimeInput | undefined): void {
    this.span.setAttributes(
      attributesOf(
        ...GUARDIAN_TOOL_CALL_KINDS.map(
          kind => [GUARDIAN_TOOL_CALL_COUNT_ATTRIBUTES[kind], this._toolCalls[kind]] as [AttributeDefinition, number]
        )
      )
    );
    this._end(endTime);
  }

  /** The review, for diagnostics. */
  protected _describe(): string {
    return `guardian review ${this._reviewId}`;
  }
}
