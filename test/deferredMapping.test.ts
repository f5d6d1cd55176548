/*
 * deferMapping: review spans are mapped on the next turn of the event loop,
 * or at once when too many wait, and flush and shutdown map what waits.
 * Rows and metrics stay exactly those of mapping inside span.end().
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { diag } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentRunSimulation } from '../demo/simulation.js';
import type { ReviewEventProcessorConfig } from '../src/index.js';
import { captureDiag } from './support/diagCapture.js';
import { createPipeline, ms, type Pipeline, THREAD } from './pipeline.js';

const SIMULATION = { seed: 11, extraTurns: 30, startMs: Date.UTC(2026, 0, 1) };

function deferred(extra: ReviewEventProcessorConfig = {}): Pipeline {
  return createPipeline({ processor: { deferMapping: true, ...extra } });
}

function userReview(pipeline: Pipeline, requestId: number, itemId: string) {
  pipeline.reviews
    .startUserReview({ ...THREAD, requestId, itemId, request: { kind: 'command_execution' }, startTime: ms(1000) })
    .resolve('accept', { endTime: ms(1010) });
}

function shellItem(pipeline: Pipeline, itemId: string) {
  pipeline.reviews
    .startToolItem({ ...THREAD, itemId, kind: 'command_execution', toolName: 'shell', startTime: ms(1000) })
    .finish({ status: 'completed', endTime: ms(1020) });
}

/** Rows (as written) and every metric data point after the demo simulation. */
async function simulate(pipeline: Pipeline) {
  await new AgentRunSimulation(pipeline.reviews, pipeline.tracer, SIMULATION).run();
  const rows = await pipeline.rows();
  const points = (await pipeline.metrics()).instruments().map(metric => ({
    name: metric.descriptor.name,
    points: metric.dataPoints.map(point => ({ attributes: point.attributes, value: point.value })),
  }));
  return { rows, points };
}

describe('deferMapping', () => {
  let pipeline: Pipeline;
  afterEach(async () => {
    diag.disable();
    await pipeline.shutdown();
  });

  it('leaves the mapping out of span.end() and does it on the next turn of the event loop', async () => {
    pipeline = deferred();
    userReview(pipeline, 1, 'cmd-1');
    expect(pipeline.processor.deferredSpanCount).toBe(1);
    expect((await pipeline.metrics()).sum('agent_review.processor.spans')).toBe(0);
    await nextTurn();
    expect(pipeline.processor.deferredSpanCount).toBe(0);
    expect((await pipeline.metrics()).sum('agent_review.processor.spans')).toBe(1);
  });

  it('maps spans that end after a forceFlush on the next turn of the event loop again', async () => {
    pipeline = deferred();
    userReview(pipeline, 1, 'cmd-1');
    await pipeline.processor.forceFlush();
    userReview(pipeline, 2, 'cmd-2');
    await nextTurn();
    await nextTurn();
    expect(pipeline.processor.deferredSpanCount).toBe(0);
    expect((await pipeline.metrics()).sum('agent_review.processor.spans')).toBe(2);
  });

  it('has no spans waiting without deferMapping', () => {
    pipeline = createPipeline();
    userReview(pipeline, 1, 'cmd-1');
    expect(pipeline.processor.deferredSpanCount).toBe(0);
  });

  it('maps the waiting spans on forceFlush', async () => {
    pipeline = deferred();
    userReview(pipeline, 1, 'cmd-1');
    shellItem(pipeline, 'cmd-1');
    const rows = await pipeline.rows();
    expect(rows.map(row => row.event_type)).toEqual(['codex_review_event', 'codex_command_execution_event']);
    expect(pipeline.processor.deferredSpanCount).toBe(0);
  });

  it('maps the waiting spans on shutdown, and drops the spans that end after it as shutdown', async () => {
    pipeline = deferred();
    userReview(pipeline, 1, 'cmd-1');
    await pipeline.processor.shutdown();
    userReview(pipeline, 2, 'cmd-2');
    const metrics = await pipeline.metrics();
    expect(pipeline.sink.getRows().map(row => (row.event_params as { review_id?: string }).review_id)).toEqual(['user:1']);
    expect(metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'shutdown' })).toBe(1);
  });

  it('maps at once, in order, when maxDeferredSpans spans wait', async () => {
    pipeline = deferred({ maxDeferredSpans: 2 });
    userReview(pipeline, 1, 'cmd-1');
    userReview(pipeline, 2, 'cmd-1');
    expect(pipeline.processor.deferredSpanCount).toBe(2);
    shellItem(pipeline, 'cmd-1');
    expect(pipeline.processor.deferredSpanCount).toBe(0);
    // The item saw both reviews that ended before it.
    const item = (await pipeline.rows()).find(row => row.event_type === 'codex_command_execution_event');
    expect(item?.event_params).toMatchObject({ review_count: 2, user_review_count: 2 });
  });

  it('warns and keeps the default when maxDeferredSpans is not a number >= 1', async () => {
    const logger = captureDiag();
    pipeline = deferred({ maxDeferredSpans: 0 });
    expect(logger.warnings.join('\n')).toContain('maxDeferredSpans must be a number >= 1, got 0; using 2048');
  });

  it('writes the same rows and metrics as mapping inside span.end()', async () => {
    pipeline = createPipeline();
    const inline = await simulate(pipeline);
    await pipeline.shutdown();
    pipeline = deferred();
    const later = await simulate(pipeline);
    expect(inline.rows.length).toBeGreaterThan(100);
    expect(later).toEqual(inline);
  });

  it('writes the same rows and metrics when the queue keeps filling up', async () => {
    pipeline = createPipeline();
    const inline = await simulate(pipeline);
    await pipeline.shutdown();
    pipeline = deferred({ maxDeferredSpans: 3 });
    expect(await simulate(pipeline)).toEqual(inline);
  });
});
