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
  /** One row per (thread, review id), however often the review arrives: the thread id. */
  rowScope: string;
  /** The review id. */
  rowId: string;
  /** Null when the review does not count on a tool item. */
  itemReview: ItemReview | null;
}

/**
 * The row key scope of tool items, apart from the reviews' scopes (their
 * thread ids, never empty): a tool item's row id is its item key.
 */
export const ITEM_ROW_SCOPE = '';

/** Tool items are keyed by (thread, turn, item), so threads never mix when item ids repeat. */
export function toolItemKey(threadId: string, turnId: string, itemId: string): string {
  return `${threadId}\u0000${turnId}\u0000${itemId}`;
}

/** What the review leaves on its tool item; null when it does not count on one. */
export function itemReviewOf(reviewEvent: ReviewEventRow, requested: RequestedPermissions): ItemReview | null {
  const review = reviewEvent.event_params;
  if (review.item_id === null || !reviewCountsOnItem(review.subject_kind)) return null;
  return {
    itemKey: toolItemKey(review.thread_id, review.turn_id, review.item_id),
    reviewer: review.reviewer,
    outcome: finalApprovalOutcome(review.reviewer, review.status, review.resolution),
    requested,
  };
}

export function reviewMapping(reviewEvent: ReviewEventRow, requested: RequestedPermissions): ReviewMapping {
  const review = reviewEvent.event_params;
  return {
    reviewEvent,
    requested,
    rowScope: review.thread_id,
    rowId: review.review_id,
    itemReview: itemReviewOf(reviewEvent, requested),
  };
}
