/* A finished user review span → its `codex_review_event` row. */
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { type RequestedPermissions, reviewTrigger } from '../rules/requestedPermissions.js';
import { userReviewId, userReviewResult, userReviewSubject } from '../rules/userReviewRules.js';
import { USER_REVIEW_ATTRIBUTES as U } from '../schema/userReviewAttributes.js';
import { buildReviewEventRow } from './buildReviewEventRow.js';
import { read, readFlag, readRequired } from './readAttribute.js';
import { type ReviewMapping, reviewMapping } from './ReviewMapping.js';
import { spanTimes } from './spanTime.js';
import { readThreadFields } from './threadFields.js';

/** Null when the span ended without a decision (the review never finished). */
export function mapUserReviewSpan(span: ReadableSpan): ReviewMapping | null {
  const attrs = span.attributes;
  const thread = readThreadFields(attrs);
  const requestId = readRequired(attrs, U.requestId);
  const requestKind = readRequired(attrs, U.requestKind);
  const requested: RequestedPermissions = {
    network: readFlag(attrs, U.networkAccess),
    additional: readFlag(attrs, U.additionalPermissions),
  };
  const execveIntercept = read(attrs, U.approvalId) !== null;
  const subject = userReviewSubject(requestKind, readFlag(attrs, U.networkApprovalContext));
  const itemId = read(attrs, U.itemId);
  const decision = read(attrs, U.decision);
  if (decision === null) return null;
  const grant =
    decision === 'grant'
      ? { scope: readRequired(attrs, U.grantScope), empty: readFlag(attrs, U.grantEmpty) }
      : null;
  const reviewEvent = buildReviewEventRow(span, {
    thread,
    itemId,
    reviewId: userReviewId(requestId),
    subject,
    reviewer: 'user',
    trigger: reviewTrigger(execveIntercept, requested),
    result: userReviewResult(requestKind, decision, grant),
    times: spanTimes(span),
  });
  return reviewMapping(reviewEvent, requested);
}
