/* Guardian review spans → `codex_guardian_review` and `codex_review_event`. */
import { type GuardianReviewMapping, mapGuardianReviewSpan } from '../mapping/mapGuardianReviewSpan.js';
import { GUARDIAN_REVIEW_EVENT_TYPE } from '../rows/guardianReviewRow.js';
import type { ReviewRow } from '../rows/ReviewRow.js';
import { REVIEW_EVENT_TYPE } from '../rows/reviewEventRow.js';
import { GUARDIAN_REVIEW_ATTRIBUTES } from '../schema/guardianReviewAttributes.js';
import type { RowKind } from './RowKind.js';
import { joinReview, userReviewKind } from './userReviewKind.js';

const REVIEWER = GUARDIAN_REVIEW_ATTRIBUTES.reviewer.key;

export const guardianReviewKind: RowKind<GuardianReviewMapping> = {
  spanType: 'guardian_review',
  eventTypes: [GUARDIAN_REVIEW_EVENT_TYPE, REVIEW_EVENT_TYPE],
  rowsPerSpan: 2,
  recognises: attributes => attributes[REVIEWER] === 'guardian',
  map: mapGuardianReviewSpan,
  join: joinReview,
  rows: mapping => [mapping.guardianReview, mapping.reviewEvent],
  record: (mapping, metrics) => {
    metrics.recordReview(mapping.reviewEvent.event_params);
    metrics.recordGuardianReview(mapping.guardianReview.event_params, mapping.providerName);
  },
  // The guardian row keeps seed 000's whole seconds; its review event has milliseconds.
  completedAtMillis: (row: ReviewRow) =>
    row.event_type === GUARDIAN_REVIEW_EVENT_TYPE
      ? (row.event_params.completed_at ?? row.event_params.started_at) * 1000
      : userReviewKind.completedAtMillis(row),
};
