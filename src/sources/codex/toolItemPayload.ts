/*
 * The tool item of an app-server `item/started` / `item/completed` (Codex
 * 0.169.0, v2 protocol) → the tool item helper's options. Returns null for
 * items that are not tool items.
 */
import type { ToolItemDetails } from '../../index.js';
import type { CommandExecutionSource, ToolItemKind, ToolItemStatus } from '../../semconv/index.js';
import { num, str } from './jsonFields.js';
import { isObject, type JsonObject } from './jsonRpcMessage.js';

// The lookups are Maps keyed by any value, not objects: a field such as
// `toString` must not find Object's members.

/** App-server item types that are tool items, and their kind. */
const ITEM_KINDS = new Map<unknown, ToolItemKind>([
  ['commandExecution', 'command_execution'],
  ['fileChange', 'file_change'],
  ['mcpToolCall', 'mcp_tool_call'],
  ['dynamicToolCall', 'dynamic_tool_call'],
  ['collabAgentToolCall', 'collab_agent_tool_call'],
  ['webSearch', 'web_search'],
  ['imageGeneration', 'image_generation'],
]);

const ITEM_STATUSES = new Map<unknown, ToolItemStatus>([
  ['inProgress', 'in_progress'],
  ['completed', 'completed'],
  ['failed', 'failed'],
  ['declined', 'declined'],
]);

const COMMAND_SOURCES = new Map<unknown, CommandExecutionSource>([
  ['agent', 'agent'],
  ['userShell', 'user_shell'],
  ['unifiedExecStartup', 'unified_exec_startup'],
  ['unifiedExecInteraction', 'unified_exec_interaction'],
]);

export interface ToolItemFacts {
  itemId: string;
  kind: ToolItemKind;
  toolName: string;
  status: ToolItemStatus;
  /** Undefined for kinds that carry none. */
  details: ToolItemDetails | undefined;
}

/** The tool item an `item/started` / `item/completed` carries; null for other items. */
export function toolItemFacts(item: JsonObject): ToolItemFacts | null {
  const kind = ITEM_KINDS.get(item.type);
  const itemId = str(item.id);
  const status = ITEM_STATUSES.get(item.status);
  if (kind === undefined || itemId === undefined) return null;
  return {
    itemId,
    kind,
    toolName: toolName(kind, item),
    // Web searches and image generations carry no status until they finish.
    status: status ?? 'completed',
    details: itemDetails(kind, item),
  };
}

/**
 * Codex names a command by the runtime that ran it: `unified_exec` once
 * unified exec started it, `user_shell` for the user's own commands, and
 * `shell` for a command that never ran (e.g. rejected).
 */
function toolName(kind: ToolItemKind, item: JsonObject): string {
  switch (kind) {
    case 'command_execution': {
      const source = str(item.source);
      if (source === 'unifiedExecStartup' || source === 'unifiedExecInteraction') return 'unified_exec';
      return source === 'userShell' ? 'user_shell' : 'shell';
    }
    case 'file_change':
      return 'apply_patch';
    case 'mcp_tool_call':
      return str(item.tool) ?? 'mcp';
    case 'dynamic_tool_call':
      return str(item.tool) ?? 'dynamic';
    default:
      return kind;
  }
}

function itemDetails(kind: ToolItemKind, item: JsonObject): ToolItemDetails | undefined {
  switch (kind) {
    case 'command_execution':
      return {
        commandSource: COMMAND_SOURCES.get(item.source),
        exitCode: num(item.exitCode),
        executionDurationMs: num(item.durationMs),
        ...commandActionCounts(item.commandActions),
      };
    case 'file_change':
      return fileChangeCounts(item.changes);
    case 'mcp_tool_call':
      return { mcpServer: str(item.server), mcpToolName: str(item.tool) };
  }
  // The other kinds carry no details.
  return undefined;
}

function commandActionCounts(actions: unknown): ToolItemDetails {
  if (!Array.isArray(actions)) return {};
  const counts = { readActions: 0, listFilesActions: 0, searchActions: 0, unknownActions: 0 };
  for (const action of actions) {
    const type = isObject(action) ? action.type : undefined;
    if (type === 'read') counts.readActions++;
    else if (type === 'listFiles') counts.listFilesActions++;
    else if (type === 'search') counts.searchActions++;
    else counts.unknownActions++;
  }
  return counts;
}

function fileChangeCounts(changes: unknown): ToolItemDetails {
  if (!Array.isArray(changes)) return {};
  const counts = { fileChanges: changes.length, fileAdds: 0, fileUpdates: 0, fileDeletes: 0, fileMoves: 0 };
  for (const change of changes) {
    const kind = isObject(change) && isObject(change.kind) ? change.kind : {};
    if (kind.type === 'add') counts.fileAdds++;
    else if (kind.type === 'delete') counts.fileDeletes++;
    else if (typeof kind.move_path === 'string') counts.fileMoves++;
    else counts.fileUpdates++;
  }
  return counts;
}
