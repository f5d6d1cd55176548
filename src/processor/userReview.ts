/* A finished user review span → its `codex_review_event` row. */
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_PERMISSIONS_GRANT_EMPTY,
  ATTR_PERMISSIONS_GRANT_SCOPE,
  ATTR_REQUEST_ADDITIONAL_PERMISSIONS,
  ATTR_REQUEST_APPROVAL_ID,
  ATTR_REQUEST_ID,
  ATTR_REQUEST_KIND,
  ATTR_REQUEST_NETWORK_ACCESS,
  ATTR_REQUEST_NETWORK_APPROVAL_CONTEXT,
  ATTR_USER_DECISION,
} from '../semconv/attributes.js';
import {
  type RequestedPermissions,
  reviewTrigger,
  userReviewId,
  userReviewResult,
  userReviewSubject,
} from './reviewRules.js';
import { reviewEventRow } from './reviewEventRow.js';
import type { ReviewEventRow } from './rows.js';
import {
  flag,
  optionalEnum,
  optionalString,
  requiredEnum,
  requiredId,
} from './spanAttributes.js';
import { readThreadFields } from './threadContext.js';
import {
  PERMISSION_GRANT_SCOPE_SET,
  USER_DECISION_SET,
  USER_REQUEST_KIND_SET,
} from './valueSets.js';

export interface ReviewMapping {
  reviewEvent: ReviewEventRow;
  requested: RequestedPermissions;
}

/** Null when the span ended without a decision (the review never finished). */
export function mapUserReviewSpan(span: ReadableSpan): ReviewMapping | null {
  const attrs = span.attributes;
  const thread = readThreadFields(attrs);
  const requestId = requiredId(attrs, ATTR_REQUEST_ID);
  const requestKind = requiredEnum(attrs, ATTR_REQUEST_KIND, USER_REQUEST_KIND_SET);
  const requested: RequestedPermissions = {
    network: flag(attrs, ATTR_REQUEST_NETWORK_ACCESS),
    additional: flag(attrs, ATTR_REQUEST_ADDITIONAL_PERMISSIONS),
  };
  const execveIntercept = optionalString(attrs, ATTR_REQUEST_APPROVAL_ID) !== null;
  const subject = userReviewSubject(
    requestKind,
    flag(attrs, ATTR_REQUEST_NETWORK_APPROVAL_CONTEXT)
  );
  const itemId = optionalString(attrs, ATTR_GEN_AI_TOOL_CALL_ID);
  const decision = optionalEnum(attrs, ATTR_USER_DECISION, USER_DECISION_SET);
  if (decision === null) return null;
  const grant =
    decision === 'grant'
      ? {
          scope: requiredEnum(
            attrs,
            ATTR_PERMISSIONS_GRANT_SCOPE,
            PERMISSION_GRANT_SCOPE_SET
          ),
          empty: flag(attrs, ATTR_PERMISSIONS_GRANT_EMPTY),
        }
      : null;
  return {
    reviewEvent: reviewEventRow(span, {
      thread,
      itemId,
      reviewId: userReviewId(requestId),
      subject,
      reviewer: 'user',
      trigger: reviewTrigger(execveIntercept, requested),
      result: userReviewResult(requestKind, decision, grant),
    }),
    requested,
  };
}
