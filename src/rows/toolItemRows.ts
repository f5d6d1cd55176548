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
export type ToolItemEventType = (typeof TOOL_ITEM_EVENT_TYPES)[ToolItemKind];

/** `CodexToolItemEventBase`: the fields every tool item row has. */
export interface CodexToolItemEventParams {
  thread_id: string;
  session_id: string | null;
  turn_id: string;
  item_id: string;
  cell_id: string | null;
  parent_call_id: string | null;
  originating_response_id: string | null;
  subsequent_response_id: string | null;
  app_server_client: AppServerClientFields | null;
  runtime: RuntimeFields | null;
  thread_source: string | null;
  subagent_source: string | null;
  parent_thread_id: string | null;
  tool_name: string;
  started_at_ms: Millis;
  completed_at_ms: Millis;
  duration_ms: Millis | null;
  execution_duration_ms: Millis | null;
  review_count: Count;
  guardian_review_count: Count;
  user_review_count: Count;
  final_approval_outcome: FinalApprovalOutcome;
  terminal_status: ToolItemTerminalStatus;
  failure_kind: ToolItemFailureKind | null;
  requested_additional_permissions: boolean;
  requested_network_access: boolean;
}

/** Each kind's own fields, in Codex's order. */
export interface ToolItemKindFields {
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
  file_change: {
    file_change_count: Count | null;
    file_add_count: Count | null;
    file_update_count: Count | null;
    file_delete_count: Count | null;
    file_move_count: Count | null;
  };
  mcp_tool_call: {
    mcp_server_name: string | null;
    mcp_tool_name: string | null;
    mcp_error_present: boolean | null;
    plugin_id: string | null;
    connector_id: string | null;
  };
  dynamic_tool_call: {
    dynamic_tool_name: string | null;
    success: boolean | null;
    output_content_item_count: Count | null;
    output_text_item_count: Count | null;
    output_image_item_count: Count | null;
    output_audio_item_count: Count | null;
  };
  control_tool_call: { success: boolean | null };
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
  web_search: {
    web_search_action: WebSearchAction | null;
    query_present: boolean | null;
    query_count: Count | null;
  };
  image_generation: {
    revised_prompt_present: boolean | null;
    saved_path_present: boolean | null;
  };
}

/** The row of one tool item kind. */
export interface ToolItemRowOf<K extends ToolItemKind> {
  event_type: (typeof TOOL_ITEM_EVENT_TYPES)[K];
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

export type ToolItemRow =
  | CommandExecutionEventRow
  | FileChangeEventRow
  | McpToolCallEventRow
  | DynamicToolCallEventRow
  | ControlToolCallEventRow
  | CollabAgentToolCallEventRow
  | WebSearchEventRow
  | ImageGenerationEventRow;
