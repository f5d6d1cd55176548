/*
 * The app-server bridge: handed every JSON-RPC message of a Codex
 * app-server session with its direction and the time it was seen, it makes
 * tool item, user review and guardian review spans through ReviewTracer.
 * Pure: no I/O, no timers; never throws into the caller.
 */
import { type Context, diag } from '@opentelemetry/api';
import type {
  AgentRuntimeInfo,
  AppServerClientInfo,
  GuardianReviewSpan,
  ReviewTracer,
  ToolItemSpan,
  UserApprovalRequest,
  UserReviewSpan,
} from '../../index.js';
import { ATTR_GEN_AI_TOOL_NAME, toolItemSpanName } from '../../semconv/index.js';
import {
  guardianAction,
  guardianVerdict,
  toolItemFacts,
  USER_APPROVAL_METHODS,
  type UserAnswer,
  userAnswer,
  userApprovalFacts,
} from './appServerPayloads.js';
import { ExpiringMap } from './ExpiringMap.js';
import { agentRuntime, appServerClient } from './initializeHandshake.js';
import {
  type Direction,
  isObject,
  type JsonObject,
  type JsonRpcMessage,
  requestKey,
  toJsonRpcMessage,
} from './jsonRpcMessage.js';

const logger = diag.createComponentLogger({ namespace: 'agent-review-telemetry/codex' });

/** Codex 0.169.0's guardian timeout; the stream does not carry it. */
export const CODEX_GUARDIAN_TIMEOUT_MS = 90_000;

export interface CodexBridgeOptions {
  reviews: ReviewTracer;
  /** Most approval requests, items and guardian reviews open at once, each. Default: 1024. */
  maxOpen?: number;
  /** An open request, item or review older than this expires. Default: 1 hour. */
  maxOpenAgeMs?: number;
  /** How the client talks to the server, for `app_server_client.rpc_transport`. Default: `stdio`. */
  rpcTransport?: string;
}

export interface CodexBridgeStats {
  /** Messages handed to the bridge. */
  messages: number;
  /** Lines that were not JSON-RPC and payloads the bridge could not read. */
  malformed: number;
  /** Requests, items and reviews that were never closed and expired or were evicted. */
  expired: number;
}

interface Turn {
  threadId: string;
  turnId: string;
}

interface OpenItem extends Turn {
  span: ToolItemSpan;
  toolName: string;
}

interface PendingUserReview extends Turn {
  kind: UserApprovalRequest['kind'];
  span: UserReviewSpan;
  /** The client's answer and when it passed, until the server confirms it. */
  answer?: { value: UserAnswer; atMs: number };
}

interface OpenGuardianReview extends Turn {
  span: GuardianReviewSpan;
}

const itemKey = (threadId: string, turnId: string, itemId: string) =>
  `${threadId}\u0000${turnId}\u0000${itemId}`;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Ends a user review with the client's answer, or as aborted when there was none. */
function endUserReview(review: PendingUserReview, endTime: number): void {
  const answer = review.answer?.value ?? { type: 'abort' };
  if (answer.type === 'resolve') review.span.resolve(answer.decision, { endTime });
  else if (answer.type === 'grant') {
    review.span.grant({ scope: answer.scope, permissions: answer.permissions, endTime });
  } else review.span.abort({ endTime });
}

export class CodexBridge {
  private readonly _reviews: ReviewTracer;
  private readonly _stats: CodexBridgeStats = { messages: 0, malformed: 0, expired: 0 };
  private readonly _sessions: ExpiringMap<string>;
  private readonly _items: ExpiringMap<OpenItem>;
  private readonly _userReviews: ExpiringMap<PendingUserReview>;
  private readonly _guardianReviews: ExpiringMap<OpenGuardianReview>;
  private readonly _rpcTransport: string;
  private _initializeKey: string | undefined;
  private _client: AppServerClientInfo | undefined;
  private _runtime: AgentRuntimeInfo | undefined;
  private _closed = false;

  constructor(options: CodexBridgeOptions) {
    this._reviews = options.reviews;
    this._rpcTransport = options.rpcTransport ?? 'stdio';
    const maxEntries = options.maxOpen ?? 1024;
    const maxAgeMs = options.maxOpenAgeMs ?? 3_600_000;
    const expired = (what: string) => {
      this._stats.expired++;
      logger.warn(`an open ${what} expired before the stream closed it`);
    };
    this._sessions = new ExpiringMap({ maxEntries, maxAgeMs: Infinity, onExpire: () => {} });
    this._items = new ExpiringMap<OpenItem>({
      maxEntries,
      maxAgeMs,
      onExpire: (item, atMs) => {
        expired('tool item');
        item.span.finish({ status: 'interrupted', endTime: atMs });
      },
    });
    this._userReviews = new ExpiringMap<PendingUserReview>({
      maxEntries,
      maxAgeMs,
      onExpire: (review, atMs) => {
        expired('approval request');
        endUserReview(review, review.answer?.atMs ?? atMs);
      },
    });
    this._guardianReviews = new ExpiringMap<OpenGuardianReview>({
      maxEntries,
      maxAgeMs,
      onExpire: (review, atMs) => {
        expired('guardian review');
        review.span.abort({ endTime: atMs });
      },
    });
  }

  /** Counters since the bridge was made (a copy). */
  get stats(): CodexBridgeStats {
    return { ...this._stats };
  }

  /** One line of the stream (without its newline), as bytes or text. */
  observeLine(direction: Direction, line: string | Uint8Array, atMs: number): void {
    let value: unknown;
    try {
      const text =
        typeof line === 'string'
          ? line
          : Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8');
      value = JSON.parse(text);
    } catch {
      this._stats.messages++;
      this._malformed(`a ${direction} line that is not JSON`);
      return;
    }
    this.observe(direction, value, atMs);
  }

  /**
   * One parsed message, seen at `atMs` (epoch ms). Server notifications are
   * timed by their own `emittedAtMs` when they have one. Unknown methods are
   * ignored; nothing is thrown.
   */
  observe(direction: Direction, value: unknown, atMs: number): void {
    this._stats.messages++;
    if (this._closed) return;
    const message = toJsonRpcMessage(value);
    if (message === null) {
      this._malformed(`a ${direction} value that is not a JSON-RPC message`);
      return;
    }
    try {
      // A notification's own stamp is the server's clock: the one Codex's rows use.
      if (direction === 'server->client') this._fromServer(message, num((value as JsonObject).emittedAtMs) ?? atMs);
      else this._fromClient(message, atMs);
    } catch (error) {
      this._malformed(`a ${direction} message the bridge could not handle: ${String(error)}`);
    }
  }

  /**
   * The stream closed: requests never answered and reviews never completed
   * end as aborted, items still open as interrupted. Later messages are ignored.
   */
  close(atMs: number): void {
    if (this._closed) return;
    this._endOpen(() => true, atMs);
    this._closed = true;
  }

  /**
   * Ends what the stream left open: a user review with the answer it got
   * (at the time it passed) or as aborted, a guardian review as aborted, an
   * item as interrupted.
   */
  private _endOpen(select: (open: Turn) => boolean, atMs: number): void {
    for (const review of this._userReviews.takeWhere(select)) {
      endUserReview(review, review.answer?.atMs ?? atMs);
    }
    for (const review of this._guardianReviews.takeWhere(select)) review.span.abort({ endTime: atMs });
    for (const item of this._items.takeWhere(select)) {
      item.span.finish({ status: 'interrupted', endTime: atMs });
    }
  }

  private _malformed(what: string): void {
    this._stats.malformed++;
    logger.warn(`ignored ${what}`);
  }

  private _fromClient(message: JsonRpcMessage, atMs: number): void {
    if (message.type === 'request' && message.method === 'initialize') {
      this._initializeKey = requestKey(message.id);
      this._client = appServerClient(message.params, this._rpcTransport);
      return;
    }
    if (message.type !== 'response') return;
    const pending = this._userReviews.get(requestKey(message.id));
    if (pending === undefined || pending.answer !== undefined) return;
    const answer = userAnswer(pending.kind, message.result, message.error);
    if (answer === null) this._malformed(`answer to approval request ${String(message.id)}`);
    pending.answer = { value: answer ?? { type: 'abort' }, atMs };
  }

  private _fromServer(message: JsonRpcMessage, atMs: number): void {
    if (message.type === 'response') {
      if (requestKey(message.id) === this._initializeKey) this._runtime = agentRuntime(message.result);
      return;
    }
    if (message.type === 'request') {
      if (USER_APPROVAL_METHODS.has(message.method)) this._approvalRequest(message.id, message.method, message.params, atMs);
      return;
    }
    if (message.type !== 'notification') return;
    const { params } = message;
    switch (message.method) {
      case 'thread/started':
        this._threadStarted(params, atMs);
        return;
      case 'item/started':
        this._itemStarted(params, atMs);
        return;
      case 'item/completed':
        this._itemCompleted(params, atMs);
        return;
      case 'item/autoApprovalReview/started':
        this._guardianStarted(params, atMs);
        return;
      case 'item/autoApprovalReview/completed':
        this._guardianCompleted(params, atMs);
        return;
      case 'serverRequest/resolved':
        this._requestResolved(params, atMs);
        return;
      case 'turn/completed':
        this._turnCompleted(params, atMs);
        return;
    }
  }

  private _threadStarted(params: JsonObject, atMs: number): void {
    const thread = isObject(params.thread) ? params.thread : {};
    const threadId = str(thread.id);
    const sessionId = str(thread.sessionId);
    if (threadId !== undefined && sessionId !== undefined) this._sessions.add(threadId, sessionId, atMs);
  }

  private _turnOf(params: JsonObject): Turn | null {
    const threadId = str(params.threadId);
    const turnId = str(params.turnId);
    return threadId === undefined || turnId === undefined ? null : { threadId, turnId };
  }

  /** The helpers' thread context: the turn plus what the handshake told. */
  private _context(turn: Turn) {
    return { ...turn, appServerClient: this._client, runtime: this._runtime };
  }

  private _itemStarted(params: JsonObject, atMs: number): OpenItem | null {
    const turn = this._turnOf(params);
    const item = isObject(params.item) ? params.item : null;
    if (turn === null || item === null) {
      this._malformed('item/started');
      return null;
    }
    const facts = toolItemFacts(item);
    if (facts === null) return null;
    const key = itemKey(turn.threadId, turn.turnId, facts.itemId);
    const open = this._items.get(key);
    if (open !== undefined) return open;
    const span = this._reviews.startToolItem({
      ...this._context(turn),
      itemId: facts.itemId,
      kind: facts.kind,
      toolName: facts.toolName,
      sessionId: this._sessions.get(turn.threadId),
      startTime: num(item.startedAtMs) ?? num(params.startedAtMs) ?? atMs,
    });
    const started: OpenItem = { ...turn, span, toolName: facts.toolName };
    this._items.add(key, started, atMs);
    return started;
  }

  private _itemCompleted(params: JsonObject, atMs: number): void {
    const item = isObject(params.item) ? params.item : null;
    const facts = item === null ? null : toolItemFacts(item);
    if (item === null || facts === null) return;
    const turn = this._turnOf(params);
    if (turn === null) {
      this._malformed('item/completed');
      return;
    }
    const key = itemKey(turn.threadId, turn.turnId, facts.itemId);
    // An item first seen completed (e.g. the bridge joined late) still makes its row.
    const open = this._items.get(key) ?? this._itemStarted(params, atMs);
    this._items.take(key);
    if (open === null) return;
    if (facts.toolName !== open.toolName) {
      open.span.span.updateName(toolItemSpanName(facts.toolName));
      open.span.span.setAttribute(ATTR_GEN_AI_TOOL_NAME, facts.toolName);
    }
    if (facts.status === 'in_progress') {
      this._malformed(`item/completed for ${facts.itemId} still in progress`);
      open.span.finish({ status: 'interrupted', endTime: atMs });
      return;
    }
    open.span.finish({
      status: facts.status,
      details: facts.details,
      endTime: num(item.completedAtMs) ?? num(params.completedAtMs) ?? atMs,
    });
  }

  private _itemContext(turn: Turn, itemId: string | undefined): Context | undefined {
    if (itemId === undefined) return undefined;
    return this._items.get(itemKey(turn.threadId, turn.turnId, itemId))?.span.context();
  }

  private _approvalRequest(id: string | number, method: string, params: JsonObject, atMs: number): void {
    const facts = userApprovalFacts(method, params);
    if (facts === null) {
      this._malformed(method);
      return;
    }
    const turn = { threadId: facts.threadId, turnId: facts.turnId };
    const span = this._reviews.startUserReview({
      ...this._context(turn),
      requestId: id,
      itemId: facts.itemId,
      request: facts.request,
      startTime: facts.startedAtMs,
      parent: this._itemContext(turn, facts.itemId),
    });
    this._userReviews.add(requestKey(id), { ...turn, kind: facts.request.kind, span }, atMs);
  }

  private _guardianStarted(params: JsonObject, atMs: number): OpenGuardianReview | null {
    const turn = this._turnOf(params);
    const reviewId = str(params.reviewId);
    const action = guardianAction(params.action);
    if (turn === null || reviewId === undefined || action === null) {
      this._malformed('item/autoApprovalReview/started');
      return null;
    }
    const open = this._guardianReviews.get(reviewId);
    if (open !== undefined) return open;
    const targetItemId = str(params.targetItemId);
    const span = this._reviews.startGuardianReview({
      ...this._context(turn),
      reviewId,
      targetItemId,
      action,
      timeoutMs: CODEX_GUARDIAN_TIMEOUT_MS,
      startTime: num(params.startedAtMs) ?? atMs,
      parent: this._itemContext(turn, targetItemId),
    });
    const started: OpenGuardianReview = { ...turn, span };
    this._guardianReviews.add(reviewId, started, atMs);
    return started;
  }

  private _guardianCompleted(params: JsonObject, atMs: number): void {
    const reviewId = str(params.reviewId);
    const verdict = guardianVerdict(params.review);
    if (reviewId === undefined || verdict === null) {
      this._malformed('item/autoApprovalReview/completed');
      return;
    }
    const open = this._guardianReviews.get(reviewId) ?? this._guardianStarted(params, atMs);
    this._guardianReviews.take(reviewId);
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

  /**
   * The server's own record of the answer: the review ends at that moment,
   * which the server stamps, rather than when the proxy saw the answer pass.
   * A request resolved without an answer (e.g. the turn was interrupted) is aborted.
   */
  private _requestResolved(params: JsonObject, atMs: number): void {
    const id = params.requestId;
    if (typeof id !== 'string' && typeof id !== 'number') {
      this._malformed('serverRequest/resolved');
      return;
    }
    const pending = this._userReviews.take(requestKey(id));
    if (pending !== undefined) endUserReview(pending, atMs);
  }

  /** Requests and reviews still open when their turn ends were interrupted. */
  private _turnCompleted(params: JsonObject, atMs: number): void {
    const threadId = str(params.threadId);
    const turnId = isObject(params.turn) ? str(params.turn.id) : undefined;
    this._endOpen(open => open.threadId === threadId && open.turnId === turnId, atMs);
  }
}
