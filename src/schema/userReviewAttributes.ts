/*
 * User review spans, `user_review {request kind}`. Options:
 * `UserReviewStartOptions` (the request) and the answer given to `resolve`,
 * `grant` or `abort`.
 */
import * as A from '../semconv/attributes.js';
import { PERMISSION_GRANT_SCOPES, REVIEWERS, USER_DECISIONS, USER_REQUEST_KINDS } from '../semconv/values.js';
import { attributeTable, MAX_ID_LENGTH, enumAttribute, flagAttribute, idAttribute, stringAttribute } from './AttributeDefinition.js';

export const USER_REVIEW_ATTRIBUTES = attributeTable({
  reviewer: enumAttribute(A.ATTR_REVIEWER, REVIEWERS, {
    option: false,
    when: 'start',
    field: 'reviewer',
    meaning: '`user`; its presence marks a review span',
  }),
  requestId: idAttribute(A.ATTR_REQUEST_ID, {
    maxLength: MAX_ID_LENGTH,
    when: 'start',
    field: 'review_id',
    required: true,
    meaning: "the approval request's JSON-RPC id (string or integer); the review id is `user:{id}`",
  }),
  requestKind: enumAttribute(A.ATTR_REQUEST_KIND, USER_REQUEST_KINDS, {
    when: 'start',
    option: 'request.kind',
    field: 'subject_kind',
    required: true,
    meaning: 'what is asked; with the network approval context, decides the subject',
  }),
  itemId: stringAttribute(A.ATTR_GEN_AI_TOOL_CALL_ID, {
    maxLength: MAX_ID_LENGTH,
    when: 'start',
    field: 'item_id',
    meaning: 'the item under review, if any',
  }),
  approvalId: stringAttribute(A.ATTR_REQUEST_APPROVAL_ID, {
    when: 'start',
    option: 'request.approvalId',
    field: 'trigger',
    meaning: 'set when an execve interception asked (trigger `execve_intercept`)',
  }),
  networkApprovalContext: flagAttribute(A.ATTR_REQUEST_NETWORK_APPROVAL_CONTEXT, {
    when: 'start',
    option: 'request.networkApprovalContext',
    field: 'subject_kind',
    meaning: 'the command approval is a network approval',
  }),
  networkAccess: flagAttribute(A.ATTR_REQUEST_NETWORK_ACCESS, {
    when: 'start',
    option: 'request',
    field: 'trigger',
    meaning: "the request asks for network access (from the request's shape)",
  }),
  additionalPermissions: flagAttribute(A.ATTR_REQUEST_ADDITIONAL_PERMISSIONS, {
    when: 'start',
    option: 'request',
    field: 'trigger',
    meaning: "the request asks for more than the sandbox allows (from the request's shape)",
  }),
  decision: enumAttribute(A.ATTR_USER_DECISION, USER_DECISIONS, {
    when: 'end',
    option: 'resolve(decision) / grant / abort',
    field: 'status',
    meaning: 'the answer; decides `status` and `resolution` (none: no row)',
  }),
  grantScope: enumAttribute(A.ATTR_PERMISSIONS_GRANT_SCOPE, PERMISSION_GRANT_SCOPES, {
    when: 'end',
    option: 'grant.scope',
    field: 'resolution',
    meaning: 'scope of a permissions grant',
  }),
  grantEmpty: flagAttribute(A.ATTR_PERMISSIONS_GRANT_EMPTY, {
    when: 'end',
    option: 'grant.permissions',
    field: 'status',
    meaning: 'the effective grant is empty (which denies the request)',
  }),
});
