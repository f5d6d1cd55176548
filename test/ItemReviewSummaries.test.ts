/*
 * The reviews kept for tool items in flight: bounded in entries and in
 * estimated bytes, least recently reviewed evicted first, every eviction
 * counted, the byte estimate kept exact through adds, takes and evictions.
 */
import { describe, expect, it } from 'vitest';
import { ENTRY_BYTES, entryBytes, ItemReviewSummaries } from '../src/kinds/ItemReviewSummaries.js';
import type { ItemReview } from '../src/mapping/ReviewMapping.js';
import { createPipeline, THREAD } from './pipeline.js';

const review = (itemKey: string, reviewer: ItemReview['reviewer'] = 'user'): ItemReview => ({
  itemKey,
  reviewer,
  outcome: reviewer === 'user' ? 'user_approved' : 'guardian_approved',
  requested: { additional: false, network: false },
});

function summaries(maxItems: number, maxBytes: number) {
  const evicted = { count: 0 };
  const held = new ItemReviewSummaries({ maxItems, maxBytes }, () => evicted.count++);
  return { held, evicted };
}

const keys = (held: ItemReviewSummaries, candidates: string[]) => candidates.filter(key => held.take(key) !== undefined);

describe('ItemReviewSummaries', () => {
  it('estimates an entry as its structure plus two bytes per key character', () => {
    expect(entryBytes('')).toBe(ENTRY_BYTES);
    expect(entryBytes('t\u0000u\u0000item-1')).toBe(ENTRY_BYTES + 2 * 10);
  });

  it('adds an entry to the byte estimate once, however often its item is reviewed', () => {
    const { held } = summaries(10, 1e9);
    held.record(review('a'));
    held.record(review('a', 'guardian'));
    held.record(review('bb'));
    expect(held.bytes).toBe(entryBytes('a') + entryBytes('bb'));
  });

  it('takes an entry out of the byte estimate when its item ends', () => {
    const { held } = summaries(10, 1e9);
    held.record(review('a'));
    held.record(review('bb'));
    held.take('a');
    expect(held.bytes).toBe(entryBytes('bb'));
    expect(held.take('a')).toBeUndefined();
    expect(held.bytes).toBe(entryBytes('bb'));
  });

  it('evicts the least recently reviewed items past maxItems and counts each', () => {
    const { held, evicted } = summaries(2, 1e9);
    for (const key of ['a', 'b', 'a', 'c', 'd']) held.record(review(key));
    expect(evicted.count).toBe(2);
    expect(held.size).toBe(2);
    expect(held.bytes).toBe(entryBytes('c') + entryBytes('d'));
    expect(keys(held, ['a', 'b', 'c', 'd'])).toEqual(['c', 'd']);
  });

  it('keeps an item reviewed twice in a row as the most recently reviewed', () => {
    const { held, evicted } = summaries(2, 1e9);
    for (const key of ['a', 'b', 'b', 'c']) held.record(review(key));
    expect(evicted.count).toBe(1);
    expect(keys(held, ['a', 'b', 'c'])).toEqual(['b', 'c']);
  });

  it('counts a review again on an item whose summary was taken and came back', () => {
    const { held } = summaries(10, 1e9);
    held.record(review('a'));
    held.take('a');
    held.record(review('a', 'guardian'));
    held.record(review('a'));
    expect(held.take('a')).toMatchObject({ reviewCount: 2, guardianReviewCount: 1, userReviewCount: 1 });
  });

  it('evicts the least recently reviewed items past maxBytes and counts each', () => {
    const { held, evicted } = summaries(100, 3 * entryBytes('k1'));
    for (const key of ['k1', 'k2', 'k3']) held.record(review(key));
    expect(evicted.count).toBe(0);
    held.record(review('k1'));
    held.record(review('k4'));
    expect(evicted.count).toBe(1);
    expect(held.bytes).toBe(3 * entryBytes('k1'));
    expect(keys(held, ['k1', 'k2', 'k3', 'k4'])).toEqual(['k1', 'k3', 'k4']);
  });

  it('evicts as many old items as a long key needs', () => {
    const { held, evicted } = summaries(100, 3 * entryBytes('k1'));
    for (const key of ['k1', 'k2', 'k3']) held.record(review(key));
    held.record(review('k'.repeat(ENTRY_BYTES / 2 + 2)));
    expect(evicted.count).toBe(2);
    expect(held.size).toBe(2);
    expect(held.bytes).toBeLessThanOrEqual(3 * entryBytes('k1'));
  });

  it('evicts an item larger than maxBytes on its own, so the bound holds', () => {
    const { held, evicted } = summaries(100, ENTRY_BYTES);
    held.record(review('a'));
    expect(evicted.count).toBe(1);
    expect(held.size).toBe(0);
    expect(held.bytes).toBe(0);
  });
});

describe('maxPendingItemBytes', () => {
  it('bounds the processor\'s pending items in bytes and counts the evictions', async () => {
    const key = `${THREAD.threadId}\u0000${THREAD.turnId}\u0000item-0`;
    const pipeline = createPipeline({ processor: { maxPendingItemBytes: 2 * entryBytes(key) } });
    for (let i = 0; i < 5; i++) {
      pipeline.reviews
        .startUserReview({ ...THREAD, requestId: i, itemId: `item-${i}`, request: { kind: 'command_execution' } })
        .resolve('accept');
    }
    expect(pipeline.processor.pendingItemCount).toBe(2);
    const metrics = await pipeline.metrics();
    expect(metrics.sum('agent_review.processor.state.evicted', { 'agent_review.state.kind': 'item_summary' })).toBe(3);
    await pipeline.shutdown();
  });
});
