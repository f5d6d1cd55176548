/* What the guardian review helper is told: the start options, the reviewed action, usage and the verdict. */
import type { TimeInput } from '@opentelemetry/api';
import type {
  GuardianCommandSource,
  GuardianReviewRiskLevel,
  GuardianReviewSessionKind,
  GuardianReviewTrigger,
  NetworkApprovalProtocol,
} from '../semconv/values.js';
import type { PermissionProfile, SpanEndOptions, SpanStartOptions, ThreadContext } from './types.js';

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
  /** The guardian's own thread; row field `guardian_thread_id`. */
  guardianThreadId?: string;
  /** How the guardian session was set up; row field `guardian_session_kind`. */
  sessionKind?: GuardianReviewSessionKind;
  /** The guardian model; row field `guardian_model`. */
  model?: string;
  /** `gen_ai.provider.name`, e.g. `openai`. */
  providerName?: string;
  /** The guardian model's reasoning effort; row field `guardian_reasoning_effort`. */
  reasoningEffort?: string;
  /** The session had reviewed before; row field `had_prior_review_context`. */
  priorReviewContext?: boolean;
}

/** What a guardian review knows when it starts. */
export interface GuardianReviewStartOptions
  extends ThreadContext,
    SpanStartOptions,
    GuardianSessionInfo {
  /** The guardian review id; row field `review_id`. */
  reviewId: string;
  /** The tool item under review; none for network policy reviews. */
  targetItemId?: string;
  /** The action the guardian reviews; its type picks the attributes, subject and trigger. */
  action: GuardianReviewedActionInput;
  /** Default: the action's own type. */
  trigger?: GuardianReviewTrigger;
  /** The review's time budget; row field `review_timeout_ms`. */
  timeoutMs: number;
  /** Why the review was retried; row field `retry_reason`. */
  retryReason?: string;
  /** The review was delegated to a subagent. */
  delegated?: boolean;
  /** The action was truncated before the guardian saw it. */
  actionTruncated?: boolean;
  /** The client product; also read from the resource; row field `product_client_id`. */
  productClientId?: string;
}

/** Tokens of the guardian session. */
export interface GuardianTokenUsage {
  /** Input tokens of the guardian session; row field `input_tokens`. */
  inputTokens?: number;
  /** Input tokens read from the cache; row field `cached_input_tokens`. */
  cachedInputTokens?: number;
  /** Output tokens; row field `output_tokens`. */
  outputTokens?: number;
  /** Reasoning output tokens; row field `reasoning_output_tokens`. */
  reasoningOutputTokens?: number;
  /** Default: input + output when both are known. */
  totalTokens?: number;
}

/** The guardian's verdict, for approve and deny. */
export interface GuardianAssessment extends SpanEndOptions {
  /** 0..100. */
  riskScore?: number;
  /** The guardian's risk level; row field `risk_level`. */
  riskLevel?: GuardianReviewRiskLevel;
  /** Content. */
  rationale?: string;
}

/** A guardian review that failed closed, with what is known of the failure. */
export interface GuardianFailure extends GuardianAssessment {
  /** The underlying error; recorded as an exception event with content on. */
  error?: unknown;
}

/** Details of one guardian tool call, put on its span event. */
export interface GuardianToolCallOptions {
  /** The tool's name: `gen_ai.tool.name` on the event. */
  toolName?: string;
  /** The call id: `gen_ai.tool.call.id` on the event. */
  callId?: string;
  /** When the call was made. Default: now. */
  time?: TimeInput;
}
