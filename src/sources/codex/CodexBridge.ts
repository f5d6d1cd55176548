/*
 * The app-server bridge: handed every JSON-RPC message of a Codex
 * app-server session with its direction and the time it was seen, it makes
 * tool item, user review and guardian review spans through ReviewTracer.
 * It reads the envelope and the handshake and hands each message to the
 * keeper of what it opens or closes. Pure: no I/O, no timers; never throws
 * into the caller.
 */
import { diag } from '@opentelemetry/api';
import type { AgentRuntimeInfo, AppServerClientInfo, ReviewTracer } from '../../index.js';
import type { BridgeScope } from './BridgeScope.js';
import { ExpiringMap } from './ExpiringMap.js';
import { agentRuntime, appServerClient } from './initializeHandshake.js';
import { num, str } from './jsonFields.js';
import {
  type Direction,
  isObject,
  type JsonObject,
  type JsonRpcMessage,
  requestKey,
  toJsonRpcMessage,
} from './jsonRpcMessage.js';
import { OpenGuardianReviews } from './OpenGuardianReviews.js';
import { OpenToolItems } from './OpenToolItems.js';
import { PendingUserReviews } from './PendingUserReviews.js';
import type { Turn } from './turn.js';
import { isUserApprovalMethod } from './userApprovalPayloads.js';

const logger = diag.createComponentLogger({ namespace: 'agent-review-telemetry/codex' });

/** Options of CodexBridge. */
export interface CodexBridgeOptions {
  /** The tracer the bridge starts its spans with. */
  reviews: ReviewTracer;
  /** Most approval requests, items and guardian reviews open at once, each. Default: 1024. */
  maxOpen?: number;
  /** An open request, item or review older than this expires. Default: 1 hour. */
  maxOpenAgeMs?: number;
  /** How the client talks to the server, for `app_server_client.rpc_transport`. Default: `stdio`. */
  rpcTransport?: string;
}

/** What the bridge has seen so far. */
export interface CodexBridgeStats {
  /** Messages handed to the bridge. */
  messages: number;
  /** Lines that were not JSON-RPC and payloads the bridge could not read. */
  malformed: number;
  /** Requests, items and reviews that were never closed and expired or were evicted. */
  expired: number;
}

/** Turns the JSON-RPC messages between a Codex app-server and its client into review and tool item spans. */
export class CodexBridge {
  private readonly _stats: CodexBridgeStats = { messages: 0, malformed: 0, expired: 0 };
  private readonly _sessions: ExpiringMap<string>;
  private readonly _items: OpenToolItems;
  private readonly _userReviews: PendingUserReviews;
  private readonly _guardianReviews: OpenGuardianReviews;
  private readonly _rpcTransport: string;
  private _initializeKey: string | undefined;
  private _client: AppServerClientInfo | undefined;
  private _runtime: AgentRuntimeInfo | undefined;
  private _closed = false;

  constructor(options: CodexBridgeOptions) {
    this._rpcTransport = options.rpcTransport ?? 'stdio';
    const scope: BridgeScope = {
      reviews: options.reviews,
      maxOpen: options.maxOpen ?? 1024,
      maxOpenAgeMs: options.maxOpenAgeMs ?? 3_600_000,
      context: turn => ({ ...turn, appServerClient: this._client, runtime: this._runtime }),
      malformed: what => this._malformed(what),
      expired: what => {
        // The first is told; the rest are counted in `stats`, never one line each.
        if (this._stats.expired++ === 0) logger.warn(`an open ${what} expired before the stream closed it (more are counted in the bridge's stats)`);
      },
    };
    this._sessions = new ExpiringMap({ maxEntries: scope.maxOpen, maxAgeMs: Infinity, onExpire: () => {} });
    this._items = new OpenToolItems(scope, this._sessions);
    this._userReviews = new PendingUserReviews(scope, this._items);
    this._guardianReviews = new OpenGuardianReviews(scope, this._items);
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
    this._endOpen(() => true, atMs);
    this._closed = true;
  }

  /**
   * Ends what the stream left open: a user review with the answer it got
   * (at the time it passed) or as aborted, a guardian review as aborted, an
   * item as interrupted.
   */
  private _endOpen(select: (open: Turn) => boolean, atMs: number): void {
    this._userReviews.endWhere(select, atMs);
    this._guardianReviews.abortWhere(select, atMs);
    this._items.interruptWhere(select, atMs);
  }

  /** The first is told; the rest are counted in `stats`, never one line each. */
  private _malformed(what: string): void {
    if (this._stats.malformed++ === 0) logger.warn(`ignored ${what} (more are counted in the bridge's stats)`);
  }

  private _fromClient(message: JsonRpcMessage, atMs: number): void {
    if (message.type === 'request' && message.method === 'initialize') {
      this._initializeKey = requestKey(message.id);
      this._client = appServerClient(message.params, this._rpcTransport);
      return;
    }
    if (message.type !== 'response') return;
    this._userReviews.answered(message.id, message.result, message.error, atMs);
  }

  private _fromServer(message: JsonRpcMessage, atMs: number): void {
    switch (message.type) {
      case 'response':
        if (requestKey(message.id) === this._initializeKey) this._runtime = agentRuntime(message.result);
        return;
      case 'request':
        if (isUserApprovalMethod(message.method)) {
          this._userReviews.requested(message.id, message.method, message.params, atMs);
        }
        return;
      case 'notification':
        this._notification(message.method, message.params, atMs);
    }
  }

  private _notification(method: string, params: JsonObject, atMs: number): void {
    switch (method) {
      case 'thread/started':
        this._threadStarted(params, atMs);
        return;
      case 'item/started':
        this._items.started(params, atMs);
        return;
      case 'item/completed':
        this._items.completed(params, atMs);
        return;
      case 'item/autoApprovalReview/started':
        this._guardianReviews.started(params, atMs);
        return;
      case 'item/autoApprovalReview/completed':
        this._guardianReviews.completed(params, atMs);
        return;
      case 'serverRequest/resolved':
        this._userReviews.resolved(params, atMs);
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

  /** Requests and reviews still open when their turn ends were interrupted. */
  private _turnCompleted(params: JsonObject, atMs: number): void {
    const threadId = str(params.threadId);
    const turnId = isObject(params.turn) ? str(params.turn.id) : undefined;
    this._endOpen(open => open.threadId === threadId && open.turnId === turnId, atMs);
  }
}
