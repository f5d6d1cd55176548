/*
 * The review ids the processor remembers to drop duplicates: a bounded
 * first-seen set that forgets the oldest id first and counts each eviction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPipeline, type Pipeline, THREAD } from './pipeline.js';

describe('remembered review ids', () => {
  let pipeline: Pipeline;
  afterEach(() => pipeline.shutdown());

  /** Ends a user review for each request id, in order. */
  function reviews(requestIds: string[]) {
    for (const requestId of requestIds) {
      pipeline.reviews.startUserReview({ ...THREAD, requestId, request: { kind: 'permissions', permissions: {} } }).abort();
    }
  }

  async function state() {
    const rows = await pipeline.rows();
    const metrics = await pipeline.metrics();
    return {
      reviewIds: rows.map(row => (row.event_params as { review_id: string }).review_id),
      evicted: metrics.sum('agent_review.processor.state.evicted', { 'agent_review.state.kind': 'row_key' }),
      duplicates: metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'duplicate' }),
    };
  }

  it('writes a review id once and drops repeats while it is remembered', async () => {
    pipeline = createPipeline({ processor: { maxRememberedRows: 4 } });
    reviews(['a', 'a']);
    expect(await state()).toEqual({ reviewIds: ['user:a'], evicted: 0, duplicates: 1 });
  });

  it('forgets the oldest id first and counts each eviction', async () => {
    pipeline = createPipeline({ processor: { maxRememberedRows: 3 } });
    // A repeat does not refresh an id: 'b' stays the oldest and goes next.
    // After the wrap, 'a' takes the first slot back and 'd' is forgotten.
    reviews(['a', 'b', 'c', 'd', 'b', 'e', 'c', 'd', 'b', 'a', 'd']);
    expect(await state()).toEqual({
      reviewIds: ['user:a', 'user:b', 'user:c', 'user:d', 'user:e', 'user:b', 'user:a', 'user:d'],
      evicted: 5,
      duplicates: 3,
    });
  });

  it('keeps working over many wraps of its capacity', async () => {
    pipeline = createPipeline({ processor: { maxRememberedRows: 1 } });
    reviews(Array.from({ length: 1000 }, (_, i) => [`k${i}`, `k${i}`]).flat());
    const { reviewIds, evicted, duplicates } = await state();
    expect(reviewIds).toHaveLength(1000);
    expect(evicted).toBe(999);
    expect(duplicates).toBe(1000);
  });
});
