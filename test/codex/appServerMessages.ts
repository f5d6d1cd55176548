/* App-server messages for bridge tests, shaped as Codex 0.169.0 sends them. */
import type { Direction } from '../../src/sources/codex/index.js';

/** A fixed clock origin for the messages' timestamps, epoch ms. */
export const T0 = 1_795_000_000_000;
export const S2C: Direction = 'server->client';
export const C2S: Direction = 'client->server';
export const COMMAND_APPROVAL = 'item/commandExecution/requestApproval';
export const PERMISSIONS_APPROVAL = 'item/permissions/requestApproval';
export const THREAD_ID = 'thread-a';
export const TURN_ID = 'turn-a';
const turn = { threadId: THREAD_ID, turnId: TURN_ID };

export function commandItem(id: string, fields: Record<string, unknown> = {}) {
  return {
    type: 'commandExecution',
    id,
    command: 'echo hi',
    source: 'agent',
    status: 'inProgress',
    commandActions: [{ type: 'unknown', command: 'echo hi' }],
    exitCode: null,
    durationMs: null,
    ...fields,
  };
}

export const itemStarted = (item: Record<string, unknown>, atMs: number) => ({
  method: 'item/started',
  params: { item: { ...item, startedAtMs: atMs }, ...turn, startedAtMs: atMs },
  emittedAtMs: atMs,
});

export const itemCompleted = (item: Record<string, unknown>, startedAtMs: number, completedAtMs: number) => ({
  method: 'item/completed',
  params: { item: { ...item, startedAtMs, completedAtMs }, ...turn, completedAtMs },
  emittedAtMs: completedAtMs,
});

export const approvalRequest = (
  id: number,
  method: string,
  startedAtMs: number,
  params: Record<string, unknown> = {}
) => ({ method, id, params: { ...turn, itemId: 'call_1', startedAtMs, ...params } });

export const answer = (id: number, result: unknown) => ({ jsonrpc: '2.0', id, result });

export const resolved = (requestId: number, atMs: number) => ({
  method: 'serverRequest/resolved',
  params: { threadId: THREAD_ID, requestId },
  emittedAtMs: atMs,
});

export const turnCompleted = (status: string, atMs: number) => ({
  method: 'turn/completed',
  params: { threadId: THREAD_ID, turn: { id: TURN_ID, status } },
  emittedAtMs: atMs,
});

export const COMMAND_ACTION = { type: 'command', source: 'unifiedExec', command: 'echo hi', cwd: '/w' };

export const guardianStarted = (reviewId: string, atMs: number, action: unknown = COMMAND_ACTION) => ({
  method: 'item/autoApprovalReview/started',
  params: {
    ...turn,
    startedAtMs: atMs,
    reviewId,
    targetItemId: 'call_1',
    review: { status: 'inProgress', riskLevel: null, userAuthorization: null, rationale: null },
    action,
  },
  emittedAtMs: atMs,
});

export const guardianCompleted = (
  reviewId: string,
  startedAtMs: number,
  completedAtMs: number,
  review: Record<string, unknown>,
  action: unknown = COMMAND_ACTION
) => ({
  method: 'item/autoApprovalReview/completed',
  params: {
    ...turn,
    startedAtMs,
    completedAtMs,
    reviewId,
    targetItemId: 'call_1',
    decisionSource: 'agent',
    review: { userAuthorization: null, rationale: null, ...review },
    action,
  },
  emittedAtMs: completedAtMs,
});
