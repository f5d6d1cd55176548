/* A tool item (command, patch, MCP call, ...) from start to terminal status. */
import type { Attributes, HrTime, Span } from '@opentelemetry/api';
import type { ContentRule } from '../rules/contentRule.js';
import { TOOL_ITEM_ATTRIBUTES } from '../schema/toolItemAttributes.js';
import { TOOL_ITEM_DETAIL_ATTRIBUTES } from '../schema/toolItemDetailAttributes.js';
import { OPERATION_EXECUTE_TOOL } from '../semconv/spans.js';
import type {
  CommandExecutionSource,
  ToolItemKind,
  ToolItemStatus,
  WebSearchAction,
} from '../semconv/values.js';
import { threadAttributes } from './threadAttributes.js';
import { FinishableSpan } from './FinishableSpan.js';
import type { SpanEndOptions, SpanStartOptions, ThreadContext } from './types.js';
import { putAttribute, putOptions } from './writeAttributes.js';

/** What a tool item knows when it starts. */
export interface ToolItemStartOptions extends ThreadContext, SpanStartOptions {
  /** The item id (generally the model's call id): `gen_ai.tool.call.id`. */
  itemId: string;
  /** The item kind; its presence marks a tool item span and picks the row `event_type`. */
  kind: ToolItemKind;
  /** `shell`, `user_shell`, `unified_exec`, `apply_patch`, an MCP tool, ... */
  toolName: string;
  /** The agent session; row field `session_id`. */
  sessionId?: string;
  /** Correlation id; row field `cell_id`. */
  cellId?: string;
  /** Correlation id; row field `parent_call_id`. */
  parentCallId?: string;
  /** Correlation id; row field `originating_response_id`. */
  originatingResponseId?: string;
  /** The kind's own facts known at the start. */
  details?: ToolItemDetails;
}

/** The kind's own facts; each maps to one attribute. */
export interface ToolItemDetails {
  /** Dynamic and control tools; row field `success`. */
  success?: boolean;
  /** Command and MCP items; row field `plugin_id`. */
  pluginId?: string;
  /** Correlation id; row field `subsequent_response_id`. */
  subsequentResponseId?: string;
  /** Time the tool itself ran; row field `execution_duration_ms`. */
  executionDurationMs?: number;
  /** Who ran the command; row field `command_execution_source`. */
  commandSource?: CommandExecutionSource;
  /** The command's exit code; row field `exit_code`. */
  exitCode?: number;
  /** Content: recorded only when content recording is on. */
  scriptPath?: string;
  /** Parsed command actions; row field `command_read_action_count`. */
  readActions?: number;
  /** Parsed command actions; row field `command_list_files_action_count`. */
  listFilesActions?: number;
  /** Parsed command actions; row field `command_search_action_count`. */
  searchActions?: number;
  /** Parsed command actions; row field `command_unknown_action_count`. */
  unknownActions?: number;
  /** Files the patch touches; row field `file_change_count`. */
  fileChanges?: number;
  /** Files added; row field `file_add_count`. */
  fileAdds?: number;
  /** Files updated; row field `file_update_count`. */
  fileUpdates?: number;
  /** Files deleted; row field `file_delete_count`. */
  fileDeletes?: number;
  /** Files moved; row field `file_move_count`. */
  fileMoves?: number;
  /** The MCP server; row field `mcp_server_name`. */
  mcpServer?: string;
  /** The MCP tool; row field `mcp_tool_name`. */
  mcpToolName?: string;
  /** The MCP call returned an error; row field `mcp_error_present`. */
  mcpErrorPresent?: boolean;
  /** The MCP connector; row field `connector_id`. */
  connectorId?: string;
  /** The dynamic tool; row field `dynamic_tool_name`. */
  dynamicToolName?: string;
  /** Output items of a dynamic tool; row field `output_content_item_count`. */
  outputContentItems?: number;
  /** Text output items; row field `output_text_item_count`. */
  outputTextItems?: number;
  /** Image output items; row field `output_image_item_count`. */
  outputImageItems?: number;
  /** Audio output items; row field `output_audio_item_count`. */
  outputAudioItems?: number;
  /** The thread that called the agents; row field `sender_thread_id`. */
  senderThreadId?: string;
  /** The called agent threads (their number is `receiver_thread_count`); row field `receiver_thread_ids`. */
  receiverThreadIds?: string[];
  /** Model asked for the called agents; row field `requested_model`. */
  requestedModel?: string;
  /** Reasoning effort asked for the called agents; row field `requested_reasoning_effort`. */
  requestedReasoningEffort?: string;
  /** Agent states reported; row field `agent_state_count`. */
  agentStates?: number;
  /** Agents that completed; row field `completed_agent_count`. */
  completedAgents?: number;
  /** Agents that failed; row field `failed_agent_count`. */
  failedAgents?: number;
  /** What the web search did; row field `web_search_action`. */
  webSearchAction?: WebSearchAction;
  /** The search had a query; row field `query_present`. */
  queryPresent?: boolean;
  /** Queries of the search; row field `query_count`. */
  queryCount?: number;
  /** The image model revised the prompt; row field `revised_prompt_present`. */
  revisedPromptPresent?: boolean;
  /** The image was saved; row field `saved_path_present`. */
  savedPathPresent?: boolean;
}

/** How a tool item ended. */
export interface ToolItemFinishOptions extends SpanEndOptions {
  /** Decides `terminal_status` and `failure_kind` (`in_progress`: no row). */
  status: Exclude<ToolItemStatus, 'in_progress'>;
  /** The kind's own facts known at the end. */
  details?: ToolItemDetails;
}

/** Attributes known when the item starts, set at span creation. */
export function toolItemStartAttributes(options: ToolItemStartOptions, content: ContentRule): Attributes {
  const attributes = threadAttributes(options);
  putAttribute(attributes, TOOL_ITEM_ATTRIBUTES.operationName, OPERATION_EXECUTE_TOOL);
  if (content.record) putAttribute(attributes, TOOL_ITEM_ATTRIBUTES.contentRecorded, true);
  return putOptions(attributes, TOOL_ITEM_ATTRIBUTES, options);
}

/** A tool item in flight: the span of one item of the agent's turn, ended when the item completes. */
export class ToolItemSpan extends FinishableSpan {
  /** The item id the span was started with. */
  readonly itemId: string;
  private readonly _content: ContentRule;

  /** Use ReviewTracer.startToolItem. */
  constructor(span: Span, startTime: HrTime, options: ToolItemStartOptions, content: ContentRule) {
    super(span, startTime);
    this.itemId = options.itemId;
    this._content = content;
    if (options.details) this.setDetails(options.details);
  }

  /** Records the kind's own facts as they become known. */
  setDetails(details: ToolItemDetails): void {
    this._run('setDetails', false, () => this._setDetails(details));
  }

  /** Ends the item with its final status and facts; once only, later calls are ignored. */
  finish(options: ToolItemFinishOptions): void {
    this._run('finish', true, () => {
      if (options.details) this._setDetails(options.details);
      this.span.setAttributes(putOptions({}, [TOOL_ITEM_ATTRIBUTES.status], options));
      this._end(options.endTime);
    });
  }

  private _setDetails(details: ToolItemDetails): void {
    this.span.setAttributes(putOptions({}, TOOL_ITEM_DETAIL_ATTRIBUTES, details, this._content));
  }

  /** The item, for diagnostics. */
  protected _describe(): string {
    return `tool item ${this.itemId}`;
  }
}
