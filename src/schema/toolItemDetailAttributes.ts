/*
 * The facts of a tool item that its kind has, set as they become known.
 * Options: `ToolItemDetails`. Which fields each kind's row has, and in which
 * order, toolItemKindFields.ts says.
 */
import * as A from '../semconv/attributes.js';
import { COMMAND_EXECUTION_SOURCES, WEB_SEARCH_ACTIONS } from '../semconv/values.js';
import {
  booleanAttribute,
  countAttribute,
  enumAttribute,
  integerAttribute,
  stringArrayAttribute,
  stringAttribute,
  attributeTable,
} from './AttributeDefinition.js';

const detail = { when: 'any' } as const;

export const TOOL_ITEM_DETAIL_ATTRIBUTES = attributeTable({
  subsequentResponseId: stringAttribute(A.ATTR_ITEM_SUBSEQUENT_RESPONSE_ID, {
    ...detail,
    field: 'subsequent_response_id',
    meaning: 'correlation id',
  }),
  executionDurationMs: countAttribute(A.ATTR_ITEM_EXECUTION_DURATION_MS, {
    ...detail,
    field: 'execution_duration_ms',
    meaning: 'time the tool itself ran',
  }),
  success: booleanAttribute(A.ATTR_ITEM_SUCCESS, {
    ...detail,
    field: 'success',
    meaning: 'dynamic and control tools',
  }),
  pluginId: stringAttribute(A.ATTR_PLUGIN_ID, {
    ...detail,
    field: 'plugin_id',
    meaning: 'command and MCP items',
  }),
  commandSource: enumAttribute(A.ATTR_COMMAND_SOURCE, COMMAND_EXECUTION_SOURCES, {
    ...detail,
    field: 'command_execution_source',
    meaning: 'who ran the command',
  }),
  exitCode: integerAttribute(A.ATTR_COMMAND_EXIT_CODE, {
    ...detail,
    field: 'exit_code',
    meaning: "the command's exit code",
  }),
  scriptPath: stringAttribute(A.ATTR_COMMAND_SCRIPT_PATH, {
    ...detail,
    field: 'script_path',
    content: true,
    meaning: 'the script a plugin command runs',
  }),
  readActions: countAttribute(A.ATTR_COMMAND_READ_ACTIONS, {
    ...detail,
    field: 'command_read_action_count',
    meaning: 'parsed command actions',
  }),
  listFilesActions: countAttribute(A.ATTR_COMMAND_LIST_FILES_ACTIONS, {
    ...detail,
    field: 'command_list_files_action_count',
    meaning: 'parsed command actions',
  }),
  searchActions: countAttribute(A.ATTR_COMMAND_SEARCH_ACTIONS, {
    ...detail,
    field: 'command_search_action_count',
    meaning: 'parsed command actions',
  }),
  unknownActions: countAttribute(A.ATTR_COMMAND_UNKNOWN_ACTIONS, {
    ...detail,
    field: 'command_unknown_action_count',
    meaning: 'parsed command actions',
  }),
  fileChanges: countAttribute(A.ATTR_FILE_CHANGE_COUNT, {
    ...detail,
    field: 'file_change_count',
    meaning: 'files the patch touches',
  }),
  fileAdds: countAttribute(A.ATTR_FILE_CHANGE_ADDS, {
    ...detail,
    field: 'file_add_count',
    meaning: 'files added',
  }),
  fileUpdates: countAttribute(A.ATTR_FILE_CHANGE_UPDATES, {
    ...detail,
    field: 'file_update_count',
    meaning: 'files updated',
  }),
  fileDeletes: countAttribute(A.ATTR_FILE_CHANGE_DELETES, {
    ...detail,
    field: 'file_delete_count',
    meaning: 'files deleted',
  }),
  fileMoves: countAttribute(A.ATTR_FILE_CHANGE_MOVES, {
    ...detail,
    field: 'file_move_count',
    meaning: 'files moved',
  }),
  mcpServer: stringAttribute(A.ATTR_MCP_SERVER, {
    ...detail,
    field: 'mcp_server_name',
    meaning: 'the MCP server',
  }),
  mcpToolName: stringAttribute(A.ATTR_MCP_TOOL_NAME, {
    ...detail,
    field: 'mcp_tool_name',
    meaning: 'the MCP tool',
  }),
  mcpErrorPresent: booleanAttribute(A.ATTR_MCP_ERROR_PRESENT, {
    ...detail,
    field: 'mcp_error_present',
    meaning: 'the MCP call returned an error',
  }),
  connectorId: stringAttribute(A.ATTR_MCP_CONNECTOR_ID, {
    ...detail,
    field: 'connector_id',
    meaning: 'the MCP connector',
  }),
  dynamicToolName: stringAttribute(A.ATTR_DYNAMIC_TOOL_NAME, {
    ...detail,
    field: 'dynamic_tool_name',
    meaning: 'the dynamic tool',
  }),
  outputContentItems: countAttribute(A.ATTR_DYNAMIC_OUTPUT_CONTENT_ITEMS, {
    ...detail,
    field: 'output_content_item_count',
    meaning: 'output items of a dynamic tool',
  }),
  outputTextItems: countAttribute(A.ATTR_DYNAMIC_OUTPUT_TEXT_ITEMS, {
    ...detail,
    field: 'output_text_item_count',
    meaning: 'text output items',
  }),
  outputImageItems: countAttribute(A.ATTR_DYNAMIC_OUTPUT_IMAGE_ITEMS, {
    ...detail,
    field: 'output_image_item_count',
    meaning: 'image output items',
  }),
  outputAudioItems: countAttribute(A.ATTR_DYNAMIC_OUTPUT_AUDIO_ITEMS, {
    ...detail,
    field: 'output_audio_item_count',
    meaning: 'audio output items',
  }),
  senderThreadId: stringAttribute(A.ATTR_COLLAB_SENDER_THREAD_ID, {
    ...detail,
    field: 'sender_thread_id',
    meaning: 'the thread that called the agents',
  }),
  receiverThreadIds: stringArrayAttribute(A.ATTR_COLLAB_RECEIVER_THREAD_IDS, {
    ...detail,
    field: 'receiver_thread_ids',
    meaning: 'the called agent threads (their number is `receiver_thread_count`)',
  }),
  requestedModel: stringAttribute(A.ATTR_COLLAB_REQUESTED_MODEL, {
    ...detail,
    field: 'requested_model',
    meaning: 'model asked for the called agents',
  }),
  requestedReasoningEffort: stringAttribute(A.ATTR_COLLAB_REQUESTED_REASONING_EFFORT, {
    ...detail,
    field: 'requested_reasoning_effort',
    meaning: 'reasoning effort asked for the called agents',
  }),
  agentStates: countAttribute(A.ATTR_COLLAB_AGENT_STATES, {
    ...detail,
    field: 'agent_state_count',
    meaning: 'agent states reported',
  }),
  completedAgents: countAttribute(A.ATTR_COLLAB_COMPLETED_AGENTS, {
    ...detail,
    field: 'completed_agent_count',
    meaning: 'agents that completed',
  }),
  failedAgents: countAttribute(A.ATTR_COLLAB_FAILED_AGENTS, {
    ...detail,
    field: 'failed_agent_count',
    meaning: 'agents that failed',
  }),
  webSearchAction: enumAttribute(A.ATTR_WEB_SEARCH_ACTION, WEB_SEARCH_ACTIONS, {
    ...detail,
    field: 'web_search_action',
    meaning: 'what the web search did',
  }),
  queryPresent: booleanAttribute(A.ATTR_WEB_SEARCH_QUERY_PRESENT, {
    ...detail,
    field: 'query_present',
    meaning: 'the search had a query',
  }),
  queryCount: countAttribute(A.ATTR_WEB_SEARCH_QUERY_COUNT, {
    ...detail,
    field: 'query_count',
    meaning: 'queries of the search',
  }),
  revisedPromptPresent: booleanAttribute(A.ATTR_IMAGE_REVISED_PROMPT_PRESENT, {
    ...detail,
    field: 'revised_prompt_present',
    meaning: 'the image model revised the prompt',
  }),
  savedPathPresent: booleanAttribute(A.ATTR_IMAGE_SAVED_PATH_PRESENT, {
    ...detail,
    field: 'saved_path_present',
    meaning: 'the image was saved',
  }),
});
