/* Each payload the bridge cannot read is counted as malformed and, the first time, named in a diag warning. */
import { describe, expect, it } from 'vitest';
import type { CodexBridge } from '../../src/sources/codex/index.js';
import { bridgePerTest } from './bridgePerTest.js';
import {
  approvalRequest,
  C2S,
  COMMAND_APPROVAL,
  commandItem,
  guardianCompleted,
  guardianStarted,
  itemCompleted,
  itemStarted,
  S2C,
  T0,
  THREAD_ID,
  TURN_ID,
} from './appServerMessages.js';
import { codexWarningsPerTest } from './codexWarnings.js';

let bridge: CodexBridge;
const openBridge = bridgePerTest();
const codexWarnings = codexWarningsPerTest();

/** A fresh bridge handed these server messages at T0. */
function observeFromServer(...messages: unknown[]) {
  ({ bridge } = openBridge());
  for (const message of messages) bridge.observe(S2C, message, T0);
}

/** Exactly one message was malformed, and the warning names it as `what`. */
function expectIgnored(what: string) {
  expect(bridge.stats.malformed).toBe(1);
  expect(codexWarnings()).toEqual([expect.stringContaining(`ignored ${what} (more are counted`)]);
}

const DONE = commandItem('call_1', { status: 'completed' });
const withParams = (message: { params: object }, params: Record<string, unknown>) => ({
  ...message,
  params: { ...message.params, ...params },
});

describe('malformed payloads', () => {
  it('names item/started without a turn', () => {
    observeFromServer({ method: 'item/started', params: { item: commandItem('call_1'), threadId: THREAD_ID } });
    expectIgnored('item/started');
  });

  it('names item/started without an item', () => {
    observeFromServer({ method: 'item/started', params: { threadId: THREAD_ID, turnId: TURN_ID } });
    expectIgnored('item/started');
  });

  it('names item/completed of a tool item without a turn', () => {
    observeFromServer({ method: 'item/completed', params: { item: DONE, threadId: THREAD_ID } });
    expectIgnored('item/completed');
  });

  it('names the item of an item/completed that is still in progress', () => {
    observeFromServer(itemStarted(commandItem('call_1'), T0), itemCompleted(commandItem('call_1'), T0, T0 + 5));
    expectIgnored('item/completed for call_1 still in progress');
  });

  it.each([
    ['without a turn', { turnId: undefined }],
    ['without a review id', { reviewId: undefined }],
    ['with an action it cannot read', { action: { type: 42 } }],
    ['with a null action', { action: null }],
  ])('names a guardian review started %s', (_what, params) => {
    observeFromServer(withParams(guardianStarted('r-1', T0), params));
    expectIgnored('item/autoApprovalReview/started');
  });

  it.each([
    ['without a review id', { reviewId: undefined }],
    ['without a verdict', { review: undefined }],
    ['with a verdict of an unknown status', { review: { status: 'pending' } }],
  ])('names a guardian review completed %s', (_what, params) => {
    const completed = guardianCompleted('r-1', T0, T0 + 9, { status: 'approved', riskLevel: 'low' });
    observeFromServer(guardianStarted('r-1', T0), withParams(completed, params));
    expectIgnored('item/autoApprovalReview/completed');
  });

  it('names an approval request without a thread by its method', () => {
    observeFromServer(approvalRequest(1, COMMAND_APPROVAL, T0, { threadId: undefined }));
    expectIgnored(COMMAND_APPROVAL);
  });

  it('names an answer that is no answer by its request id', () => {
    observeFromServer(approvalRequest(1, COMMAND_APPROVAL, T0));
    bridge.observe(C2S, { jsonrpc: '2.0', id: 1, result: null }, T0 + 1);
    expectIgnored('answer to approval request 1');
  });

  it('names serverRequest/resolved without a request id', () => {
    observeFromServer({ method: 'serverRequest/resolved', params: { threadId: THREAD_ID } });
    expectIgnored('serverRequest/resolved');
  });

  it('counts a message whose payload throws when read, and names the error, without throwing', () => {
    const params = {
      get threadId(): string {
        throw new Error('boom');
      },
    };
    expect(() => observeFromServer({ method: 'item/started', params })).not.toThrow();
    expectIgnored('a server->client message the bridge could not handle: Error: boom');
  });
});
