/* The tool items and guardian payloads the bridge opens, completes or refuses, and the session ids it keeps per thread. */
import { describe, expect, it } from 'vitest';
import type { CodexBridge } from '../../src/sources/codex/index.js';
import type { Pipeline } from '../pipeline.js';
import { type BridgeOptions, bridgePerTest } from './bridgePerTest.js';
import {
  commandItem,
  guardianCompleted,
  guardianStarted,
  itemCompleted,
  itemStarted,
  S2C,
  T0,
} from './appServerMessages.js';

let pipeline: Pipeline;
let bridge: CodexBridge;
const openBridge = bridgePerTest();

function setUp(options: BridgeOptions = {}) {
  ({ pipeline, bridge } = openBridge(options));
}

const DONE = commandItem('call_1', { status: 'completed', exitCode: 0, durationMs: 1 });
const withoutStamps = (message: { params: Record<string, unknown> }) => {
  const item: Record<string, unknown> = { ...(message.params.item as object) };
  const params: Record<string, unknown> = { ...message.params, item };
  for (const target of [params, item]) {
    delete target.startedAtMs;
    delete target.completedAtMs;
  }
  return { ...message, params };
};

describe('bridge tool items', () => {
  it('expires an item older than the maximum age as interrupted at that time, and counts it', async () => {
    setUp({ maxOpenAgeMs: 1000 });
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0), T0);
    bridge.observe(S2C, itemStarted(commandItem('call_2'), T0 + 5000), T0 + 5000);
    expect(bridge.stats.expired).toBe(1);
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([{ item_id: 'call_1', terminal_status: 'interrupted', completed_at_ms: T0 + 5000 }]);
  });

  it('starts one span for an item started twice and frees its place when it completes', async () => {
    setUp({ maxOpen: 1 });
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0), T0);
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0 + 1), T0 + 1);
    bridge.observe(S2C, itemCompleted(DONE, T0, T0 + 5), T0 + 5);
    bridge.observe(S2C, itemStarted(commandItem('call_2'), T0 + 6), T0 + 6);
    expect(bridge.stats.expired).toBe(0);
    expect(await pipeline.params('codex_command_execution_event')).toHaveLength(1);
  });

  it('makes the row of an item first seen completed, uncounted as malformed', async () => {
    setUp();
    bridge.observe(S2C, itemCompleted(DONE, T0, T0 + 5), T0 + 5);
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([{ item_id: 'call_1', terminal_status: 'completed', started_at_ms: T0 }]);
    expect(bridge.stats.malformed).toBe(0);
  });

  it('times an item without its own stamps by the turn-level stamps', async () => {
    setUp();
    const started = itemStarted(commandItem('call_1'), T0);
    delete (started.params.item as Record<string, unknown>).startedAtMs;
    const completed = itemCompleted(DONE, T0, T0 + 5);
    delete (completed.params.item as Record<string, unknown>).completedAtMs;
    bridge.observe(S2C, started, T0 + 100);
    bridge.observe(S2C, { ...completed, emittedAtMs: undefined }, T0 + 200);
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([{ started_at_ms: T0, completed_at_ms: T0 + 5 }]);
  });

  it('times an item with no stamps at all by the notification times', async () => {
    setUp();
    bridge.observe(S2C, withoutStamps(itemStarted(commandItem('call_1'), T0)), T0);
    bridge.observe(S2C, withoutStamps(itemCompleted(DONE, T0, T0 + 5)), T0 + 5);
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([{ started_at_ms: T0, completed_at_ms: T0 + 5 }]);
  });

  it('renames the span when the completed item names another tool', async () => {
    setUp();
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0), T0);
    bridge.observe(S2C, itemCompleted({ ...DONE, source: 'unifiedExecStartup' }, T0, T0 + 5), T0 + 5);
    await pipeline.rows();
    expect(pipeline.spans.getFinishedSpans().map(span => span.name)).toEqual(['execute_tool unified_exec']);
  });

  it('counts an item completed while still in progress as malformed and interrupts it', async () => {
    setUp();
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0), T0);
    bridge.observe(S2C, itemCompleted(commandItem('call_1'), T0, T0 + 5), T0 + 5);
    expect(bridge.stats.malformed).toBe(1);
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([{ terminal_status: 'interrupted', completed_at_ms: T0 + 5 }]);
  });

  it('counts item/started without a turn or without an item as malformed', () => {
    setUp();
    bridge.observe(S2C, { method: 'item/started', params: { item: commandItem('call_1'), threadId: 't' } }, T0);
    bridge.observe(S2C, { method: 'item/started', params: { threadId: 't', turnId: 'u' } }, T0);
    expect(bridge.stats.malformed).toBe(2);
  });

  it('counts item/completed of a tool item without a turn as malformed and makes no row', async () => {
    setUp();
    bridge.observe(S2C, { method: 'item/completed', params: { item: DONE, threadId: 't' } }, T0);
    expect(bridge.stats.malformed).toBe(1);
    expect(await pipeline.params('codex_command_execution_event')).toEqual([]);
  });

  it('ignores item/completed without an item or of an item that is not a tool, uncounted', async () => {
    setUp();
    bridge.observe(S2C, { method: 'item/completed', params: { threadId: 't', turnId: 'u' } }, T0);
    const message = { type: 'agentMessage', id: 'msg_1', text: 'hi' };
    bridge.observe(S2C, { method: 'item/completed', params: { item: message, threadId: 't', turnId: 'u' } }, T0);
    expect(bridge.stats.malformed).toBe(0);
    expect(await pipeline.rows()).toEqual([]);
  });

  it('keeps the session ids it holds when a thread/started has no thread id', async () => {
    setUp({ maxOpen: 1 });
    bridge.observe(S2C, { method: 'thread/started', params: { thread: { id: 'thread-a', sessionId: 'sess-a' } } }, T0);
    bridge.observe(S2C, { method: 'thread/started', params: { thread: { sessionId: 'sess-x' } } }, T0);
    bridge.observe(S2C, itemCompleted(DONE, T0, T0 + 5), T0 + 5);
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([{ session_id: 'sess-a' }]);
  });

  it('puts the session id of each started thread on its items', async () => {
    setUp();
    for (const [id, sessionId] of [['thread-b', 'sess-b'], ['thread-a', 'sess-a']]) {
      bridge.observe(S2C, { method: 'thread/started', params: { thread: { id, sessionId } } }, T0);
    }
    bridge.observe(S2C, { method: 'thread/started', params: { thread: { id: 'thread-a' } } }, T0);
    bridge.observe(S2C, itemCompleted(DONE, T0, T0 + 5), T0 + 5);
    expect(await pipeline.params('codex_command_execution_event')).toMatchObject([{ session_id: 'sess-a' }]);
    expect(bridge.stats.malformed).toBe(0);
  });
});

describe('bridge guardian payloads', () => {
  it('makes the row of a guardian review first seen completed, uncounted as malformed', async () => {
    setUp();
    bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 9, { status: 'approved', riskLevel: 'low' }), T0 + 9);
    expect(await pipeline.params('codex_guardian_review')).toMatchObject([{ review_id: 'r-1', decision: 'approved' }]);
    expect(bridge.stats.malformed).toBe(0);
  });

  it.each([
    ['without a turn', { turnId: undefined }],
    ['without a review id', { reviewId: undefined }],
    ['with an action it cannot read', { action: { type: 42 } }],
  ])('counts a guardian review started %s as malformed and opens none', async (_, fields) => {
    setUp();
    const started = guardianStarted('r-1', T0);
    bridge.observe(S2C, { ...started, params: { ...started.params, ...fields } }, T0);
    bridge.close(T0 + 1);
    expect(bridge.stats.malformed).toBe(1);
    expect(await pipeline.rows()).toEqual([]);
  });

  it.each([
    ['without a review id', { reviewId: undefined }],
    ['with a verdict it cannot read', { review: { status: 42 } }],
    ['first seen completed with an action it cannot read', { action: { type: 42 } }],
  ])('counts a guardian review completed %s as malformed once and makes no row', async (_, fields) => {
    setUp();
    const completed = guardianCompleted('r-1', T0, T0 + 9, { status: 'approved', riskLevel: 'low' });
    bridge.observe(S2C, { ...completed, params: { ...completed.params, ...fields } }, T0 + 9);
    bridge.close(T0 + 10);
    expect(bridge.stats.malformed).toBe(1);
    expect(await pipeline.rows()).toEqual([]);
  });
});
