/*
 * What a mapped review hands the later stages, so that none of them reads
 * the span again or applies a rule itself: its rows, what it asked for, the
 * key that makes it unique, and what it leaves on its tool item.
 */
import type { RequestedPermissions } from '../rules/requestedPermissions.js';
import { finalApprovalOutcome, reviewCountsOnItem } from '../rules/toolItemRules.js';
import type { ReviewEventRow } from '../rows/reviewEventRow.js';
import type { FinalApprovalOutcome, Reviewer } from '../semconv/values.js';

/** A review as its tool item's row counts it. */
export interface ItemReview {
  /** The key of the tool item the review counts on. */
  itemKey: string;
  /** Who reviewed. */
  reviewer: Reviewer;
  /** What the review means for the item's final approval outcome. */
  outcome: FinalApprovalOutcome;
  /** What the review asked for. */
  requested: RequestedPermissions;
}

/** A review span mapped: its row and what the later stages need from it. */
export interface ReviewMapping {
  /** The `codex_review_event` row. */
  reviewEvent: ReviewEventRow;
  /** What the review asked for: network access, more than the sandbox allows. */
  requested: RequestedPermissions;
  /** One row per (thread, review id), however often the review arrives. */
  rowKey: string;
  /** Null when the review does not count on a tool item. */
  itemReview: ItemReview | null;
}

/** Tool items are keyed by (thread, turn, item), so threads never mix when item ids repeat. */
export function toolItemKey(threadId: string, turnId: string, itemId: string): string {
  return `${threadId}\u0000${turnId}\u0000${itemId}`;
}

export function reviewMapping(
  reviewEvent: ReviewEventRow,
  requested: RequestedPermissions
): ReviewMapping {
  const review = reviewEvent.event_params;
  return {
    reviewEvent,
    requested,
    rowKey: `review\u0000${review.thread_id}\u0000${review.review_id}`,
    itemReview:
      review.item_id === null || !reviewCountsOnItem(review.subject_kind)
        ? null
        : {
            itemKey: toolItemKey(review.thread_id, review.turn_id, review.item_id),
            reviewer: review.reviewer,
            outcome: finalApprovalOutcome(review.reviewer, review.status, review.resolution),
            requested,
          },
  };
}
