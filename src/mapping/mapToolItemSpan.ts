/*
 * A finished tool item span → its terminal tool item row. The review summary
 * fields start at "no review"; the processor fills them from the reviews it
 * saw for the same (thread, turn, item).
 */
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { type ContentRule, NO_CONTENT } from '../rules/contentRule.js';
import { toolItemOutcome } from '../rules/toolItemRules.js';
import type { JsonValue } from '../rows/JsonValue.js';
import { TOOL_ITEM_EVENT_TYPES, type ToolItemRow } from '../rows/toolItemRows.js';
import { TOOL_ITEM_ATTRIBUTES as T } from '../schema/toolItemAttributes.js';
import { TOOL_ITEM_DETAIL_ATTRIBUTES as D } from '../schema/toolItemDetailAttributes.js';
import { isDerivedField, type KindField, TOOL_ITEM_KIND_FIELDS } from '../schema/toolItemKindFields.js';
import type { ToolItemKind } from '../semconv/values.js';
import { readAppServerFields } from './appServerFields.js';
import { contentOf, read, readContent, readRequired } from './readAttribute.js';
import { ITEM_ROW_SCOPE, toolItemKey } from './ReviewMapping.js';
import { spanTimes } from './spanTime.js';
import { readThreadFields } from './threadFields.js';

/** A tool item span mapped: its row and what the later stages need. */
export interface ToolItemMapping {
  /** The item's row, without its review counts until they are joined. */
  row: ToolItemRow;
  /** The item kind. */
  kind: ToolItemKind;
  /** The key its reviews were recorded under. */
  itemKey: string;
  /** One row per item, however often its span arrives: ITEM_ROW_SCOPE here, with the item key as `rowId`. */
  rowScope: string;
  /** The item key. */
  rowId: string;
}

function readKindField(attrs: Attributes, field: KindField, content: ContentRule | null): JsonValue {
  if (!isDerivedField(field)) {
    return (field.content ? readContent(attrs, field, content) : read(attrs, field)) as JsonValue;
  }
  if ('lengthOf' in field) return read(attrs, field.lengthOf)?.length ?? null;
  let total: number | null = null;
  for (const definition of field.sumOf) {
    const value = read(attrs, definition);
    if (value !== null) total = (total ?? 0) + value;
  }
  return total;
}

/**
 * Null when the item was still in progress when its span ended. Content
 * reaches the row only as `rule` lets it (default: none).
 */
export function mapToolItemSpan(span: ReadableSpan, rule: ContentRule = NO_CONTENT): ToolItemMapping | null {
  const attrs = span.attributes;
  const content = contentOf(attrs, T.contentRecorded, rule);
  const kind = readRequired(attrs, T.kind);
  const thread = readThreadFields(attrs);
  const itemId = readRequired(attrs, T.itemId);
  const toolName = readRequired(attrs, T.toolName);
  const outcome = toolItemOutcome(kind, readRequired(attrs, T.status));
  if (outcome === null) return null;
  const times = spanTimes(span);
  const appServer = readAppServerFields(span);
  const params: Record<string, JsonValue> = {
    thread_id: thread.thread_id,
    session_id: read(attrs, T.sessionId),
    turn_id: thread.turn_id,
    item_id: itemId,
    cell_id: read(attrs, T.cellId),
    parent_call_id: read(attrs, T.parentCallId),
    originating_response_id: read(attrs, T.originatingResponseId),
    subsequent_response_id: read(attrs, D.subsequentResponseId),
    app_server_client: appServer.app_server_client as JsonValue,
    runtime: appServer.runtime as JsonValue,
    thread_source: thread.thread_source,
    subagent_source: thread.subagent_source,
    parent_thread_id: thread.parent_thread_id,
    tool_name: toolName,
    started_at_ms: times.startedAtMs,
    completed_at_ms: times.completedAtMs,
    duration_ms: times.durationMs,
    execution_duration_ms: read(attrs, D.executionDurationMs),
    review_count: 0,
    guardian_review_count: 0,
    user_review_count: 0,
    final_approval_outcome: 'unknown',
    terminal_status: outcome.terminalStatus,
    failure_kind: outcome.failureKind,
    requested_additional_permissions: false,
    requested_network_access: false,
  };
  for (const field of TOOL_ITEM_KIND_FIELDS[kind]) {
    params[field.field as string] = readKindField(attrs, field, content);
  }
  const itemKey = toolItemKey(thread.thread_id, thread.turn_id, itemId);
  return {
    row: { event_type: TOOL_ITEM_EVENT_TYPES[kind], event_params: params } as unknown as ToolItemRow,
    kind,
    itemKey,
    rowScope: ITEM_ROW_SCOPE,
    rowId: itemKey,
  };
}
