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
  /** The app-server client that drives the agent (rows: `app_server_client`). */
  appServerClient?: AppServerClientInfo;
  /** The agent's runtime (rows: `runtime`). */
  runtime?: AgentRuntimeInfo;
}

export interface AppServerClientInfo {
  productClientId?: string;
  clientName?: string;
  clientVersion?: string;
  /** e.g. `stdio`. */
  rpcTransport?: string;
  experimentalApiEnabled?: boolean;
}

export interface AgentRuntimeInfo {
  /** The agent's version, e.g. Codex's `0.169.0`. */
  version?: string;
  os?: string;
  osVersion?: string;
  arch?: string;
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
