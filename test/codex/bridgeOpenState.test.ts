/* What the bridge keeps open and how it ends it: caps, ages, turns, duplicates and items first seen completed. */
import { describe, expect, it } from 'vitest';
import type { CodexBridge } from '../../src/sources/codex/index.js';
import type { Pipeline } from '../pipeline.js';
import { type BridgeOptions, bridgePerTest } from './bridgePerTest.js';
import {
  answer,
  approvalRequest,
  C2S,
  COMMAND_APPROVAL,
  commandItem,
  guardianCompleted,
  guardianStarted,
  itemCompleted,
  itemStarted,
  resolved,
  S2C,
  T0,
  turnCompleted,
} from './appServerMessages.js';

let pipeline: Pipeline;
let bridge: CodexBridge;
const openBridge = bridgePerTest();

function setUp(options: BridgeOptions = {}) {
  ({ pipeline, bridge } = openBridge(options));
}

/** Every finished span as [name, end time in ms]. */
async function spanEnds() {
  await pipeline.rows();
  return pipeline.spans
    .getFinishedSpans()
    .map(span => [span.name, span.endTime[0] * 1000 + Math.round(span.endTime[1] / 1e6)] as const);
}

const request = (id: number, atMs: number, turn: Record<string, unknown> = {}) =>
  bridge.observe(S2C, approvalRequest(id, COMMAND_APPROVAL, atMs, turn), atMs);

describe('bridge open state', () => {
  it('ends an evicted unanswered request as aborted at the time it was evicted', async () => {
    setUp({ maxOpen: 1 });
    request(1, T0);
    request(2, T0 + 10);
    expect(bridge.stats.expired).toBe(1);
    expect(await spanEnds()).toHaveLength(1);
    expect((await spanEnds())[0]![1]).toBe(T0 + 10);
  });

  it('ends an evicted answered request with its answer at the time the answer passed', async () => {
    setUp({ maxOpen: 1 });
    request(1, T0);
    bridge.observe(C2S, answer(1, { decision: 'decline' }), T0 + 4);
    request(2, T0 + 10);
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ status: 'denied', completed_at_ms: T0 + 4 }]);
  });

  it('makes room under the cap once the evicted entry is gone', () => {
    setUp({ maxOpen: 2 });
    for (const id of [1, 2, 3]) request(id, T0 + id);
    bridge.observe(S2C, resolved(2, T0 + 5), T0 + 5);
    bridge.observe(S2C, resolved(3, T0 + 5), T0 + 5);
    request(4, T0 + 6);
    request(5, T0 + 7);
    expect(bridge.stats.expired).toBe(1);
  });

  it('keeps a request exactly as old as the maximum age', () => {
    setUp({ maxOpenAgeMs: 1000 });
    request(1, T0);
    request(2, T0 + 1000);
    expect(bridge.stats.expired).toBe(0);
  });

  it('expires an old request only once', () => {
    setUp({ maxOpenAgeMs: 1000 });
    request(1, T0);
    request(2, T0 + 5000);
    request(3, T0 + 5001);
    expect(bridge.stats.expired).toBe(1);
  });

  it('ends the earlier request of a repeated request id as aborted and counts it expired', async () => {
    setUp();
    request(1, T0);
    request(1, T0 + 10);
    expect(bridge.stats.expired).toBe(1);
    expect(await spanEnds()).toHaveLength(1);
  });

  it('takes a repeated request id as the newest request, the last to be evicted', async () => {
    setUp({ maxOpen: 2 });
    request(1, T0);
    request(2, T0 + 1);
    request(1, T0 + 2);
    request(3, T0 + 3);
    bridge.close(T0 + 100);
    await pipeline.rows();
    const ends = pipeline.spans
      .getFinishedSpans()
      .map(span => `request ${String(span.attributes['agent_review.request.id'])} at ${span.endTime[0] * 1000 + span.endTime[1] / 1e6 - T0}`);
    expect(ends).toEqual(['request 1 at 2', 'request 2 at 3', 'request 1 at 100', 'request 3 at 100']);
  });

  it('ends at turn/completed only the requests of that thread and turn', async () => {
    setUp();
    request(1, T0, { turnId: 'turn-b' });
    request(2, T0, { threadId: 'thread-b' });
    request(3, T0);
    bridge.observe(S2C, turnCompleted('completed', T0 + 20), T0 + 20);
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ review_id: 'user:3' }]);
  });

  it('frees the cap of the requests a completed turn ended', () => {
    setUp({ maxOpen: 1 });
    request(1, T0);
    bridge.observe(S2C, turnCompleted('interrupted', T0 + 20), T0 + 20);
    request(2, T0 + 30);
    expect(bridge.stats.expired).toBe(0);
  });

  it('keeps the first answer to a request when a second arrives', async () => {
    setUp();
    request(1, T0);
    bridge.observe(C2S, answer(1, { decision: 'decline' }), T0 + 4);
    bridge.observe(C2S, answer(1, { decision: 'accept' }), T0 + 5);
    bridge.observe(S2C, resolved(1, T0 + 6), T0 + 6);
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ status: 'denied' }]);
  });

  it('counts an answer it cannot read as malformed and aborts the review at the time it passed', async () => {
    setUp();
    request(1, T0);
    bridge.observe(C2S, answer(1, { decision: 42 }), T0 + 4);
    bridge.close(T0 + 100);
    expect(bridge.stats.malformed).toBe(1);
    expect(await pipeline.params('codex_review_event')).toMatchObject([{ status: 'aborted', completed_at_ms: T0 + 4 }]);
  });

  it('ignores answers and resolutions of requests it does not hold, uncounted', () => {
    setUp();
    bridge.observe(C2S, answer(5, { decision: 'accept' }), T0);
    bridge.observe(S2C, resolved(5, T0 + 1), T0 + 1);
    expect(bridge.stats).toEqual({ messages: 2, malformed: 0, expired: 0 });
  });

  it('counts serverRequest/resolved without a request id as malformed', () => {
    setUp();
    bridge.observe(S2C, { method: 'serverRequest/resolved', params: { threadId: 't' } }, T0);
    expect(bridge.stats.malformed).toBe(1);
  });

  it('parents a user review on the open tool item it is about', async () => {
    setUp();
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0), T0);
    request(1, T0 + 1);
    bridge.close(T0 + 9);
    await pipeline.rows();
    const spans = pipeline.spans.getFinishedSpans();
    const item = spans.find(span => span.name.startsWith('execute_tool'))!;
    const review = spans.find(span => span !== item)!;
    expect(review.parentSpanContext?.spanId).toBe(item.spanContext().spanId);
  });

  it('ignores messages after the stream closed', async () => {
    setUp();
    bridge.close(T0);
    bridge.observe(S2C, itemStarted(commandItem('call_1'), T0 + 1), T0 + 1);
    bridge.observe(S2C, itemCompleted(commandItem('call_1', { status: 'completed' }), T0 + 1, T0 + 2), T0 + 2);
    expect(await pipeline.rows()).toEqual([]);
  });

  it('aborts a guardian review left open when the stream closes, at the close', async () => {
    setUp();
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    bridge.close(T0 + 50);
    expect(await pipeline.params('codex_guardian_review')).toMatchObject([{ terminal_status: 'aborted' }]);
    expect((await spanEnds())[0]![1]).toBe(T0 + 50);
  });

  it('expires and aborts a guardian review older than the maximum age, and counts it', async () => {
    setUp({ maxOpenAgeMs: 1000 });
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    bridge.observe(S2C, guardianStarted('r-2', T0 + 5000), T0 + 5000);
    expect(bridge.stats.expired).toBe(1);
    expect(await spanEnds()).toHaveLength(1);
    expect((await spanEnds())[0]![1]).toBe(T0 + 5000);
  });

  it('starts one guardian span for a review started twice and frees its place when it completes', async () => {
    setUp({ maxOpen: 1 });
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    bridge.observe(S2C, guardianStarted('r-1', T0 + 1), T0 + 1);
    bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 9, { status: 'approved', riskLevel: 'low' }), T0 + 9);
    bridge.observe(S2C, guardianStarted('r-2', T0 + 10), T0 + 10);
    expect(bridge.stats.expired).toBe(0);
    bridge.close(T0 + 20);
    expect(await spanEnds()).toHaveLength(2);
  });

  it.each([
    ['timedOut', 'denied'],
    ['aborted', 'aborted'],
  ])('ends a guardian review that %s at its completedAtMs', async status => {
    setUp();
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 9, { status, riskLevel: null }), T0 + 12);
    expect((await spanEnds())[0]![1]).toBe(T0 + 9);
  });

  it('times a guardian review without its own stamps by the notification time', async () => {
    setUp();
    const started = guardianStarted('r-1', T0);
    delete (started.params as Record<string, unknown>).startedAtMs;
    const completed = guardianCompleted('r-1', T0, T0 + 9, { status: 'approved', riskLevel: 'low' });
    delete (completed.params as Record<string, unknown>).completedAtMs;
    bridge.observe(S2C, started, T0 + 1);
    bridge.observe(S2C, completed, T0 + 7);
    // Without their own stamps, each is timed by its emittedAtMs.
    expect(await spanEnds()).toEqual([[expect.any(String), T0 + 9]]);
    const [span] = pipeline.spans.getFinishedSpans();
    expect(span!.startTime[0] * 1000 + Math.round(span!.startTime[1] / 1e6)).toBe(T0);
  });
});
