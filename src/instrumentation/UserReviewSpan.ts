/* A user's review of an approval request, from the request to the answer. */
import type { Attributes, HrTime, Span } from '@opentelemetry/api';
import { isEmptyGrant, userRequestedPermissions } from '../rules/requestedPermissions.js';
import { USER_REVIEW_ATTRIBUTES as U } from '../schema/userReviewAttributes.js';
import type { PermissionGrantScope, UserDecision } from '../semconv/values.js';
import { threadAttributes } from './threadAttributes.js';
import { FinishableSpan } from './FinishableSpan.js';
import type {
  PermissionProfile,
  SpanEndOptions,
  SpanStartOptions,
  ThreadContext,
  UserApprovalRequest,
} from './types.js';
import { attributesOf, putAttribute } from './writeAttributes.js';

/** What a user review knows when the approval request arrives. */
export interface UserReviewStartOptions extends ThreadContext, SpanStartOptions {
  /** The approval request's JSON-RPC id; the review id is `user:{id}`. */
  requestId: string | number;
  /** The tool item under review, when there is one. */
  itemId?: string;
  /** The approval request: its kind and shape decide the row's `subject_kind` and `trigger`. */
  request: UserApprovalRequest;
}

/** Answers to a command or file change approval. */
export type UserReviewDecision = Exclude<UserDecision, 'grant' | 'abort'>;

/** The user's answer to a permissions request. */
export interface PermissionGrantOptions extends SpanEndOptions {
  /** For this turn or the whole session; row field `resolution`. */
  scope: PermissionGrantScope;
  /** The effective grant, after the client's answer was validated. */
  permissions: PermissionProfile;
}

export function userReviewStartAttributes(options: UserReviewStartOptions): Attributes {
  const { request } = options;
  const requested = userRequestedPermissions(request);
  const attributes = threadAttributes(options);
  putAttribute(attributes, U.reviewer, 'user');
  putAttribute(attributes, U.requestId, options.requestId);
  putAttribute(attributes, U.requestKind, request.kind);
  putAttribute(attributes, U.networkAccess, requested.network);
  putAttribute(attributes, U.additionalPermissions, requested.additional);
  putAttribute(attributes, U.itemId, options.itemId);
  if (request.kind === 'command_execution') {
    putAttribute(attributes, U.approvalId, request.approvalId);
    putAttribute(attributes, U.networkApprovalContext, request.networkApprovalContext === true);
  }
  return attributes;
}

/** A user review in flight: the span of one approval request, ended by the user's answer. */
export class UserReviewSpan extends FinishableSpan {
  private readonly _requestId: string | number;
  private readonly _requestKind: UserApprovalRequest['kind'];

  /** Use ReviewTracer.startUserReview. */
  constructor(span: Span, startTime: HrTime, options: UserReviewStartOptions) {
    super(span, startTime);
    this._requestId = options.requestId;
    this._requestKind = options.request?.kind;
  }

  /** The user answered a command or file change approval. */
  resolve(decision: UserReviewDecision, options: SpanEndOptions = {}): void {
    this._run('resolve', true, () => this._decide(decision, options.endTime));
  }

  /** The user answered a permissions request; an empty grant denies it. */
  grant(options: PermissionGrantOptions): void {
    this._run('grant', true, () => {
      this.span.setAttributes(
        attributesOf([U.grantScope, options.scope], [U.grantEmpty, isEmptyGrant(options.permissions)])
      );
      this._decide('grant', options.endTime);
    });
  }

  /** The request was never answered (client error, cancel, shutdown). */
  abort(options: SpanEndOptions = {}): void {
    this._run('abort', true, () => this._decide('abort', options.endTime));
  }

  private _decide(decision: UserDecision, endTime: SpanEndOptions['endTime']): void {
    this.span.setAttributes(attributesOf([U.decision, decision]));
    this._end(endTime);
  }

  /** The review, for diagnostics. */
  protected _describe(): string {
    return `user review of ${this._requestKind} request ${this._requestId}`;
  }
}
