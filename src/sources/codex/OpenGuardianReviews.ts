/*
 * The guardian reviews a session has open: `item/autoApprovalReview/started`
 * starts a guardian review span and `item/autoApprovalReview/completed` ends
 * it with the guardian's verdict.
 */
import type { GuardianReviewSpan } from '../../index.js';
import type { BridgeScope } from './BridgeScope.js';
import { ExpiringMap } from './ExpiringMap.js';
import { guardianAction, guardianVerdict } from './guardianReviewPayloads.js';
import { num, str } from './jsonFields.js';
import type { JsonObject } from './jsonRpcMessage.js';
import type { OpenToolItems } from './OpenToolItems.js';
import { type Turn, turnOf } from './turn.js';

/** Codex 0.169.0's guardian timeout; the stream does not carry it. */
export const CODEX_GUARDIAN_TIMEOUT_MS = 90_000;

interface OpenGuardianReview extends Turn {
  span: GuardianReviewSpan;
}

export class OpenGuardianReviews {
  private readonly _scope: BridgeScope;
  private readonly _items: OpenToolItems;
  private readonly _reviews: ExpiringMap<OpenGuardianReview>;

  /** `items`: the open tool items, which parent the reviews of them. */
  constructor(scope: BridgeScope, items: OpenToolItems) {
    this._scope = scope;
    this._items = items;
    this._reviews = new ExpiringMap<OpenGuardianReview>({
      maxEntries: scope.maxOpen,
      maxAgeMs: scope.maxOpenAgeMs,
      onExpire: (review, atMs) => {
        scope.expired('guardian review');
        review.span.abort({ endTime: atMs });
      },
    });
  }

  started(params: JsonObject, atMs: number): OpenGuardianReview | null {
    const turn = turnOf(params);
    const reviewId = str(params.reviewId);
    const action = guardianAction(params.action);
    if (turn === null || reviewId === undefined || action === null) {
      this._scope.malformed('item/autoApprovalReview/started');
      return null;
    }
    const open = this._reviews.get(reviewId);
    if (open !== undefined) return open;
    const targetItemId = str(params.targetItemId);
    const span = this._scope.reviews.startGuardianReview({
      ...this._scope.context(turn),
      reviewId,
      targetItemId,
      action,
      timeoutMs: CODEX_GUARDIAN_TIMEOUT_MS,
      startTime: num(params.startedAtMs) ?? atMs,
      parent: this._items.context(turn, targetItemId),
    });
    const started: OpenGuardianReview = { ...turn, span };
    this._reviews.add(reviewId, started, atMs);
    return started;
  }

  completed(params: JsonObject, atMs: number): void {
    const reviewId = str(params.reviewId);
    const verdict = guardianVerdict(params.review);
    if (reviewId === undefined || verdict === null) {
      this._scope.malformed('item/autoApprovalReview/completed');
      return;
    }
    const open = this._reviews.get(reviewId) ?? this.started(params, atMs);
    this._reviews.take(reviewId);
    if (open === null) return;
    const endTime = num(params.completedAtMs) ?? atMs;
    switch (verdict.type) {
      case 'approve':
        open.span.approve({ riskLevel: verdict.riskLevel, rationale: verdict.rationale, endTime });
        return;
      case 'deny':
        open.span.deny({ riskLevel: verdict.riskLevel, rationale: verdict.rationale, endTime });
        return;
      case 'fail_closed':
        open.span.failClosed(verdict.kind, { rationale: verdict.rationale, endTime });
        return;
      case 'time_out':
        open.span.timeOut({ endTime });
        return;
      case 'abort':
        open.span.abort({ endTime });
        return;
    }
  }

  /** Aborts the selected reviews the stream left open. */
  abortWhere(select: (open: Turn) => boolean, atMs: number): void {
    for (const review of this._reviews.takeWhere(select)) review.span.abort({ endTime: atMs });
  }
}
