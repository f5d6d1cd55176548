/*
 * Reviews waiting for their tool item, keyed by (thread, turn, item) so that
 * threads never mix even when item ids repeat. Bounded in entries and in
 * estimated bytes: past either cap the least recently reviewed item is
 * evicted and counted.
 */
import type { ItemReview } from '../mapping/ReviewMapping.js';
import type { FinalApprovalOutcome } from '../semconv/values.js';

export interface ItemReviewSummary {
  reviewCount: number;
  guardianReviewCount: number;
  userReviewCount: number;
  finalApprovalOutcome: FinalApprovalOutcome;
  requestedAdditionalPermissions: boolean;
  requestedNetworkAccess: boolean;
}

/**
 * Heap bytes of one entry besides its ids: the Map entry, the summary object
 * and the key's string nodes. The bench's in-flight growth run measured
 * 187–208 bytes per item on Node 20, its short ids included
 * (docs/benchmarks.md); this rounds it up.
 */
export const ENTRY_BYTES = 240;

/**
 * An entry's estimated heap bytes: its structure plus the key's characters
 * at two bytes each. The key holds the thread, turn and item ids; counting
 * them as unshared two-byte strings makes this an upper bound.
 */
export function entryBytes(key: string): number {
  return ENTRY_BYTES + 2 * key.length;
}

export interface ItemReviewSummaryLimits {
  maxItems: number;
  maxBytes: number;
}

export class ItemReviewSummaries {
  private readonly _summaries = new Map<string, ItemReviewSummary>();
  private readonly _limits: ItemReviewSummaryLimits;
  private readonly _onEvict: () => void;
  private _bytes = 0;
  /**
   * The summary inserted last, so already last in the map's order. Once its
   * entry is gone it matches nothing: a key reviewed again gets a new summary.
   */
  private _newest: ItemReviewSummary | undefined;

  constructor(limits: ItemReviewSummaryLimits, onEvict: () => void) {
    this._limits = limits;
    this._onEvict = onEvict;
  }

  get size(): number {
    return this._summaries.size;
  }

  /** Estimated heap bytes of the entries held (see entryBytes). */
  get bytes(): number {
    return this._bytes;
  }

  /** The last review decides the outcome; the permission flags are OR-ed. */
  record(review: ItemReview): void {
    const key = review.itemKey;
    let summary = this._summaries.get(key);
    if (summary === undefined) {
      summary = {
        reviewCount: 0,
        guardianReviewCount: 0,
        userReviewCount: 0,
        finalApprovalOutcome: 'unknown',
        requestedAdditionalPermissions: false,
        requestedNetworkAccess: false,
      };
      this._bytes += entryBytes(key);
      this._summaries.set(key, summary);
    } else if (summary !== this._newest) {
      // Re-inserting keeps the map in least-recently-reviewed order (a Map
      // delete and set each churn its table: skipped when already last).
      this._summaries.delete(key);
      this._summaries.set(key, summary);
    }
    this._newest = summary;
    summary.reviewCount++;
    if (review.reviewer === 'guardian') summary.guardianReviewCount++;
    else summary.userReviewCount++;
    summary.finalApprovalOutcome = review.outcome;
    summary.requestedAdditionalPermissions ||= review.requested.additional;
    summary.requestedNetworkAccess ||= review.requested.network;
    // An entry larger than maxBytes on its own is evicted too: the bound holds.
    while (this._summaries.size > this._limits.maxItems || this._bytes > this._limits.maxBytes) {
      this._remove(this._summaries.keys().next().value as string);
      this._onEvict();
    }
  }

  /** Removes and returns the item's summary: an item is emitted once. */
  take(key: string): ItemReviewSummary | undefined {
    const summary = this._summaries.get(key);
    if (summary !== undefined) this._remove(key);
    return summary;
  }

  private _remove(key: string): void {
    this._summaries.delete(key);
    this._bytes -= entryBytes(key);
  }
}
