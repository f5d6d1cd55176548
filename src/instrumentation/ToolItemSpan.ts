/* A tool item (command, patch, MCP call, ...) from start to terminal status. */
import type { Attributes, HrTime, Span } from '@opentelemetry/api';
import {
  ATTR_COLLAB_AGENT_STATES,
  ATTR_COLLAB_COMPLETED_AGENTS,
  ATTR_COLLAB_FAILED_AGENTS,
  ATTR_COLLAB_RECEIVER_THREAD_IDS,
  ATTR_COLLAB_REQUESTED_MODEL,
  ATTR_COLLAB_REQUESTED_REASONING_EFFORT,
  ATTR_COLLAB_SENDER_THREAD_ID,
  ATTR_COMMAND_EXIT_CODE,
  ATTR_COMMAND_LIST_FILES_ACTIONS,
  ATTR_COMMAND_READ_ACTIONS,
  ATTR_COMMAND_SCRIPT_PATH,
  ATTR_COMMAND_SEARCH_ACTIONS,
  ATTR_COMMAND_SOURCE,
  ATTR_COMMAND_UNKNOWN_ACTIONS,
  ATTR_DYNAMIC_OUTPUT_AUDIO_ITEMS,
  ATTR_DYNAMIC_OUTPUT_CONTENT_ITEMS,
  ATTR_DYNAMIC_OUTPUT_IMAGE_ITEMS,
  ATTR_DYNAMIC_OUTPUT_TEXT_ITEMS,
  ATTR_DYNAMIC_TOOL_NAME,
  ATTR_FILE_CHANGE_ADDS,
  ATTR_FILE_CHANGE_COUNT,
  ATTR_FILE_CHANGE_DELETES,
  ATTR_FILE_CHANGE_MOVES,
  ATTR_FILE_CHANGE_UPDATES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_IMAGE_REVISED_PROMPT_PRESENT,
  ATTR_IMAGE_SAVED_PATH_PRESENT,
  ATTR_ITEM_CELL_ID,
  ATTR_ITEM_EXECUTION_DURATION_MS,
  ATTR_ITEM_KIND,
  ATTR_ITEM_ORIGINATING_RESPONSE_ID,
  ATTR_ITEM_PARENT_CALL_ID,
  ATTR_ITEM_STATUS,
  ATTR_ITEM_SUBSEQUENT_RESPONSE_ID,
  ATTR_ITEM_SUCCESS,
  ATTR_MCP_CONNECTOR_ID,
  ATTR_MCP_ERROR_PRESENT,
  ATTR_MCP_SERVER,
  ATTR_MCP_TOOL_NAME,
  ATTR_PLUGIN_ID,
  ATTR_SESSION_ID,
  ATTR_WEB_SEARCH_ACTION,
  ATTR_WEB_SEARCH_QUERY_COUNT,
  ATTR_WEB_SEARCH_QUERY_PRESENT,
} from '../semconv/attributes.js';
import type {
  CommandExecutionSource,
  ToolItemKind,
  ToolItemStatus,
  WebSearchAction,
} from '../semconv/values.js';
import { OPERATION_EXECUTE_TOOL } from '../semconv/spans.js';
import { definedAttributes, FinishableSpan, setDefined } from './FinishableSpan.js';
import { threadAttributes } from './threadAttributes.js';
import type { SpanEndOptions, SpanStartOptions, ThreadContext } from './types.js';

export interface ToolItemStartOptions extends ThreadContext, SpanStartOptions {
  /** The item id (generally the model's call id): `gen_ai.tool.call.id`. */
  itemId: string;
  kind: ToolItemKind;
  /** `shell`, `user_shell`, `unified_exec`, `apply_patch`, an MCP tool, ... */
  toolName: string;
  sessionId?: string;
  cellId?: string;
  parentCallId?: string;
  originatingResponseId?: string;
  details?: ToolItemDetails;
}

/** The kind's own facts; each maps to one attribute. */
export interface ToolItemDetails {
  success?: boolean;
  pluginId?: string;
  subsequentResponseId?: string;
  executionDurationMs?: number;
  commandSource?: CommandExecutionSource;
  exitCode?: number;
  /** Content: recorded only when content recording is on. */
  scriptPath?: string;
  readActions?: number;
  listFilesActions?: number;
  searchActions?: number;
  unknownActions?: number;
  fileChanges?: number;
  fileAdds?: number;
  fileUpdates?: number;
  fileDeletes?: number;
  fileMoves?: number;
  mcpServer?: string;
  mcpToolName?: string;
  mcpErrorPresent?: boolean;
  connectorId?: string;
  dynamicToolName?: string;
  outputContentItems?: number;
  outputTextItems?: number;
  outputImageItems?: number;
  outputAudioItems?: number;
  senderThreadId?: string;
  receiverThreadIds?: string[];
  requestedModel?: string;
  requestedReasoningEffort?: string;
  agentStates?: number;
  completedAgents?: number;
  failedAgents?: number;
  webSearchAction?: WebSearchAction;
  queryPresent?: boolean;
  queryCount?: number;
  revisedPromptPresent?: boolean;
  savedPathPresent?: boolean;
}

export interface ToolItemFinishOptions extends SpanEndOptions {
  status: Exclude<ToolItemStatus, 'in_progress'>;
  details?: ToolItemDetails;
}

const DETAIL_ATTRIBUTES: Record<keyof ToolItemDetails, string> = {
  success: ATTR_ITEM_SUCCESS,
  pluginId: ATTR_PLUGIN_ID,
  subsequentResponseId: ATTR_ITEM_SUBSEQUENT_RESPONSE_ID,
  executionDurationMs: ATTR_ITEM_EXECUTION_DURATION_MS,
  commandSource: ATTR_COMMAND_SOURCE,
  exitCode: ATTR_COMMAND_EXIT_CODE,
  scriptPath: ATTR_COMMAND_SCRIPT_PATH,
  readActions: ATTR_COMMAND_READ_ACTIONS,
  listFilesActions: ATTR_COMMAND_LIST_FILES_ACTIONS,
  searchActions: ATTR_COMMAND_SEARCH_ACTIONS,
  unknownActions: ATTR_COMMAND_UNKNOWN_ACTIONS,
  fileChanges: ATTR_FILE_CHANGE_COUNT,
  fileAdds: ATTR_FILE_CHANGE_ADDS,
  fileUpdates: ATTR_FILE_CHANGE_UPDATES,
  fileDeletes: ATTR_FILE_CHANGE_DELETES,
  fileMoves: ATTR_FILE_CHANGE_MOVES,
  mcpServer: ATTR_MCP_SERVER,
  mcpToolName: ATTR_MCP_TOOL_NAME,
  mcpErrorPresent: ATTR_MCP_ERROR_PRESENT,
  connectorId: ATTR_MCP_CONNECTOR_ID,
  dynamicToolName: ATTR_DYNAMIC_TOOL_NAME,
  outputContentItems: ATTR_DYNAMIC_OUTPUT_CONTENT_ITEMS,
  outputTextItems: ATTR_DYNAMIC_OUTPUT_TEXT_ITEMS,
  outputImageItems: ATTR_DYNAMIC_OUTPUT_IMAGE_ITEMS,
  outputAudioItems: ATTR_DYNAMIC_OUTPUT_AUDIO_ITEMS,
  senderThreadId: ATTR_COLLAB_SENDER_THREAD_ID,
  receiverThreadIds: ATTR_COLLAB_RECEIVER_THREAD_IDS,
  requestedModel: ATTR_COLLAB_REQUESTED_MODEL,
  requestedReasoningEffort: ATTR_COLLAB_REQUESTED_REASONING_EFFORT,
  agentStates: ATTR_COLLAB_AGENT_STATES,
  completedAgents: ATTR_COLLAB_COMPLETED_AGENTS,
  failedAgents: ATTR_COLLAB_FAILED_AGENTS,
  webSearchAction: ATTR_WEB_SEARCH_ACTION,
  queryPresent: ATTR_WEB_SEARCH_QUERY_PRESENT,
  queryCount: ATTR_WEB_SEARCH_QUERY_COUNT,
  revisedPromptPresent: ATTR_IMAGE_REVISED_PROMPT_PRESENT,
  savedPathPresent: ATTR_IMAGE_SAVED_PATH_PRESENT,
};

const CONTENT_DETAILS = new Set<keyof ToolItemDetails>(['scriptPath']);

/** Attributes known when the item starts, set at span creation. */
export function toolItemStartAttributes(options: ToolItemStartOptions): Attributes {
  return {
    ...threadAttributes(options),
    ...definedAttributes({
      [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_EXECUTE_TOOL,
      [ATTR_GEN_AI_TOOL_NAME]: options.toolName,
      [ATTR_GEN_AI_TOOL_CALL_ID]: options.itemId,
      [ATTR_ITEM_KIND]: options.kind,
      [ATTR_SESSION_ID]: options.sessionId,
      [ATTR_ITEM_CELL_ID]: options.cellId,
      [ATTR_ITEM_PARENT_CALL_ID]: options.parentCallId,
      [ATTR_ITEM_ORIGINATING_RESPONSE_ID]: options.originatingResponseId,
    }),
  };
}

export class ToolItemSpan extends FinishableSpan {
  readonly itemId: string;
  private readonly _recordContent: boolean;

  /** Use ReviewTracer.startToolItem. */
  constructor(span: Span, startTime: HrTime, options: ToolItemStartOptions, recordContent: boolean) {
    super(span, startTime);
    this.itemId = options.itemId;
    this._recordContent = recordContent;
    if (options.details) this.setDetails(options.details);
  }

  /** Records the kind's own facts as they become known. */
  setDetails(details: ToolItemDetails): void {
    if (!this._isOpen('setDetails')) return;
    for (const key in details) {
      const name = key as keyof ToolItemDetails;
      if (CONTENT_DETAILS.has(name) && !this._recordContent) continue;
      setDefined(this.span, { [DETAIL_ATTRIBUTES[name]]: details[name] });
    }
  }

  finish(options: ToolItemFinishOptions): void {
    if (!this._isOpen('finish')) return;
    if (options.details) this.setDetails(options.details);
    this.span.setAttribute(ATTR_ITEM_STATUS, options.status);
    this._end(options.endTime);
  }

  protected _describe(): string {
    return `tool item ${this.itemId}`;
  }
}
