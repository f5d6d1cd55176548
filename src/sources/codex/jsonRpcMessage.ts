/*
 * The app-server's JSON-RPC 2.0 messages, as seen on the stdio stream: one
 * JSON value per line, in either direction. Only the envelope is checked
 * here; payloads are read field by field where they are used.
 */

/** Who sent the message. */
export type Direction = 'client->server' | 'server->client';

/** Both directions. */
export const DIRECTIONS: readonly Direction[] = ['client->server', 'server->client'];

export type RequestId = string | number;

export type JsonObject = Record<string, unknown>;

export type JsonRpcMessage =
  | { type: 'request'; id: RequestId; method: string; params: JsonObject }
  | { type: 'notification'; method: string; params: JsonObject }
  | { type: 'response'; id: RequestId; result: unknown; error: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is RequestId {
  // Number.isFinite is false for anything that is not a number.
  return typeof value === 'string' || Number.isFinite(value);
}

/** The message's envelope, or null when it is not a JSON-RPC message. */
export function toJsonRpcMessage(value: unknown): JsonRpcMessage | null {
  if (!isObject(value)) return null;
  const { id, method } = value;
  const params = isObject(value.params) ? value.params : {};
  if (typeof method === 'string') {
    if (id === undefined) return { type: 'notification', method, params };
    return isRequestId(id) ? { type: 'request', id, method, params } : null;
  }
  if (isRequestId(id) && ('result' in value || 'error' in value)) {
    return { type: 'response', id, result: value.result, error: value.error };
  }
  return null;
}

/** Map key of a request id, its JSON text: `1` and `"1"` are different requests. */
export function requestKey(id: RequestId): string {
  return JSON.stringify(id);
}
