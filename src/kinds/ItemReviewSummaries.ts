/*
 * Reviews waiting for their tool item, keyed by (thread, turn, item) so that
 * threads never mix even when item ids repeat. Bounded: past the cap the
 * least recently reviewed item is evicted and counted.
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

export class ItemReviewSummaries {
  private readonly _summaries = new Map<string, ItemReviewSummary>();
  private readonly _maxItems: number;
  private readonly _onEvict: () => void;

  constructor(maxItems: number, onEvict: () => void) {
    this._maxItems = maxItems;
    this._onEvict = onEvict;
  }

  get size(): number {
    return this._summaries.size;
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
    } else {
      // Re-inserting keeps the map in least-recently-reviewed order.
      this._summaries.delete(key);
    }
    summary.reviewCount++;
    if (review.reviewer === 'guardian') summary.guardianReviewCount++;
    else summary.userReviewCount++;
    summary.finalApprovalOutcome = review.outcome;
    summary.requestedAdditionalPermissions ||= review.requested.additional;
    summary.requestedNetworkAccess ||= review.requested.network;
    this._summaries.set(key, summary);
    if (this._summaries.size > this._maxItems) {
      this._summaries.delete(this._summaries.keys().next().value as string);
      this._onEvict();
    }
  }

  /** Removes and returns the item's summary: an item is emitted once. */
  take(key: string): ItemReviewSummary | undefined {
    const summary = this._summaries.get(key);
    if (summary !== undefined) this._summaries.delete(key);
    return summary;
  }
}
