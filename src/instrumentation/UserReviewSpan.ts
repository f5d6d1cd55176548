/* A user's review of an approval request, from the request to the answer. */
import type { Attributes, HrTime, Span } from '@opentelemetry/api';
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
  ATTR_REVIEWER,
  ATTR_USER_DECISION,
} from '../semconv/attributes.js';
import type { PermissionGrantScope, UserDecision } from '../semconv/values.js';
import { FinishableSpan } from './FinishableSpan.js';
import {
  isEmptyGrant,
  type UserApprovalRequest,
  userRequestedPermissions,
} from './requestedPermissions.js';
import { threadAttributes } from './threadAttributes.js';
import type {
  PermissionProfile,
  SpanEndOptions,
  SpanStartOptions,
  ThreadContext,
} from './types.js';

export interface UserReviewStartOptions extends ThreadContext, SpanStartOptions {
  /** The approval request's JSON-RPC id; the review id is `user:{id}`. */
  requestId: string | number;
  /** The tool item under review, when there is one. */
  itemId?: string;
  request: UserApprovalRequest;
}

/** Answers to a command or file change approval. */
export type UserReviewDecision = Exclude<UserDecision, 'grant' | 'abort'>;

export interface PermissionGrantOptions extends SpanEndOptions {
  scope: PermissionGrantScope;
  /** The effective grant, after the client's answer was validated. */
  permissions: PermissionProfile;
}

export function userReviewStartAttributes(options: UserReviewStartOptions): Attributes {
  const { request } = options;
  const requested = userRequestedPermissions(request);
  const attributes = threadAttributes(options);
  attributes[ATTR_REVIEWER] = 'user';
  attributes[ATTR_REQUEST_ID] = options.requestId;
  attributes[ATTR_REQUEST_KIND] = request.kind;
  attributes[ATTR_REQUEST_NETWORK_ACCESS] = requested.network;
  attributes[ATTR_REQUEST_ADDITIONAL_PERMISSIONS] = requested.additional;
  if (options.itemId !== undefined) attributes[ATTR_GEN_AI_TOOL_CALL_ID] = options.itemId;
  if (request.kind === 'command_execution') {
    if (request.approvalId !== undefined) {
      attributes[ATTR_REQUEST_APPROVAL_ID] = request.approvalId;
    }
    attributes[ATTR_REQUEST_NETWORK_APPROVAL_CONTEXT] =
      request.networkApprovalContext === true;
  }
  return attributes;
}

export class UserReviewSpan extends FinishableSpan {
  private readonly _requestId: string | number;
  private readonly _requestKind: UserApprovalRequest['kind'];

  /** Use ReviewTracer.startUserReview. */
  constructor(span: Span, startTime: HrTime, options: UserReviewStartOptions) {
    super(span, startTime);
    this._requestId = options.requestId;
    this._requestKind = options.request.kind;
  }

  /** The user answered a command or file change approval. */
  resolve(decision: UserReviewDecision, options: SpanEndOptions = {}): void {
    if (!this._isOpen('resolve')) return;
    this.span.setAttribute(ATTR_USER_DECISION, decision);
    this._end(options.endTime);
  }

  /** The user answered a permissions request; an empty grant denies it. */
  grant(options: PermissionGrantOptions): void {
    if (!this._isOpen('grant')) return;
    this.span.setAttributes({
      [ATTR_USER_DECISION]: 'grant',
      [ATTR_PERMISSIONS_GRANT_SCOPE]: options.scope,
      [ATTR_PERMISSIONS_GRANT_EMPTY]: isEmptyGrant(options.permissions),
    });
    this._end(options.endTime);
  }

  /** The request was never answered (client error, cancel, shutdown). */
  abort(options: SpanEndOptions = {}): void {
    if (!this._isOpen('abort')) return;
    this.span.setAttribute(ATTR_USER_DECISION, 'abort');
    this._end(options.endTime);
  }

  protected _describe(): string {
    return `user review of ${this._requestKind} request ${this._requestId}`;
  }
}
