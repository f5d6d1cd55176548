/* User review spans → `codex_review_event`. */
import { mapUserReviewSpan } from '../mapping/mapUserReviewSpan.js';
import type { ReviewMapping } from '../mapping/ReviewMapping.js';
import { readRequired } from '../mapping/readAttribute.js';
import { REVIEW_EVENT_TYPE, type ReviewEventRow } from '../rows/reviewEventRow.js';
import { USER_REVIEW_ATTRIBUTES } from '../schema/userReviewAttributes.js';
import type { RowKind } from './RowKind.js';

const REVIEWER = USER_REVIEW_ATTRIBUTES.reviewer.key;

/** Records the review and keeps it for its tool item's row. */
export function joinReview(mapping: ReviewMapping, items: Parameters<RowKind['join']>[1]): void {
  if (mapping.itemReview !== null) items.record(mapping.itemReview);
}

export const userReviewKind: RowKind<ReviewMapping> = {
  spanType: 'user_review',
  eventTypes: [REVIEW_EVENT_TYPE],
  rowsPerSpan: 1,
  // Any reviewer but the guardian: a value other than `user` is malformed, not ignored.
  recognises: attributes => {
    const reviewer = attributes[REVIEWER];
    return reviewer !== undefined && reviewer !== 'guardian';
  },
  // A reviewer outside the set is malformed here: recognised, counted, not ignored.
  map: span => {
    readRequired(span.attributes, USER_REVIEW_ATTRIBUTES.reviewer);
    return mapUserReviewSpan(span);
  },
  join: joinReview,
  rows: mapping => [mapping.reviewEvent],
  record: (mapping, metrics) => metrics.recordReview(mapping.reviewEvent.event_params),
  completedAtMillis: row => (row as ReviewEventRow).event_params.completed_at_ms,
};
