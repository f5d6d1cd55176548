/*
 * Entry point of the instrumentation helpers: starts tool item, user review
 * and guardian review spans with the attributes the processor reads, so
 * callers never spell an attribute name.
 */
import {
  type Attributes,
  context,
  diag,
  type HrTime,
  INVALID_SPAN_CONTEXT,
  type Span,
  SpanKind,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { type ContentRule, contentRuleOf } from '../rules/contentRule.js';
import {
  GUARDIAN_REVIEW_SPAN_NAME,
  toolItemSpanName,
  userReviewSpanName,
} from '../semconv/spans.js';
import { SCOPE_NAME, VERSION } from '../semconv/version.js';
import { errorKind } from '../rules/errorKind.js';
import { toHrTime } from './FinishableSpan.js';
import { GuardianReviewSpan, guardianReviewStartAttributes } from './GuardianReviewSpan.js';
import type { GuardianReviewStartOptions } from './guardianReviewOptions.js';
import {
  ToolItemSpan,
  type ToolItemStartOptions,
  toolItemStartAttributes,
} from './ToolItemSpan.js';
import type { SpanStartOptions } from './types.js';
import {
  UserReviewSpan,
  type UserReviewStartOptions,
  userReviewStartAttributes,
} from './UserReviewSpan.js';

const logger = diag.createComponentLogger({ namespace: 'agent-review-telemetry' });


/** Options of ReviewTracer. */
export interface ReviewTracerConfig {
  /** Default: the global TracerProvider. */
  tracerProvider?: TracerProvider;
  /**
   * Record content that can carry secrets or personal data: commands, cwd,
   * argv, patches, file paths, MCP arguments, network targets, rationales.
   * Default: the `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`
   * environment variable, else false.
   */
  recordContent?: boolean;
  /**
   * With content on, mask well-known secret shapes in it (API keys and
   * tokens, authorization values, passwords in URLs and arguments, private
   * keys). Default: true.
   */
  scrubSecrets?: boolean;
}

/** Starts the review and tool item spans: the helpers that write the attributes the processor reads. */
export class ReviewTracer {
  /** Whether content is recorded (the option, else the environment switch). */
  readonly recordContent: boolean;
  private readonly _content: ContentRule;
  private readonly _tracer: Tracer;

  constructor(config: ReviewTracerConfig = {}) {
    this._tracer = (config.tracerProvider ?? trace.getTracerProvider()).getTracer(
      SCOPE_NAME,
      VERSION
    );
    this._content = contentRuleOf(config);
    this.recordContent = this._content.record;
  }

  /** A tool item: `execute_tool {toolName}`. */
  startToolItem(options: ToolItemStartOptions): ToolItemSpan {
    return this._start(
      'startToolItem',
      options,
      () => toolItemSpanName(options.toolName),
      () => toolItemStartAttributes(options, this._content),
      (span, startTime, valid) => new ToolItemSpan(span, startTime, valid, this._content)
    );
  }

  /** A user's review of an approval request: `user_review {request kind}`. */
  startUserReview(options: UserReviewStartOptions): UserReviewSpan {
    return this._start(
      'startUserReview',
      options,
      () => userReviewSpanName(options.request.kind),
      () => userReviewStartAttributes(options),
      (span, startTime, valid) => new UserReviewSpan(span, startTime, valid)
    );
  }

  /** The guardian's review session: `invoke_agent guardian`. */
  startGuardianReview(options: GuardianReviewStartOptions): GuardianReviewSpan {
    return this._start(
      'startGuardianReview',
      options,
      () => GUARDIAN_REVIEW_SPAN_NAME,
      () => guardianReviewStartAttributes(options, this._content),
      (span, startTime, valid) => new GuardianReviewSpan(span, startTime, valid, this._content)
    );
  }

  /**
   * Starts the span and its handle. Options the helper cannot read never
   * throw into the agent: the call is logged and returns a handle on a
   * non-recording span, whose calls do nothing.
   */
  private _start<O extends SpanStartOptions, H>(
    operation: string,
    options: O,
    name: () => string,
    attributes: () => Attributes,
    handle: (span: Span, startTime: HrTime, options: O) => H
  ): H {
    try {
      const startTime = toHrTime(options.startTime);
      const span = this._tracer.startSpan(
        name(),
        { kind: SpanKind.INTERNAL, attributes: attributes(), startTime },
        options.parent ?? context.active()
      );
      return handle(span, startTime, options);
    } catch (error) {
      logger.warn(`${operation} was given options it cannot read; nothing is recorded: ${errorKind(error)}`);
      return handle(trace.wrapSpanContext(INVALID_SPAN_CONTEXT), toHrTime(undefined), {} as O);
    }
  }
}
