/* Options shared by the instrumentation helpers. */
import type { Context, TimeInput } from '@opentelemetry/api';

export type { PermissionProfile } from '../schema/PermissionProfile.js';
export type { UserApprovalRequest } from '../rules/requestedPermissions.js';

/** The agent thread and turn a span belongs to. */
export interface ThreadContext {
  /** The agent thread id; row field `thread_id`. */
  threadId: string;
  /** The turn id; row field `turn_id`. */
  turnId: string;
  /** Who started the thread, e.g. `user` or `subagent`. */
  threadSource?: string;
  /** For subagent threads: `thread_spawn`, `review`, `compact`, ... */
  subagentSource?: string;
  /** Parent thread of a subagent thread; row field `parent_thread_id`. */
  parentThreadId?: string;
  /** The app-server client that drives the agent (rows: `app_server_client`). */
  appServerClient?: AppServerClientInfo;
  /** The agent's runtime (rows: `runtime`). */
  runtime?: AgentRuntimeInfo;
}

/** The app-server client the thread runs for. */
export interface AppServerClientInfo {
  /** The client product; also read from the resource; row field `product_client_id`. */
  productClientId?: string;
  /** The client's name, from its `initialize`; also read from the resource; row field `client_name`. */
  clientName?: string;
  /** The client's version; also read from the resource; row field `client_version`. */
  clientVersion?: string;
  /** e.g. `stdio`. */
  rpcTransport?: string;
  /** The client asked for the experimental API; also read from the resource; row field `experimental_api_enabled`. */
  experimentalApiEnabled?: boolean;
}

/** The agent runtime: its version and platform. */
export interface AgentRuntimeInfo {
  /** The agent's version, e.g. Codex's `0.169.0`. */
  version?: string;
  /** The operating system; also read from the resource; row field `runtime_os`. */
  os?: string;
  /** The operating system's version; also read from the resource; row field `runtime_os_version`. */
  osVersion?: string;
  /** The CPU architecture; also read from the resource; row field `runtime_arch`. */
  arch?: string;
}

/** When a span starts and under which parent. */
export interface SpanStartOptions {
  /** Default: now. */
  startTime?: TimeInput;
  /** Parent context. Default: the active context. */
  parent?: Context;
}

/** When a span ends. */
export interface SpanEndOptions {
  /** Default: now. */
  endTime?: TimeInput;
}
