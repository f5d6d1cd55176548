/*
 * The fields each tool item kind adds to its row, in Codex's order: an
 * attribute's own field, or a field computed from other attributes.
 */
import type { ToolItemKind } from '../semconv/values.js';
import type { AttributeDefinition } from './AttributeDefinition.js';
import { TOOL_ITEM_DETAIL_ATTRIBUTES as D } from './toolItemDetailAttributes.js';

/** A row field computed from attributes: a sum of counts present, or an array's length. */
export type DerivedField =
  | { readonly field: string; readonly sumOf: readonly AttributeDefinition<number>[]; readonly meaning: string }
  | { readonly field: string; readonly lengthOf: AttributeDefinition<string[]>; readonly meaning: string };

export type KindField = AttributeDefinition | DerivedField;

export function isDerivedField(field: KindField): field is DerivedField {
  return 'sumOf' in field || 'lengthOf' in field;
}

const COMMAND_ACTIONS = [D.readActions, D.listFilesActions, D.searchActions, D.unknownActions];

export const TOOL_ITEM_KIND_FIELDS: { readonly [K in ToolItemKind]: readonly KindField[] } = {
  command_execution: [
    D.pluginId,
    D.scriptPath,
    D.commandSource,
    D.exitCode,
    {
      field: 'command_total_action_count',
      sumOf: COMMAND_ACTIONS,
      meaning: 'sum of the action counts present',
    },
    ...COMMAND_ACTIONS,
  ],
  file_change: [D.fileChanges, D.fileAdds, D.fileUpdates, D.fileDeletes, D.fileMoves],
  mcp_tool_call: [D.mcpServer, D.mcpToolName, D.mcpErrorPresent, D.pluginId, D.connectorId],
  dynamic_tool_call: [
    D.dynamicToolName,
    D.success,
    D.outputContentItems,
    D.outputTextItems,
    D.outputImageItems,
    D.outputAudioItems,
  ],
  control_tool_call: [D.success],
  collab_agent_tool_call: [
    D.senderThreadId,
    {
      field: 'receiver_thread_count',
      lengthOf: D.receiverThreadIds,
      meaning: 'number of receiver thread ids',
    },
    D.receiverThreadIds,
    D.requestedModel,
    D.requestedReasoningEffort,
    D.agentStates,
    D.completedAgents,
    D.failedAgents,
  ],
  web_search: [D.webSearchAction, D.queryPresent, D.queryCount],
  image_generation: [D.revisedPromptPresent, D.savedPathPresent],
};
