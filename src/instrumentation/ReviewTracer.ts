/*
 * Entry point of the instrumentation helpers: starts tool item, user review
 * and guardian review spans with the attributes the processor reads, so
 * callers never spell an attribute name.
 */
import {
  type Attributes,
  context,
  SpanKind,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { getBooleanFromEnv } from '@opentelemetry/core';
import {
  GUARDIAN_REVIEW_SPAN_NAME,
  toolItemSpanName,
  userReviewSpanName,
} from '../semconv/spans.js';
import { SCOPE_NAME, VERSION } from '../semconv/version.js';
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

/** The GenAI conventions' switch for recording message content. */
export const RECORD_CONTENT_ENV = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';

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
}

export class ReviewTracer {
  readonly recordContent: boolean;
  private readonly _tracer: Tracer;

  constructor(config: ReviewTracerConfig = {}) {
    this._tracer = (config.tracerProvider ?? trace.getTracerProvider()).getTracer(
      SCOPE_NAME,
      VERSION
    );
    this.recordContent = config.recordContent ?? getBooleanFromEnv(RECORD_CONTENT_ENV) ?? false;
  }

  /** A tool item: `execute_tool {toolName}`. */
  startToolItem(options: ToolItemStartOptions): ToolItemSpan {
    const { span, startTime } = this._start(
      toolItemSpanName(options.toolName),
      toolItemStartAttributes(options),
      options
    );
    return new ToolItemSpan(span, startTime, options, this.recordContent);
  }

  /** A user's review of an approval request: `user_review {request kind}`. */
  startUserReview(options: UserReviewStartOptions): UserReviewSpan {
    const { span, startTime } = this._start(
      userReviewSpanName(options.request.kind),
      userReviewStartAttributes(options),
      options
    );
    return new UserReviewSpan(span, startTime, options);
  }

  /** The guardian's review session: `invoke_agent guardian`. */
  startGuardianReview(options: GuardianReviewStartOptions): GuardianReviewSpan {
    const { span, startTime } = this._start(
      GUARDIAN_REVIEW_SPAN_NAME,
      guardianReviewStartAttributes(options, this.recordContent),
      options
    );
    return new GuardianReviewSpan(span, startTime, options, this.recordContent);
  }

  private _start(name: string, attributes: Attributes, options: SpanStartOptions) {
    const startTime = toHrTime(options.startTime);
    const span = this._tracer.startSpan(
      name,
      { kind: SpanKind.INTERNAL, attributes, startTime },
      options.parent ?? context.active()
    );
    return { span, startTime };
  }
}
