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
