/*
 * A finished tool item span → its terminal tool item row. The review summary
 * fields start at "no review"; the processor fills them from the reviews it
 * saw for the same (thread, turn, item).
 */
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
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
import type { ToolItemKind } from '../semconv/values.js';
import { readAppServerFields } from './appServerFields.js';
import { toolItemOutcome } from './reviewRules.js';
import { type JsonValue, TOOL_ITEM_EVENT_TYPES, type ToolItemRow } from './rows.js';
import {
  optionalBoolean,
  optionalCount,
  optionalEnum,
  optionalInteger,
  optionalString,
  optionalStringArray,
  requiredEnum,
  requiredString,
} from './spanAttributes.js';
import { checkedDurationMillis, hrTimeToMillis } from './spanTime.js';
import { readThreadFields } from './threadContext.js';
import {
  COMMAND_EXECUTION_SOURCE_SET,
  TOOL_ITEM_KIND_SET,
  TOOL_ITEM_STATUS_SET,
  WEB_SEARCH_ACTION_SET,
} from './valueSets.js';

/** Reads one kind-specific row field from the span's attributes. */
type FieldReader = (attrs: Attributes) => JsonValue;
type KindFields = ReadonlyArray<readonly [field: string, read: FieldReader]>;

const str = (key: string): FieldReader => attrs => optionalString(attrs, key);
const count = (key: string): FieldReader => attrs => optionalCount(attrs, key);
const bool = (key: string): FieldReader => attrs => optionalBoolean(attrs, key);

const COMMAND_ACTION_KEYS = [
  ATTR_COMMAND_READ_ACTIONS,
  ATTR_COMMAND_LIST_FILES_ACTIONS,
  ATTR_COMMAND_SEARCH_ACTIONS,
  ATTR_COMMAND_UNKNOWN_ACTIONS,
];

/** Sum of the per-type action counts, null when the span has none. */
const totalCommandActions: FieldReader = attrs => {
  let total: number | null = null;
  for (const key of COMMAND_ACTION_KEYS) {
    const value = optionalCount(attrs, key);
    if (value !== null) total = (total ?? 0) + value;
  }
  return total;
};

const KIND_FIELDS: Record<ToolItemKind, KindFields> = {
  command_execution: [
    ['plugin_id', str(ATTR_PLUGIN_ID)],
    ['script_path', str(ATTR_COMMAND_SCRIPT_PATH)],
    [
      'command_execution_source',
      attrs => optionalEnum(attrs, ATTR_COMMAND_SOURCE, COMMAND_EXECUTION_SOURCE_SET),
    ],
    ['exit_code', attrs => optionalInteger(attrs, ATTR_COMMAND_EXIT_CODE)],
    ['command_total_action_count', totalCommandActions],
    ['command_read_action_count', count(ATTR_COMMAND_READ_ACTIONS)],
    ['command_list_files_action_count', count(ATTR_COMMAND_LIST_FILES_ACTIONS)],
    ['command_search_action_count', count(ATTR_COMMAND_SEARCH_ACTIONS)],
    ['command_unknown_action_count', count(ATTR_COMMAND_UNKNOWN_ACTIONS)],
  ],
  file_change: [
    ['file_change_count', count(ATTR_FILE_CHANGE_COUNT)],
    ['file_add_count', count(ATTR_FILE_CHANGE_ADDS)],
    ['file_update_count', count(ATTR_FILE_CHANGE_UPDATES)],
    ['file_delete_count', count(ATTR_FILE_CHANGE_DELETES)],
    ['file_move_count', count(ATTR_FILE_CHANGE_MOVES)],
  ],
  mcp_tool_call: [
    ['mcp_server_name', str(ATTR_MCP_SERVER)],
    ['mcp_tool_name', str(ATTR_MCP_TOOL_NAME)],
    ['mcp_error_present', bool(ATTR_MCP_ERROR_PRESENT)],
    ['plugin_id', str(ATTR_PLUGIN_ID)],
    ['connector_id', str(ATTR_MCP_CONNECTOR_ID)],
  ],
  dynamic_tool_call: [
    ['dynamic_tool_name', str(ATTR_DYNAMIC_TOOL_NAME)],
    ['success', bool(ATTR_ITEM_SUCCESS)],
    ['output_content_item_count', count(ATTR_DYNAMIC_OUTPUT_CONTENT_ITEMS)],
    ['output_text_item_count', count(ATTR_DYNAMIC_OUTPUT_TEXT_ITEMS)],
    ['output_image_item_count', count(ATTR_DYNAMIC_OUTPUT_IMAGE_ITEMS)],
    ['output_audio_item_count', count(ATTR_DYNAMIC_OUTPUT_AUDIO_ITEMS)],
  ],
  control_tool_call: [['success', bool(ATTR_ITEM_SUCCESS)]],
  collab_agent_tool_call: [
    ['sender_thread_id', str(ATTR_COLLAB_SENDER_THREAD_ID)],
    [
      'receiver_thread_count',
      attrs => optionalStringArray(attrs, ATTR_COLLAB_RECEIVER_THREAD_IDS)?.length ?? null,
    ],
    ['receiver_thread_ids', attrs => optionalStringArray(attrs, ATTR_COLLAB_RECEIVER_THREAD_IDS)],
    ['requested_model', str(ATTR_COLLAB_REQUESTED_MODEL)],
    ['requested_reasoning_effort', str(ATTR_COLLAB_REQUESTED_REASONING_EFFORT)],
    ['agent_state_count', count(ATTR_COLLAB_AGENT_STATES)],
    ['completed_agent_count', count(ATTR_COLLAB_COMPLETED_AGENTS)],
    ['failed_agent_count', count(ATTR_COLLAB_FAILED_AGENTS)],
  ],
  web_search: [
    ['web_search_action', attrs => optionalEnum(attrs, ATTR_WEB_SEARCH_ACTION, WEB_SEARCH_ACTION_SET)],
    ['query_present', bool(ATTR_WEB_SEARCH_QUERY_PRESENT)],
    ['query_count', count(ATTR_WEB_SEARCH_QUERY_COUNT)],
  ],
  image_generation: [
    ['revised_prompt_present', bool(ATTR_IMAGE_REVISED_PROMPT_PRESENT)],
    ['saved_path_present', bool(ATTR_IMAGE_SAVED_PATH_PRESENT)],
  ],
};

/** Null when the item was still in progress when its span ended. */
export function mapToolItemSpan(span: ReadableSpan): ToolItemRow | null {
  const attrs = span.attributes;
  const kind = requiredEnum(attrs, ATTR_ITEM_KIND, TOOL_ITEM_KIND_SET);
  const thread = readThreadFields(attrs);
  const itemId = requiredString(attrs, ATTR_GEN_AI_TOOL_CALL_ID);
  const toolName = requiredString(attrs, ATTR_GEN_AI_TOOL_NAME);
  const outcome = toolItemOutcome(
    kind,
    requiredEnum(attrs, ATTR_ITEM_STATUS, TOOL_ITEM_STATUS_SET)
  );
  if (outcome === null) return null;
  const startedAtMs = hrTimeToMillis(span.startTime);
  const completedAtMs = hrTimeToMillis(span.endTime);
  const appServer = readAppServerFields(span);
  const row: ToolItemRow = {
    event_type: TOOL_ITEM_EVENT_TYPES[kind],
    event_params: {
      thread_id: thread.thread_id,
      session_id: optionalString(attrs, ATTR_SESSION_ID),
      turn_id: thread.turn_id,
      item_id: itemId,
      cell_id: optionalString(attrs, ATTR_ITEM_CELL_ID),
      parent_call_id: optionalString(attrs, ATTR_ITEM_PARENT_CALL_ID),
      originating_response_id: optionalString(attrs, ATTR_ITEM_ORIGINATING_RESPONSE_ID),
      subsequent_response_id: optionalString(attrs, ATTR_ITEM_SUBSEQUENT_RESPONSE_ID),
      app_server_client: appServer.app_server_client,
      runtime: appServer.runtime,
      thread_source: thread.thread_source,
      subagent_source: thread.subagent_source,
      parent_thread_id: thread.parent_thread_id,
      tool_name: toolName,
      started_at_ms: startedAtMs,
      completed_at_ms: completedAtMs,
      duration_ms: checkedDurationMillis(startedAtMs, completedAtMs),
      execution_duration_ms: optionalCount(attrs, ATTR_ITEM_EXECUTION_DURATION_MS),
      review_count: 0,
      guardian_review_count: 0,
      user_review_count: 0,
      final_approval_outcome: 'unknown',
      terminal_status: outcome.terminalStatus,
      failure_kind: outcome.failureKind,
      requested_additional_permissions: false,
      requested_network_access: false,
    },
  };
  for (const [field, read] of KIND_FIELDS[kind]) {
    row.event_params[field] = read(attrs);
  }
  return row;
}
