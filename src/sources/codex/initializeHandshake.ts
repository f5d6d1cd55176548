/*
 * The app-server client and runtime, from the `initialize` handshake: the
 * client's `clientInfo` and capabilities, and the server's answer. The
 * server's user agent reads `<originator>/<version> (<os> <os version>;
 * <arch>) …`, e.g. `probe/0.169.0 (Debian 12.0.0; x86_64) xterm (probe; 0.0.1)`.
 */
import type { AgentRuntimeInfo, AppServerClientInfo } from '../../index.js';
import { str } from './jsonFields.js';
import { isObject, type JsonObject } from './jsonRpcMessage.js';

export function appServerClient(params: JsonObject, rpcTransport: string): AppServerClientInfo {
  const info = isObject(params.clientInfo) ? params.clientInfo : {};
  const capabilities = isObject(params.capabilities) ? params.capabilities : {};
  const name = str(info.name);
  return {
    productClientId: name,
    clientName: name,
    clientVersion: str(info.version),
    rpcTransport,
    experimentalApiEnabled: capabilities.experimentalApi === true,
  };
}

const USER_AGENT = /^[^/\s]+\/(\S+)\s+\(([^;)]*);\s*([^)]*)\)/;

export function agentRuntime(result: unknown): AgentRuntimeInfo {
  if (!isObject(result)) return {};
  const runtime: AgentRuntimeInfo = { os: str(result.platformOs) };
  const match = str(result.userAgent)?.match(USER_AGENT);
  if (match) {
    runtime.version = match[1];
    // The last word of the trimmed os part: a split always has a last element.
    runtime.osVersion = match[2]!.trim().split(/\s/).at(-1) || undefined;
    runtime.arch = match[3]!.trim() || undefined;
  }
  return runtime;
}
