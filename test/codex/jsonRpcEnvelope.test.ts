/* How the bridge classifies what it is handed: requests, responses, notifications, and what is not JSON-RPC. */
import { describe, expect, it } from 'vitest';
import type { CodexBridge } from '../../src/sources/codex/index.js';
import type { Pipeline } from '../pipeline.js';
import { type BridgeOptions, bridgePerTest } from './bridgePerTest.js';
import {
  approvalRequest,
  C2S,
  COMMAND_APPROVAL,
  commandItem,
  itemStarted,
  resolved,
  S2C,
  T0,
  THREAD_ID,
  TURN_ID,
} from './appServerMessages.js';

let pipeline: Pipeline;
let bridge: CodexBridge;
const openBridge = bridgePerTest();

function setUp(options: BridgeOptions = {}) {
  ({ pipeline, bridge } = openBridge(options));
}

const commandRequest = (id: unknown) => ({
  method: COMMAND_APPROVAL,
  id,
  params: { threadId: THREAD_ID, turnId: TURN_ID, itemId: 'call_1', startedAtMs: T0 },
});

describe('JSON-RPC envelope', () => {
  it('takes a request with a string id, keyed by that id', async () => {
    setUp();
    bridge.observe(S2C, commandRequest('req-a'), T0);
    bridge.observe(C2S, { jsonrpc: '2.0', id: 'req-a', result: { decision: 'accept' } }, T0 + 5);
    bridge.observe(S2C, { method: 'serverRequest/resolved', params: { threadId: THREAD_ID, requestId: 'req-a' } }, T0 + 6);
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ review_id: 'user:req-a', status: 'approved', completed_at_ms: T0 + 6 }]);
  });

  it('keeps the number 1 and the string "1" apart as request ids', async () => {
    setUp();
    bridge.observe(S2C, commandRequest(1), T0);
    bridge.observe(S2C, commandRequest('1'), T0);
    bridge.observe(C2S, { jsonrpc: '2.0', id: '1', result: { decision: 'decline' } }, T0 + 5);
    bridge.observe(C2S, { jsonrpc: '2.0', id: 1, result: { decision: 'accept' } }, T0 + 6);
    bridge.close(T0 + 100);
    await pipeline.rows();
    // Both are `user:1` as rows; their spans end apart, each at its own answer.
    const ends = pipeline.spans.getFinishedSpans().map(span => span.endTime[0] * 1000 + span.endTime[1] / 1e6);
    expect(ends.sort()).toEqual([T0 + 5, T0 + 6]);
    expect(bridge.stats.expired).toBe(0);
  });

  it('keeps two pending numeric requests apart', async () => {
    setUp();
    bridge.observe(S2C, approvalRequest(1, COMMAND_APPROVAL, T0), T0);
    bridge.observe(S2C, approvalRequest(2, COMMAND_APPROVAL, T0), T0);
    expect(bridge.stats.expired).toBe(0);
    bridge.observe(S2C, resolved(2, T0 + 3), T0 + 3);
    bridge.close(T0 + 9);
    const ends = (await pipeline.params('codex_review_event')).map(row => [row.review_id, row.completed_at_ms]).sort();
    expect(ends).toEqual([['user:1', T0 + 9], ['user:2', T0 + 3]]);
  });

  it.each([
    ['null', null],
    ['an object', { n: 1 }],
    ['a number that is not finite', Infinity],
  ])('counts a request whose id is %s as malformed and opens no review', async (_, id) => {
    setUp();
    bridge.observe(S2C, commandRequest(id), T0);
    bridge.close(T0 + 1);
    expect(bridge.stats.malformed).toBe(1);
    expect(await pipeline.params('codex_review_event')).toEqual([]);
  });

  it('reads an id written as 1e999 in a line as not finite, and counts the request as malformed', async () => {
    setUp();
    bridge.observeLine(S2C, JSON.stringify(commandRequest(1)).replace('"id":1', '"id":1e999'), T0);
    expect(bridge.stats).toEqual({ messages: 1, malformed: 1, expired: 0 });
  });

  it('counts null handed as a message as malformed without throwing', () => {
    setUp();
    expect(() => bridge.observe(S2C, null, T0)).not.toThrow();
    expect(bridge.stats).toEqual({ messages: 1, malformed: 1, expired: 0 });
  });

  it('takes a response that has only an error as the answer, at the time it passed', async () => {
    setUp();
    bridge.observe(S2C, approvalRequest(1, COMMAND_APPROVAL, T0), T0);
    bridge.observe(C2S, { jsonrpc: '2.0', id: 1, error: { code: -1, message: 'no' } }, T0 + 5);
    bridge.close(T0 + 900);
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ status: 'aborted', completed_at_ms: T0 + 5 }]);
    expect(bridge.stats.malformed).toBe(0);
  });

  it('counts a message with an id but neither method, result nor error as malformed, not as an answer', async () => {
    setUp();
    bridge.observe(S2C, approvalRequest(1, COMMAND_APPROVAL, T0), T0);
    bridge.observe(C2S, { jsonrpc: '2.0', id: 1 }, T0 + 5);
    bridge.close(T0 + 900);
    expect(bridge.stats.malformed).toBe(1);
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ status: 'aborted', completed_at_ms: T0 + 900 }]);
  });

  it("does not take the client's own request as the answer to a server request of the same id", async () => {
    setUp();
    bridge.observe(S2C, approvalRequest(1, COMMAND_APPROVAL, T0), T0);
    bridge.observe(C2S, { jsonrpc: '2.0', id: 1, method: 'thread/list', params: {} }, T0 + 1);
    bridge.observe(C2S, { jsonrpc: '2.0', id: 1, result: { decision: 'accept' } }, T0 + 2);
    bridge.observe(S2C, resolved(1, T0 + 3), T0 + 3);
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ status: 'approved' }]);
    expect(bridge.stats.malformed).toBe(0);
  });

  it('ignores a server request that asks the user nothing, uncounted', async () => {
    setUp();
    bridge.observe(S2C, { method: 'item/tool/requestUserInput', id: 3, params: { threadId: THREAD_ID, turnId: TURN_ID, itemId: 'call_1' } }, T0);
    bridge.close(T0 + 1);
    expect(bridge.stats.malformed).toBe(0);
    expect(await pipeline.rows()).toEqual([]);
  });

  it('counts a result without an id as malformed', () => {
    setUp();
    bridge.observe(C2S, { jsonrpc: '2.0', result: {} }, T0);
    expect(bridge.stats.malformed).toBe(1);
  });

  it('reads a line given as bytes', async () => {
    setUp();
    bridge.observeLine(S2C, new TextEncoder().encode(JSON.stringify(itemStarted(commandItem('call_1'), T0))), T0);
    bridge.close(T0 + 1);
    expect(bridge.stats).toEqual({ messages: 1, malformed: 0, expired: 0 });
    expect((await pipeline.rows()).map(row => row.event_type)).toEqual(['codex_command_execution_event']);
  });

  it('reads a line given as text', async () => {
    setUp();
    bridge.observeLine(S2C, JSON.stringify(itemStarted(commandItem('call_1'), T0)), T0);
    bridge.close(T0 + 1);
    expect(bridge.stats).toEqual({ messages: 1, malformed: 0, expired: 0 });
    expect((await pipeline.rows()).map(row => row.event_type)).toEqual(['codex_command_execution_event']);
  });

  it('counts a line that is not JSON once, as one message and one malformed', () => {
    setUp();
    bridge.observeLine(C2S, '{"jsonrpc":', T0);
    expect(bridge.stats).toEqual({ messages: 1, malformed: 1, expired: 0 });
  });
});
