/*
 * The terminal tool item rows: `CodexToolItemEventBase` plus each kind's own
 * fields, typed per kind, one `event_type` per kind.
 */
import type {
  CommandExecutionSource,
  FinalApprovalOutcome,
  ToolItemFailureKind,
  ToolItemKind,
  ToolItemTerminalStatus,
  WebSearchAction,
} from '../semconv/values.js';
import type { AppServerClientFields, RuntimeFields } from './appServerFields.js';
import type { Count, Integer, Millis } from './numbers.js';

/** The `event_type` of each tool item kind's rows. */
export const TOOL_ITEM_EVENT_TYPES = {
  command_execution: 'codex_command_execution_event',
  file_change: 'codex_file_change_event',
  mcp_tool_call: 'codex_mcp_tool_call_event',
  dynamic_tool_call: 'codex_dynamic_tool_call_event',
  control_tool_call: 'codex_control_tool_call_event',
  collab_agent_tool_call: 'codex_collab_agent_tool_call_event',
  web_search: 'codex_web_search_event',
  image_generation: 'codex_image_generation_event',
} as const satisfies Record<ToolItemKind, string>;
/** The `event_type` of a tool item row. */
export type ToolItemEventType = (typeof TOOL_ITEM_EVENT_TYPES)[ToolItemKind];

/** `CodexToolItemEventBase`: the fields every tool item row has. */
export interface CodexToolItemEventParams {
  /** The agent thread id; from `gen_ai.conversation.id`. */
  thread_id: string;
  /** The agent session; from `agent_review.session.id`. */
  session_id: string | null;
  /** The turn id; from `agent_review.turn.id`. */
  turn_id: string;
  /** The item id; from `gen_ai.tool.call.id`. */
  item_id: string;
  /** Correlation id; from `agent_review.item.cell_id`. */
  cell_id: string | null;
  /** Correlation id; from `agent_review.item.parent_call_id`. */
  parent_call_id: string | null;
  /** Correlation id; from `agent_review.item.originating_response_id`. */
  originating_response_id: string | null;
  /** Correlation id; from `agent_review.item.subsequent_response_id`. */
  subsequent_response_id: string | null;
  /** The app-server client the thread runs for, when known. */
  app_server_client: AppServerClientFields | null;
  /** The agent runtime (version and platform), when known. */
  runtime: RuntimeFields | null;
  /** Who started the thread: `user`, `subagent`, …; from `agent_review.thread.source`. */
  thread_source: string | null;
  /** For subagent threads: `thread_spawn`, `review`, `compact`, …; from `agent_review.thread.subagent_source`. */
  subagent_source: string | null;
  /** Parent thread of a subagent thread; from `agent_review.thread.parent_id`. */
  parent_thread_id: string | null;
  /** `shell`, `user_shell`, `unified_exec`, `apply_patch`, an MCP tool, …; from `gen_ai.tool.name`. */
  tool_name: string;
  /** When the item started, in Unix milliseconds. */
  started_at_ms: Millis;
  /** When the item completed, in Unix milliseconds. */
  completed_at_ms: Millis;
  /** Time from start to completion. */
  duration_ms: Millis | null;
  /** Time the tool itself ran; from `agent_review.item.execution_duration_ms`. */
  execution_duration_ms: Millis | null;
  /** Reviews of this item, by anyone. */
  review_count: Count;
  /** Guardian reviews of this item. */
  guardian_review_count: Count;
  /** User reviews of this item. */
  user_review_count: Count;
  /** What the reviews of this item came to, in the end. */
  final_approval_outcome: FinalApprovalOutcome;
  /** How the item ended. */
  terminal_status: ToolItemTerminalStatus;
  /** Why the item failed, from its status; null when it did not. */
  failure_kind: ToolItemFailureKind | null;
  /** A review of this item asked for more than the sandbox allows. */
  requested_additional_permissions: boolean;
  /** A review of this item asked for network access. */
  requested_network_access: boolean;
}

/** Each kind's own fields, in Codex's order. */
export interface ToolItemKindFields {
  /** `codex_command_execution_event`: the command's plugin, script, source, exit code and parsed actions. */
  command_execution: {
    plugin_id: string | null;
    script_path: string | null;
    command_execution_source: CommandExecutionSource | null;
    exit_code: Integer | null;
    command_total_action_count: Count | null;
    command_read_action_count: Count | null;
    command_list_files_action_count: Count | null;
    command_search_action_count: Count | null;
    command_unknown_action_count: Count | null;
  };
  /** `codex_file_change_event`: the files a patch adds, updates, deletes and moves. */
  file_change: {
    file_change_count: Count | null;
    file_add_count: Count | null;
    file_update_count: Count | null;
    file_delete_count: Count | null;
    file_move_count: Count | null;
  };
  /** `codex_mcp_tool_call_event`: the MCP server, tool, connector and whether it returned an error. */
  mcp_tool_call: {
    mcp_server_name: string | null;
    mcp_tool_name: string | null;
    mcp_error_present: boolean | null;
    plugin_id: string | null;
    connector_id: string | null;
  };
  /** `codex_dynamic_tool_call_event`: the dynamic tool, its success and output items. */
  dynamic_tool_call: {
    dynamic_tool_name: string | null;
    success: boolean | null;
    output_content_item_count: Count | null;
    output_text_item_count: Count | null;
    output_image_item_count: Count | null;
    output_audio_item_count: Count | null;
  };
  /** `codex_control_tool_call_event`: whether the control tool succeeded. */
  control_tool_call: { success: boolean | null };
  /** `codex_collab_agent_tool_call_event`: the agents called, what was asked of them and how they ended. */
  collab_agent_tool_call: {
    sender_thread_id: string | null;
    receiver_thread_count: Count | null;
    receiver_thread_ids: string[] | null;
    requested_model: string | null;
    requested_reasoning_effort: string | null;
    agent_state_count: Count | null;
    completed_agent_count: Count | null;
    failed_agent_count: Count | null;
  };
  /** `codex_web_search_event`: what the search did and its queries. */
  web_search: {
    web_search_action: WebSearchAction | null;
    query_present: boolean | null;
    query_count: Count | null;
  };
  /** `codex_image_generation_event`: whether the prompt was revised and the image saved. */
  image_generation: {
    revised_prompt_present: boolean | null;
    saved_path_present: boolean | null;
  };
}

/** The row of one tool item kind. */
export interface ToolItemRowOf<K extends ToolItemKind> {
  /** The kind's `event_type`. */
  event_type: (typeof TOOL_ITEM_EVENT_TYPES)[K];
  /** The common fields and the kind's own. */
  event_params: CodexToolItemEventParams & ToolItemKindFields[K];
}


export type CommandExecutionEventRow = ToolItemRowOf<'command_execution'>;
export type FileChangeEventRow = ToolItemRowOf<'file_change'>;
export type McpToolCallEventRow = ToolItemRowOf<'mcp_tool_call'>;
export type DynamicToolCallEventRow = ToolItemRowOf<'dynamic_tool_call'>;
export type ControlToolCallEventRow = ToolItemRowOf<'control_tool_call'>;
export type CollabAgentToolCallEventRow = ToolItemRowOf<'collab_agent_tool_call'>;
export type WebSearchEventRow = ToolItemRowOf<'web_search'>;
export type ImageGenerationEventRow = ToolItemRowOf<'image_generation'>;

/** A tool item row of any kind. */
export type ToolItemRow =
  | CommandExecutionEventRow
  | FileChangeEventRow
  | McpToolCallEventRow
  | DynamicToolCallEventRow
  | ControlToolCallEventRow
  | CollabAgentToolCallEventRow
  | WebSearchEventRow
  | ImageGenerationEventRow;
