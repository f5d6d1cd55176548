/*
 * A helper call that fails never reaches the agent. A call that finishes its
 * review or item still ends the span, so no span is left open; a call that
 * only adds facts leaves the span open, so the real finish can still come.
 */
import { diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuardianReviewSpan, ToolItemSpan, UserReviewSpan } from '../src/index.js';
import { type CapturingLogger, captureDiag } from './support/diagCapture.js';
import { createPipeline, type Pipeline, THREAD } from './pipeline.js';

/** Options whose every read throws. */
const HOSTILE = new Proxy({}, { get: () => { throw new RangeError('unreadable'); } }) as never;

let pipeline: Pipeline;
let logger: CapturingLogger;
beforeEach(() => {
  pipeline = createPipeline();
  logger = captureDiag();
});
afterEach(async () => {
  diag.disable();
  await pipeline.shutdown();
});

const guardian = (): GuardianReviewSpan =>
  pipeline.reviews.startGuardianReview({ ...THREAD, reviewId: 'g', action: { type: 'apply_patch' }, timeoutMs: 1000 });
const user = (): UserReviewSpan =>
  pipeline.reviews.startUserReview({ ...THREAD, requestId: 7, request: { kind: 'permissions', permissions: {} } });
const item = (): ToolItemSpan =>
  pipeline.reviews.startToolItem({ ...THREAD, itemId: 'i', kind: 'command_execution', toolName: 'shell' });

const FINISHING: [string, () => { finished: boolean }][] = [
  ['approve', () => { const h = guardian(); h.approve(HOSTILE); return h; }],
  ['deny', () => { const h = guardian(); h.deny(HOSTILE); return h; }],
  ['timeOut', () => { const h = guardian(); h.timeOut(HOSTILE); return h; }],
  ['abort (guardian)', () => { const h = guardian(); h.abort(HOSTILE); return h; }],
  ['failClosed', () => { const h = guardian(); h.failClosed('parse_error', HOSTILE); return h; }],
  ['resolve', () => { const h = user(); h.resolve('accept', HOSTILE); return h; }],
  ['grant', () => { const h = user(); h.grant(HOSTILE); return h; }],
  ['abort (user)', () => { const h = user(); h.abort(HOSTILE); return h; }],
  ['finish', () => { const h = item(); h.finish(HOSTILE); return h; }],
];

const ADDING: [string, () => { finished: boolean }][] = [
  ['setSession', () => { const h = guardian(); h.setSession(HOSTILE); return h; }],
  ['recordTokenUsage', () => { const h = guardian(); h.recordTokenUsage(HOSTILE); return h; }],
  ['recordToolCall', () => { const h = guardian(); h.recordToolCall('teleport' as never); return h; }],
  ['setDetails', () => { const h = item(); h.setDetails(HOSTILE); return h; }],
];

describe('a failing helper call', () => {
  it.each(FINISHING)('%s still ends its span', (_name, call) => {
    const handle = call();
    expect(handle.finished).toBe(true);
    expect(pipeline.spans.getFinishedSpans()).toHaveLength(1);
  });

  it.each(ADDING)('%s leaves its span open', (_name, call) => {
    const handle = call();
    expect(handle.finished).toBe(false);
    expect(pipeline.spans.getFinishedSpans()).toHaveLength(0);
  });

  it('is told with the call, the span and the kind of error only', () => {
    guardian().approve(HOSTILE);
    expect(logger.warnings).toEqual(['agent-review-telemetry approve on "guardian review g" failed and was ignored: RangeError']);
  });

  it('is told for a guardian tool call of an unknown kind, which is not counted', async () => {
    const review = guardian();
    review.recordToolCall('teleport' as never);
    review.approve();
    expect(logger.warnings).toEqual(['agent-review-telemetry recordToolCall on "guardian review g" failed and was ignored: TypeError']);
    expect(pipeline.spans.getFinishedSpans()[0]?.events).toEqual([]);
  });

  it.each([
    ['startToolItem', () => pipeline.reviews.startToolItem(HOSTILE)],
    ['startGuardianReview', () => pipeline.reviews.startGuardianReview(HOSTILE)],
    ['startUserReview', () => pipeline.reviews.startUserReview(HOSTILE)],
  ])('%s with options it cannot read is told by name', (name, start) => {
    start();
    expect(logger.warnings.join('\n')).toContain(name);
  });
});

describe('an exception recorded when the guardian fails closed', () => {
  it('has its message scrubbed, and no stack when the error has none', () => {
    pipeline = createPipeline({ recordContent: true });
    const error = new Error('token sk-proj-abcdefghijklmnop1234');
    error.stack = undefined;
    pipeline.reviews
      .startGuardianReview({ ...THREAD, reviewId: 'g', action: { type: 'apply_patch' }, timeoutMs: 1000 })
      .failClosed('parse_error', { error });
    const [event] = pipeline.spans.getFinishedSpans()[0]?.events ?? [];
    expect(event?.attributes).toEqual({ 'exception.type': 'Error', 'exception.message': 'token [REDACTED]' });
  });
});

describe('the attributes a helper writes', () => {
  it('leave out options given as null', () => {
    const review = guardian();
    review.setSession({ model: null as never });
    review.approve();
    expect(pipeline.spans.getFinishedSpans()[0]?.attributes).not.toHaveProperty('gen_ai.request.model');
  });

  it('keep ids as they are even when they look like secrets: only content is scrubbed', () => {
    pipeline = createPipeline({ recordContent: true });
    const reviewId = 'sk-proj-abcdefghijklmnop1234';
    pipeline.reviews.startGuardianReview({ ...THREAD, reviewId, action: { type: 'apply_patch' }, timeoutMs: 1000 }).approve();
    expect(pipeline.spans.getFinishedSpans()[0]?.attributes['agent_review.review.id']).toBe(reviewId);
  });

  it('say a tool item recorded no content when content is off', () => {
    item().finish({ status: 'completed' });
    expect(pipeline.spans.getFinishedSpans()[0]?.attributes).not.toHaveProperty('agent_review.content.recorded');
  });
});
