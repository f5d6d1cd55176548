/*
 * The tool items a session has open: `item/started` starts a tool item span,
 * `item/completed` finishes it, and the reviews of an item are parented on it
 * while it is open.
 */
import type { Context } from '@opentelemetry/api';
import type { ToolItemSpan } from '../../index.js';
import { ATTR_GEN_AI_TOOL_NAME, toolItemSpanName } from '../../semconv/index.js';
import type { BridgeScope } from './BridgeScope.js';
import { ExpiringMap } from './ExpiringMap.js';
import { num } from './jsonFields.js';
import { isObject, type JsonObject } from './jsonRpcMessage.js';
import { type ToolItemFacts, toolItemFacts } from './toolItemPayload.js';
import { type Turn, turnOf } from './turn.js';

interface OpenItem extends Turn {
  span: ToolItemSpan;
}

/** Map key of an item; an item id left undefined (a review that names no item) is null in it, so matches no item. */
const itemKey = (threadId: string, turnId: string, itemId: string | undefined) =>
  JSON.stringify([threadId, turnId, itemId]);

export class OpenToolItems {
  private readonly _scope: BridgeScope;
  private readonly _sessions: ExpiringMap<string>;
  private readonly _items: ExpiringMap<OpenItem>;

  /** `sessions`: the session id of each thread, from `thread/started`. */
  constructor(scope: BridgeScope, sessions: ExpiringMap<string>) {
    this._scope = scope;
    this._sessions = sessions;
    this._items = new ExpiringMap<OpenItem>({
      maxEntries: scope.maxOpen,
      maxAgeMs: scope.maxOpenAgeMs,
      onExpire: (item, atMs) => {
        scope.expired('tool item');
        item.span.finish({ status: 'interrupted', endTime: atMs });
      },
    });
  }

  started(params: JsonObject, atMs: number): void {
    const turn = turnOf(params);
    const item = isObject(params.item) ? params.item : null;
    if (turn === null || item === null) {
      this._scope.malformed('item/started');
      return;
    }
    const facts = toolItemFacts(item);
    if (facts === null) return;
    const key = itemKey(turn.threadId, turn.turnId, facts.itemId);
    if (this._items.get(key) === undefined) this._items.add(key, this._start(turn, params, item, facts, atMs), atMs);
  }

  completed(params: JsonObject, atMs: number): void {
    if (!isObject(params.item)) return;
    const item = params.item;
    const facts = toolItemFacts(item);
    if (facts === null) return;
    const turn = turnOf(params);
    if (turn === null) {
      this._scope.malformed('item/completed');
      return;
    }
    // An item first seen completed (e.g. the bridge joined late) still makes its row.
    const { span } =
      this._items.take(itemKey(turn.threadId, turn.turnId, facts.itemId)) ??
      this._start(turn, params, item, facts, atMs);
    // The completed item may name another tool than the started one (unified exec took the command over).
    span.span.updateName(toolItemSpanName(facts.toolName));
    span.span.setAttribute(ATTR_GEN_AI_TOOL_NAME, facts.toolName);
    if (facts.status === 'in_progress') {
      this._scope.malformed(`item/completed for ${facts.itemId} still in progress`);
      span.finish({ status: 'interrupted', endTime: atMs });
      return;
    }
    span.finish({
      status: facts.status,
      details: facts.details,
      endTime: num(item.completedAtMs) ?? num(params.completedAtMs) ?? atMs,
    });
  }

  /** Starts the span of a tool item of `turn`, from its `item/started` (or first-seen `item/completed`) params. */
  private _start(turn: Turn, params: JsonObject, item: JsonObject, facts: ToolItemFacts, atMs: number): OpenItem {
    const span = this._scope.reviews.startToolItem({
      ...this._scope.context(turn),
      itemId: facts.itemId,
      kind: facts.kind,
      toolName: facts.toolName,
      sessionId: this._sessions.get(turn.threadId),
      startTime: num(item.startedAtMs) ?? num(params.startedAtMs) ?? atMs,
    });
    return { ...turn, span };
  }

  /** The context of the item's span while it is open, the parent of its reviews. */
  context(turn: Turn, itemId: string | undefined): Context | undefined {
    return this._items.get(itemKey(turn.threadId, turn.turnId, itemId))?.span.context();
  }

  /** Finishes the selected items the stream left open as interrupted. */
  interruptWhere(select: (open: Turn) => boolean, atMs: number): void {
    for (const item of this._items.takeWhere(select)) {
      item.span.finish({ status: 'interrupted', endTime: atMs });
    }
  }
}
