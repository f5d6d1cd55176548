/*
 * The approval requests a session has pending: a server request that asks
 * the user starts a user review span, the client's answer is held until the
 * server's `serverRequest/resolved` confirms it, and then the review ends.
 */
import type { UserApprovalRequest, UserReviewSpan } from '../../index.js';
import type { BridgeScope } from './BridgeScope.js';
import { ExpiringMap } from './ExpiringMap.js';
import { type JsonObject, type RequestId, requestKey } from './jsonRpcMessage.js';
import type { OpenToolItems } from './OpenToolItems.js';
import type { Turn } from './turn.js';
import { type UserAnswer, type UserApprovalMethod, userAnswer, userApprovalFacts } from './userApprovalPayloads.js';

interface PendingUserReview extends Turn {
  kind: UserApprovalRequest['kind'];
  span: UserReviewSpan;
  /** The client's answer (null when it could not be read) and when it passed, until the server confirms it. */
  answer?: { value: UserAnswer | null; atMs: number };
}

/** Ends a user review with the client's answer, or as aborted when there was none it could read. */
function endUserReview(review: PendingUserReview, endTime: number): void {
  const answer = review.answer?.value;
  if (answer === undefined || answer === null) {
    review.span.abort({ endTime });
    return;
  }
  switch (answer.type) {
    case 'resolve':
      review.span.resolve(answer.decision, { endTime });
      return;
    case 'grant':
      review.span.grant({ scope: answer.scope, permissions: answer.permissions, endTime });
      return;
    case 'abort':
      review.span.abort({ endTime });
  }
}

export class PendingUserReviews {
  private readonly _scope: BridgeScope;
  private readonly _items: OpenToolItems;
  private readonly _pending: ExpiringMap<PendingUserReview>;

  /** `items`: the open tool items, which parent the reviews of them. */
  constructor(scope: BridgeScope, items: OpenToolItems) {
    this._scope = scope;
    this._items = items;
    this._pending = new ExpiringMap<PendingUserReview>({
      maxEntries: scope.maxOpen,
      maxAgeMs: scope.maxOpenAgeMs,
      onExpire: (review, atMs) => {
        scope.expired('approval request');
        endUserReview(review, review.answer?.atMs ?? atMs);
      },
    });
  }

  /** A server request that asks the user to review something. */
  requested(id: RequestId, method: UserApprovalMethod, params: JsonObject, atMs: number): void {
    const facts = userApprovalFacts(method, params);
    if (facts === null) {
      this._scope.malformed(method);
      return;
    }
    const turn = { threadId: facts.threadId, turnId: facts.turnId };
    const span = this._scope.reviews.startUserReview({
      ...this._scope.context(turn),
      requestId: id,
      itemId: facts.itemId,
      request: facts.request,
      startTime: facts.startedAtMs,
      parent: this._items.context(turn, facts.itemId),
    });
    this._pending.add(requestKey(id), { ...turn, kind: facts.request.kind, span }, atMs);
  }

  /** The client's response to a request; only the first answer to a pending request counts. */
  answered(id: RequestId, result: unknown, error: unknown, atMs: number): void {
    const pending = this._pending.get(requestKey(id));
    if (pending === undefined || pending.answer !== undefined) return;
    const answer = userAnswer(pending.kind, result, error);
    if (answer === null) this._scope.malformed(`answer to approval request ${String(id)}`);
    pending.answer = { value: answer, atMs };
  }

  /**
   * The server's own record of the answer: the review ends at that moment,
   * which the server stamps, rather than when the proxy saw the answer pass.
   * A request resolved without an answer (e.g. the turn was interrupted) is aborted.
   */
  resolved(params: JsonObject, atMs: number): void {
    const id = params.requestId;
    if (typeof id !== 'string' && typeof id !== 'number') {
      this._scope.malformed('serverRequest/resolved');
      return;
    }
    const pending = this._pending.take(requestKey(id));
    if (pending !== undefined) endUserReview(pending, atMs);
  }

  /** Ends the selected reviews the stream left pending with the answer they got (at the time it passed), or as aborted. */
  endWhere(select: (open: Turn) => boolean, atMs: number): void {
    for (const review of this._pending.takeWhere(select)) {
      endUserReview(review, review.answer?.atMs ?? atMs);
    }
  }
}
