/* Options shared by the instrumentation helpers. */
import type { Context, TimeInput } from '@opentelemetry/api';

export type { PermissionProfile } from '../schema/PermissionProfile.js';
export type { UserApprovalRequest } from '../rules/requestedPermissions.js';

/** The agent thread and turn a span belongs to. */
export interface ThreadContext {
  threadId: string;
  turnId: string;
  /** Who started the thread, e.g. `user` or `subagent`. */
  threadSource?: string;
  /** For subagent threads: `thread_spawn`, `review`, `compact`, ... */
  subagentSource?: string;
  parentThreadId?: string;
}

export interface SpanStartOptions {
  /** Default: now. */
  startTime?: TimeInput;
  /** Parent context. Default: the active context. */
  parent?: Context;
}

export interface SpanEndOptions {
  /** Default: now. */
  endTime?: TimeInput;
}
