/*
 * The guardian's review session: an agent invocation with its own tool
 * calls, first token and token usage, ending in a verdict, a timeout, an
 * abort or a fail-closed error (the only outcome that is a span error).
 */
import { type Attributes, type HrTime, type Span, SpanStatusCode, type TimeInput } from '@opentelemetry/api';
import { hrTimeDuration, hrTimeToMilliseconds } from '@opentelemetry/core';
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
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_NAME,
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
  ATTR_REVIEWER,
  ATTR_TOOL_CALL_KIND,
  EVENT_GUARDIAN_FIRST_TOKEN,
  EVENT_GUARDIAN_TOOL_CALL,
} from '../semconv/attributes.js';
import { GUARDIAN_AGENT_NAME, OPERATION_INVOKE_AGENT } from '../semconv/spans.js';
import {
  GUARDIAN_TOOL_CALL_KINDS,
  type GuardianAssessmentOutcome,
  type GuardianCommandSource,
  type GuardianFailClosedKind,
  type GuardianReviewRiskLevel,
  type GuardianReviewSessionKind,
  type GuardianReviewTrigger,
  type GuardianToolCallKind,
  type NetworkApprovalProtocol,
} from '../semconv/values.js';
import { emptyToolCallCounts } from '../processor/rows.js';
import { definedAttributes, FinishableSpan, setDefined, toHrTime } from './FinishableSpan.js';
import { permissionsRequested } from './requestedPermissions.js';
import { threadAttributes } from './threadAttributes.js';
import type {
  PermissionProfile,
  SpanEndOptions,
  SpanStartOptions,
  ThreadContext,
} from './types.js';

/**
 * The action under review. Fields marked content (commands, paths, patches,
 * targets, arguments, justifications) are recorded only when content
 * recording is on.
 */
export type GuardianReviewedActionInput =
  | ({ type: 'shell' } & CommandActionInput)
  | ({ type: 'unified_exec'; tty: boolean } & CommandActionInput)
  | {
      type: 'execve';
      source: GuardianCommandSource;
      program: string;
      /** Content. */
      argv?: string[];
      /** Content. */
      cwd?: string;
      /** Content. */
      additionalPermissions?: PermissionProfile;
    }
  | {
      type: 'apply_patch';
      /** Content. */
      cwd?: string;
      /** Content. */
      files?: string[];
      /** Content. */
      patch?: string;
    }
  | {
      type: 'network_access';
      protocol: NetworkApprovalProtocol;
      port: number;
      /** Content. */
      target?: string;
      /** Content. */
      host?: string;
    }
  | {
      type: 'mcp_tool_call';
      server: string;
      toolName: string;
      /** Content: any JSON value. */
      arguments?: unknown;
      connectorId?: string;
      connectorName?: string;
      toolTitle?: string;
    }
  | { type: 'request_permissions'; permissions: PermissionProfile };

interface CommandActionInput {
  /** `use_default`, `require_escalated`, `with_additional_permissions`. */
  sandboxPermissions: string;
  /** Content. */
  command?: string[];
  /** Content. */
  commandDisplay?: string;
  /** Content. */
  cwd?: string;
  /** Content. */
  justification?: string;
  /** Content. */
  additionalPermissions?: PermissionProfile;
}

/** The guardian session's identity, known at start or once it is set up. */
export interface GuardianSessionInfo {
  guardianThreadId?: string;
  sessionKind?: GuardianReviewSessionKind;
  model?: string;
  /** `gen_ai.provider.name`, e.g. `openai`. */
  providerName?: string;
  reasoningEffort?: string;
  priorReviewContext?: boolean;
}

export interface GuardianReviewStartOptions
  extends ThreadContext,
    SpanStartOptions,
    GuardianSessionInfo {
  reviewId: string;
  /** The tool item under review; none for network policy reviews. */
  targetItemId?: string;
  action: GuardianReviewedActionInput;
  /** Default: the action's own type. */
  trigger?: GuardianReviewTrigger;
  timeoutMs: number;
  retryReason?: string;
  /** The review was delegated to a subagent. */
  delegated?: boolean;
  /** The action was truncated before the guardian saw it. */
  actionTruncated?: boolean;
  productClientId?: string;
}

export interface GuardianTokenUsage {
  inputTokens?: number;
  cachedInputTokens?: number;
  outputTokens?: number;
  reasoningOutputTokens?: number;
  /** Default: input + output when both are known. */
  totalTokens?: number;
}

export interface GuardianAssessment extends SpanEndOptions {
  /** 0..100. */
  riskScore?: number;
  riskLevel?: GuardianReviewRiskLevel;
  /** Content. */
  rationale?: string;
}

export interface GuardianFailure extends GuardianAssessment {
  /** The underlying error; recorded as an exception event with content on. */
  error?: unknown;
}

export interface GuardianToolCallOptions {
  toolName?: string;
  callId?: string;
  time?: TimeInput;
}

export function guardianReviewStartAttributes(
  options: GuardianReviewStartOptions,
  recordContent: boolean
): Attributes {
  const attributes = threadAttributes(options);
  Object.assign(attributes, {
    [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_INVOKE_AGENT,
    [ATTR_GEN_AI_AGENT_NAME]: GUARDIAN_AGENT_NAME,
    [ATTR_REVIEWER]: 'guardian',
    [ATTR_REVIEW_ID]: options.reviewId,
    [ATTR_GUARDIAN_TIMEOUT_MS]: options.timeoutMs,
    [ATTR_GUARDIAN_DELEGATED]: options.delegated ?? false,
    [ATTR_ACTION_TRUNCATED]: options.actionTruncated ?? false,
  });
  if (recordContent) attributes[ATTR_CONTENT_RECORDED] = true;
  return Object.assign(
    attributes,
    definedAttributes({
      [ATTR_GEN_AI_TOOL_CALL_ID]: options.targetItemId,
      [ATTR_GUARDIAN_TRIGGER]: options.trigger,
      [ATTR_GUARDIAN_RETRY_REASON]: options.retryReason,
      [ATTR_PRODUCT_CLIENT_ID]: options.productClientId,
      ...sessionAttributes(options),
      ...actionAttributes(options.action, recordContent),
    })
  );
}

function sessionAttributes(info: GuardianSessionInfo): Record<string, unknown> {
  return {
    [ATTR_GUARDIAN_THREAD_ID]: info.guardianThreadId,
    [ATTR_GUARDIAN_SESSION_KIND]: info.sessionKind,
    [ATTR_GEN_AI_REQUEST_MODEL]: info.model,
    [ATTR_GEN_AI_PROVIDER_NAME]: info.providerName,
    [ATTR_GUARDIAN_REASONING_EFFORT]: info.reasoningEffort,
    [ATTR_GUARDIAN_PRIOR_REVIEW_CONTEXT]: info.priorReviewContext,
  };
}

const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));

/** Codex's `PermissionProfile` spelling: `{network, file_system}`. */
function permissionProfileJson(profile: PermissionProfile | undefined): string | undefined {
  return profile === undefined
    ? undefined
    : JSON.stringify({ network: profile.network, file_system: profile.fileSystem });
}

function actionAttributes(
  action: GuardianReviewedActionInput,
  recordContent: boolean
): Record<string, unknown> {
  const attributes: Record<string, unknown> = { [ATTR_ACTION_TYPE]: action.type };
  const always = (values: Record<string, unknown>) => Object.assign(attributes, values);
  const content = (values: Record<string, unknown>) => {
    if (recordContent) Object.assign(attributes, values);
  };
  switch (action.type) {
    case 'shell':
    case 'unified_exec':
      always({ [ATTR_ACTION_SANDBOX_PERMISSIONS]: action.sandboxPermissions });
      if (action.type === 'unified_exec') always({ [ATTR_ACTION_TTY]: action.tty });
      content({
        [ATTR_ACTION_COMMAND]: action.command,
        [ATTR_ACTION_COMMAND_DISPLAY]: action.commandDisplay,
        [ATTR_ACTION_CWD]: action.cwd,
        [ATTR_ACTION_JUSTIFICATION]: action.justification,
        [ATTR_ACTION_ADDITIONAL_PERMISSIONS]: permissionProfileJson(action.additionalPermissions),
      });
      break;
    case 'execve':
      always({ [ATTR_ACTION_SOURCE]: action.source, [ATTR_ACTION_PROGRAM]: action.program });
      content({
        [ATTR_ACTION_ARGV]: action.argv,
        [ATTR_ACTION_CWD]: action.cwd,
        [ATTR_ACTION_ADDITIONAL_PERMISSIONS]: permissionProfileJson(action.additionalPermissions),
      });
      break;
    case 'apply_patch':
      content({
        [ATTR_ACTION_CWD]: action.cwd,
        [ATTR_ACTION_FILES]: action.files,
        [ATTR_ACTION_PATCH]: action.patch,
      });
      break;
    case 'network_access':
      always({ [ATTR_ACTION_PROTOCOL]: action.protocol, [ATTR_ACTION_PORT]: action.port });
      content({ [ATTR_ACTION_TARGET]: action.target, [ATTR_ACTION_HOST]: action.host });
      break;
    case 'mcp_tool_call':
      always({
        [ATTR_MCP_SERVER]: action.server,
        [ATTR_MCP_TOOL_NAME]: action.toolName,
        [ATTR_MCP_CONNECTOR_ID]: action.connectorId,
        [ATTR_MCP_CONNECTOR_NAME]: action.connectorName,
        [ATTR_MCP_TOOL_TITLE]: action.toolTitle,
      });
      content({ [ATTR_MCP_ARGUMENTS]: json(action.arguments) });
      break;
    case 'request_permissions': {
      const requested = permissionsRequested(action.permissions);
      always({
        [ATTR_REQUEST_NETWORK_ACCESS]: requested.network,
        [ATTR_REQUEST_ADDITIONAL_PERMISSIONS]: requested.additional,
      });
      break;
    }
  }
  return attributes;
}

export class GuardianReviewSpan extends FinishableSpan {
  private readonly _reviewId: string;
  private readonly _recordContent: boolean;
  private readonly _toolCalls = emptyToolCallCounts();
  private _firstTokenRecorded = false;

  /** Use ReviewTracer.startGuardianReview. */
  constructor(
    span: Span,
    startTime: HrTime,
    options: GuardianReviewStartOptions,
    recordContent: boolean
  ) {
    super(span, startTime);
    this._reviewId = options.reviewId;
    this._recordContent = recordContent;
  }

  /** Session facts learned after the start (e.g. trunk reused or spawned). */
  setSession(info: GuardianSessionInfo): void {
    if (!this._isOpen('setSession')) return;
    setDefined(this.span, sessionAttributes(info));
  }

  /** One tool call of the guardian's own session. */
  recordToolCall(kind: GuardianToolCallKind, options: GuardianToolCallOptions = {}): void {
    if (!this._isOpen('recordToolCall')) return;
    this._toolCalls[kind]++;
    const attributes: Attributes = { [ATTR_TOOL_CALL_KIND]: kind };
    if (options.toolName !== undefined) attributes[ATTR_GEN_AI_TOOL_NAME] = options.toolName;
    if (options.callId !== undefined) attributes[ATTR_GEN_AI_TOOL_CALL_ID] = options.callId;
    this.span.addEvent(EVENT_GUARDIAN_TOOL_CALL, attributes, toHrTime(options.time));
  }

  /** The guardian's first token; later calls are ignored. */
  recordFirstToken(time?: TimeInput): void {
    if (!this._isOpen('recordFirstToken') || this._firstTokenRecorded) return;
    this._firstTokenRecorded = true;
    const at = toHrTime(time);
    const seconds = Math.max(0, hrTimeToMilliseconds(hrTimeDuration(this._startTime, at)) / 1000);
    // The attribute survives the SDK's event-count limit; the event places it on the timeline.
    this.span.setAttribute(ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
    this.span.addEvent(EVENT_GUARDIAN_FIRST_TOKEN, at);
  }

  recordTokenUsage(usage: GuardianTokenUsage): void {
    if (!this._isOpen('recordTokenUsage')) return;
    const total =
      usage.totalTokens ??
      (usage.inputTokens !== undefined && usage.outputTokens !== undefined
        ? usage.inputTokens + usage.outputTokens
        : undefined);
    setDefined(this.span, {
      [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: usage.inputTokens,
      [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: usage.cachedInputTokens,
      [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: usage.outputTokens,
      [ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: usage.reasoningOutputTokens,
      [ATTR_GUARDIAN_USAGE_TOTAL_TOKENS]: total,
    });
  }

  /** The guardian allowed the action. */
  approve(assessment: GuardianAssessment = {}): void {
    this._assess('allow', assessment);
  }

  /** The guardian denied the action: a normal outcome, not an error. */
  deny(assessment: GuardianAssessment = {}): void {
    this._assess('deny', assessment);
  }

  /** The review ran out of time; the action is denied. */
  timeOut(options: SpanEndOptions = {}): void {
    if (!this._isOpen('timeOut')) return;
    this.span.setAttribute(ATTR_GUARDIAN_FAILURE_KIND, 'timeout');
    this._finish(options.endTime);
  }

  /** The review was cancelled (the turn was interrupted). */
  abort(options: SpanEndOptions = {}): void {
    if (!this._isOpen('abort')) return;
    this.span.setAttribute(ATTR_GUARDIAN_FAILURE_KIND, 'cancelled');
    this._finish(options.endTime);
  }

  /** The guardian could not decide, so the action is denied: a span error. */
  failClosed(kind: GuardianFailClosedKind, failure: GuardianFailure = {}): void {
    if (!this._isOpen('failClosed')) return;
    this.span.setAttributes({
      [ATTR_GUARDIAN_FAILURE_KIND]: kind,
      [ATTR_ERROR_TYPE]: kind,
    });
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: kind });
    // Error messages can quote the reviewed command: content.
    if (failure.error !== undefined && this._recordContent) {
      this.span.recordException(
        failure.error instanceof Error ? failure.error : String(failure.error)
      );
    }
    this._setAssessment(failure);
    this._finish(failure.endTime);
  }

  private _assess(outcome: GuardianAssessmentOutcome, assessment: GuardianAssessment): void {
    if (!this._isOpen(outcome === 'allow' ? 'approve' : 'deny')) return;
    this.span.setAttribute(ATTR_GUARDIAN_ASSESSMENT_OUTCOME, outcome);
    this._setAssessment(assessment);
    this._finish(assessment.endTime);
  }

  private _setAssessment(assessment: GuardianAssessment): void {
    setDefined(this.span, {
      [ATTR_GUARDIAN_RISK_SCORE]: assessment.riskScore,
      [ATTR_GUARDIAN_RISK_LEVEL]: assessment.riskLevel,
      [ATTR_GUARDIAN_RATIONALE]: this._recordContent ? assessment.rationale : undefined,
    });
  }

  /** Writes the tool call counts so the event-count limit cannot lower them. */
  private _finish(endTime: TimeInput | undefined): void {
    for (const kind of GUARDIAN_TOOL_CALL_KINDS) {
      this.span.setAttribute(ATTR_GUARDIAN_TOOL_CALLS[kind], this._toolCalls[kind]);
    }
    this._end(endTime);
  }

  protected _describe(): string {
    return `guardian review ${this._reviewId}`;
  }
}
