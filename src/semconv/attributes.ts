/*
 * Attribute keys. GenAI semantic convention names are used wherever one
 * fits; everything else lives under the `agent_review.` namespace.
 * docs/span-model.md maps every key to the row fields it feeds.
 */

import { GUARDIAN_TOOL_CALL_KINDS, type GuardianToolCallKind } from './values.js';

// --- GenAI semantic conventions (v1.41 registry) ---
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id';
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
  'gen_ai.usage.cache_read.input_tokens';
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
  'gen_ai.usage.reasoning.output_tokens';
/** Seconds from the start of the review to the guardian's first token. */
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
  'gen_ai.response.time_to_first_chunk';
export const ATTR_ERROR_TYPE = 'error.type';

// --- Thread and turn context (all our spans) ---
export const ATTR_TURN_ID = 'agent_review.turn.id';
export const ATTR_SESSION_ID = 'agent_review.session.id';
export const ATTR_THREAD_SOURCE = 'agent_review.thread.source';
export const ATTR_THREAD_SUBAGENT_SOURCE = 'agent_review.thread.subagent_source';
export const ATTR_THREAD_PARENT_ID = 'agent_review.thread.parent_id';
/** Also read from the resource when the span does not carry it. */
export const ATTR_PRODUCT_CLIENT_ID = 'agent_review.client.product_id';
// The app-server client and the agent runtime (`app_server_client`, `runtime`
// of the rows); each is also read from the resource when the span lacks it.
export const ATTR_CLIENT_NAME = 'agent_review.client.name';
export const ATTR_CLIENT_VERSION = 'agent_review.client.version';
export const ATTR_CLIENT_RPC_TRANSPORT = 'agent_review.client.rpc_transport';
export const ATTR_CLIENT_EXPERIMENTAL_API = 'agent_review.client.experimental_api_enabled';
export const ATTR_RUNTIME_VERSION = 'agent_review.runtime.version';
export const ATTR_RUNTIME_OS = 'agent_review.runtime.os';
export const ATTR_RUNTIME_OS_VERSION = 'agent_review.runtime.os_version';
export const ATTR_RUNTIME_ARCH = 'agent_review.runtime.arch';

// --- Reviews (user and guardian) ---
/** `user` or `guardian`; its presence marks a review span. */
export const ATTR_REVIEWER = 'agent_review.reviewer';
/** Guardian review id (user review ids are derived from the request id). */
export const ATTR_REVIEW_ID = 'agent_review.review.id';
/** The request asks for network access (`requested_network_access`). */
export const ATTR_REQUEST_NETWORK_ACCESS = 'agent_review.request.network_access';
/** The request asks for more than the sandbox allows. */
export const ATTR_REQUEST_ADDITIONAL_PERMISSIONS =
  'agent_review.request.additional_permissions';

// --- User reviews ---
/** JSON-RPC id of the approval request (string or integer). */
export const ATTR_REQUEST_ID = 'agent_review.request.id';
export const ATTR_REQUEST_KIND = 'agent_review.request.kind';
/** Set when an execve interception asked for the approval. */
export const ATTR_REQUEST_APPROVAL_ID = 'agent_review.request.approval_id';
/** The command approval is really a network approval. */
export const ATTR_REQUEST_NETWORK_APPROVAL_CONTEXT =
  'agent_review.request.network_approval_context';
export const ATTR_USER_DECISION = 'agent_review.user.decision';
export const ATTR_PERMISSIONS_GRANT_SCOPE = 'agent_review.permissions.grant_scope';
/** The effective grant is empty (which denies the request). */
export const ATTR_PERMISSIONS_GRANT_EMPTY = 'agent_review.permissions.grant_empty';

// --- Guardian reviews ---
export const ATTR_GUARDIAN_TRIGGER = 'agent_review.guardian.trigger';
export const ATTR_GUARDIAN_RETRY_REASON = 'agent_review.guardian.retry_reason';
export const ATTR_GUARDIAN_DELEGATED = 'agent_review.guardian.delegated';
export const ATTR_GUARDIAN_ASSESSMENT_OUTCOME =
  'agent_review.guardian.assessment.outcome';
export const ATTR_GUARDIAN_FAILURE_KIND = 'agent_review.guardian.failure_kind';
export const ATTR_GUARDIAN_RISK_SCORE = 'agent_review.guardian.risk_score';
export const ATTR_GUARDIAN_RISK_LEVEL = 'agent_review.guardian.risk_level';
/** Content: recorded only when content recording is on. */
export const ATTR_GUARDIAN_RATIONALE = 'agent_review.guardian.rationale';
export const ATTR_GUARDIAN_THREAD_ID = 'agent_review.guardian.thread.id';
export const ATTR_GUARDIAN_SESSION_KIND = 'agent_review.guardian.session_kind';
export const ATTR_GUARDIAN_REASONING_EFFORT =
  'agent_review.guardian.reasoning_effort';
export const ATTR_GUARDIAN_PRIOR_REVIEW_CONTEXT =
  'agent_review.guardian.prior_review_context';
export const ATTR_GUARDIAN_TIMEOUT_MS = 'agent_review.guardian.timeout_ms';
export const ATTR_GUARDIAN_USAGE_TOTAL_TOKENS =
  'agent_review.guardian.usage.total_tokens';
/**
 * Per-kind tool call counts, `agent_review.guardian.tool_calls.<kind>`.
 * Written when the review finishes so that the SDK's event-count limit
 * cannot lower them; spans without them are counted from their events.
 */
export const ATTR_GUARDIAN_TOOL_CALLS = Object.fromEntries(
  GUARDIAN_TOOL_CALL_KINDS.map(kind => [kind, `agent_review.guardian.tool_calls.${kind}`])
) as Record<GuardianToolCallKind, string>;

/** The GenAI conventions' switch for recording message content; ours for review content. */
export const RECORD_CONTENT_ENV = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';

/** The span was made with content recording on (missing content keys are null in rows). */
export const ATTR_CONTENT_RECORDED = 'agent_review.content.recorded';

// --- The reviewed action of a guardian review ---
export const ATTR_ACTION_TYPE = 'agent_review.action.type';
export const ATTR_ACTION_TRUNCATED = 'agent_review.action.truncated';
export const ATTR_ACTION_SANDBOX_PERMISSIONS =
  'agent_review.action.sandbox_permissions';
export const ATTR_ACTION_TTY = 'agent_review.action.tty';
export const ATTR_ACTION_SOURCE = 'agent_review.action.source';
export const ATTR_ACTION_PROGRAM = 'agent_review.action.program';
export const ATTR_ACTION_PROTOCOL = 'agent_review.action.protocol';
export const ATTR_ACTION_PORT = 'agent_review.action.port';
/** Content keys below: recorded only when content recording is on. */
export const ATTR_ACTION_COMMAND = 'agent_review.action.command';
export const ATTR_ACTION_COMMAND_DISPLAY = 'agent_review.action.command_display';
export const ATTR_ACTION_CWD = 'agent_review.action.cwd';
export const ATTR_ACTION_JUSTIFICATION = 'agent_review.action.justification';
/** JSON text of the additional permission profile. */
export const ATTR_ACTION_ADDITIONAL_PERMISSIONS =
  'agent_review.action.additional_permissions';
export const ATTR_ACTION_ARGV = 'agent_review.action.argv';
export const ATTR_ACTION_FILES = 'agent_review.action.files';
export const ATTR_ACTION_PATCH = 'agent_review.action.patch';
export const ATTR_ACTION_TARGET = 'agent_review.action.target';
export const ATTR_ACTION_HOST = 'agent_review.action.host';

// --- MCP (guardian actions and MCP tool items) ---
export const ATTR_MCP_SERVER = 'agent_review.mcp.server';
export const ATTR_MCP_TOOL_NAME = 'agent_review.mcp.tool_name';
export const ATTR_MCP_CONNECTOR_ID = 'agent_review.mcp.connector_id';
export const ATTR_MCP_CONNECTOR_NAME = 'agent_review.mcp.connector_name';
export const ATTR_MCP_TOOL_TITLE = 'agent_review.mcp.tool_title';
/** Content: JSON text of the call's arguments. */
export const ATTR_MCP_ARGUMENTS = 'agent_review.mcp.arguments';
export const ATTR_MCP_ERROR_PRESENT = 'agent_review.mcp.error_present';

// --- Tool items ---
/** One of TOOL_ITEM_KINDS; its presence marks a tool item span. */
export const ATTR_ITEM_KIND = 'agent_review.item.kind';
export const ATTR_ITEM_STATUS = 'agent_review.item.status';
export const ATTR_ITEM_EXECUTION_DURATION_MS =
  'agent_review.item.execution_duration_ms';
export const ATTR_ITEM_CELL_ID = 'agent_review.item.cell_id';
export const ATTR_ITEM_PARENT_CALL_ID = 'agent_review.item.parent_call_id';
export const ATTR_ITEM_ORIGINATING_RESPONSE_ID =
  'agent_review.item.originating_response_id';
export const ATTR_ITEM_SUBSEQUENT_RESPONSE_ID =
  'agent_review.item.subsequent_response_id';
export const ATTR_ITEM_SUCCESS = 'agent_review.item.success';
export const ATTR_PLUGIN_ID = 'agent_review.plugin.id';
export const ATTR_COMMAND_SOURCE = 'agent_review.command.source';
export const ATTR_COMMAND_EXIT_CODE = 'agent_review.command.exit_code';
/** Content: path of the script a plugin command runs. */
export const ATTR_COMMAND_SCRIPT_PATH = 'agent_review.command.script_path';
export const ATTR_COMMAND_READ_ACTIONS = 'agent_review.command.actions.read';
export const ATTR_COMMAND_LIST_FILES_ACTIONS =
  'agent_review.command.actions.list_files';
export const ATTR_COMMAND_SEARCH_ACTIONS = 'agent_review.command.actions.search';
export const ATTR_COMMAND_UNKNOWN_ACTIONS = 'agent_review.command.actions.unknown';
export const ATTR_FILE_CHANGE_COUNT = 'agent_review.file_change.count';
export const ATTR_FILE_CHANGE_ADDS = 'agent_review.file_change.adds';
export const ATTR_FILE_CHANGE_UPDATES = 'agent_review.file_change.updates';
export const ATTR_FILE_CHANGE_DELETES = 'agent_review.file_change.deletes';
export const ATTR_FILE_CHANGE_MOVES = 'agent_review.file_change.moves';
export const ATTR_DYNAMIC_TOOL_NAME = 'agent_review.dynamic.tool_name';
export const ATTR_DYNAMIC_OUTPUT_CONTENT_ITEMS =
  'agent_review.dynamic.output.content_items';
export const ATTR_DYNAMIC_OUTPUT_TEXT_ITEMS = 'agent_review.dynamic.output.text_items';
export const ATTR_DYNAMIC_OUTPUT_IMAGE_ITEMS =
  'agent_review.dynamic.output.image_items';
export const ATTR_DYNAMIC_OUTPUT_AUDIO_ITEMS =
  'agent_review.dynamic.output.audio_items';
export const ATTR_COLLAB_SENDER_THREAD_ID = 'agent_review.collab.sender_thread_id';
export const ATTR_COLLAB_RECEIVER_THREAD_IDS =
  'agent_review.collab.receiver_thread_ids';
export const ATTR_COLLAB_REQUESTED_MODEL = 'agent_review.collab.requested_model';
export const ATTR_COLLAB_REQUESTED_REASONING_EFFORT =
  'agent_review.collab.requested_reasoning_effort';
export const ATTR_COLLAB_AGENT_STATES = 'agent_review.collab.agent_states';
export const ATTR_COLLAB_COMPLETED_AGENTS = 'agent_review.collab.completed_agents';
export const ATTR_COLLAB_FAILED_AGENTS = 'agent_review.collab.failed_agents';
export const ATTR_WEB_SEARCH_ACTION = 'agent_review.web_search.action';
export const ATTR_WEB_SEARCH_QUERY_PRESENT = 'agent_review.web_search.query_present';
export const ATTR_WEB_SEARCH_QUERY_COUNT = 'agent_review.web_search.query_count';
export const ATTR_IMAGE_REVISED_PROMPT_PRESENT =
  'agent_review.image_generation.revised_prompt_present';
export const ATTR_IMAGE_SAVED_PATH_PRESENT =
  'agent_review.image_generation.saved_path_present';

// --- Span events ---
export const EVENT_GUARDIAN_TOOL_CALL = 'agent_review.guardian.tool_call';
export const EVENT_GUARDIAN_FIRST_TOKEN = 'agent_review.guardian.first_token';
/** Event attribute: one of GUARDIAN_TOOL_CALL_KINDS. */
export const ATTR_TOOL_CALL_KIND = 'agent_review.tool_call.kind';
