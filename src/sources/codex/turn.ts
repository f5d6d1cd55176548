/* The turn an open request, item or review belongs to: when the turn ends, so do they. */
import { str } from './jsonFields.js';
import type { JsonObject } from './jsonRpcMessage.js';

export interface Turn {
  threadId: string;
  turnId: string;
}

/** The turn a notification names in its `threadId` and `turnId`; null when either is missing. */
export function turnOf(params: JsonObject): Turn | null {
  const threadId = str(params.threadId);
  const turnId = str(params.turnId);
  return threadId === undefined || turnId === undefined ? null : { threadId, turnId };
}
